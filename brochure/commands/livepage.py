"""The live page of `brochure serve`: what the last build found, each finding located in the content, and its HTML.

At the top, the status line and, after a failed build, a banner saying what failed: the
input's first FILE:LINE:COL made prominent, the editions whose checks failed, or a bug. Under
it every finding, with its edition, panel, content field and `content.yaml:LINE:COL`. Then
the panel previews, greyed and labelled stale when they are older than the build that failed,
or the proof (guides and findings drawn over the print sheet) on demand. A panel's picture has
PREVIEW_DENSITY pixels per CSS pixel at print size, and says its print size in CSS pixels
(`width`, `height`): the row shows it at most that large, sharp on a screen of as many device
pixels per CSS pixel. A click on a picture shows that file enlarged, at least at print size.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from brochure.editions.previews import PREVIEW_DENSITY
from brochure.errors import CheckFailed, ExitStatus
from brochure.preflight import Finding, Report, Severity
from brochure.preflight.located import Location, content_root, locate

if TYPE_CHECKING:
    from brochure.commands.serve import Pictures, Shown
    from brochure.commands.watch import Rebuild

# A line of an input error: `FILE:LINE:COL: message`.
_WHERE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.*)$")


@dataclass(frozen=True)
class Listed:
    """A finding of one edition, and where it is in the content (in `source`), where that is known."""

    edition: str
    finding: Finding
    source: Path | None = None
    location: Location | None = None


def listed(rebuild: Rebuild, sources: Sequence[Path]) -> tuple[Listed, ...]:
    """Every finding of `rebuild`, errors first, each located in the first of `sources` that holds it."""
    reports = _reports(rebuild)
    if not reports:
        return ()
    roots = [(path, content_root(path)) for path in sources]  # read once a build, not once a finding
    items = []
    for edition, report in reports:
        for finding in report.findings:
            found = ((path, locate(finding, root, report.layout)) for path, root in roots)
            source, location = next(((path, where) for path, where in found if where is not None), (None, None))
            items.append(Listed(edition, finding, source, location))
    items.sort(key=lambda item: (item.finding.severity is not Severity.ERROR, item.finding.page or 99))
    return tuple(items)


def _reports(rebuild: Rebuild) -> list[tuple[str, Report]]:
    """Each edition's checks, by edition; a build that failed before rendering, the content's."""
    if rebuild.result is not None:
        results = rebuild.result.editions
    elif rebuild.failed is not None:
        if not rebuild.failed.results:
            return [("content", rebuild.failed.report)]
        results = rebuild.failed.results
    else:
        return []
    return [(result.edition, result.report) for result in results if result.report is not None]


def page(shown: Shown) -> str:
    """The page: the status line, a banner for a failed build, the findings, the previews and the proof."""
    rebuild = shown.rebuild
    status = rebuild.headline.removesuffix(":") if rebuild else "building…"
    changed = set(rebuild.changed_panels) if rebuild else set()
    findings = _findings(shown.findings, rebuild)
    if shown.checking is not None:  # the new pictures, the last build's findings no longer
        status, changed, findings = "laid out, checking…", set(shown.changed), '<p id="findings">checking…</p>'
    previews = shown.previews
    figures = "\n".join(_figures(previews, changed, shown.stale)) if previews else ""
    stale = ""
    if shown.stale and previews is not None:
        stale = f'<p class="stale-note">Stale: these previews are from {previews.at}, the last good build.</p>'
    return _PAGE.format(
        generation=shown.generation,
        status=escape(status),
        banner=_banner(rebuild),
        findings=findings,
        stale_class=' class="stale"' if shown.stale else "",
        stale=stale,
        figures=figures or "<p>no previews yet</p>",
        proof=_proof(shown),
    )


def _banner(rebuild: Rebuild | None) -> str:
    """What failed, at the top of the page; nothing after a good build."""
    if rebuild is None or rebuild.result is not None:
        return ""
    if rebuild.failed is not None:
        items = "".join(f"<li>{escape(line)}</li>" for line in failed_lines(rebuild.failed))
        return _BANNER.format(
            kind="checks",
            title="Checks failed",
            body=f"<ul>{items}</ul><p>Nothing that failed was written: the last good files are kept. "
            "Each finding is listed below, with the line of the content to change.</p>",
        )
    error = rebuild.error or ""
    if rebuild.status == ExitStatus.INTERNAL_ERROR:
        return _BANNER.format(
            kind="bug",
            title="Not rebuilt: brochure failed (a bug in brochure, not a mistake in your files)",
            body=f'<pre id="error">{escape(error)}</pre><p>Run the command with --traceback to see where.</p>',
        )
    lines = error.splitlines()
    first = next((match for match in map(_WHERE.match, lines) if match), None)
    title = "Not rebuilt: a mistake in the input"
    if first is not None:
        where = f"{Path(first['file']).name}:{first['line']}"
        title = f'Not rebuilt: a mistake at <span class="where">{escape(where)}</span>, column {first["column"]}'
    body = "\n".join(_error_line(line) for line in lines)
    return _BANNER.format(kind="input", title=title, body=f'<pre id="error">{body}</pre>')


def failed_lines(failed: CheckFailed) -> list[str]:
    """What failed of a build whose checks failed, a line each: the editions, or the content before rendering."""
    if not failed.results:
        return [f"the content, before rendering: {failed.report.summary()}"]
    what = [f"{item.edition} edition: {item.report.summary()}" for item in failed.results if not item.ok]
    return what + [f"{item.edition} edition: not made: {item.skipped}" for item in failed.results if item.skipped]


def _error_line(line: str) -> str:
    """One line of an input error, its FILE:LINE:COL set apart."""
    match = _WHERE.match(line)
    if match is None:
        return escape(line)
    where = f"{match['file']}:{match['line']}:{match['column']}"
    return f'<b class="where">{escape(where)}</b>: {escape(match["message"])}'


def _findings(findings: tuple[Listed, ...], rebuild: Rebuild | None) -> str:
    """The findings as a table: severity, edition, panel, content field, where in the content, what."""
    if rebuild is None or (rebuild.result is None and rebuild.failed is None):
        return ""
    if not findings:
        return '<p id="findings">no findings</p>'
    rows = "\n".join(_row(item) for item in findings)
    return _FINDINGS.format(rows=rows)


def _row(item: Listed) -> str:
    finding, location = item.finding, item.location
    field = where = ""
    if location is not None:
        named = "" if location.named else ' class="section" title="the section this panel prints"'
        field = f"<code{named}>{escape(location.field)}</code>"
        where = f'<code class="where">{escape(location.where(item.source))}</code>'
    return (
        f'<tr class="{finding.severity.value}" data-check="{escape(finding.check)}">'
        f"<td>{finding.severity.value}</td><td>{escape(item.edition)}</td>"
        f'<td class="panel">{escape(finding.panel or "")}</td><td class="field">{field}</td>'
        f'<td class="line">{where}</td><td>{escape(finding.message)} <small>[{escape(finding.check)}]</small></td></tr>'
    )


def _figures(previews: Pictures, changed: set[str], stale: bool) -> list[str]:
    figures = []
    label = f'<span class="stale-label">stale — from {escape(previews.at)}</span>' if stale else ""
    for name, (width, height) in zip(previews.panels, previews.sizes, strict=True):
        panel = Path(name).stem.split("-", 2)[2]  # panel-NN-<panel id>.png
        mark = ' class="changed"' if panel in changed else ""
        src = f"/previews/{escape(name)}?g={previews.drawn}"
        # Print size in CSS pixels: the most the row shows, and what the overlay calls 100 %.
        css_width, css_height = round(width / PREVIEW_DENSITY), round(height / PREVIEW_DENSITY)
        figures.append(
            f'<figure data-panel="{escape(panel)}"{mark} style="flex-grow: {width}; max-width: {css_width}px">'
            f'{label}<img src="{src}" width="{css_width}" height="{css_height}" alt="{escape(panel)}" '
            f'data-zoom tabindex="0" title="click to enlarge"><figcaption>{escape(panel)}</figcaption></figure>'
        )
    return figures


def _proof(shown: Shown) -> str:
    """The proof's sides, or why there is none."""
    proof = shown.proof
    if proof is None:
        return "<p>No proof drawn yet: the proof is drawn with the print edition (not built with this --only).</p>"
    when = "this build's" if proof.drawn == shown.generation else f"from {proof.at}"
    sides = "\n".join(
        f'<figure><img src="/proof/{escape(name)}?g={proof.drawn}" alt="proof, {escape(Path(name).stem)}" '
        f'data-zoom tabindex="0" title="click to enlarge"></figure>'
        for name in proof.names
    )
    return f'<p class="proof-note">The print sheet with its guides and findings, {escape(when)}:</p>\n{sides}'


_BANNER = """<section id="banner" class="{kind}" role="alert">
<h2>{title}</h2>
{body}
</section>"""

_FINDINGS = """<section id="findings">
<table>
<colgroup><col class="severity"><col class="edition"><col class="panel"><col class="field"><col class="line">
<col></colgroup>
<thead><tr><th></th><th>edition</th><th>panel</th><th>field</th><th>in the content</th><th>finding</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</section>"""

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>brochure serve</title>
<style>
body {{ font: 15px/1.45 system-ui, sans-serif; margin: 0; background: #e2e2de; color: #222; }}
header {{ display: flex; gap: 1rem; align-items: center; justify-content: space-between; position: sticky; top: 0;
  z-index: 2;
  padding: .5rem 1rem; background: #fff; border-bottom: 1px solid #0002; }}
#status {{ font-family: ui-monospace, monospace; margin: 0; }}
nav {{ flex: none; display: flex; gap: .4rem; align-items: center; }}
.hint {{ color: #666; font-size: .85rem; margin-right: .5rem; }}
nav button {{ font: inherit; padding: .3rem .8rem; border: 1px solid #888; background: #f4f4f2; cursor: pointer; }}
nav button[aria-pressed="true"] {{ background: #222; color: #fff; border-color: #222; }}
.content {{ padding: 1rem; }}
#banner {{ margin: 1rem; padding: .75rem 1rem; background: #fff0f0; border: 2px solid #b00020; }}
#banner h2 {{ margin: 0 0 .4rem; font-size: 1.35rem; color: #b00020; }}
#banner ul {{ margin: .2rem 0; }}
#banner p {{ margin: .4rem 0 0; }}
.where {{ background: #b00020; color: #fff; padding: 0 .3em; border-radius: 3px;
  font-family: ui-monospace, monospace; }}
pre {{ background: #fff; padding: .5rem; white-space: pre-wrap; margin: 0; }}
#error {{ border-left: 4px solid #b00020; }}
#findings {{ margin: 0 1rem 1rem; overflow-x: auto; }}
#findings table {{ border-collapse: collapse; background: #fff; width: 100%; table-layout: fixed; }}
#findings col.severity {{ width: 5.5rem; }} #findings col.edition {{ width: 5rem; }}
#findings col.panel {{ width: 7.5rem; }} #findings col.field {{ width: 24%; }} #findings col.line {{ width: 12rem; }}
#findings td {{ overflow-wrap: anywhere; }}
#findings th, #findings td {{ text-align: left; vertical-align: top; padding: .3rem .5rem;
  border-bottom: 1px solid #ddd; }}
#findings tr.error td:first-child {{ color: #b00020; font-weight: bold; }}
#findings tr.warning td:first-child {{ color: #a05a00; font-weight: bold; }}
#findings td.line code {{ white-space: nowrap; }}
#findings td.field code {{ font-size: .9em; }}
#findings code.section {{ color: #666; }}
#panels {{ display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-start; padding: 0 1rem 1rem; }}
#panels > p {{ flex-basis: 100%; }}
figure {{ margin: 0; flex: 1 1 0; min-width: 9rem; position: relative; }}
figure img {{ display: block; width: 100%; height: auto; box-shadow: 0 1px 4px #0004; cursor: zoom-in;
  background: #fff; }}
figure.changed figcaption {{ font-weight: bold; }}
figure.changed figcaption::after {{ content: " (changed)"; }}
#panels.stale figure img {{ filter: grayscale(1); opacity: .45; }}
.stale-label {{ position: absolute; z-index: 1;
  top: .5rem; left: .5rem; background: #b00020; color: #fff; padding: .1rem .4rem; font-size: .8rem; }}
.stale-note {{ font-weight: bold; color: #b00020; margin: 0; }}
#proof {{ padding: 0 1rem 1rem; display: grid; grid-template-columns: repeat(auto-fit, minmax(30rem, 1fr));
  gap: .75rem; align-items: start; }}
#proof > p {{ grid-column: 1 / -1; margin: 0; }}
body[data-view="proof"] #panels, body[data-view="panels"] #proof {{ display: none; }}
#overlay {{ position: fixed; inset: 0; background: #111e; overflow: auto; z-index: 10; text-align: center; }}
#overlay[hidden] {{ display: none; }}
#overlay img {{ display: inline-block; margin: 3rem auto .5rem; background: #fff; cursor: zoom-out; }}
#overlay .bar {{ position: fixed; top: 0; left: 0; right: 0; display: flex; gap: .5rem; justify-content: center;
  align-items: center; padding: .4rem; background: #000c; color: #fff; }}
#overlay .bar button {{ font: inherit; min-width: 2.2rem; }}
</style>
</head>
<body data-generation="{generation}" data-view="panels">
<header>
<p id="status">{status}</p>
<nav aria-label="view">
<span class="hint">click a picture to enlarge it</span>
<button id="show-panels" aria-pressed="true">Panels</button>
<button id="show-proof" aria-pressed="false">Proof</button>
</nav>
</header>
{banner}
{findings}
<main id="panels"{stale_class}>
{stale}
{figures}
</main>
<section id="proof">
{proof}
</section>
<div id="overlay" hidden role="dialog" aria-label="enlarged picture">
<div class="bar"><button id="zoom-out" aria-label="smaller">−</button><span id="zoom-label"></span>
<button id="zoom-in" aria-label="larger">+</button><span id="zoom-name"></span>
<button id="close" aria-label="close">close (Esc)</button></div>
<img alt="">
</div>
<script>
const shown = {generation};
new EventSource("/events").onmessage = (event) => {{
  if (Number(event.data) !== shown) location.reload();
}};
// What the reader chose (the view, the picture enlarged, its zoom) outlives the reload after each build.
const state = JSON.parse(sessionStorage.getItem("brochure-page") || "{{}}");
const save = () => sessionStorage.setItem("brochure-page", JSON.stringify(state));
function view(name) {{
  state.view = name; save();
  document.body.dataset.view = name;
  document.getElementById("show-panels").setAttribute("aria-pressed", name === "panels");
  document.getElementById("show-proof").setAttribute("aria-pressed", name === "proof");
}}
document.getElementById("show-panels").onclick = () => view("panels");
document.getElementById("show-proof").onclick = () => view("proof");
const overlay = document.getElementById("overlay"), big = overlay.querySelector("img");
const zoomable = () => [...document.querySelectorAll(`#${{document.body.dataset.view}} img[data-zoom]`)];
function zoomTo(factor) {{
  // 100 % is print size: the picture's width attribute in CSS pixels (a panel drawn at two pixels per CSS
  // pixel, shown with all of them on such a screen), else its natural size. As tall as the window, unless
  // that is well under print size, where its text stays readable: then at print size, scrolled.
  const wide = Number(big.dataset.printWidth) || big.naturalWidth;
  const high = wide * big.naturalHeight / (big.naturalWidth || 1);
  const tall = (innerHeight - 56) / (high || 1), fit = tall >= 0.85 ? tall : 1;
  state.zoom = factor || fit; save();
  big.style.width = Math.round(wide * state.zoom) + "px";
  document.getElementById("zoom-label").textContent = Math.round(state.zoom * 100) + " %";
}}
function enlarge(img) {{
  state.open = img.getAttribute("alt"); save();
  document.getElementById("zoom-name").textContent = img.getAttribute("alt");
  big.onload = () => zoomTo(state.zoom);
  big.dataset.printWidth = img.getAttribute("width") || "";
  big.src = img.src; big.alt = img.alt;
  overlay.hidden = false;
}}
function shrink() {{ overlay.hidden = true; big.removeAttribute("src"); delete state.open; delete state.zoom; save(); }}
function step(by) {{
  const all = zoomable(), at = all.findIndex(i => i.alt === state.open);
  if (at >= 0 && all.length) enlarge(all[(at + by + all.length) % all.length]);
}}
document.querySelectorAll("img[data-zoom]").forEach(img => {{
  img.onclick = () => enlarge(img);
  img.onkeydown = (event) => {{ if (event.key === "Enter") enlarge(img); }};
}});
big.onclick = shrink;
document.getElementById("close").onclick = shrink;
document.getElementById("zoom-in").onclick = () => zoomTo(Math.min(4, state.zoom * 1.25));
document.getElementById("zoom-out").onclick = () => zoomTo(Math.max(0.25, state.zoom / 1.25));
document.addEventListener("keydown", (event) => {{
  if (overlay.hidden) return;
  if (event.key === "Escape") shrink();
  else if (event.key === "ArrowRight") step(1);
  else if (event.key === "ArrowLeft") step(-1);
  else if (event.key === "+") document.getElementById("zoom-in").click();
  else if (event.key === "-") document.getElementById("zoom-out").click();
}});
view(state.view || "panels");
const again = zoomable().find(i => i.alt === state.open);
if (again) enlarge(again); else if (state.open) {{ delete state.open; save(); }}
</script>
</body>
</html>
"""
