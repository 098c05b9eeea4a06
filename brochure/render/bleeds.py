"""Where a laid-out leaflet draws the elements its layout declares meant to bleed.

A layout's `bleeds` names CSS classes. Once the print edition is laid out, each element of
those classes is found in WeasyPrint's boxes and its border box is recorded in the PDF
(`pdfmeta.BLEEDS_NAME`), page by page, in mm from the trim's top-left corner. The
`graphics-zone` check reads the record back to tell art drawn into the bleed on purpose from
art that only strays there. Where an element landed is read from WeasyPrint's box tree
(`brochure.boxes`).
"""

from __future__ import annotations

from collections.abc import Iterable

import weasyprint
from weasyprint.formatting_structure.boxes import ReplacedBox

from brochure.render.boxes import page_boxes, walk
from brochure.sheet.pdfmeta import BLEEDS_NAME, RecordedBleed, bleeds_content
from brochure.units import css_px_to_mm


def bleed_boxes(document: weasyprint.document.Document, classes: Iterable[str]) -> dict[int, list[RecordedBleed]]:
    """Per 1-based page, where `document` draws the elements of `classes`: each one's border box in
    mm from the trim's top-left corner, and whether it is an image (an <img>, <svg> or other
    replaced element, or an element with a background image, which owns everything drawn inside
    its box; any other element draws only its background and borders)."""
    wanted = frozenset(classes)
    pages = {}
    for number, page in enumerate(document.pages, start=1):
        found = [_bleed_box(box) for box in _boxes_of(page_boxes(page), wanted)]
        if found:
            pages[number] = found
    return pages


def record_bleeds(document: weasyprint.document.Document, classes: Iterable[str] | None) -> None:
    """Record in `document`'s metadata where it draws the elements of `classes`; with no classes
    declared (None), nothing, and the PDF's graphics are judged by where they end alone."""
    if classes is None:
        return
    document.metadata.custom[BLEEDS_NAME.lower()] = bleeds_content(bleed_boxes(document, classes))


def _boxes_of(root, wanted: frozenset[str]) -> list:
    """The principal boxes of the elements with a class in `wanted`: not the anonymous boxes
    that share their parent's element, nor the boxes of their ::before and ::after."""
    found = []
    for box, parent in walk(root):
        element = getattr(box, "element", None)
        principal = element is not None and element is not getattr(parent, "element", None)
        if (
            principal
            and not getattr(box, "pseudo_type", None)
            and wanted.intersection((element.get("class") or "").split())
        ):
            found.append(box)
    return found


def _bleed_box(box) -> RecordedBleed:
    x, y = box.border_box_x(), box.border_box_y()
    x0, y0, x1, y1 = (round(css_px_to_mm(v), 3) for v in (x, y, x + box.border_width(), y + box.border_height()))
    return x0, y0, x1, y1, isinstance(box, ReplacedBox) or _has_background_image(box)


def _has_background_image(box) -> bool:
    """Whether the box draws an image as its background (decoration drawn so, out of the document's
    structure): that image, like a replaced element's, is everything drawn inside its box."""
    return any(image is not None and image[0] != "none" for image in box.style["background_image"])
