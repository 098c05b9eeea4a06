"""Rules across a fold: a divider that almost lines up with a rule of the panel beside it, set on it.

Panels side by side on one side of the sheet are read together when the leaflet lies open, and
two rules a millimetre apart across a fold read as a mistake, where rules at one height read as
one line. The rules of a panel are the top borders its blocks draw across at least half its
width (a divider, a list's hairlines, the rule over a logo). After the leaflet is laid out,
`divider_moves` finds each divider whose rule lies within `SNAP_MM` of a rule of a panel beside
it, and moves it there by its margin above: down by as much as it takes, up by at most half that
margin, so that it never crowds the text above. The print edition is then laid out again with
that stylesheet, and keeps it only if no panel it moved runs past its foot. The same layout
always gives the same stylesheet, so the output stays reproducible.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from brochure.render.setting.facing import anchor_tops
from brochure.render.setting.fitting import TOLERANCE_PX, excess
from brochure.render.warm.kept import panel_boxes
from brochure.sheet.pdfmeta import PANEL_PREFIX
from brochure.units import MM_PER_CSS_PX

SNAP_MM = 3.0  # further apart, two rules read as two lines, not as one missed
DIVIDER_CLASS = "block--divider"


@dataclass(frozen=True)
class _Rule:
    panel: str
    top: float  # CSS px from the page's top
    block: str | None = None  # the divider block's id, for a rule that may move
    margin: float = 0.0  # that block's margin above it, in CSS px


def divider_moves(document) -> list[tuple[str, str]]:
    """Each divider of `document` that almost meets a rule beside it, as its panel and the CSS rule that
    sets it on that rule; none where no divider does."""
    moves = []
    for page in document.pages:
        panels = panel_boxes(page._page_box)
        places = {_name(panel): (panel.position_x, panel.position_x + panel.margin_width()) for panel in panels}
        rules = [rule for panel in panels for rule in _rules(panel)]
        for rule in (rule for rule in rules if rule.block):
            move = _move(rule, [other.top for other in rules if _beside(places, rule.panel, other.panel)])
            if move is not None:
                moves.append((rule.panel, f"#{rule.block} {{ margin-top: {rule.margin + move:.3f}px; }}"))
    return moves


def past_foot(document, panels: list[str]) -> bool:
    """Whether one of `panels` ends past the foot of its content box in `document`."""
    tops = anchor_tops(document)
    return any(excess(tops, (panel,)) > TOLERANCE_PX for panel in panels)


def _move(rule: _Rule, beside: list[float]) -> float | None:
    """How far, in CSS px, to move `rule` onto the nearest rule `beside` it; None for none near enough."""
    near = [top - rule.top for top in beside if abs(top - rule.top) * MM_PER_CSS_PX <= SNAP_MM]
    if not near:
        return None
    move = min(near, key=lambda each: (abs(each), each))
    if abs(move) < TOLERANCE_PX or move < -rule.margin / 2:
        return None
    return move


def _beside(places: dict[str, tuple[float, float]], panel: str, other: str) -> bool:
    """Whether panel `other` touches `panel` at a fold (the same page, sharing an edge)."""
    if panel == other:
        return False
    (left, right), (other_left, other_right) = places[panel], places[other]
    return abs(right - other_left) < 1 or abs(other_right - left) < 1


def _rules(panel) -> Iterator[_Rule]:
    """The rules of a panel's box: top borders across at least half of the panel."""
    name, block = _name(panel), None
    for box in panel.descendants(placeholders=True):
        element = getattr(box, "element", None)
        if element is None:
            continue
        if DIVIDER_CLASS in (element.get("class") or "").split() and box.element_tag == "div":
            block = box
        if box.style["border_top_width"] <= 0 or box.border_width() < panel.width / 2:
            continue
        if box.element_tag == "hr" and block is not None and element in list(block.element):
            yield _Rule(name, box.border_box_y(), block.element.get("id"), block.margin_top)
        else:
            yield _Rule(name, box.border_box_y())


def _name(panel) -> str:
    return panel.element.get("id").removeprefix(PANEL_PREFIX)
