"""Rules across a fold: a divider that almost lines up with a rule of the panel beside it, set on it.

Panels side by side on one side of the sheet are read together when the leaflet lies open, and
two rules a millimetre apart across a fold read as a mistake, where rules at one height read as
one line. The rules of a panel are the top borders its blocks draw across at least half its
width (a divider, a list's hairlines, the rule over a logo). After the leaflet is laid out,
`alignment_css` finds each divider whose rule lies within `SNAP_MM` of a rule of a panel beside
it, and moves it there by its margin above: down by as much as it takes, up by at most half that
margin, so that it never crowds the text above. The print edition is then laid out again with
that stylesheet, and keeps it only if no panel it moved runs past its foot. The same layout
always gives the same stylesheet, so the output stays reproducible.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from brochure.sheet.pdfmeta import END_PREFIX, FOOT_PREFIX, PANEL_PREFIX
from brochure.units import MM_PER_CSS_PX

SNAP_MM = 3.0  # further apart, two rules read as two lines, not as one missed
MIN_MOVE_PX = 0.01  # what layout arithmetic may leave over
DIVIDER_CLASS = "block--divider"


@dataclass(frozen=True)
class _Rule:
    panel: str
    top: float  # CSS px from the page's top
    block: str | None = None  # the divider block's id, for a rule that may move
    margin: float = 0.0  # that block's margin above it, in CSS px


def alignment_css(document) -> str:
    """The stylesheet that sets each divider of `document` on the rule beside it that it almost meets;
    "" where none does."""
    moves = []
    for page in document.pages:
        rules = list(_rules(page._page_box))
        places = _places(page._page_box)
        for rule in (rule for rule in rules if rule.block):
            beside = [other.top for other in rules if _beside(places, rule.panel, other.panel)]
            move = _move(rule, beside)
            if move is not None:
                moves.append(f"#{rule.block} {{ margin-top: {rule.margin + move:.3f}px; }}")
    return "\n".join(moves)


def moved_past_foot(document, css: str) -> bool:
    """Whether a panel holding a block that `css` moves ends past the foot of its content box."""
    tops = {name: position[1] for page in document.pages for name, position in page.anchors.items()}
    for line in css.splitlines():
        block = line.split()[0].removeprefix("#")
        panel = next((name.removeprefix(END_PREFIX) for name in tops if _holds(block, name)), None)
        if panel and FOOT_PREFIX + panel in tops and tops[END_PREFIX + panel] > tops[FOOT_PREFIX + panel] + MIN_MOVE_PX:
            return True
    return False


def _holds(block: str, name: str) -> bool:
    return name.startswith(END_PREFIX) and block.startswith(f"block-{name.removeprefix(END_PREFIX)}-s")


def _move(rule: _Rule, beside: list[float]) -> float | None:
    """How far, in CSS px, to move `rule` onto the nearest rule `beside` it; None for none near enough."""
    near = [top - rule.top for top in beside if abs(top - rule.top) * MM_PER_CSS_PX <= SNAP_MM]
    if not near:
        return None
    move = min(near, key=lambda each: (abs(each), each))
    if abs(move) < MIN_MOVE_PX or move < -rule.margin / 2:
        return None
    return move


def _places(page_box) -> dict[str, tuple[float, float]]:
    """Each panel's left and right edges on the page, in CSS px."""
    return {
        box.element.get("id").removeprefix(PANEL_PREFIX): (box.position_x, box.position_x + box.margin_width())
        for box in _descendants(page_box)
        if _id(box).startswith(PANEL_PREFIX) and box.element_tag == "section"
    }


def _beside(places: dict[str, tuple[float, float]], panel: str, other: str) -> bool:
    """Whether panel `other` touches `panel` at a fold (the same page, sharing an edge)."""
    if panel == other or panel not in places or other not in places:
        return False
    (left, right), (other_left, other_right) = places[panel], places[other]
    return abs(right - other_left) < 1 or abs(other_right - left) < 1


def _rules(page_box) -> Iterator[_Rule]:
    """The rules of each panel of a page: top borders across at least half of the panel's content."""
    for panel in _descendants(page_box):
        if not (_id(panel).startswith(PANEL_PREFIX) and panel.element_tag == "section"):
            continue
        name = _id(panel).removeprefix(PANEL_PREFIX)
        width = panel.width
        block = None
        for box in _descendants(panel):
            classes = (box.element.get("class") or "").split() if box.element is not None else []
            if DIVIDER_CLASS in classes and box.element_tag == "div":
                block = box
            if box.style["border_top_width"] <= 0 or box.border_width() < width / 2:
                continue
            if box.element_tag == "hr" and block is not None and box.element in list(block.element):
                yield _Rule(name, box.border_box_y(), _id(block), block.margin_top)
            else:
                yield _Rule(name, box.border_box_y())


def _descendants(box) -> Iterator:
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


def _id(box) -> str:
    element = getattr(box, "element", None)
    return (element.get("id") or "") if element is not None else ""
