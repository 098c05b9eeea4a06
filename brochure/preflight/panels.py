"""Checks of what each panel holds: order, overflow, missing text, both languages."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from brochure.preflight.overflows import overflow_advice, unbreakable_advice
from brochure.preflight.pdffacts import Glyph
from brochure.preflight.placement import PrintedText, normalize, text_key
from brochure.preflight.registry import CheckContext, Finding, Severity, check
from brochure.sheet.imposition import Placed
from brochure.sheet.layout import Margins, Panel
from brochure.sheet.pdfmeta import END_PREFIX, panel_map, recorded_panels

POSITION_TOLERANCE_MM = 0.5
TOLERANCE_MM = 0.05
LINE_BOX_SLACK_MM = 1.5
SIDE_TOLERANCE_MM = 0.5  # glyph ink may overhang its box a little (italics, accents)


def _panel_text(ctx: CheckContext) -> dict[str, str]:
    """The normalised text of every panel, read once per run."""
    if "panel_text" not in ctx.cache:
        texts = {}
        for panel in ctx.layout.panels:
            page, placed = ctx.where(panel)
            texts[panel.id] = (
                text_key(ctx.facts.text_in(page, placed.x, placed.right)) if page <= len(ctx.facts.pages) else ""
            )
        ctx.cache["panel_text"] = texts
    return ctx.cache["panel_text"]


@dataclass(frozen=True)
class Placement:
    """One content text the layout places in a panel, and where the PDF shows it."""

    item: PrintedText
    panel: Panel
    here: bool  # found in its own panel
    elsewhere: tuple[str, ...]  # the other panels it was found in


def _placements(ctx: CheckContext) -> list[Placement]:
    """Every non-empty content text with where it was found, worked out once per run."""
    if "placements" not in ctx.cache:
        texts = _panel_text(ctx)
        placements = []
        for panel_id, expected in ctx.panel_texts().items():
            for item in expected:
                key = text_key(item.text)
                if key:
                    elsewhere = tuple(other for other, text in texts.items() if other != panel_id and key in text)
                    placements.append(Placement(item, ctx.layout.panel(panel_id), key in texts[panel_id], elsewhere))
        ctx.cache["placements"] = placements
    return ctx.cache["placements"]


@check("panel-order")
def panel_order(ctx: CheckContext) -> Iterator[Finding]:
    destinations = ctx.facts.destinations
    recorded = recorded_panels(ctx.facts.metadata)
    if recorded is not None and recorded != panel_map(ctx.imposition):
        yield Finding(
            "panel-order",
            Severity.ERROR,
            f"the PDF was laid out for other panels than the {ctx.edition} edition of layout {ctx.layout.name!r}",
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
        expected_page, placed = ctx.where(panel)
        if page != expected_page or abs(x - placed.x) > POSITION_TOLERANCE_MM:
            yield Finding(
                "panel-order",
                Severity.ERROR,
                f"panel is on page {page} at {x:.1f} mm; the layout places it on page {expected_page} "
                f"at {placed.x:g}–{placed.right:g} mm",
                page,
                panel.id,
            )
    if ctx.content is None:
        return
    for placement in _placements(ctx):
        if not placement.here and placement.elsewhere:
            yield Finding(
                "panel-order",
                Severity.ERROR,
                f"{placement.item.field} belongs in {placement.panel.id} but is printed in "
                f"{', '.join(placement.elsewhere)}",
                ctx.where(placement.panel)[0],
                placement.panel.id,
            )


@check("overflow")
def overflow(ctx: CheckContext) -> Iterator[Finding]:
    layout = ctx.layout
    overflowing: set[str] = set()
    for panel in layout.panels:
        margins = layout.margins_of(panel)
        number, placed = ctx.where(panel)
        if number > len(ctx.facts.pages):
            continue
        page = ctx.facts.pages[number - 1]
        glyphs = ctx.glyphs_of(panel)
        end = ctx.facts.destinations.get(END_PREFIX + panel.id)
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
            overflowing.add(panel.id)
            what, advice = overflow_advice(ctx, panel, glyphs, bottom - layout.content_bottom)
            lines = _count_lines(g.y1 for g in glyphs if g.y1 > layout.content_bottom) if what == "text" else 0
            counted = f" ({lines} line{'s' if lines != 1 else ''})" if lines else ""
            yield Finding(
                "overflow",
                Severity.ERROR,
                f"{what} overflows by {bottom - layout.content_bottom:.1f} mm{counted}{advice}",
                page.number,
                panel.id,
                (placed.x + margins.left, layout.content_bottom, placed.right - margins.right, bottom),
            )
        edges = (
            ("left", placed.x + margins.left - min((g.x0 for g in glyphs), default=math.inf)),
            ("right", max((g.x1 for g in glyphs), default=-math.inf) - (placed.right - margins.right)),
            ("top", margins.top - min((g.y0 for g in glyphs), default=math.inf)),
        )
        for side, past in edges:
            if past > SIDE_TOLERANCE_MM:
                overflowing.add(panel.id)
                # Text wider than its column is a run of words that cannot break: named, with what would let it.
                wide = side != "top" and unbreakable_advice(
                    ctx, panel, page.number, [g for g in glyphs if _beyond(g, side, placed, margins)]
                )
                yield Finding(
                    "overflow",
                    Severity.ERROR,
                    f"text runs {past:.1f} mm past the {side} edge of the panel's content box{wide or ''}",
                    page.number,
                    panel.id,
                )
    if ctx.content is None:
        return
    for placement in _placements(ctx):
        # Text pushed out of an overflowing panel is that overflow, said once.
        if not placement.here and not placement.elsewhere and placement.panel.id not in overflowing:
            yield Finding(
                "overflow",
                Severity.ERROR,
                f"{placement.item.field} is missing from the PDF: {_quote(normalize(placement.item.text))}",
                ctx.where(placement.panel)[0],
                placement.panel.id,
            )


def _beyond(glyph: Glyph, side: str, placed: Placed, margins: Margins) -> bool:
    """Whether a glyph lies past the `side` edge (left or right) of a placed panel's content box."""
    if side == "left":
        return glyph.x0 < placed.x + margins.left - SIDE_TOLERANCE_MM
    return glyph.x1 > placed.right - margins.right + SIDE_TOLERANCE_MM


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


@check("translations", needs_content=True)
def translations(ctx: CheckContext) -> Iterator[Finding]:
    # A translation missing from the content is the schema's to report; this is about the PDF.
    found: dict[tuple[Panel, str], bool] = {}
    for placement in _placements(ctx):
        if placement.item.lang:
            key = (placement.panel, placement.item.lang)
            found[key] = found.get(key, False) or placement.here
    for (panel, lang), present in found.items():
        if not present:
            yield Finding(
                "translations",
                Severity.ERROR,
                f"no {lang!r} text where the layout places it",
                ctx.where(panel)[0],
                panel.id,
            )
