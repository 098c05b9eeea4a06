"""The `fine-print` check: text below 7 pt on the print sheet that is not 100 % of one ink.

Small type printed in two or more inks blurs as soon as the plates are slightly out of
register, and a tint of one ink is screened into dots that break its strokes; 6 pt is
the hard floor (`text-size`), 7 pt the point from which any colour reads. The colour and
size of each piece of text are read from the content streams (through forms, as SVG
images draw them), since the glyph facts hold no CMYK.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from pypdf.generic import DictionaryObject

from brochure.preflight.colours import space_kind
from brochure.preflight.registry import CheckContext, Finding, Severity, check
from brochure.preflight.streams import TEXT_SHOWING, ContentStreams
from brochure.units import MM_PER_PT

FINE_PRINT_PT = 7.0
ONE_INK_MIN = 0.995  # a solid ink, written as 1 or 0.999
_MAX_DEPTH = 12  # forms inside forms
Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True)
class InkedText:
    """One run of text as the page draws it: its size in pt, its fill, where it starts."""

    page: int
    size: float
    cmyk: tuple[float, ...] | None  # 0..1 each; None: a colour that is not CMYK or grey
    x: float  # mm from the trim's left edge


def one_ink(cmyk: tuple[float, ...] | None) -> bool:
    """Whether a fill is a solid of one ink: one component at 100 %, the others at 0."""
    if cmyk is None:
        return False
    inked = [value for value in cmyk if value > 0.005]
    return len(inked) == 1 and inked[0] >= ONE_INK_MIN


def inked_texts(streams: ContentStreams) -> list[InkedText]:
    """Every run of text of every page, with its drawn size and its fill colour."""
    texts: list[InkedText] = []
    for number, page in enumerate(streams.reader.pages, start=1):
        trim = page.get("/TrimBox")  # not page.trimbox: pypdf writes a default into the page
        trim_left = float(trim.get_object()[0]) if trim is not None else 0.0
        _TextWalk(streams, number, trim_left, texts).stream(
            streams.page(number - 1), page.get("/Resources"), _IDENTITY, 0
        )
    return texts


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _fill_of(space, operands) -> tuple[float, ...] | None:
    values = tuple(float(value) for value in operands if not hasattr(value, "startswith"))
    kind = space_kind(space)
    if kind == "CMYK" and len(values) == 4:
        return values
    if kind == "Gray" and len(values) == 1:
        return (0.0, 0.0, 0.0, 1.0 - values[0])
    return None


def _colour(state: dict, spaces, operands, operator: bytes) -> bool:
    """Follow a fill colour operator; False if `operator` is none."""
    if operator in (b"k", b"g"):
        state["fill"] = _fill_of("/DeviceCMYK" if operator == b"k" else "/DeviceGray", operands)
    elif operator == b"rg":
        state["fill"] = None
    elif operator == b"cs":
        state["space"] = spaces.get(operands[0], operands[0])
    elif operator in (b"sc", b"scn"):
        state["fill"] = _fill_of(state["space"], operands)
    else:
        return False
    return True


def _text_state(state: dict, operands, operator: bytes) -> None:
    if operator == b"BT":
        state["tm"] = _IDENTITY
    elif operator == b"Tm":
        state["tm"] = tuple(float(v) for v in operands)
    elif operator in (b"Td", b"TD"):
        state["tm"] = _multiply((1.0, 0.0, 0.0, 1.0, float(operands[0]), float(operands[1])), state["tm"])
    elif operator == b"Tf":
        state["size"] = float(operands[1])


class _TextWalk:
    def __init__(self, streams: ContentStreams, page: int, trim_left: float, texts: list[InkedText]) -> None:
        self.streams, self.page, self.trim_left, self.texts = streams, page, trim_left, texts

    def stream(self, contents, resources, ctm: Matrix, depth: int) -> None:
        if contents is None or depth > _MAX_DEPTH:
            return
        resources = resources.get_object() if resources is not None else DictionaryObject()
        spaces = resources.get("/ColorSpace")
        spaces = spaces.get_object() if spaces is not None else DictionaryObject()
        state = {"ctm": ctm, "fill": (0.0, 0.0, 0.0, 1.0), "space": "/DeviceGray", "tm": _IDENTITY, "size": 0.0}
        stack: list[dict] = []
        for operands, operator in self.streams.operations(contents):
            if operator == b"q":
                stack.append(dict(state))
            elif operator == b"Q" and stack:
                state = stack.pop()
            elif operator == b"Do":
                self.form(resources, operands[0], state["ctm"], depth)
            else:
                self.operate(state, spaces, operands, operator)

    def operate(self, state: dict, spaces, operands, operator: bytes) -> None:
        if operator == b"cm":
            state["ctm"] = _multiply(tuple(float(v) for v in operands), state["ctm"])
        elif operator in TEXT_SHOWING:
            self.shown(state)
        elif not _colour(state, spaces, operands, operator):
            _text_state(state, operands, operator)

    def shown(self, state: dict) -> None:
        a, b, c, d, e, _ = _multiply(state["tm"], state["ctm"])
        size = state["size"] * math.sqrt(abs(a * d - b * c))
        x = (e - self.trim_left) * MM_PER_PT
        self.texts.append(InkedText(self.page, size, state["fill"], x))

    def form(self, resources, name, ctm: Matrix, depth: int) -> None:
        xobjects = resources.get("/XObject")
        xobject = xobjects.get_object().get(name) if xobjects is not None else None
        xobject = xobject.get_object() if xobject is not None else None
        if xobject is None or xobject.get("/Subtype") != "/Form":
            return
        matrix = tuple(float(v) for v in xobject.get("/Matrix", _IDENTITY))
        self.stream(xobject, xobject.get("/Resources"), _multiply(matrix, ctm), depth + 1)


@check("fine-print", editions=("print",))
def fine_print(ctx: CheckContext) -> Iterator[Finding]:
    """Text below 7 pt that is not 100 % of one ink, per panel: a warning, since it may print blurred."""
    found: dict[tuple[int, str | None], list[InkedText]] = defaultdict(list)
    for text in inked_texts(ctx.facts.streams):
        if 0 < text.size < FINE_PRINT_PT - 0.05 and not one_ink(text.cmyk):
            found[(text.page, ctx.panel_id_at(text.page, text.x))].append(text)
    for (page, panel_id), texts in found.items():
        smallest = min(texts, key=lambda text: text.size)
        colour = (
            " ".join(
                f"{ink} {value * 100:.0f}" for ink, value in zip("CMYK", smallest.cmyk, strict=True) if value > 0.005
            )
            if smallest.cmyk
            else "not CMYK"
        )
        yield Finding(
            "fine-print",
            Severity.WARNING,
            f"{len(texts)} run{'s' if len(texts) != 1 else ''} of text below {FINE_PRINT_PT:g} pt in more than one ink "
            f"or a tint (smallest {smallest.size:.1f} pt, {colour}); use 100 % of one ink, or {FINE_PRINT_PT:g} pt",
            page,
            panel_id,
        )
