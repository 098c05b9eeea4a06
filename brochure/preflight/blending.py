"""The `blending` check of a press-ready PDF: transparency is blended in DeviceCMYK.

A transparency group blends what it holds in its /CS. In an ICC-based CMYK space (WeasyPrint gives
its groups the output profile's), a RIP converts the group's colours from that profile to its own CMYK
and back, and a K-only black comes out in four inks: Ghostscript prints the map's 100 % K labels as
C69 M67 Y65 K74. In DeviceCMYK the values as written reach the plates. A group without /CS blends in
its parent's space, and a page that draws transparency without a page group of its own leaves its
blending space to the reader, so such a page is judged too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from pypdf.generic import ArrayObject, DictionaryObject, NameObject

from brochure.preflight.colours import id_of
from brochure.preflight.registry import CheckContext, Finding, Severity, check
from brochure.preflight.streams import ContentStreams

DEVICE_CMYK = "DeviceCMYK"
_MAX_DEPTH = 16
_MIXING_BLENDS = ("/Normal", "/Compatible")


@check("blending", editions=("print",))
def blending(ctx: CheckContext) -> Iterator[Finding]:
    streams = ctx.facts.streams
    for number, page in enumerate(ctx.facts.reader.pages, start=1):
        walk = _GroupWalk(streams)
        walk.stream(streams.page(number - 1), page.get("/Resources"), 0)
        for space, count in sorted(walk.spaces.items()):
            yield Finding(
                "blending",
                Severity.WARNING,
                f"{count} transparency group{'s' if count != 1 else ''} blended in {space}: a RIP converts "
                f"{'their' if count != 1 else 'its'} colours through a profile, and 100 % K comes out in four "
                f"inks; blend in DeviceCMYK",
                number,
            )
        own = _space(_dict(page.get("/Group")).get("/CS"))
        if walk.transparent and own != DEVICE_CMYK:
            said = f"a page group blended in {own}" if own else "no blending space of its own (a page group's /CS)"
            yield Finding(
                "blending",
                Severity.WARNING,
                f"the page draws transparency with {said}: the reader chooses how it blends; give the page a "
                f"transparency group in DeviceCMYK",
                number,
            )


class _GroupWalk:
    """What a page draws through its forms, soft masks and patterns: whether any of it is transparent,
    and the blending spaces of its transparency groups other than DeviceCMYK (with how many use each)."""

    def __init__(self, streams: ContentStreams) -> None:
        self.streams = streams
        self.transparent = False
        self.spaces: Counter[str] = Counter()
        self.seen: set[int] = set()

    def stream(self, contents, resources, depth: int) -> None:
        if contents is None or depth > _MAX_DEPTH:
            return
        resources = _dict(resources)
        for operands, operator in self.streams.operations(contents):
            if operator == b"Do" and operands:
                self.drawn(_dict(resources.get("/XObject")).get(operands[0]), depth)
            elif operator == b"gs" and operands:
                self.state(_dict(_dict(resources.get("/ExtGState")).get(operands[0])), depth)
            elif operator in (b"scn", b"SCN") and operands and isinstance(operands[-1], NameObject):
                self.drawn(_dict(resources.get("/Pattern")).get(operands[-1]), depth)

    def state(self, state: DictionaryObject, depth: int) -> None:
        alphas = [float(state[key]) for key in ("/ca", "/CA") if key in state]
        modes = state.get("/BM", "/Normal")
        modes = modes.get_object() if hasattr(modes, "get_object") else modes
        blends = any(str(mode) not in _MIXING_BLENDS for mode in (modes if isinstance(modes, ArrayObject) else [modes]))
        mask = _dict(state.get("/SMask"))
        if any(alpha < 1 for alpha in alphas) or blends or mask:
            self.transparent = True
        if "/G" in mask:
            self.drawn(mask.raw_get("/G"), depth)

    def drawn(self, xobject, depth: int) -> None:
        """A form or soft mask's group, an image, a tiling pattern: its group, its own content."""
        if xobject is None or id_of(xobject) in self.seen:
            return
        self.seen.add(id_of(xobject))
        obj = xobject.get_object()
        if obj.get("/Subtype") == "/Image":
            self.transparent = self.transparent or "/SMask" in obj or bool(obj.get("/SMaskInData"))
            return
        group = _dict(obj.get("/Group"))
        if group.get("/S") == "/Transparency":
            self.transparent = True
            space = _space(group.get("/CS"))
            if space and space != DEVICE_CMYK:
                self.spaces[space] += 1
        if obj.get("/Subtype") == "/Form" or obj.get("/PatternType") == 1:
            self.stream(obj, obj.get("/Resources"), depth + 1)


def _space(space) -> str:
    """A colour space as a finding names it: its name, or an array's family; "" for none."""
    space = space.get_object() if space is not None else None
    if isinstance(space, ArrayObject) and space:
        return str(space[0]).lstrip("/")
    return str(space).lstrip("/") if space is not None else ""


def _dict(value) -> DictionaryObject:
    value = value.get_object() if value is not None else None
    return value if isinstance(value, DictionaryObject) else DictionaryObject()
