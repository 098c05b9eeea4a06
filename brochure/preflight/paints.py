"""Every paint of a page as a press receives it: a run of text, a rule, an area, an image or a
shading; in what colour, where, and whether it overprints.

The `tints` and `overprint` checks read the paints of the PDF under check (`checked_paints`, walked
once per check run), and the print edition's post-process (render/overprint.py) walks the PDF it is
about to write with the same walker and the same measure (`must_overprint`), so that what the renderer
sets is what the check asks for. A source (`Source`) gives the walker what it reads: pypdf's objects
here, pydyf's there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from pypdf.generic import DictionaryObject

from brochure.preflight.colours import space_kind
from brochure.preflight.fineprint import IDENTITY, multiply  # the text walk's page geometry
from brochure.preflight.paths import (
    CONSTRUCTION,
    FILLS,
    PAINTS,
    RULE_MM,
    STROKES,
    Box,
    Matrix,
    bounds,
    construct,
    is_thin,
    painted_area,
)
from brochure.preflight.streams import TEXT_SHOWING, ContentStreams, Operations
from brochure.units import MM_PER_PT

BLACK = (0.0, 0.0, 0.0, 100.0)  # 100 % K, the one colour that overprints
_MAX_DEPTH = 12
_FILLED_TEXT, _STROKED_TEXT = (0, 2, 4, 6), (1, 2, 5, 6)  # text rendering modes (ISO 32000-1, 9.3.6)


@dataclass(frozen=True)
class Paint:
    """One part (fill or stroke) of one paint: `start` is the index, in its stream's operations, where
    the paint begins (its path's first operator, or the paint itself), `overprints` whether overprint
    is in force for it (None: the walk does not know, a form's first paints where it does not follow
    the form's caller)."""

    page: int
    stream: Any
    start: int
    kind: str  # "text", "rule", "area", "image" or "shading"
    part: str  # "fill" or "stroke"
    cmyk: tuple[float, ...] | None  # in %; None: neither CMYK nor grey
    device: bool  # in DeviceCMYK, where the overprint mode 1 leaves the inks at 0 alone
    x: float  # mm from the trim's left edge
    overprints: bool | None
    clip: Box | None = None  # the rectangle it is clipped to (an image's box), mm from the trim's top-left corner

    @property
    def black(self) -> bool:
        """Whether it paints 100 % K in DeviceCMYK and nothing else."""
        return self.device and self.cmyk == BLACK

    @property
    def must_overprint(self) -> bool:
        """A print shop's house rule: text and rules in 100 % K overprint (a hair off register leaves
        no white gap beside them), anything else knocks out (a white that overprints vanishes, a colour
        mixes with what lies under it)."""
        return self.black and self.kind in ("text", "rule")


class Source(Protocol):
    """What the walker reads of a PDF's objects; names are given as content streams give them (`/x0`)."""

    def operations(self, stream) -> Operations | None: ...
    def key(self, stream) -> Any: ...
    def entry(self, resources, category: str, name) -> Any: ...
    def form(self, xobject) -> tuple[Any, Any, Matrix] | None: ...
    def state(self, ext_state) -> dict[str, Any]: ...
    def space(self, value) -> str: ...


def checked_paints(ctx) -> list[Paint]:
    """The paints of the PDF under check: walked once per check run, for the checks that read them."""
    if "paints" not in ctx.cache:
        ctx.cache["paints"] = pdf_paints(ctx.facts.streams)
    return ctx.cache["paints"]


def pdf_paints(streams: ContentStreams) -> list[Paint]:
    """Every paint of every page of an open PDF, through its forms, as the page's reader draws it."""
    source = _PypdfSource(streams)
    paints: list[Paint] = []
    for number, page in enumerate(streams.reader.pages, start=1):
        trim = page.get("/TrimBox")  # not page.trimbox: pypdf writes a default into the page
        trim = [float(v) for v in trim.get_object()] if trim is not None else [0.0, 0.0, 0.0, 0.0]
        walk = PaintWalk(source, number, (trim[0], trim[3]), paints.append)
        walk.stream(streams.page(number - 1), page.get("/Resources"))
    return paints


class PaintWalk:
    """Walks one page's content, through its forms, and hands each paint to `found`. A form follows
    its caller's graphics state where `forms_inherit`, else starts not knowing whether overprint is in
    force (as a form drawn from several places must be read)."""

    def __init__(
        self,
        source: Source,
        page: int,
        trim: tuple[float, float],
        found: Callable[[Paint], None],
        *,
        forms_inherit: bool = True,
    ) -> None:
        """`trim`: the trim's left and top edges in page space, which positions are measured from."""
        self.source, self.page, self.trim, self.found = source, page, trim, found
        self.forms_inherit = forms_inherit

    def stream(self, contents, resources, ctm: Matrix = IDENTITY, depth: int = 0, state: dict | None = None) -> None:
        operations = self.source.operations(contents) if contents is not None and depth <= _MAX_DEPTH else None
        if operations is None:
            return
        black = (BLACK, False)  # a page starts in DeviceGray, in black, overprint off, unclipped
        page = {"fill": black, "stroke": black, "cs": "Gray", "CS": "Gray", "clip": None}
        page |= {"OP": False, "op": False, "OPM": 0}
        # A form goes on in its caller's graphics state (ISO 32000-1, 8.10.1), in its own matrix.
        state = {**(state or page), "ctm": ctm, "Tr": (state or {}).get("Tr", 0), "tm": IDENTITY}
        stack: list[dict] = []
        subpaths: list[list[tuple[float, float]]] = []
        start = 0
        key = self.source.key(contents)
        for index, (operands, operator) in enumerate(operations):
            if operator in CONSTRUCTION:
                start = index if not subpaths else start
                construct(subpaths, state["ctm"], operands, operator)
            elif operator in PAINTS:
                self.path(key, start, state, [s for s in subpaths if s], operator)
                if state.pop("clipping", False):
                    state["clip"] = _clipped(state["clip"], subpaths)
                subpaths = []
            elif operator in (b"W", b"W*"):
                state["clipping"] = True
            elif operator == b"q":
                stack.append(dict(state))
            elif operator == b"Q":
                state = stack.pop() if stack else state
            else:
                self.operate(key, index, resources, state, operands, operator, depth)

    def operate(self, key, index: int, resources, state: dict, operands, operator: bytes, depth: int) -> None:
        """Follow an operator that neither builds a path nor saves or restores the state."""
        if operator in TEXT_SHOWING:
            self.text(key, index, state)
        elif operator == b"cm" and len(operands) == 6:
            state["ctm"] = multiply(tuple(float(v) for v in operands), state["ctm"])
        elif operator == b"gs" and operands:
            state |= self.source.state(self.source.entry(resources, "ExtGState", operands[0]))
        elif operator == b"Do" and operands:
            self.xobject(key, index, resources, operands[0], state, depth)
        elif operator in (b"sh", b"INLINE IMAGE", b"EI"):
            self.emit(key, index, state, "shading" if operator == b"sh" else "image", "fill", (None, False))
        else:
            self.other(resources, state, operands, operator)

    def other(self, resources, state: dict, operands, operator: bytes) -> None:
        """Follow colour, text position and text rendering mode."""
        lower, paint = operator.lower(), "fill" if operator.islower() else "stroke"
        if lower in (b"k", b"g", b"rg"):
            space = {b"k": "CMYK", b"g": "Gray", b"rg": "RGB"}[lower]
            state[paint] = (_cmyk(space, operands), lower == b"k")
        elif lower == b"cs" and operands:
            kind = self.source.space(self.source.entry(resources, "ColorSpace", operands[0]) or operands[0])
            state[operator.decode()] = kind
        elif lower in (b"sc", b"scn"):
            kind = state["cs" if paint == "fill" else "CS"]
            state[paint] = (_cmyk(kind, operands), kind == "DeviceCMYK")
        elif operator == b"Tr" and operands:
            state["Tr"] = int(operands[0])
        elif operator == b"BT":
            state["tm"] = IDENTITY
        elif operator == b"Tm" and len(operands) == 6:
            state["tm"] = tuple(float(v) for v in operands)
        elif operator in (b"Td", b"TD") and len(operands) == 2:
            state["tm"] = multiply((1.0, 0.0, 0.0, 1.0, float(operands[0]), float(operands[1])), state["tm"])

    def path(self, key, start: int, state: dict, subpaths, operator: bytes) -> None:
        points = [point for subpath in subpaths for point in subpath]
        if not points:
            return
        box = bounds(points)
        x = (box[0] + box[2]) / 2
        even_odd = operator.endswith(b"*")
        # A fill of a path that encloses nothing (a line stroked with `B`, as SVG draws one) paints nothing.
        if operator in FILLS and painted_area(subpaths, even_odd) > 0:
            clip = state["clip"]  # a border may be drawn as an area clipped to a rule
            thin_clip = clip is not None and min(clip[2] - clip[0], clip[3] - clip[1]) * MM_PER_PT <= RULE_MM
            kind = "rule" if thin_clip or is_thin(subpaths, even_odd) else "area"
            self.emit(key, start, state, kind, "fill", state["fill"], x)
        if operator in STROKES:
            self.emit(key, start, state, "rule", "stroke", state["stroke"], x)

    def text(self, key, index: int, state: dict) -> None:
        x = multiply(state["tm"], state["ctm"])[4]
        if state["Tr"] in _FILLED_TEXT:
            self.emit(key, index, state, "text", "fill", state["fill"], x)
        if state["Tr"] in _STROKED_TEXT:
            self.emit(key, index, state, "text", "stroke", state["stroke"], x)

    def xobject(self, key, index: int, resources, name, state: dict, depth: int) -> None:
        xobject = self.source.entry(resources, "XObject", name)
        if xobject is None:
            return
        form = self.source.form(xobject)
        if form is None:  # an image
            self.emit(key, index, state, "image", "fill", (None, False))
            return
        contents, own, matrix = form
        inherited = state if self.forms_inherit else {**state, "OP": None, "op": None, "OPM": None}
        self.stream(contents, own, multiply(matrix, state["ctm"]), depth + 1, inherited)

    def emit(self, key, start: int, state: dict, kind: str, part: str, colour, x: float | None = None) -> None:
        cmyk, device = colour
        x = state["ctm"][4] if x is None else x
        flag = state["op" if part == "fill" else "OP"]
        # In DeviceCMYK an overprint with the mode 0 paints every ink anyway (ISO 32000-1, 8.6.7).
        overprints = flag if not flag or not device else (None if state["OPM"] is None else state["OPM"] == 1)
        left, top = self.trim
        where = (x - left) * MM_PER_PT
        clip = state["clip"]
        if clip is not None:
            clip = tuple(v * MM_PER_PT for v in (clip[0] - left, top - clip[3], clip[2] - left, top - clip[1]))
        self.found(Paint(self.page, key, start, kind, part, cmyk, device, where, overprints, clip))


def _clipped(clip: Box | None, subpaths) -> Box | None:
    """The clip after a path of `subpaths` is added to it: a rectangle's intersection with it; any other
    shape leaves the rectangle known before (what lies outside it is clipped away all the same)."""
    if len(subpaths) != 1 or len(subpaths[0]) != 4:
        return clip
    box = bounds(subpaths[0])
    if clip is None:
        return box
    return (max(box[0], clip[0]), max(box[1], clip[1]), min(box[2], clip[2]), min(box[3], clip[3]))


def _cmyk(kind: str, operands) -> tuple[float, ...] | None:
    values = tuple(float(value) * 100 for value in operands if isinstance(value, int | float))
    if kind in ("CMYK", "DeviceCMYK") and len(values) == 4:
        return tuple(round(value, 1) for value in values)
    if kind == "Gray" and len(values) == 1:
        return (0.0, 0.0, 0.0, round(100 - values[0], 1))
    return None


class _PypdfSource:
    """The walker's view of a PDF opened by pypdf."""

    def __init__(self, streams: ContentStreams) -> None:
        self.streams = streams

    def operations(self, stream) -> Operations:
        return self.streams.operations(stream)

    def key(self, stream) -> Any:
        reference = getattr(stream, "indirect_reference", None)
        return (reference.idnum, reference.generation) if reference is not None else id(stream)

    def entry(self, resources, category: str, name) -> Any:
        value = _dict(_dict(resources).get("/" + category)).get(name)
        return value.get_object() if value is not None else None

    def form(self, xobject) -> tuple[Any, Any, Matrix] | None:
        if xobject.get("/Subtype") != "/Form":
            return None
        return xobject, xobject.get("/Resources"), tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))

    def state(self, ext_state) -> dict[str, Any]:
        ext_state = _dict(ext_state)
        found = {key: _value(ext_state["/" + key]) is True for key in ("OP", "op") if "/" + key in ext_state}
        if "OP" in found and "op" not in found:  # /op defaults to /OP (ISO 32000-1, table 58)
            found["op"] = found["OP"]
        if "/OPM" in ext_state:
            found["OPM"] = _value(ext_state["/OPM"])
        return found

    def space(self, value) -> str:
        kind = space_kind(value)
        return "DeviceCMYK" if str(value) == "/DeviceCMYK" else kind


def _dict(value) -> DictionaryObject:
    value = value.get_object() if value is not None else None
    return value if isinstance(value, DictionaryObject) else DictionaryObject()


def _value(obj) -> Any:
    """A PDF boolean or number as Python's (pypdf's BooleanObject is always truthy)."""
    return obj.value if hasattr(obj, "value") else int(obj) if isinstance(obj, int | float) else obj
