"""The `fine-print` check: small text on the print sheet in more inks than its size bears, and
the reader of every run of text's size, fill and background that it and `reversed-text` share.

Small type printed in several inks blurs as soon as the plates are slightly out of register,
and a tint of one ink is screened into dots that break its strokes. Below 7 pt text must be
100 % of one ink (6 pt is the hard floor, `text-size`); below the press's `small_text` size
(9 pt by default, a print shop's house rule) at most two process inks, or one spot colour.
The colour and size of each piece of text are read from the content streams (through forms,
as SVG images draw them), since the glyph facts hold no CMYK.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from pypdf.generic import DictionaryObject

from brochure.preflight.colours import space_kind
from brochure.preflight.registry import CheckContext, Finding, Severity, check
from brochure.preflight.streams import TEXT_SHOWING, ContentStreams
from brochure.units import MM_PER_PT

FINE_PRINT_PT = 7.0
SMALL_TEXT_PT = 9.0  # where the press names no `small_text`
MAX_SMALL_TEXT_INKS = 2
INKED = 0.005  # a component under 0.5 % prints no dots
ONE_INK_MIN = 0.995  # a solid ink, written as 1 or 0.999
_MAX_DEPTH = 12  # forms inside forms
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True)
class InkedText:
    """One run of text as the page draws it: its size in pt, its fill, where it starts, and the fill
    of the last area painted under that point before it (None: paper, or not a filled area)."""

    page: int
    size: float
    cmyk: tuple[float, ...] | None  # 0..1 each; None: a colour that is not CMYK or grey
    x: float  # mm from the trim's left edge
    space: str = "CMYK"  # the kind of the fill's colour space (see colours.space_kind)
    background: tuple[float, ...] | None = None

    @property
    def inks(self) -> int:
        """How many process inks the fill prints in (a spot colour counts as one)."""
        if self.cmyk is None:
            return 1 if self.space == "Separation" else 4
        return inks(self.cmyk)


def inks(cmyk: tuple[float, ...]) -> int:
    """How many of C, M, Y and K a CMYK colour (0..1 each) prints dots of."""
    return sum(1 for value in cmyk if value > INKED)


def one_ink(cmyk: tuple[float, ...] | None) -> bool:
    """Whether a fill is a solid of one ink: one component at 100 %, the others at 0."""
    if cmyk is None:
        return False
    inked = [value for value in cmyk if value > INKED]
    return len(inked) == 1 and inked[0] >= ONE_INK_MIN


def checked_texts(ctx: CheckContext) -> list[InkedText]:
    """`inked_texts` of the PDF under check: walked once per check run, for the checks that read it."""
    if "inked-texts" not in ctx.cache:
        ctx.cache["inked-texts"] = inked_texts(ctx.facts.streams)
    return ctx.cache["inked-texts"]


def below(text: InkedText, pt: float) -> bool:
    """Whether `text` is drawn smaller than `pt` (by more than a rounding)."""
    return 0 < text.size < pt - 0.05


def panel_warnings(
    name: str, found: dict[tuple[int, str | None], list[InkedText]], said: Callable[[int, InkedText], str]
) -> Iterator[Finding]:
    """One warning of the check `name` per (page, panel) of `found`, said of its runs and its smallest."""
    for (page, panel_id), texts in found.items():
        yield Finding(name, Severity.WARNING, said(len(texts), min(texts, key=lambda text: text.size)), page, panel_id)


def inked_texts(streams: ContentStreams) -> list[InkedText]:
    """Every run of text of every page, with its drawn size and its fill colour."""
    texts: list[InkedText] = []
    for number, page in enumerate(streams.reader.pages, start=1):
        trim = page.get("/TrimBox")  # not page.trimbox: pypdf writes a default into the page
        trim_left = float(trim.get_object()[0]) if trim is not None else 0.0
        _TextWalk(streams, number, trim_left, texts).stream(
            streams.page(number - 1), page.get("/Resources"), IDENTITY, 0
        )
    return texts


def multiply(m: Matrix, n: Matrix) -> Matrix:
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
        state["kind"] = "CMYK"
    elif operator == b"rg":
        state["fill"], state["kind"] = None, "RGB"
    elif operator == b"cs":
        state["space"] = spaces.get(operands[0], operands[0])
    elif operator in (b"sc", b"scn"):
        state["fill"] = _fill_of(state["space"], operands)
        state["kind"] = space_kind(state["space"])
    else:
        return False
    return True


def _text_state(state: dict, operands, operator: bytes) -> None:
    if operator == b"BT":
        state["tm"] = IDENTITY
    elif operator == b"Tm":
        state["tm"] = tuple(float(v) for v in operands)
    elif operator in (b"Td", b"TD"):
        state["tm"] = multiply((1.0, 0.0, 0.0, 1.0, float(operands[0]), float(operands[1])), state["tm"])
    elif operator == b"Tf":
        state["size"] = float(operands[1])


_EVERYWHERE = (-math.inf, -math.inf, math.inf, math.inf)
_SEGMENTS = (b"m", b"l", b"c", b"v", b"y", b"h")
_FILLING = (b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*")
_PAINTING = (*_FILLING, b"S", b"s", b"n")  # each ends the path: `re W n` is a clip, not an area


def _box(rect: tuple[float, ...], ctm: Matrix) -> tuple[float, float, float, float]:
    """The page-space bounds (left, bottom, right, top) of an `re` rectangle drawn under `ctm`."""
    x, y, w, h = rect
    a, b, c, d, e, f = ctm
    xs, ys = [], []
    for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h)):
        xs.append(a * px + c * py + e)
        ys.append(b * px + d * py + f)
    return (min(xs), min(ys), max(xs), max(ys))


def _intersection(box, other) -> tuple[float, float, float, float] | None:
    """The common part of two bounds, None if they do not meet (a clip of unknown shape is None too)."""
    left, bottom = max(box[0], other[0]), max(box[1], other[1])
    right, top = min(box[2], other[2]), min(box[3], other[3])
    return (left, bottom, right, top) if left < right and bottom < top else None


def _inside(x: float, y: float, box: tuple[float, float, float, float]) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


class _TextWalk:
    def __init__(self, streams: ContentStreams, page: int, trim_left: float, texts: list[InkedText]) -> None:
        self.streams, self.page, self.trim_left, self.texts = streams, page, trim_left, texts
        self.fills: list[tuple[tuple[float, float, float, float], tuple[float, ...] | None]] = []  # in paint order
        self.path: list[tuple[float, float, float, float]] = []  # the rectangles of the path being built

    def stream(self, contents, resources, ctm: Matrix, depth: int, clip=_EVERYWHERE) -> None:
        if contents is None or depth > _MAX_DEPTH:
            return
        resources = resources.get_object() if resources is not None else DictionaryObject()
        spaces = resources.get("/ColorSpace")
        spaces = spaces.get_object() if spaces is not None else DictionaryObject()
        state = {
            "ctm": ctm,
            "fill": (0.0, 0.0, 0.0, 1.0),
            "kind": "CMYK",
            "space": "/DeviceGray",
            "tm": IDENTITY,
            "size": 0.0,
            "clip": clip,
        }
        stack: list[dict] = []
        for operands, operator in self.streams.operations(contents):
            if operator == b"q":
                stack.append(dict(state))
            elif operator == b"Q" and stack:
                state = stack.pop()
            elif operator == b"Do":
                self.form(resources, operands[0], state["ctm"], depth, state["clip"])
            else:
                self.operate(state, spaces, operands, operator)

    def operate(self, state: dict, spaces, operands, operator: bytes) -> None:
        if operator == b"cm":
            state["ctm"] = multiply(tuple(float(v) for v in operands), state["ctm"])
        elif operator in TEXT_SHOWING:
            self.shown(state)
        elif operator == b"re":
            self.path.append(_box(tuple(float(v) for v in operands), state["ctm"]))
        elif operator in _SEGMENTS:
            self.path.append(None)  # a curve or a line: an area whose bounds are not read
        elif operator in (b"W", b"W*"):
            state["clipping"] = True
        elif operator in _PAINTING:
            self.paint(state, operator)
        elif not _colour(state, spaces, operands, operator):
            _text_state(state, operands, operator)

    def paint(self, state: dict, operator: bytes) -> None:
        """Keep the rectangles a fill paints, within the clip; a clip ends in the clip state."""
        clip = state["clip"]
        if operator in _FILLING and clip is not None:
            for box in self.path:
                inside = _intersection(box, clip) if box is not None else None
                if inside is not None:
                    self.fills.append((inside, state["fill"]))
        if state.pop("clipping", False):
            boxes = self.path
            single = clip is not None and len(boxes) == 1 and boxes[0] is not None
            state["clip"] = _intersection(boxes[0], clip) if single else None
        self.path = []

    def shown(self, state: dict) -> None:
        a, b, c, d, e, f = multiply(state["tm"], state["ctm"])
        size = state["size"] * math.sqrt(abs(a * d - b * c))
        x = (e - self.trim_left) * MM_PER_PT
        under = next((fill for box, fill in reversed(self.fills) if _inside(e, f, box)), None)
        self.texts.append(InkedText(self.page, size, state["fill"], x, state["kind"], under))

    def form(self, resources, name, ctm: Matrix, depth: int, clip) -> None:
        xobjects = resources.get("/XObject")
        xobject = xobjects.get_object().get(name) if xobjects is not None else None
        xobject = xobject.get_object() if xobject is not None else None
        if xobject is None or xobject.get("/Subtype") != "/Form":
            return
        matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
        self.stream(xobject, xobject.get("/Resources"), multiply(matrix, ctm), depth + 1, clip)


def small_text_pt(ctx: CheckContext) -> float:
    """The size below which the press takes text in at most two inks: its `small_text`, else 9 pt."""
    press = ctx.layout.press
    return press.small_text if press is not None else SMALL_TEXT_PT


def colour_name(cmyk: tuple[float, ...] | None) -> str:
    """A fill as a printer reads it: `C 100 M 40`, or `not CMYK`."""
    if not cmyk:
        return "not CMYK"
    return " ".join(f"{ink} {value * 100:.0f}" for ink, value in zip("CMYK", cmyk, strict=True) if value > INKED)


def runs(count: int) -> str:
    return f"{count} run{'s' if count != 1 else ''}"


@check("fine-print", editions=("print",))
def fine_print(ctx: CheckContext) -> Iterator[Finding]:
    """Per panel, text below 7 pt that is not 100 % of one ink, and text below the press's `small_text`
    size in more than two process inks: a warning, since it may print blurred."""
    small = small_text_pt(ctx)
    tinted: dict[tuple[int, str | None], list[InkedText]] = defaultdict(list)
    mixed: dict[tuple[int, str | None], list[InkedText]] = defaultdict(list)
    for text in checked_texts(ctx):
        where = (text.page, ctx.panel_id_at(text.page, text.x))
        if below(text, FINE_PRINT_PT) and not one_ink(text.cmyk):
            tinted[where].append(text)
        elif below(text, small) and text.inks > MAX_SMALL_TEXT_INKS:
            mixed[where].append(text)
    yield from panel_warnings(
        "fine-print",
        tinted,
        lambda count, smallest: (
            f"{runs(count)} of text below {FINE_PRINT_PT:g} pt in more than one ink or a tint "
            f"(smallest {smallest.size:.1f} pt, {colour_name(smallest.cmyk)}); "
            f"use 100 % of one ink, or {FINE_PRINT_PT:g} pt"
        ),
    )
    yield from panel_warnings(
        "fine-print",
        mixed,
        lambda count, smallest: (
            f"{runs(count)} of text below {small:g} pt in more than {MAX_SMALL_TEXT_INKS} inks "
            f"(smallest {smallest.size:.1f} pt, {colour_name(smallest.cmyk)}); use a build of at most "
            f"{MAX_SMALL_TEXT_INKS} inks (the theme's text_builds), or {small:g} pt"
        ),
    )
