"""The `graphics-zone` check: vector art and images near the trim either keep out of the safe
zone or run clearly into the bleed, and only the art the layout declares meant to bleed
runs there.

Glyphs have the `safe-zone` check; this one judges every other object the sheet draws
(paths, images, forms) by its bounds. An object that ends just inside the trim is cut
into by a guillotine's tolerance, and one that ends just outside it shows as a sliver:
art near the trim must end at least the safe margin inside it, or at least the cutting
tolerance past it. An object wholly in the bleed is cut off anyway. Folds are not judged:
backgrounds meet there by design.

A print PDF records where it draws the elements of the layout's `bleeds` (`brochure.bleeds`).
Then only their art may run past the trim: a declared element's own background and borders
(which share at least three edges of its box), and whatever is drawn inside a declared image,
judged as clipped to it. Anything else must keep the safe margin inside the trim, however far past the trim
it runs. A PDF that records nothing is judged by where its objects end alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import pypdfium2.raw as pdfium_c

from brochure.preflight.pdffacts import PdfFacts
from brochure.preflight.registry import CheckContext, Finding, Severity, bounds, check
from brochure.sheet.pdfmeta import RecordedBleed, recorded_bleeds
from brochure.units import MM_PER_PT

CUT_TOLERANCE_MM = 1.0  # how far a guillotine may cut from the trim line
EDGE_MM = 0.05  # how close an object's edge must be to its element's to be drawn to it
ROUNDING_MM = 0.001  # pdfium's bounds are single-precision: art drawn at a limit lands a hair either side
_JUDGED = (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM)

Box = tuple[float, float, float, float]


def drawn_boxes(facts: PdfFacts) -> list[list[Box]]:
    """Per page, the bounds of every path, image and form drawn on it (forms as a whole), in mm
    from the trim's top-left corner."""
    pages = []
    for page, facts_of_page in zip(facts.document, facts.pages, strict=False):
        left, _, _, top = facts_of_page.trim_pt
        boxes = []
        for item in page.get_objects(max_depth=0):
            if item.type in _JUDGED:
                x0, y0, x1, y1 = item.get_bounds()
                boxes.append(
                    ((x0 - left) * MM_PER_PT, (top - y1) * MM_PER_PT, (x1 - left) * MM_PER_PT, (top - y0) * MM_PER_PT)
                )
        pages.append(boxes)
    return pages


def _distances(box: Box, width: float, height: float) -> dict[str, float]:
    """How far inside each trim edge the object ends (negative: past it)."""
    return {
        "the left trim": box[0],
        "the top trim": box[1],
        "the right trim": width - box[2],
        "the bottom trim": height - box[3],
    }


def _outside(box: Box, width: float, height: float) -> bool:
    """Whether the object lies wholly past one trim edge: in the bleed, cut off anyway."""
    return box[2] <= 0 or box[0] >= width or box[3] <= 0 or box[1] >= height


def _judged(box: Box, declared: list[RecordedBleed] | None) -> tuple[Box, dict[int, bool]]:
    """The object's bounds as they print, and per edge (0 left, 1 top, 2 right, 3 bottom) whether
    it is art meant to bleed there: every edge without a record; inside a declared image, the
    image's art, clipped to it; else the edges it shares with a declared element whose own
    drawing it is (its background shares all four edges of its box, a border three)."""
    if declared is None:
        return box, dict.fromkeys(range(4), True)
    for x0, y0, x1, y1, image in declared:
        if image and box[0] < x1 and box[2] > x0 and box[1] < y1 and box[3] > y0:
            return (max(box[0], x0), max(box[1], y0), min(box[2], x1), min(box[3], y1)), dict.fromkeys(range(4), True)
    meant = dict.fromkeys(range(4), False)
    for *element, image in declared:
        shared = [abs(box[side] - element[side]) <= EDGE_MM for side in range(4)]
        if not image and sum(shared) >= 3 and _inside(box, element):
            meant = {side: meant[side] or shared[side] for side in range(4)}
    return box, meant


def _inside(box: Box, element: list[float]) -> bool:
    return (
        box[0] >= element[0] - EDGE_MM
        and box[1] >= element[1] - EDGE_MM
        and box[2] <= element[2] + EDGE_MM
        and box[3] <= element[3] + EDGE_MM
    )


@check("graphics-zone", editions=("print",))
def graphics_zone(ctx: CheckContext) -> Iterator[Finding]:
    margin = ctx.layout.safe_margin
    record = recorded_bleeds(ctx.facts.metadata)
    for number, boxes in enumerate(drawn_boxes(ctx.facts), start=1):
        if number > len(ctx.surfaces):
            continue
        surface = ctx.surfaces[number - 1]
        declared = None if record is None else record.get(number, [])
        hits: dict[tuple[str | None, str, bool], list[tuple[float, Box]]] = defaultdict(list)
        for drawn in boxes:
            box, meant = _judged(drawn, declared)
            if _outside(box, surface.width, surface.height):
                continue
            for side, (edge, distance) in enumerate(_distances(box, surface.width, surface.height).items()):
                # Art meant to bleed may run past the cutting tolerance; other art may not pass the trim.
                if distance < margin - ROUNDING_MM and (distance > ROUNDING_MM - CUT_TOLERANCE_MM or not meant[side]):
                    panel_id = ctx.panel_id_at(number, (box[0] + box[2]) / 2)
                    hits[(panel_id, edge, not meant[side])].append((distance, box))
        for (panel_id, edge, stray), found in hits.items():
            yield Finding(
                "graphics-zone",
                Severity.ERROR,
                _message(found, edge, stray, margin),
                number,
                panel_id,
                bounds(box for _, box in found),
            )


def _message(found: list[tuple[float, Box]], edge: str, stray: bool, margin: float) -> str:
    closest = min(distance for distance, _ in found)
    where = f"{closest:.2f} mm inside" if closest >= 0 else f"{-closest:.2f} mm past"
    count = f"{len(found)} graphic{'s' if len(found) != 1 else ''}"
    if stray:
        return (
            f"{count} not declared to bleed ending near {edge} (closest {where} it): keep art {margin:g} mm "
            "inside the trim, or name its element's class in the layout's `bleeds`"
        )
    return (
        f"{count} ending near {edge} (closest {where} it): "
        f"keep art {margin:g} mm inside the trim, or run it at least {CUT_TOLERANCE_MM:g} mm into the bleed"
    )
