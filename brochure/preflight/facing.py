"""The `facing` check: translations that face each other across a fold line up.

The panels that print one section in two languages (the layout splits it with `lang`)
face each other (`Layout.facing_pairs`). Each item of such a section carries a named destination
`pair-<panel>-<key>` (see `brochure.render.setting.facing`), so where it starts on each side is read
from the PDF; the end-of-panel destinations tell where each column ends. Facing columns
share one measure: the layout gives panels of different widths their own margins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from brochure.preflight.registry import CheckContext, Finding, Severity, check
from brochure.sheet.layout import Panel
from brochure.sheet.pdfmeta import END_PREFIX, paired_items

FACING_TOLERANCE_MM = 0.5  # a step a reader sees across the fold
END_GAP_SHARE = 0.30  # of the panel's height: a translation much shorter than its twin looks unfinished


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
        ends = [destinations.get(END_PREFIX + panel.id) for panel in (first, second)]
        if None in ends:
            continue
        gap = abs(ends[0][2] - ends[1][2])
        if gap > END_GAP_SHARE * ctx.layout.sheet_height:
            shorter = first if ends[0][2] < ends[1][2] else second
            longer = second if shorter is first else first
            page, placed = ctx.where(shorter)
            yield Finding(
                "facing",
                Severity.WARNING,
                f"ends {gap:.1f} mm above {longer.id}, more than {END_GAP_SHARE:.0%} of the panel: "
                "a translation much shorter than the other looks unfinished",
                page,
                shorter.id,
                (placed.x, min(ends[0][2], ends[1][2]), placed.right, max(ends[0][2], ends[1][2])),
            )


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
