"""Mutation testing of the rules that guard the print: change the source a little, see a test fail.

Run from the project root: `python tools/mutate.py` (all mutants), `python tools/mutate.py
sheet panels` (only mutants whose id starts with one of these words), `--list` to list them.
Each mutant is one edit of one source file, made in a copy of the project in a temporary
folder (the working tree is never touched); the tests mapped to it run there with
`pytest -x -q`. A mutant is killed when a test fails; it survives when they all pass.
The score is the share of mutants killed.

Each mutant runs only the tests of the code it changes, because the whole suite takes a
minute and a half: a mutant the mapped tests miss counts as a survivor, even if some
other test would catch it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_SECONDS = 600  # a mutant that makes the tests hang counts as killed

EDGES = ("tests/preflight/test_check_edges.py",)
LAYOUT = ("tests/sheet/test_layout.py",)
CONTENT = ("tests/schema/test_content_errors.py",)
OUTPUT = ("tests/hostile/test_safety.py", "-k", "umask or renames or staged or interrupted")
TYPOGRAPHY = ("tests/text/test_typography.py",)
LONG_WORDS = ("tests/text/test_hyphenation_bounds.py", "-k", "not paragraph")
COLOUR = ("tests/render/test_press.py", "-k", "colour or rgb")
HYPHENS = ("tests/preflight/test_checks.py", "-k", "hyphenat")
INK = ("tests/render/test_press.py", "-k", "ink or blend or bound")
STREAMS = ("tests/render/test_press.py", "-k", "tokenizer or colour or fine")
PAGES = ("tests/commands/test_watch.py", "-k", "page or drawn or template")
LADDERS = ("tests/preflight/test_checks.py", "-k", "ladder or whole")
ART = ("tests/render/test_press.py", "-k", "bleed or band or art or passes_every_check")
ASIDE = ("tests/render/warm/test_aside.py",)
CACHE = ("tests/files/test_cache.py",)
HOSTILE_CACHE = ("tests/files/test_cache_hostile.py",)
TEMPLATES = ("tests/hostile/test_untrusted_templates.py",)


@dataclass(frozen=True)
class Mutant:
    id: str
    file: str
    old: str  # must occur exactly once in the file
    new: str
    tests: tuple[str, ...]


def m(id: str, file: str, old: str, new: str, tests: tuple[str, ...]) -> Mutant:
    return Mutant(id, f"brochure/{file}", old, new, tests)


MUTANTS = [
    # -- files/svgfiles.py
    m(
        "svg-points-unbounded",
        "files/svgfiles.py",
        "if self.vertices[node] > MAX_VERTICES:",
        "if False:",
        ("tests/files/test_svgfiles.py",),
    ),
    m(
        "svg-points-not-expanded",
        "files/svgfiles.py",
        "vertices += abs(times) * self.vertices[target]",
        "vertices += 0",
        ("tests/files/test_svgfiles.py",),
    ),
    # -- preflight/sheet.py
    m("sheet-tolerance", "preflight/sheet.py", "TOLERANCE_MM = 0.1", "TOLERANCE_MM = 1.0", EDGES),
    m("sheet-page-count", "preflight/sheet.py", "if found != expected:", "if found > expected:", EDGES),
    m("sheet-top-trim", "preflight/sheet.py", '"the top trim": glyph.y0,', '"the top trim": margin,', EDGES),
    m(
        "sheet-bottom-trim",
        "preflight/sheet.py",
        '"the bottom trim": surface.height - glyph.y1,',
        '"the bottom trim": margin,',
        EDGES,
    ),
    m("sheet-fold-side", "preflight/sheet.py", "max(fold - glyph.x1, glyph.x0 - fold)", "fold - glyph.x1", EDGES),
    m(
        "sheet-rotation",
        "preflight/sheet.py",
        "if page.rotation:",
        "if False:",
        ("tests/preflight/test_checks.py::test_rotated_page",),
    ),
    m("sheet-bleed", "preflight/sheet.py", "elif not _close(bleed_box, bleed):", "elif False:", EDGES),
    # -- preflight/colours.py
    m("colour-rgb-fill", "preflight/colours.py", 'if operator in (b"rg", b"RG"):', 'if operator == b"RG":', COLOUR),
    m("colour-cmyk-percent", "preflight/colours.py", "float(v) * 100 for v", "float(v) for v", COLOUR),
    m(
        "colour-stroke-space",
        "preflight/colours.py",
        'return "fill" if operator.islower() else "stroke"',
        'return "fill"',
        COLOUR,
    ),
    m(
        "colour-pattern",
        "preflight/colours.py",
        'self.pattern(_dict(resources, "/Pattern").get(operands[-1]), depth)',
        "pass",
        COLOUR,
    ),
    m(
        "colour-soft-mask",
        "preflight/colours.py",
        "self.soft_mask(state, depth)",
        "pass",
        COLOUR,
    ),
    m("colour-image", "preflight/colours.py", 'self.add("image", xobject["/ColorSpace"])', "pass", COLOUR),
    m(
        "colour-form",
        "preflight/colours.py",
        'self.stream(xobject, xobject.get("/Resources"), depth + 1)',
        "pass",
        COLOUR,
    ),
    m("colour-rgb-stops", "preflight/colours.py", 'len(sub["/C0"]) == 3', 'len(sub["/C0"]) == 4', COLOUR),
    m("colour-icc-rgb", "preflight/colours.py", '{1: "Gray", 3: "RGB", 4: "CMYK"}', '{1: "Gray", 4: "CMYK"}', COLOUR),
    m("colour-condition", "preflight/colours.py", "if wanted and condition != wanted:", "if False:", COLOUR),
    # -- preflight/streams.py
    m(
        "streams-unreadable-kept",
        "preflight/streams.py",
        '        elif kind == "other":\n            return None',
        '        elif kind == "other":\n            pass',
        STREAMS,
    ),
    # -- preflight/inks.py
    m("ink-image-unrendered", "preflight/inks.py", 'use.where not in ("content", "group")', "False", INK),
    m("ink-blend-unseen", "preflight/colours.py", "if str(mode) not in _MIXING_BLENDS:", "if False:", INK),
    m(
        "ink-limit-unrendered",
        "preflight/inks.py",
        "> limit + 0.5:\n            return True",
        "> limit + 0.5:\n            pass",
        INK,
    ),
    m("ink-limit-one", "preflight/inks.py", "threshold = round(limit * 255 / 100)", "threshold = 1020", INK),
    # -- preflight/artwork.py, brochure/bleeds.py
    m("art-stray-allowed", "preflight/artwork.py", "or not meant[side])", "or False)", ART),
    m("art-one-shared-edge", "preflight/artwork.py", "sum(shared) >= 3", "sum(shared) >= 1", ART),
    m("art-image-unclipped", "preflight/artwork.py", "if image and box[0] < x1", "if False and box[0] < x1", ART),
    m("bleeds-unrecorded", "render/bleeds.py", "    if classes is None:\n        return", "    return", ART),
    # -- render/warm/kept.py: pages laid out on their own, and kept
    m("pages-never-alone", "render/warm/kept.py", "    if not documents or any(", "    if True or any(", PAGES),
    m(
        "pages-drawn-files-unseen",
        "render/warm/kept.py",
        "(document, fetcher, _states(fetcher, asked))",
        "(document, fetcher, {})",
        PAGES,
    ),
    m(
        "pages-levelled-all",
        "render/warm/kept.py",
        'levelled(css, levelling if page.facing else "")',
        "levelled(css, levelling)",
        PAGES,
    ),
    m(
        "layout-keeps-chance",
        "render/warm/kept.py",
        "    chance.close()\n    return html.render",
        "    return html.render",
        ASIDE,
    ),
    # -- render/warm/aside.py: work done in a forked second process
    m("aside-with-threads", "render/warm/aside.py", "and threading.active_count() == 1", "and True", ASIDE),
    m("aside-child-left", "render/warm/aside.py", "os.kill(child, signal.SIGKILL)", "pass", ASIDE),
    m(
        "aside-waits-forever",
        "render/warm/aside.py",
        "[], [], max(0.0, deadline - time.monotonic()))",
        "[], [])",
        ASIDE,
    ),
    m("cache-home-guessed", "files/cache.py", '/ "brochure" if home != "~" else None', '/ "brochure"', CACHE),
    m(
        "cache-key-without-content",
        "files/cache.py",
        'key = f"{source.resolve()}:{file_digest(source)}:',
        'key = f"{source.resolve()}:',
        CACHE,
    ),
    m(
        "pages-drawn-content-unchecked",
        "render/warm/kept.py",
        "return all(file_digest(path) == state for path, state in states.items())",
        "return all(path.exists() == (state is not None) for path, state in states.items())",
        PAGES,
    ),
    m(
        "aside-not-once",
        "render/warm/aside.py",
        "        can = self.possible()\n        self.close()\n",
        "        can = self.possible()\n",
        ASIDE,
    ),
    # -- files/cache.py, templating.py: brochure's cache
    m(
        "cache-copy-unread",
        "files/cache.py",
        "            value = marshal.loads(data)",
        "            raise ValueError",
        CACHE,
    ),
    m(
        "cache-broken-copy",
        "files/cache.py",
        "        except (EOFError, ValueError, TypeError):",
        "        except EOFError:",
        HOSTILE_CACHE,
    ),
    m("cache-patterns-unchecked", "render/warm/hyphenation.py", "        and all(\n", "        or all(\n", CACHE),
    m(
        "cache-kept-unchecked",
        "files/cache.py",
        "if value is not None and valid(value):",
        "if value is not None:",
        (*CACHE, *HOSTILE_CACHE),
    ),
    m(
        "cache-points-unchecked",
        "files/fontfiles.py",
        "return value[0] == _digest(data, points)",
        "return True",
        ("tests/hostile/test_untrusted_inputs.py", "tests/files/test_cache.py"),
    ),
    m(
        "cache-copy-any-size",
        "files/cache.py",
        "            if state.st_size > MAX_COPY_BYTES:",
        "            if False:",
        HOSTILE_CACHE,
    ),
    m(
        "cache-copy-any-kind",
        "files/cache.py",
        "            if not stat.S_ISREG(state.st_mode):",
        "            if 0:",
        HOSTILE_CACHE,
    ),
    m("cache-copy-undigested", "files/cache.py", " or hashlib.sha256(payload).digest() != digest", "", HOSTILE_CACHE),
    m("cache-folder-shared", "files/cache.py", "if state.st_mode & (", "if 0 & (", HOSTILE_CACHE),
    m("cache-folder-others", "files/cache.py", "if state.st_uid != os.geteuid():", "if 0:", HOSTILE_CACHE),
    # -- html/sandbox.py, templating.py: templates brochure did not write
    m("sandbox-range-unbounded", "html/sandbox.py", "if len(numbers) > MAX_RANGE:", "if 0:", TEMPLATES),
    m("sandbox-repeat-unbounded", "html/sandbox.py", "_check_repeat(left, right)", "pass", TEMPLATES),
    m("sandbox-filters-unbounded", "html/templating.py", "    env.bound_filters()", "    pass", TEMPLATES),
    m(
        "templates-error-is-a-bug",
        "html/templating.py",
        "    elif ours:  # raised in brochure's code that the template called: a bug",
        "    elif True:  #",
        TEMPLATES,
    ),
    # -- render/setting/ladders.py
    m(
        "ladders-limit-off-by-one",
        "render/setting/ladders.py",
        "        if len(run) > limit:",
        "        if len(run) > limit + 1:",
        LADDERS,
    ),
    m(
        "ladders-earliest-word",
        "render/setting/ladders.py",
        "order = run[limit:] + run[:limit][::-1]",
        "order = run",
        LADDERS,
    ),
    m("ladders-overfull-kept", "render/setting/ladders.py", "        if sticking_out:", "        if False:", LADDERS),
    # -- preflight/hyphens.py
    m("hyphens-limit-off-by-one", "preflight/hyphens.py", "if len(run) > limit:", "if len(run) > limit + 2:", HYPHENS),
    m(
        "hyphens-soft-ignored",
        "preflight/hyphens.py",
        'HYPHENS = ("\\u2010", "-", "\\u00ad")',
        'HYPHENS = ("-",)',
        HYPHENS,
    ),
    # -- preflight/panels.py
    m(
        "panels-overflow-tolerance",
        "preflight/panels.py",
        "bottom > layout.content_bottom + TOLERANCE_MM",
        "bottom > layout.content_bottom + 2",
        EDGES,
    ),
    m(
        "panels-end-marker-ignored",
        "preflight/panels.py",
        "marker = end[2] - LINE_BOX_SLACK_MM if end and end[0] == page.number else 0.0",
        "marker = 0.0",
        EDGES,
    ),
    m(
        "panels-cut-off",
        "preflight/panels.py",
        'if end is None and f"panel-{panel.id}" in ctx.facts.destinations:',
        "if False:",
        EDGES,
    ),
    m("panels-top-edge", "preflight/panels.py", '("top", margins.top - min(', '("top", 0 - min(', EDGES),
    m("panels-left-edge", "preflight/panels.py", "placed.x + margins.left - min(", "placed.x - min(", EDGES),
    m(
        "panels-position",
        "preflight/panels.py",
        "abs(x - placed.x) > POSITION_TOLERANCE_MM",
        "abs(x - placed.x) > 5",
        EDGES,
    ),
    m("panels-missing", "preflight/panels.py", "if destinations:", "if False:", EDGES),
    m(
        "panels-recorded",
        "preflight/panels.py",
        "if recorded is not None and recorded != panel_map(ctx.imposition):",
        "if False:",
        EDGES,
    ),
    m(
        "panels-line-count",
        "preflight/panels.py",
        "if previous is None or bottom - previous > 1.5:",
        "if previous is None:",
        EDGES,
    ),
    m(
        "panels-elsewhere",
        "preflight/panels.py",
        "if not placement.here and placement.elsewhere:",
        "if False:",
        ("tests/preflight/test_checks.py::test_a_text_printed_in_another_panel_than_the_layouts",),
    ),
    m(
        "panels-text-missing",
        "preflight/panels.py",
        "if not placement.here and not placement.elsewhere:",
        "if False:",
        ("tests/preflight/test_checks.py::test_a_text_the_pdf_does_not_show_is_missing",),
    ),
    m(
        "panels-language-missing",
        "preflight/panels.py",
        "if not present:",
        "if False:",
        ("tests/preflight/test_checks.py::test_a_language_missing_from_its_panel",),
    ),
    # -- preflight/typefaces.py
    m("typefaces-min-size", "preflight/typefaces.py", "MIN_TEXT_PT = 6.0", "MIN_TEXT_PT = 5.1", EDGES),
    m("typefaces-type3", "preflight/typefaces.py", 'if font.subtype == "Type3":', "if False:", EDGES),
    m("typefaces-embedded", "preflight/typefaces.py", "elif not font.embedded:", "elif False:", EDGES),
    m(
        "typefaces-declared",
        "preflight/typefaces.py",
        'return name.split("-")[0].split(",")[0] in families',
        "return True",
        EDGES,
    ),
    m(
        "typefaces-coverage",
        "preflight/typefaces.py",
        "if ord(c) not in covered and",
        "if False and",
        ("tests/preflight/test_checks.py::test_character_no_font_covers",),
    ),
    # -- preflight/images.py, collisions.py, document.py, registry.py, report.py
    m("images-error-ppi", "preflight/images.py", "ERROR_PPI = 150", "ERROR_PPI = 100", EDGES),
    m("images-rounding", "preflight/images.py", "if round(ppi) >= WARNING_PPI:", "if ppi >= WARNING_PPI:", EDGES),
    m("collisions-neighbours", "preflight/collisions.py", "NEIGHBOURS = 3", "NEIGHBOURS = 100", EDGES),
    m(
        "collisions-vertical",
        "preflight/collisions.py",
        "return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]",
        "return a[0] < b[2] and b[0] < a[2]",
        EDGES,
    ),
    m("document-lang", "preflight/document.py", "if not ctx.facts.lang:", "if False:", EDGES),
    m("registry-needs-pdf", "preflight/registry.py", "(entry.needs_pdf and context.facts is None)", "False", EDGES),
    m("report-ok", "preflight/report.py", "return not self.errors", "return True", EDGES),
    # -- sheet/layout.py
    m(
        "layout-bottom-at-trim",
        "sheet/layout.py",
        "return self.sheet_height - self.margins.bottom",
        "return self.sheet_height",
        EDGES,
    ),
    m(
        "layout-bottom-2mm-lower",
        "sheet/layout.py",
        "return self.sheet_height - self.margins.bottom",
        "return self.sheet_height - self.margins.bottom + 2",
        EDGES,
    ),
    m("layout-folds", "sheet/layout.py", "for panel in self.pages[page][:-1]", "for panel in self.pages[page]", LAYOUT),
    m("layout-panel-x", "sheet/layout.py", 'x += entry["width"]', 'x = entry["width"]', LAYOUT),
    m(
        "layout-split-sections",
        "sheet/layout.py",
        "placed[section] = (*(placed.get(section) or ()), panel.lang)",
        "placed[section] = (panel.lang,)",
        LAYOUT,
    ),
    m(
        "layout-reading-order-default",
        "sheet/layout.py",
        'data.get("reading_order", ids)',
        'data.get("reading_order", ())',
        LAYOUT,
    ),
    # -- schema/layout.py
    m("schema-layout-width-tolerance", "schema/layout.py", "TOLERANCE_MM = 0.01", "TOLERANCE_MM = 1.0", LAYOUT),
    m("schema-layout-safe-margin", "schema/layout.py", "length < ctx.safe_margin", "length < 0", LAYOUT),
    m("schema-layout-duplicate-id", "schema/layout.py", "if value in ctx.panel_ids:", "if False:", LAYOUT),
    m(
        "schema-layout-reading-order-complete",
        "schema/layout.py",
        "if left_out and len(ctx.problems) == reported and INVALID not in result:",
        "if False:",
        LAYOUT,
    ),
    m("schema-layout-reading-order-twice", "schema/layout.py", "elif panel_id in seen:", "elif False:", LAYOUT),
    m("schema-layout-unplaced", "schema/layout.py", "if not placements:", "if False:", LAYOUT),
    m(
        "schema-layout-placed-twice",
        "schema/layout.py",
        "(first if None in (first.lang, placement.lang) else None)",
        "None",
        LAYOUT,
    ),
    m(
        "schema-layout-font-file",
        "schema/layout.py",
        "            if not isinstance(found, Path):\n                ctx.report",
        "            if False:\n                ctx.report",
        LAYOUT,
    ),
    m(
        "schema-layout-section-name",
        "schema/layout.py",
        "if not isinstance(value, str) or value not in PLACED_SECTIONS:",
        "if not isinstance(value, str):",
        LAYOUT,
    ),
    m("schema-layout-folder-name", "schema/layout.py", 'data["name"] != folder.name', "False", LAYOUT),
    # -- schema/fields.py and schema/base.py
    m(
        "schema-url-host",
        "schema/fields.py",
        'match = _URL.match(value)\n        return bool(match and _HOST.match(match["host"]))',
        "match = _URL.match(value)\n        return bool(match)",
        CONTENT,
    ),
    m(
        "schema-email-host",
        "schema/fields.py",
        'match = _EMAIL.match(value)\n        return bool(match and _HOST.match(match["host"]))',
        "match = _EMAIL.match(value)\n        return bool(match)",
        CONTENT,
    ),
    m(
        "schema-layout-languages",
        "schema/fields.py",
        "if panel.lang and panel.lang not in codes:",
        "if False:",
        CONTENT,
    ),
    m(
        "schema-split-languages",
        "schema/fields.py",
        "if languages is not None and lang not in languages",
        "if False",
        LAYOUT,
    ),
    m("schema-missing-translation", "schema/fields.py", "if lang not in seen:", "if False:", CONTENT),
    m(
        "schema-colour",
        "schema/fields.py",
        "if not (isinstance(value, str) and _COLOUR.match(value)):",
        "if not isinstance(value, str):",
        CONTENT,
    ),
    m(
        "schema-file-name",
        "schema/fields.py",
        'file name ({NAME_RULE})"\n\n    def valid(self, value: str) -> bool:\n        return bool(NAME.match(value))',
        'file name ({NAME_RULE})"\n\n    def valid(self, value: str) -> bool:\n        return True',
        CONTENT,
    ),
    m(
        "schema-unknown-key",
        "schema/base.py",
        "if not isinstance(key, str) or key not in self.declared:",
        "if not isinstance(key, str):",
        CONTENT,
    ),
    # -- files/output.py
    m("output-mode", "files/output.py", "os.chmod(staged, 0o666 & ~umask)", "pass", OUTPUT),
    m("output-copy", "files/output.py", "os.replace(staged, path)", "path.write_bytes(staged.read_bytes())", OUTPUT),
    m(
        "output-stale",
        "files/output.py",
        "if now - staged.lstat().st_mtime > STALE_AFTER_SECONDS:",
        "if False:",
        OUTPUT,
    ),
    # -- text/typography.py
    m(
        "typography-french-punctuation",
        "text/typography.py",
        'NNBSP + r"\\1"),',
        'NBSP + r"\\1"),',
        TYPOGRAPHY,
    ),
    m(
        "typography-digit-groups",
        "text/typography.py",
        '(re.compile(r"(?<=\\d) (?=\\d{3}\\b)"), NNBSP),',
        "",
        TYPOGRAPHY,
    ),
    m(
        "typography-link-schemes",
        "text/typography.py",
        "return url.strip().lower().startswith(LINK_SCHEMES)",
        "return True",
        TYPOGRAPHY,
    ),
    m(
        "typography-raw-html",
        "text/typography.py",
        '"html": False}).enable(["emphasis", "link", "newline", "escape"])',
        '"html": True}).enable(["emphasis", "link", "newline", "escape", "html_inline"])',
        TYPOGRAPHY,
    ),
    m(
        "typography-long-word-length",
        "text/typography.py",
        "LONG_WORD_CHARS = 52",
        "LONG_WORD_CHARS = 51",
        LONG_WORDS,
    ),
    m(
        "typography-long-word-edges",
        "text/typography.py",
        "pyphen.Pyphen(lang=lang, left=before, right=after)",
        "pyphen.Pyphen(lang=lang)",
        LONG_WORDS,
    ),
]


def run(mutant: Mutant, copy: Path) -> tuple[bool, float]:
    """Whether the mutant is killed, and the seconds its tests took."""
    path = copy / mutant.file
    original = path.read_text(encoding="utf-8")
    if original.count(mutant.old) != 1:
        raise SystemExit(f"{mutant.id}: the text to change is not in {mutant.file} exactly once; update the mutant")
    path.write_text(original.replace(mutant.old, mutant.new), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *mutant.tests]
    start = time.perf_counter()
    try:
        result = subprocess.run(command, cwd=copy, env=env, capture_output=True, timeout=TIMEOUT_SECONDS)
        killed = result.returncode != 0
    except subprocess.TimeoutExpired:
        killed = True
    finally:
        path.write_text(original, encoding="utf-8")
    return killed, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("only", nargs="*", help="run only the mutants whose id starts with one of these")
    parser.add_argument("--list", action="store_true", help="list the mutants and their tests, run nothing")
    args = parser.parse_args()
    mutants = [mutant for mutant in MUTANTS if not args.only or mutant.id.startswith(tuple(args.only))]
    if args.list:
        for mutant in mutants:
            print(f"{mutant.id:40} {mutant.file:32} {' '.join(mutant.tests)}")
        return 0
    survivors = []
    with tempfile.TemporaryDirectory(prefix="brochure-mutants-") as folder:
        copy = Path(folder) / "brochure"
        ignore = shutil.ignore_patterns(".git", "out", "__pycache__", ".pytest_cache", ".ruff_cache", "*.pdf")
        shutil.copytree(ROOT, copy, ignore=ignore)
        for number, mutant in enumerate(mutants, 1):
            killed, seconds = run(mutant, copy)
            print(f"[{number}/{len(mutants)}] {'killed  ' if killed else 'SURVIVED'} {mutant.id} ({seconds:.0f} s)")
            if not killed:
                survivors.append(mutant.id)
    killed_count = len(mutants) - len(survivors)
    print(f"score: {killed_count}/{len(mutants)} mutants killed ({100 * killed_count / len(mutants):.0f} %)")
    for survivor in survivors:
        print(f"survived: {survivor}")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
