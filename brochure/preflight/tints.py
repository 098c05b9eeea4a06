"""The `tints` check of a press-ready PDF: rules and tints in at most two process inks, each of a
dot the plate holds.

A light colour is screened into small dots on every plate it uses: built from three or four inks,
a hairline breaks into a fringe of coloured dots as soon as the plates are slightly out of register,
and a light background drifts in hue over the run, since its grey balance rests on four small dots
at once. An ink below 3 % is a dot most plates do not hold at all: it prints as nothing here and a
speck there. Text has the `fine-print` check; this one judges the paths a page fills and strokes,
through its forms, in the colours their content streams set.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from pypdf.generic import DictionaryObject

from brochure.preflight.colours import space_kind
from brochure.preflight.fineprint import IDENTITY, Matrix, multiply  # the text walk's page geometry
from brochure.preflight.pdffacts import PdfFacts
from brochure.preflight.registry import CheckContext, Finding, Severity, check
from brochure.preflight.streams import ContentStreams
from brochure.sheet.colour import INKED, MIN_DOT, TINT_INKS, is_tint, well_built
from brochure.units import MM_PER_PT

RULE_MM = 1.0  # a stroke, or a filled area at most this thick, is a rule
_MAX_DEPTH = 12
_FILLS = (b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*")
_STROKES = (b"S", b"s", b"B", b"B*", b"b", b"b*")
_PAINTS = (*_FILLS, *_STROKES, b"n")
Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class Painted:
    """A path a page fills or strokes in CMYK: a rule or a tint, its colour in %, where it is."""

    page: int
    kind: str  # "rule" or "tint"
    cmyk: tuple[float, ...]
    x: float  # mm from the trim's left edge, the middle of the path


def faults(cmyk: tuple[float, ...]) -> list[str]:
    """What is wrong with a tint's build: more than two inks, an ink below the smallest dot."""
    inked = [value for value in cmyk if value >= INKED]
    found = []
    if len(inked) > TINT_INKS:
        found.append(f"{len(inked)} process inks (at most {TINT_INKS})")
    thin = [f"{ink} {value:.1f} %" for ink, value in zip("CMYK", cmyk, strict=True) if 0 < value < MIN_DOT]
    if thin:
        found.append(f"a dot below {MIN_DOT:g} % ({', '.join(thin)})")
    return found


@check("tints", editions=("print",))
def tints(ctx: CheckContext) -> Iterator[Finding]:
    found: dict[tuple[int, str | None, str, tuple[float, ...]], int] = defaultdict(int)
    for painted in painted_paths(ctx.facts):
        if is_tint(painted.cmyk) and not well_built(painted.cmyk):
            found[(painted.page, ctx.panel_id_at(painted.page, painted.x), painted.kind, painted.cmyk)] += 1
    for (page, panel_id, kind, cmyk), count in found.items():
        colour = " ".join(f"{ink}{value:g}" for ink, value in zip("CMYK", cmyk, strict=True) if value > 0)
        what = "rules" if kind == "rule" else "tinted areas"
        yield Finding(
            "tints",
            Severity.WARNING,
            f"{count} {what[:-1] if count == 1 else what} in {colour}: {' and '.join(faults(cmyk))}; build rules "
            f"and tints from at most {TINT_INKS} inks, each at {MIN_DOT:g} % or more",
            page,
            panel_id,
        )


def painted_paths(facts: PdfFacts) -> list[Painted]:
    """Every path every page fills or strokes in a CMYK or grey colour, through its forms."""
    painted: list[Painted] = []
    for page, read in zip(facts.reader.pages, facts.pages, strict=False):
        walk = _PathWalk(facts.streams, read.number, read.trim_pt[0], painted)
        walk.stream(facts.streams.page(read.number - 1), page.get("/Resources"), IDENTITY, 0)
    return painted


class _PathWalk:
    def __init__(self, streams: ContentStreams, page: int, trim_left: float, painted: list[Painted]) -> None:
        self.streams, self.page, self.trim_left, self.painted = streams, page, trim_left, painted

    def stream(self, contents, resources, ctm: Matrix, depth: int) -> None:
        if contents is None or depth > _MAX_DEPTH:
            return
        resources = _dict(resources)
        spaces = _dict(resources.get("/ColorSpace"))
        black = (0.0, 0.0, 0.0, 100.0)
        state = {"ctm": ctm, "fill": black, "stroke": black, "cs": "/DeviceGray", "CS": "/DeviceGray", "w": 1.0}
        stack: list[dict] = []
        subpaths: list[list[tuple[float, float]]] = []
        for operands, operator in self.streams.operations(contents):
            if operator == b"q":
                stack.append(dict(state))
            elif operator == b"Q" and stack:
                state = stack.pop()
            elif operator == b"cm" and len(operands) == 6:
                state["ctm"] = multiply(tuple(float(v) for v in operands), state["ctm"])
            elif operator == b"w" and operands:
                state["w"] = float(operands[0])
            elif operator == b"Do" and operands:
                self.form(_dict(resources.get("/XObject")).get(operands[0]), state["ctm"], depth)
            elif operator in _PAINTS:
                self.paint(state, subpaths, operator)
                subpaths = []
            elif not _colour(state, spaces, operands, operator):
                _construct(subpaths, state["ctm"], operands, operator)

    def paint(self, state: dict, subpaths: list[list[tuple[float, float]]], operator: bytes) -> None:
        points = [point for subpath in subpaths for point in subpath]
        if not points:
            return
        box = _box(points)
        x = ((box[0] + box[2]) / 2 - self.trim_left) * MM_PER_PT
        if operator in _FILLS and state["fill"] is not None:
            thin = _painted_area(subpaths, operator.endswith(b"*")) / max(box[2] - box[0], box[3] - box[1], 1e-9)
            kind = "rule" if thin * MM_PER_PT <= RULE_MM else "tint"
            self.painted.append(Painted(self.page, kind, state["fill"], x))
        if operator in _STROKES and state["stroke"] is not None:
            self.painted.append(Painted(self.page, "rule", state["stroke"], x))

    def form(self, xobject, ctm: Matrix, depth: int) -> None:
        xobject = xobject.get_object() if xobject is not None else None
        if xobject is None or xobject.get("/Subtype") != "/Form":
            return
        matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
        self.stream(xobject, xobject.get("/Resources"), multiply(matrix, ctm), depth + 1)


def _colour(state: dict, spaces: DictionaryObject, operands, operator: bytes) -> bool:
    """Follow a colour operator (fill in lower case, stroke in upper case); False if `operator` is none.
    A colour neither CMYK nor grey is None: other checks judge it."""
    paint = "fill" if operator.islower() else "stroke"
    lower = operator.lower()
    if lower in (b"k", b"g"):
        state[paint] = _cmyk("/DeviceCMYK" if lower == b"k" else "/DeviceGray", operands)
    elif lower == b"rg":
        state[paint] = None
    elif lower == b"cs" and operands:
        state[operator.decode()] = spaces.get(operands[0], operands[0])
    elif lower in (b"sc", b"scn"):
        state[paint] = _cmyk(state["cs" if paint == "fill" else "CS"], operands)
    else:
        return False
    return True


def _cmyk(space, operands) -> tuple[float, ...] | None:
    values = tuple(float(value) * 100 for value in operands if isinstance(value, int | float))
    kind = space_kind(space)
    if kind == "CMYK" and len(values) == 4:
        return tuple(round(value, 1) for value in values)
    if kind == "Gray" and len(values) == 1:
        return (0.0, 0.0, 0.0, round(100 - values[0], 1))
    return None


def _construct(subpaths: list[list[tuple[float, float]]], ctm: Matrix, operands, operator: bytes) -> None:
    """Add a path construction operator's points, in page space (curves by their end points)."""
    numbers = [float(v) for v in operands if isinstance(v, int | float)]
    if operator == b"re" and len(numbers) == 4:
        x, y, w, h = numbers
        subpaths.append([_apply(ctm, px, py) for px, py in ((x, y), (x + w, y), (x + w, y + h), (x, y + h))])
    elif operator == b"m" and len(numbers) == 2:
        subpaths.append([_apply(ctm, *numbers)])
    elif operator in (b"l", b"c", b"v", b"y") and len(numbers) >= 2:
        if not subpaths:
            subpaths.append([])
        subpaths[-1].append(_apply(ctm, *numbers[-2:]))


def _painted_area(subpaths: list[list[tuple[float, float]]], even_odd: bool) -> float:
    """The area a fill covers, in pt²: each subpath's, less those that lie inside another as holes (as
    a box's border is drawn: the outer box, and the inner one cut out). Under the nonzero rule only a
    subpath wound against the one around it is a hole; one wound with it adds nothing."""
    shapes = sorted(((_signed_area(points), _box(points)) for points in subpaths if len(points) > 2), key=_size)
    total = 0.0
    for index, (area, box) in enumerate(shapes):
        around = next((outer for outer, within in shapes[:index] if _within(box, within)), None)
        if around is None:
            total += abs(area)
        elif even_odd or (area > 0) != (around > 0):
            total -= abs(area)
    return max(total, 0.0)


def _size(shape: tuple[float, Box]) -> float:
    return -abs(shape[0])


def _signed_area(points: list[tuple[float, float]]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True)) / 2


def _box(points: list[tuple[float, float]]) -> Box:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def _within(inner: Box, outer: Box) -> bool:
    return inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _dict(value) -> DictionaryObject:
    value = value.get_object() if value is not None else None
    return value if isinstance(value, DictionaryObject) else DictionaryObject()
