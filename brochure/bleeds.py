"""Where a laid-out leaflet draws the elements its layout declares meant to bleed.

A layout's `bleeds` names CSS classes. Once the print edition is laid out, each element of
those classes is found in WeasyPrint's boxes and its border box is recorded in the PDF
(`pdfmeta.BLEEDS_NAME`), page by page, in mm from the trim's top-left corner. The
`graphics-zone` check reads the record back to tell art drawn into the bleed on purpose from
art that only strays there. WeasyPrint has no public API for where an element landed: a
page's box tree is its `_page_box`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import weasyprint
from weasyprint.formatting_structure.boxes import ReplacedBox

from .pdfmeta import BLEEDS_NAME, bleeds_content

MM_PER_PX = 25.4 / 96  # a CSS pixel


@dataclass(frozen=True)
class BleedBox:
    """Where one element meant to bleed is drawn, in mm from the trim's top-left corner.

    An `image` (an <img>, <svg> or other replaced element) owns everything drawn inside its
    box, clipped to it; any other element draws only its background and borders.
    """

    x0: float
    y0: float
    x1: float
    y1: float
    image: bool = False

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.x0, self.y0, self.x1, self.y1


def bleed_boxes(document: weasyprint.document.Document, classes: Iterable[str]) -> dict[int, list[BleedBox]]:
    """Per 1-based page, where `document` draws the elements of `classes`."""
    wanted = frozenset(classes)
    pages = {}
    for number, page in enumerate(document.pages, start=1):
        found = [_bleed_box(box) for box in _boxes_of(page._page_box, wanted)]
        if found:
            pages[number] = found
    return pages


def record_bleeds(document: weasyprint.document.Document, classes: Iterable[str] | None) -> None:
    """Record in `document`'s metadata where it draws the elements of `classes`; with no classes
    declared (None), nothing, and the PDF's graphics are judged by where they end alone."""
    if classes is None:
        return
    document.metadata.custom[BLEEDS_NAME.lower()] = bleeds_content(
        {
            number: [(*item.box, item.image) for item in items]
            for number, items in bleed_boxes(document, classes).items()
        }
    )


def _boxes_of(box, wanted: frozenset[str], parent_element=None) -> Iterator:
    """The principal boxes of the elements with a class in `wanted`: not the anonymous boxes
    that share their element, nor the boxes of their ::before and ::after."""
    box = getattr(box, "_box", box)  # an absolutely positioned box sits behind a placeholder
    element = getattr(box, "element", None)
    principal = element is not None and element is not parent_element and not getattr(box, "pseudo_type", None)
    if principal and wanted.intersection((element.get("class") or "").split()):
        yield box
    for child in getattr(box, "children", None) or ():
        yield from _boxes_of(child, wanted, element)


def _bleed_box(box) -> BleedBox:
    x, y = box.border_box_x(), box.border_box_y()
    return BleedBox(
        *(round(v * MM_PER_PX, 3) for v in (x, y, x + box.border_width(), y + box.border_height())),
        image=isinstance(box, ReplacedBox),
    )
