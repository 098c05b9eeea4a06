"""Checks of what each panel holds: order, overflow, missing text, both languages."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from ..placement import PrintedText, normalize, panel_texts
from ..templating import PDF_META_PANELS
from .registry import CheckContext, Finding, Severity, check

POSITION_TOLERANCE_MM = 0.5
TOLERANCE_MM = 0.05
LINE_BOX_SLACK_MM = 1.5
SIDE_TOLERANCE_MM = 0.5  # glyph ink may overhang its box a little (italics, accents)


def _key(text: str) -> str:
    """Text as compared: normalised, then without any spacing, since a line may break
    after a slash or a dash where the content has no space."""
    return "".join(normalize(text).split())


def _panel_text(ctx: CheckContext) -> dict[str, str]:
    """The normalised text of every panel, read once per run."""
    if "panel_text" not in ctx.cache:
        ctx.cache["panel_text"] = {
            panel.id: _key(ctx.facts.text_in(panel.page + 1, panel.x, panel.right))
            if panel.page < len(ctx.facts.pages)
            else ""
            for panel in ctx.layout.panels
        }
    return ctx.cache["panel_text"]


def _expected(ctx: CheckContext) -> dict[str, list[PrintedText]]:
    if "expected" not in ctx.cache:
        ctx.cache["expected"] = panel_texts(ctx.content, ctx.layout)
    return ctx.cache["expected"]


PANELS_METADATA_KEY = PDF_META_PANELS.lower()


@check("panel-order")
def panel_order(ctx: CheckContext) -> Iterator[Finding]:
    destinations = ctx.facts.destinations
    recorded = _recorded_panels(ctx)
    if recorded is not None and recorded != ctx.layout.panel_map():
        yield Finding(
            "panel-order", Severity.ERROR, f"the PDF was laid out for other panels than layout {ctx.layout.name!r}"
        )
    if not any(name.startswith("panel-") for name in destinations) and ctx.content is None:
        yield Finding(
            "panel-order",
            Severity.WARNING,
            "the PDF has no panel markers (not built by brochure?): give --content to check where each text is",
        )
    for panel in ctx.layout.panels:
        found = destinations.get(f"panel-{panel.id}")
        if found is None:
            if destinations:
                yield Finding("panel-order", Severity.ERROR, "panel is missing from the PDF", None, panel.id)
            continue
        page, x, _ = found
        if page != panel.page + 1 or abs(x - panel.x) > POSITION_TOLERANCE_MM:
            yield Finding(
                "panel-order",
                Severity.ERROR,
                f"panel is on page {page} at {x:.1f} mm; the layout places it on page {panel.page + 1} "
                f"at {panel.x:g}–{panel.right:g} mm",
                page,
                panel.id,
            )
    if ctx.content is None:
        return
    texts = _panel_text(ctx)
    for panel_id, expected in _expected(ctx).items():
        for item in expected:
            wanted = _key(item.text)
            if not wanted or wanted in texts[panel_id]:
                continue
            elsewhere = [other for other, text in texts.items() if other != panel_id and wanted in text]
            if elsewhere:
                yield Finding(
                    "panel-order",
                    Severity.ERROR,
                    f"{item.field} belongs in {panel_id} but is printed in {', '.join(elsewhere)}",
                    ctx.layout.panel(panel_id).page + 1,
                    panel_id,
                )


@check("overflow")
def overflow(ctx: CheckContext) -> Iterator[Finding]:
    layout = ctx.layout
    margins = layout.margins
    for panel in layout.panels:
        if panel.page >= len(ctx.facts.pages):
            continue
        page = ctx.facts.pages[panel.page]
        glyphs = [g for g in page.glyphs if panel.x <= (g.x0 + g.x1) / 2 < panel.right]
        end = ctx.facts.destinations.get(f"end-{panel.id}")
        if end is None and f"panel-{panel.id}" in ctx.facts.destinations:
            yield Finding(
                "overflow",
                Severity.ERROR,
                "the end of the panel's content is not in the PDF (text cut off)",
                page.number,
                panel.id,
            )
        # The marker sits under the last line box, a little below its glyphs.
        marker = end[2] - LINE_BOX_SLACK_MM if end and end[0] == page.number else 0.0
        bottom = max([g.y1 for g in glyphs] + [marker])
        if bottom > layout.content_bottom + TOLERANCE_MM:
            lines = _count_lines(g.y1 for g in glyphs if g.y1 > layout.content_bottom)
            counted = f" ({lines} line{'s' if lines != 1 else ''})" if lines else ""
            yield Finding(
                "overflow",
                Severity.ERROR,
                f"text overflows by {bottom - layout.content_bottom:.1f} mm{counted}",
                page.number,
                panel.id,
            )
        edges = (
            ("left", panel.x + margins.left - min((g.x0 for g in glyphs), default=math.inf)),
            ("right", max((g.x1 for g in glyphs), default=-math.inf) - (panel.right - margins.right)),
            ("top", margins.top - min((g.y0 for g in glyphs), default=math.inf)),
        )
        for side, past in edges:
            if past > SIDE_TOLERANCE_MM:
                yield Finding(
                    "overflow",
                    Severity.ERROR,
                    f"text runs {past:.1f} mm past the {side} edge of the panel's content box",
                    page.number,
                    panel.id,
                )
    if ctx.content is None:
        return
    texts = _panel_text(ctx)
    everything = "\n".join(texts.values())
    for panel_id, expected in _expected(ctx).items():
        for item in expected:
            wanted = _key(item.text)
            if wanted and wanted not in everything:
                yield Finding(
                    "overflow",
                    Severity.ERROR,
                    f"{item.field} is missing from the PDF: {_quote(normalize(item.text))}",
                    ctx.layout.panel(panel_id).page + 1,
                    panel_id,
                )


def _recorded_panels(ctx: CheckContext) -> dict | None:
    """The panel positions the PDF's metadata records, if it records any."""
    try:
        recorded = json.loads(ctx.facts.metadata.get(PANELS_METADATA_KEY, ""))
    except ValueError:
        return None
    return recorded if isinstance(recorded, dict) else None


def _count_lines(bottoms) -> int:
    """Lines of text among glyph bottoms: a new line wherever they jump by over 1.5 mm."""
    lines, previous = 0, None
    for bottom in sorted(bottoms):
        if previous is None or bottom - previous > 1.5:
            lines += 1
        previous = bottom
    return lines


def _quote(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


@check("translations", needs_pdf=False, needs_content=True)
def translations(ctx: CheckContext) -> Iterator[Finding]:
    languages = ctx.content.languages
    for path, present in _translated_fields(ctx.content.data, "", set(languages)):
        for lang in languages:
            if lang not in present:
                yield Finding("translations", Severity.ERROR, f"{path}: missing translation {lang!r}")
    if ctx.facts is None:
        return
    texts = _panel_text(ctx)
    for panel_id, expected in _expected(ctx).items():
        by_lang: dict[str, list[bool]] = defaultdict(list)
        for item in expected:
            if item.lang and _key(item.text):
                by_lang[item.lang].append(_key(item.text) in texts[panel_id])
        for lang, found in by_lang.items():
            if not any(found):
                yield Finding(
                    "translations",
                    Severity.ERROR,
                    f"no {lang!r} text where the layout places it",
                    ctx.layout.panel(panel_id).page + 1,
                    panel_id,
                )


def _translated_fields(value: Any, path: str, languages: set[str]) -> Iterator[tuple[str, set[str]]]:
    if isinstance(value, dict):
        keys = set(value)
        if keys and keys <= languages:
            yield path, {key for key, text in value.items() if isinstance(text, str) and text.strip()}
            return
        for key, item in value.items():
            yield from _translated_fields(item, f"{path}.{key}" if path else str(key), languages)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _translated_fields(item, f"{path}[{index}]", languages)
