"""Facing translations: the items of panels that print one section in two languages, set level.

Such panels face each other across a fold (the fields of action in French and in German),
and a reader compares them line by line. The templates give each item of such a section
(a group title, a field) the id `pair-<panel>-<key>`, the same key on both sides. After a
first layout, `levelling_css` reads where each item starts on each side and pads the
shorter item of every pair by the difference; the second layout then starts every pair at
the same height, and ends both columns together. Columns that levelling would push past
the foot of their content box (`foot-<panel>`) are left as they are: a text that fits is
never made to overflow, and the `facing` check says that the pair is not level. The same content always gives the same
padding, so the output stays reproducible.
"""

from __future__ import annotations

from collections.abc import Mapping

from brochure.sheet.pdfmeta import END_PREFIX, FOOT_PREFIX, pair_id, paired_items, paired_panels

MIN_PADDING_PX = 0.01
# The columns are measured as set, without the stretch of their spacers: a spacer's height is the room
# its column leaves, not text, and a shorter column's would count as a taller item. Once the items are
# level, the spacers of the final layout take up what room is left.
MEASURING_CSS = ".panel__flow--stack > .block--spacer, .panel__flow--stack > .stack__gap { flex-grow: 0; }"


def anchor_tops(document) -> dict[str, float]:
    """The top of every element with an id in a laid-out WeasyPrint document, in CSS px from its page's top."""
    return {name: position[1] for page in document.pages for name, position in page.anchors.items()}


def levelling_css(tops: Mapping[str, float]) -> str:
    """CSS that sets every pair of facing items level: `tops` holds the top, in CSS px, of
    every element with an id in the first layout (those of one page are comparable)."""
    items = paired_items(tops)
    rules = []
    for first, second in paired_panels(items):
        rules += _pair_rules(tops, items, first, second)
    return "\n".join(rules)


def _pair_rules(
    tops: Mapping[str, float], items: Mapping[str, Mapping[str, str]], first: str, second: str
) -> list[str]:
    keys = sorted(set(items[first]) & set(items[second]), key=lambda key: tops[items[first][key]])
    rules, end = [], max(tops[items[panel][keys[0]]] for panel in (first, second)) if keys else 0.0
    for index, key in enumerate(keys):
        heights = {}
        for panel in (first, second):
            following = items[panel][keys[index + 1]] if index + 1 < len(keys) else END_PREFIX + panel
            if following not in tops:
                return []
            heights[panel] = tops[following] - tops[items[panel][key]]
        shorter = min(heights, key=lambda panel: (heights[panel], panel))
        padding = max(heights.values()) - heights[shorter]
        end += max(heights.values())
        if padding >= MIN_PADDING_PX:
            rules.append(f"#{pair_id(shorter, key)} {{ padding-bottom: {padding:.3f}px; }}")
    feet = [tops[FOOT_PREFIX + panel] for panel in (first, second) if FOOT_PREFIX + panel in tops]
    if feet and end > min(feet) + MIN_PADDING_PX:
        return []  # level, the columns would no longer fit
    return rules
