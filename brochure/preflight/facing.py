"""The `facing` check: translations that face each other across a fold line up.

The panels that print one section in two languages (the layout splits it with `lang`)
face each other (`Layout.facing_pairs`). Each item of such a section carries a named destination
`pair-<panel>-<key>` (see `brochure.render.setting.facing`), so where it starts on each side is read
from the PDF, and how tall each item's own text is from its glyphs: levelling pads the shorter
item of each pair, so where a column ends says nothing of how much text it holds. Facing columns
share one measure: the layout gives panels of different widths their own margins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from brochure.preflight.pdffacts import Glyph
from brochure.preflight.registry import CheckContext, Finding, Severity, check
from brochure.sheet.layout import Panel
from brochure.sheet.pdfmeta import END_PREFIX, paired_items

FACING_TOLERANCE_MM = 0.5  # a step a reader sees across the fold
# A translation whose text is shorter than its twin's by this share of the twin's, and by this much at
# least, looks unfinished once levelled: its items stand apart with gaps that its twin's text fills.
# (The golden's German and French differ by under 5 mm; a line or two reads as a terser translation.)
SHORTER_SHARE = 0.30
SHORTER_MM = 15.0


def _item_name(key: str) -> str:
    """'s1b5-i2' as a reader would say it: item 2 of block 5; 's1b3': block 3 (of the panel's first section)."""
    match = re.match(r"^s(\d+)b(\d+)(?:-i(\d+))?$", key)
    if not match:
        return key
    section = f" of section {match[1]}" if match[1] != "1" else ""
    block = f"block {match[2]}{section}"
    return f"item {match[3]} of {block}" if match[3] else block


@check("facing")
def facing(ctx: CheckContext) -> Iterator[Finding]:
    destinations = ctx.facts.destinations
    items = paired_items(destinations)
    for first, second in ctx.layout.facing_pairs():
        yield from _measures(ctx, first, second)
        yield from _steps(ctx, first, second, items)
        yield from _shorter(ctx, first, second, items)


def _measures(ctx: CheckContext, first: Panel, second: Panel) -> Iterator[Finding]:
    """A warning where two facing columns are set to different widths: a reader compares them line by line."""
    here, there = ctx.layout.measure(second), ctx.layout.measure(first)
    if abs(here - there) > FACING_TOLERANCE_MM:
        page, placed = ctx.where(second)
        yield Finding(
            "facing",
            Severity.WARNING,
            f"its column is {here:g} mm wide, {first.id}'s {there:g} mm: facing translations share one measure "
            "(give a panel its own `margins` in layout.yaml)",
            page,
            second.id,
        )


def _steps(ctx: CheckContext, first: Panel, second: Panel, items: dict[str, dict[str, str]]) -> Iterator[Finding]:
    """The first item of `second` that starts higher or lower than its twin on `first`."""
    destinations = ctx.facts.destinations
    mine, theirs = items.get(first.id, {}), items.get(second.id, {})
    keys = sorted(set(mine) & set(theirs), key=lambda key: destinations[mine[key]][2])
    for index, key in enumerate(keys):
        here, there = destinations[theirs[key]][2], destinations[mine[key]][2]
        step = here - there
        if abs(step) > FACING_TOLERANCE_MM:
            after = len(keys) - index - 1
            more = f", and so may the {after} item{'s' if after != 1 else ''} after it" if after else ""
            page, placed = ctx.where(second)
            yield Finding(
                "facing",
                Severity.WARNING,
                f"{_item_name(key)} starts {abs(step):.1f} mm {'lower' if step > 0 else 'higher'} than on "
                f"{first.id} across the fold{more}",
                page,
                second.id,
                (placed.x, min(here, there), placed.right, max(here, there)),
            )
            return


def _shorter(ctx: CheckContext, first: Panel, second: Panel, items: dict[str, dict[str, str]]) -> Iterator[Finding]:
    """A warning on the column whose text is much shorter than its twin's.

    Levelling pads the shorter item of every pair, so both columns end together whatever they hold:
    what counts is the height of each item's own text, from its start to the foot of its last glyph,
    summed over the column (the whole column where it has no items)."""
    keys = sorted(set(items.get(first.id, {})) & set(items.get(second.id, {})))
    heights = [_text_height(ctx, panel, [items[panel.id][key] for key in keys]) for panel in (first, second)]
    if None in heights:
        return
    gap = abs(heights[0] - heights[1])
    if gap > max(SHORTER_MM, SHORTER_SHARE * max(heights)):
        shorter, longer = (first, second) if heights[0] < heights[1] else (second, first)
        page, placed = ctx.where(shorter)
        top, bottom = _span(ctx, shorter, [items[shorter.id][key] for key in keys])
        yield Finding(
            "facing",
            Severity.WARNING,
            f"its text is {gap:.1f} mm shorter than {longer.id}'s, more than {SHORTER_SHARE:.0%} of it: "
            "a translation much shorter than the other looks unfinished",
            page,
            shorter.id,
            (placed.x, top, placed.right, bottom),
        )


def _span(ctx: CheckContext, panel: Panel, names: Sequence[str]) -> tuple[float, float]:
    """From where the first item of `panel` starts (its top without items) to where the column ends."""
    destinations = ctx.facts.destinations
    starts = [destinations[name][2] for name in names if name in destinations]
    end = destinations.get(END_PREFIX + panel.id)
    bottom = end[2] if end else max((glyph.y1 for glyph in ctx.glyphs_of(panel)), default=0.0)
    return (min(starts) if starts else 0.0), bottom


def _text_height(ctx: CheckContext, panel: Panel, names: Sequence[str]) -> float | None:
    """The height of the text of the items `names` of `panel`, without the space levelling added; None
    where the PDF lacks an item's destination."""
    destinations = ctx.facts.destinations
    if any(name not in destinations for name in names):
        return None
    end = destinations.get(END_PREFIX + panel.id)
    starts = sorted(destinations[name][2] for name in names) or [0.0]
    bounds = [*starts[1:], end[2] if end else float("inf")]
    glyphs = ctx.glyphs_of(panel)
    return sum(_foot(glyphs, top, below) - top for top, below in zip(starts, bounds, strict=True))


def _foot(glyphs: Sequence[Glyph], top: float, below: float) -> float:
    """The lowest glyph foot of those that start between `top` and `below`; `top` where there is none."""
    return max((glyph.y1 for glyph in glyphs if top <= (glyph.y0 + glyph.y1) / 2 < below), default=top)
