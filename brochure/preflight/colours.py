"""The `colour` check of a press-ready PDF: no RGB anywhere, and the output intent of the
layout's printing condition. Also the walk through every content stream and resource
that finds the colours a PDF paints with, which the `ink` check reads too."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject

from brochure.preflight.registry import CheckContext, Finding, Severity, check
from brochure.preflight.streams import ContentStreams

_MAX_DEPTH = 16
_RGB_SPACES = ("/DeviceRGB", "/CalRGB")
_MIXING_BLENDS = ("/Normal", "/Compatible")


@dataclass(frozen=True)
class ColourUse:
    """A colour space or colour that a page paints with: where, what, and CMYK values if any."""

    page: int  # 1-based
    where: str  # "content", "image", "shading", "group", "blend" (a blend mode or overprint)
    space: str  # "RGB", "CMYK", "Gray", …; for a blend, the blend mode or "Overprint"
    cmyk: tuple[float, ...] | None = None  # in %, for a colour set in DeviceCMYK


def colour_uses(ctx: CheckContext) -> list[ColourUse]:
    """Every colour space and DeviceCMYK colour the PDF's pages use, through forms, patterns and soft masks."""
    if "colour-uses" not in ctx.cache:
        streams = ctx.facts.streams
        uses: list[ColourUse] = []
        for number, page in enumerate(ctx.facts.reader.pages, start=1):
            walk = _Walk(streams, number, uses)
            walk.group(page.get("/Group"))
            walk.stream(streams.page(number - 1), page.get("/Resources"), 0)
        ctx.cache["colour-uses"] = uses
    return ctx.cache["colour-uses"]


class _Walk:
    def __init__(self, streams: ContentStreams, page: int, uses: list[ColourUse]) -> None:
        self.streams, self.page, self.uses = streams, page, uses
        self.seen: set[int] = set()

    def add(self, where: str, space, cmyk=None) -> None:
        self.uses.append(ColourUse(self.page, where, space_kind(space), cmyk))

    def group(self, group) -> None:
        group = group.get_object() if group is not None else None
        if isinstance(group, DictionaryObject) and "/CS" in group:
            self.add("group", group["/CS"])

    def stream(self, contents, resources, depth: int) -> None:
        """The colours a content stream paints with, and what it draws by name (forms, images,
        shadings, patterns, soft masks): only what is drawn counts, wherever it is declared."""
        if contents is None or depth > _MAX_DEPTH:
            return
        resources = resources.get_object() if resources is not None else DictionaryObject()
        spaces = _dict(resources, "/ColorSpace")
        current = {"fill": "/DeviceGray", "stroke": "/DeviceGray"}  # the colour space of each
        for operands, operator in self.streams.operations(contents):
            if operator in (b"rg", b"RG"):
                self.add("content", "/DeviceRGB")
            elif operator in (b"k", b"K"):
                self.add("content", "/DeviceCMYK", _percent(operands))
            elif operator in (b"cs", b"CS"):
                space = spaces.get(operands[0], operands[0])
                current[_painted(operator)] = space
                self.add("content", space)
            elif operator in (b"sc", b"scn", b"SC", b"SCN"):
                self.colour(operands, current[_painted(operator)], resources, depth)
            else:
                self.drawn_by_name(operator, operands, resources, depth)

    def colour(self, operands, space, resources: DictionaryObject, depth: int) -> None:
        """A colour set in the current space: CMYK values, or a pattern named in the resources."""
        if space_kind(space) == "CMYK" and len(operands) == 4:
            self.add("content", space, _percent(operands))
        elif space_kind(space) == "Pattern" and operands and isinstance(operands[-1], NameObject):
            self.pattern(_dict(resources, "/Pattern").get(operands[-1]), depth)

    def drawn_by_name(self, operator: bytes, operands, resources: DictionaryObject, depth: int) -> None:
        """What an operator draws by its name in the resources: a form or image, a shading, a soft mask."""
        if operator == b"Do":
            self.xobject(_dict(resources, "/XObject").get(operands[0]), depth)
        elif operator == b"sh":
            shading = _dict(resources, "/Shading").get(operands[0])
            if shading is not None:
                self.shading(shading.get_object())
        elif operator == b"gs":
            state = _dict(resources, "/ExtGState").get(operands[0])
            self.blending(state)
            self.soft_mask(state, depth)

    def xobject(self, xobject, depth: int) -> None:
        if xobject is None or id_of(xobject) in self.seen:
            return
        self.seen.add(id_of(xobject))
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Image":
            if not xobject.get("/ImageMask") and "/ColorSpace" in xobject:
                self.add("image", xobject["/ColorSpace"])
        elif xobject.get("/Subtype") == "/Form":
            self.group(xobject.get("/Group"))
            self.stream(xobject, xobject.get("/Resources"), depth + 1)

    def pattern(self, pattern, depth: int) -> None:
        if pattern is None or id_of(pattern) in self.seen:
            return
        self.seen.add(id_of(pattern))
        pattern = pattern.get_object()
        if pattern.get("/PatternType") == 2:
            self.shading(pattern["/Shading"].get_object())
        else:
            self.stream(pattern, pattern.get("/Resources"), depth + 1)

    def blending(self, state) -> None:
        """A graphics state that adds inks up instead of mixing them: a blend mode, or overprint."""
        state = state.get_object() if state is not None else None
        if not isinstance(state, DictionaryObject):
            return
        modes = state.get("/BM", "/Normal")
        modes = modes.get_object() if hasattr(modes, "get_object") else modes
        for mode in modes if isinstance(modes, ArrayObject) else [modes]:
            if str(mode) not in _MIXING_BLENDS:
                self.uses.append(ColourUse(self.page, "blend", str(mode).lstrip("/")))
        if any(getattr(state.get(key), "value", False) is True for key in ("/OP", "/op")):  # pypdf's false is truthy
            self.uses.append(ColourUse(self.page, "blend", "Overprint"))

    def soft_mask(self, state, depth: int) -> None:
        mask = state.get_object().get("/SMask") if state is not None else None
        mask = mask.get_object() if mask is not None else None
        if isinstance(mask, DictionaryObject) and "/G" in mask:
            self.xobject(mask.raw_get("/G"), depth)

    def shading(self, shading: DictionaryObject) -> None:
        space = shading.get("/ColorSpace")
        self.add("shading", space)
        function = shading.get("/Function")
        function = function.get_object() if function is not None else None
        for sub in _functions(function):
            if "/C0" in sub and space_kind(space) == "CMYK" and len(sub["/C0"]) == 3:
                self.add("shading", "/DeviceRGB")  # RGB values in a CMYK space: WeasyPrint's CSS gradients


def _dict(parent: DictionaryObject, key: str) -> DictionaryObject:
    value = parent.get(key)
    value = value.get_object() if value is not None else None
    return value if isinstance(value, DictionaryObject) else DictionaryObject()


def _painted(operator: bytes) -> str:
    """What a colour operator sets: lower case (cs, sc, scn) the fill, upper case the stroke."""
    return "fill" if operator.islower() else "stroke"


def _percent(operands) -> tuple[float, ...]:
    return tuple(float(v) * 100 for v in operands)


def _functions(function) -> Iterator[DictionaryObject]:
    if isinstance(function, DictionaryObject):
        yield function
        functions = function.get("/Functions")
        for sub in functions.get_object() if functions is not None else ():
            yield from _functions(sub.get_object())


def id_of(obj) -> int:
    """A key that is the same for an indirect object however it is reached."""
    return hash((obj.idnum, obj.generation)) if hasattr(obj, "idnum") else id(obj)


def space_kind(space) -> str:
    """RGB, CMYK, Gray, Lab, Pattern, Separation, … for a colour space name or array."""
    space = space.get_object() if hasattr(space, "get_object") else space
    if isinstance(space, NameObject | str):
        name = str(space)
        return {"/DeviceRGB": "RGB", "/DeviceCMYK": "CMYK", "/DeviceGray": "Gray", "/Pattern": "Pattern"}.get(
            name, name.lstrip("/")
        )
    if isinstance(space, ArrayObject) and space:
        family = str(space[0])
        if family in _RGB_SPACES:
            return "RGB"
        if family == "/ICCBased":
            components = space[1].get_object().get("/N")
            return {1: "Gray", 3: "RGB", 4: "CMYK"}.get(int(components), "ICC")
        if family == "/Indexed":
            return space_kind(space[1])
        if family in ("/Separation", "/DeviceN"):
            alternate = space_kind(space[2])
            return "RGB" if alternate == "RGB" else family.lstrip("/")
        if family == "/Pattern" and len(space) > 1:
            return space_kind(space[1])
        return family.lstrip("/")
    return "unknown"


def output_intent(reader: PdfReader) -> DictionaryObject | None:
    """The document's PDF/X output intent, if it has one."""
    for intent in reader.trailer["/Root"].get("/OutputIntents") or ():
        intent = intent.get_object()
        if intent.get("/S") == "/GTS_PDFX":
            return intent
    return None


@check("colour", editions=("print",))
def colour(ctx: CheckContext) -> Iterator[Finding]:
    intent = output_intent(ctx.facts.reader)
    wanted = ctx.layout.press.condition if ctx.layout.press else None
    if intent is None:
        yield Finding("colour", Severity.ERROR, "no PDF/X output intent: a printer cannot tell which CMYK is meant")
    else:
        profile = intent.get("/DestOutputProfile")
        profile = profile.get_object() if profile is not None else None
        if not isinstance(profile, StreamObject) or profile.get("/N") != 4:
            yield Finding("colour", Severity.ERROR, "the output intent embeds no CMYK ICC profile")
        condition = str(intent.get("/OutputConditionIdentifier", ""))
        if wanted and condition != wanted:
            shown = repr(condition) if condition else "no named condition"
            yield Finding("colour", Severity.ERROR, f"output intent is for {shown}; the layout prints for {wanted}")
    rgb = Counter((use.page, use.where) for use in colour_uses(ctx) if use.space == "RGB")
    for (page, where), count in sorted(rgb.items()):
        yield Finding("colour", Severity.ERROR, f"RGB colour in {_WHERE[where]} ({count}×): convert it to CMYK", page)


_WHERE = {
    "content": "the page's drawing",
    "image": "an image",
    "shading": "a gradient",
    "group": "a transparency group",
}
