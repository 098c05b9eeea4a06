"""Checks of what a PDF declares beside what it draws, as a print shop's house rules have them:
`colour-spaces`, no colour space in a page's resources that nothing on the page paints with (a prepress
robot lists each one); `subset-names`, no two font subsets of one file under one subset name (ABCDEF+Font)
with different glyphs, which a RIP may take for one font."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator

from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject

from brochure.preflight.colours import id_of, space_kind
from brochure.preflight.registry import CheckContext, Finding, Severity, check
from brochure.preflight.streams import ContentStreams

_MAX_DEPTH = 16
_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


@check("colour-spaces")
def colour_spaces(ctx: CheckContext) -> Iterator[Finding]:
    streams = ctx.facts.streams
    for number, page in enumerate(ctx.facts.reader.pages, start=1):
        walk = _SpaceWalk(streams)
        walk.stream(streams.page(number - 1), page.get("/Resources"), "page", 0)
        if walk.unused:
            shown = ", ".join(
                f"{name.lstrip('/')} ({kind}{'' if where == 'page' else ', in a ' + where})"
                for (where, name), kind in sorted(walk.unused.items(), key=lambda item: (item[0][0] != "page", item))
            )
            count = len(walk.unused)
            yield Finding(
                "colour-spaces",
                Severity.WARNING,
                f"{count} colour space{'s' if count != 1 else ''} declared in resources whose content never sets "
                f"{'them' if count != 1 else 'it'}: {shown}; a prepress check lists each one",
                number,
            )


class _SpaceWalk:
    """The colour spaces declared in the resources of a page's content, and of every form, pattern and
    soft mask it draws, that the content of those resources never sets."""

    def __init__(self, streams: ContentStreams) -> None:
        self.streams = streams
        self.unused: dict[tuple[str, str], str] = {}  # (page, form or pattern; name) → the kind of space
        self.seen: set[int] = set()

    def stream(self, contents, resources, where: str, depth: int) -> None:
        if contents is None or depth > _MAX_DEPTH:
            return
        resources = _dict(resources)
        used: set[str] = set()
        for operands, operator in self.streams.operations(contents):
            if operator in (b"cs", b"CS") and operands:
                used.add(str(operands[0]))
            elif operator == b"INLINE IMAGE":
                settings = operands.get("settings", {}) if isinstance(operands, dict) else {}
                used.add(str(settings.get("/CS", settings.get("/ColorSpace", ""))))
            elif operator == b"Do" and operands:
                self.drawn(_dict(resources.get("/XObject")).get(operands[0]), depth)
            elif operator in (b"scn", b"SCN") and operands and isinstance(operands[-1], NameObject):
                self.drawn(_dict(resources.get("/Pattern")).get(operands[-1]), depth)
            elif operator == b"gs" and operands:
                mask = _dict(_dict(resources.get("/ExtGState")).get(operands[0])).get("/SMask")
                self.drawn(_dict(mask).raw_get("/G") if "/G" in _dict(mask) else None, depth)
        for name, space in _dict(resources.get("/ColorSpace")).items():
            if str(name) not in used:
                self.unused[(where, str(name))] = space_kind(space)

    def drawn(self, xobject, depth: int) -> None:
        """A form, a tiling pattern or a soft mask's group: its own content, with its own resources."""
        if xobject is None or id_of(xobject) in self.seen:
            return
        self.seen.add(id_of(xobject))
        obj = xobject.get_object()
        if obj.get("/Subtype") == "/Form":
            self.stream(obj, obj.get("/Resources"), "form", depth + 1)
        elif obj.get("/PatternType") == 1:
            self.stream(obj, obj.get("/Resources"), "pattern", depth + 1)


@check("subset-names")
def subset_names(ctx: CheckContext) -> Iterator[Finding]:
    by_name: dict[str, set[bytes]] = defaultdict(set)  # a subset's tag → the hashes of the font files under it
    for name, data in _embedded_fonts(ctx):
        if len(name) > 7 and name[6] == "+":
            by_name[name[:6]].add(hashlib.sha256(data).digest())
    for tag, files in sorted(by_name.items()):
        if len(files) > 1:
            yield Finding(
                "subset-names",
                Severity.WARNING,
                f"{len(files)} different font subsets share the subset name {tag}+: a RIP may take one for "
                f"another; name each subset by its glyphs",
            )


def _embedded_fonts(ctx: CheckContext) -> Iterator[tuple[str, bytes]]:
    """Each embedded font file the pages use, once, with its descriptor's FontName (without the slash)."""
    seen: set[int] = set()  # resources and fonts: forms share the pages' fonts
    pending = [page.get("/Resources") for page in ctx.facts.reader.pages]
    while pending:
        resources = pending.pop()
        if resources is None or id_of(resources) in seen:
            continue
        seen.add(id_of(resources))
        resources = _dict(resources)
        for font in _dict(resources.get("/Font")).values():
            if id_of(font) in seen:
                continue
            seen.add(id_of(font))
            font = _dict(font)
            descendants = font.get("/DescendantFonts")
            descendants = descendants.get_object() if descendants is not None else None
            for descendant in descendants if isinstance(descendants, ArrayObject) else ():
                yield from _font_file(_dict(descendant))
            yield from _font_file(font)
        for drawn in (*_dict(resources.get("/XObject")).values(), *_dict(resources.get("/Pattern")).values()):
            pending.append(_dict(drawn).raw_get("/Resources") if "/Resources" in _dict(drawn) else None)


def _font_file(font: DictionaryObject) -> Iterator[tuple[str, bytes]]:
    descriptor = _dict(font.get("/FontDescriptor"))
    for key in _FONT_FILES:
        data = descriptor.get(key)
        data = data.get_object() if data is not None else None
        if isinstance(data, StreamObject):
            yield str(descriptor.get("/FontName", "")).lstrip("/"), data.get_data()
            return


def _dict(value) -> DictionaryObject:
    value = value.get_object() if value is not None else None
    return value if isinstance(value, DictionaryObject) else DictionaryObject()
