"""The geometry of a page's paths, in page space: the points a path is built of, the area a fill covers,
and whether what a path paints is a rule (a stroke, or a fill at most `RULE_MM` thick) or an area.

The `tints` and `overprint` checks judge rules and areas by the same measure, and the print edition's
post-process (render/overprint.py) decides by it which black paints overprint.
"""

from __future__ import annotations

from brochure.units import MM_PER_PT

RULE_MM = 1.0  # a stroke, or a filled area at most this thick, is a rule
Matrix = tuple[float, float, float, float, float, float]
Box = tuple[float, float, float, float]
Subpaths = list[list[tuple[float, float]]]
FILLS = (b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*")
STROKES = (b"S", b"s", b"B", b"B*", b"b", b"b*")
PAINTS = (*FILLS, *STROKES, b"n")
CONSTRUCTION = (b"m", b"l", b"c", b"v", b"y", b"h", b"re")


def construct(subpaths: Subpaths, ctm: Matrix, operands, operator: bytes) -> None:
    """Add a path construction operator's points, in page space (curves by their end points)."""
    numbers = [float(v) for v in operands if isinstance(v, int | float)]
    if operator == b"re" and len(numbers) == 4:
        x, y, w, h = numbers
        subpaths.append([apply(ctm, px, py) for px, py in ((x, y), (x + w, y), (x + w, y + h), (x, y + h))])
    elif operator == b"m" and len(numbers) == 2:
        subpaths.append([apply(ctm, *numbers)])
    elif operator in (b"l", b"c", b"v", b"y") and len(numbers) >= 2:
        if not subpaths:
            subpaths.append([])
        subpaths[-1].append(apply(ctm, *numbers[-2:]))


def is_thin(subpaths: Subpaths, even_odd: bool) -> bool:
    """Whether a fill of `subpaths` is a rule: its area over its longest side at most `RULE_MM`."""
    points = [point for subpath in subpaths for point in subpath]
    if not points:
        return False
    box = bounds(points)
    thickness = painted_area(subpaths, even_odd) / max(box[2] - box[0], box[3] - box[1], 1e-9)
    return thickness * MM_PER_PT <= RULE_MM


def painted_area(subpaths: Subpaths, even_odd: bool) -> float:
    """The area a fill covers, in pt²: each subpath's, less those that lie inside another as holes (as
    a box's border is drawn: the outer box, and the inner one cut out). Under the nonzero rule only a
    subpath wound against the one around it is a hole; one wound with it adds nothing."""
    shapes = sorted(((_signed_area(points), bounds(points)) for points in subpaths if len(points) > 2), key=_size)
    total = 0.0
    for index, (area, box) in enumerate(shapes):
        around = next((outer for outer, within in shapes[:index] if _within(box, within)), None)
        if around is None:
            total += abs(area)
        elif even_odd or (area > 0) != (around > 0):
            total -= abs(area)
    return max(total, 0.0)


def bounds(points: list[tuple[float, float]]) -> Box:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _size(shape: tuple[float, Box]) -> float:
    return -abs(shape[0])


def _signed_area(points: list[tuple[float, float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True)) / 2


def _within(inner: Box, outer: Box) -> bool:
    return inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2] and inner[3] <= outer[3]
