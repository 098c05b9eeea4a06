"""The `graphics-zone` check: vector art and images near the trim either keep out of the safe
zone or run clearly into the bleed.

Glyphs have the `safe-zone` check; this one judges every other object the sheet draws
(paths, images, forms) by its bounds. An object that ends just inside the trim is cut
into by a guillotine's tolerance, and one that ends just outside it shows as a sliver:
art near the trim must end at least the safe margin inside it, or at least the cutting
tolerance past it. An object wholly in the bleed is cut off anyway. Folds are not judged:
backgrounds meet there by design.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..pdffacts import PT_TO_MM
from .registry import CheckContext, Finding, Severity, bounds, check

CUT_TOLERANCE_MM = 1.0  # how far a guillotine may cut from the trim line
_JUDGED = (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM)

Box = tuple[float, float, float, float]


def drawn_boxes(path, trims: list[tuple[float, float, float, float]]) -> list[list[Box]]:
    """Per page, the bounds of every path, image and form drawn on it (forms as a whole), in mm
    from the trim's top-left corner."""
    pdf = pdfium.PdfDocument(path)
    try:
        pages = []
        for page, (left, _, _, top) in zip(pdf, trims, strict=False):
            boxes = []
            for item in page.get_objects(max_depth=0):
                if item.type in _JUDGED:
                    x0, y0, x1, y1 = item.get_bounds()
                    boxes.append(
                        ((x0 - left) * PT_TO_MM, (top - y1) * PT_TO_MM, (x1 - left) * PT_TO_MM, (top - y0) * PT_TO_MM)
                    )
            pages.append(boxes)
        return pages
    finally:
        pdf.close()


def _distances(box: Box, width: float, height: float) -> dict[str, float]:
    """How far inside each trim edge the object ends (negative: past it)."""
    return {
        "the left trim": box[0],
        "the top trim": box[1],
        "the right trim": width - box[2],
        "the bottom trim": height - box[3],
    }


@check("graphics-zone", editions=("print",))
def graphics_zone(ctx: CheckContext) -> Iterator[Finding]:
    margin = ctx.layout.safe_margin
    trims = [page.trim_pt for page in ctx.facts.pages]
    for number, boxes in enumerate(drawn_boxes(ctx.facts.path, trims), start=1):
        if number > len(ctx.surfaces):
            continue
        surface = ctx.surfaces[number - 1]
        hits: dict[tuple[str | None, str], list[tuple[float, Box]]] = defaultdict(list)
        for box in boxes:
            if box[2] <= 0 or box[0] >= surface.width or box[3] <= 0 or box[1] >= surface.height:
                continue  # wholly in the bleed
            for edge, distance in _distances(box, surface.width, surface.height).items():
                if -CUT_TOLERANCE_MM < distance < margin:
                    hits[(ctx.panel_id_at(number, (box[0] + box[2]) / 2), edge)].append((distance, box))
        for (panel_id, edge), found in hits.items():
            closest = min(distance for distance, _ in found)
            where = f"{closest:.2f} mm inside" if closest >= 0 else f"{-closest:.2f} mm past"
            yield Finding(
                "graphics-zone",
                Severity.ERROR,
                f"{len(found)} graphic{'s' if len(found) != 1 else ''} ending near {edge} (closest {where} it): "
                f"keep art {margin:g} mm inside the trim, or run it at least {CUT_TOLERANCE_MM:g} mm into the bleed",
                number,
                panel_id,
                bounds(box for _, box in found),
            )
