"""What a print shop's preflight flags in the PDF that WeasyPrint lays out, put right before its bytes are
written: colour spaces in the resources that nothing paints with, and subset names that do not follow
the subset.

WeasyPrint declares its Lab spaces and every colour profile in one colour-space dictionary that every
page, form and pattern shares, whether it paints with them or not: a prepress robot lists each of them
as unused on every page. It names a font's subset `ABCDEF+Family` with a tag that hashes the font's
description, so different subsets of a font get the same name in different files, which a printer's
RIP may take for one font when two jobs are run together; the tag here hashes the subset's bytes.
Both run as a WeasyPrint finisher, on the pydyf objects, so the bytes stay reproducible.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator

import pydyf

# A name set as a colour space by `cs` or `CS`, or given to an inline image as its /CS.
_SPACE_USE = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]+)\s+(?:cs|CS)\b|/CS\s*/([^\x00\t\n\x0c\r ()<>\[\]{}/%]+)")
_FONT_FILES = ("FontFile", "FontFile2", "FontFile3")
TAG_LENGTH = 6  # the subset tag: six upper-case letters and a plus (ISO 32000-1, 9.6.4)


def tidied(then: Callable | None = None) -> Callable:
    """A WeasyPrint finisher that runs `then` (another finisher), then drops unused colour spaces and
    names each font subset by its bytes."""

    def finish(document, pdf: pydyf.PDF) -> None:
        if then is not None:
            then(document, pdf)
        drop_unused_colour_spaces(pdf)
        name_subsets_by_content(pdf)

    return finish


def drop_unused_colour_spaces(pdf: pydyf.PDF) -> None:
    """Leave in each page's, form's and pattern's resources only the colour spaces its content sets.

    The shared dictionary keeps those that some content sets; a page, form or pattern that sets fewer
    gets a dictionary of its own (a page a resources dictionary of its own too, since pages share theirs).
    """
    users = list(_content_users(pdf))
    shared: dict[int, pydyf.Dictionary] = {}
    for _, resources, _ in users:
        spaces = resolved(pdf, resources.get("ColorSpace"))
        if isinstance(spaces, pydyf.Dictionary):
            shared[id(spaces)] = spaces
    used_of = [(holder, resources, _used_names(stream)) for holder, resources, stream in users]
    for spaces in shared.values():
        everywhere = set().union(*(used for _, res, used in used_of if resolved(pdf, res.get("ColorSpace")) is spaces))
        for name in [name for name in spaces if name not in everywhere]:
            del spaces[name]
    for holder, resources, used in used_of:
        spaces = resolved(pdf, resources.get("ColorSpace"))
        if not isinstance(spaces, pydyf.Dictionary) or set(spaces) <= used:
            continue
        own = pydyf.Dictionary({name: value for name, value in spaces.items() if name in used})
        if "Type" in holder and holder["Type"] == "/Page":  # pages share one resources dictionary: copy it
            resources = pydyf.Dictionary(resources)
            pdf.add_object(resources)
            holder["Resources"] = resources.reference
        if own:
            resources["ColorSpace"] = own
        else:
            del resources["ColorSpace"]


def name_subsets_by_content(pdf: pydyf.PDF) -> None:
    """Give every embedded font subset a tag made from its bytes: the same subset always the same name,
    different subsets different names."""
    renamed: dict[bytes, bytes] = {}
    for obj in pdf.objects:
        if not (isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/FontDescriptor"):
            continue
        name = _raw(obj.get("FontName"))
        font_file = next((obj[key] for key in _FONT_FILES if key in obj), None)
        stream = resolved(pdf, font_file)
        if not _is_subset(name) or not isinstance(stream, pydyf.Stream):
            continue
        renamed[name] = b"/" + subset_tag(_stream_bytes(stream)).encode("ascii") + name[1 + TAG_LENGTH :]
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary):
            for key in ("BaseFont", "FontName"):
                if _raw(obj.get(key)) in renamed:
                    obj[key] = renamed[_raw(obj[key])]


def subset_tag(font: bytes) -> str:
    """Six upper-case letters that a font file's bytes give, always the same for the same bytes."""
    return "".join(chr(ord("A") + byte % 26) for byte in hashlib.sha256(font).digest()[:TAG_LENGTH])


def _content_users(pdf: pydyf.PDF) -> Iterator[tuple[dict, pydyf.Dictionary, pydyf.Stream]]:
    """Each page, form and pattern with content: (what holds its /Resources, the resources, the content)."""
    for obj in pdf.objects:
        if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page":
            resources, contents = resolved(pdf, obj.get("Resources")), resolved(pdf, obj.get("Contents"))
            if isinstance(resources, pydyf.Dictionary) and isinstance(contents, pydyf.Stream):
                yield obj, resources, contents
        elif isinstance(obj, pydyf.Stream) and "Resources" in obj.extra:
            resources = resolved(pdf, obj.extra["Resources"])
            if isinstance(resources, pydyf.Dictionary):
                yield obj.extra, resources, obj


def _used_names(stream: pydyf.Stream) -> set[str]:
    return {(first or second).decode("latin-1") for first, second in _SPACE_USE.findall(_stream_bytes(stream))}


def resolved(pdf: pydyf.PDF, value):
    """The object a pydyf reference (`b"12 0 R"`) points to, or the value itself."""
    if isinstance(value, bytes | str):
        parts = (value.decode("latin-1") if isinstance(value, bytes) else value).split()
        if len(parts) == 3 and parts[2] == "R" and parts[0].isdigit():
            return pdf.objects[int(parts[0])]
    return value


def _stream_bytes(stream: pydyf.Stream) -> bytes:
    """A pydyf stream's data before compression, as pydyf joins it."""
    return b"\n".join(_bytes(item) for item in stream.stream)


def _bytes(item) -> bytes:
    if isinstance(item, bytes):
        return item
    if isinstance(item, pydyf.Object):
        return item.data
    return str(item).encode("latin-1", "replace")


def _raw(value) -> bytes:
    """A name as pydyf writes it (WeasyPrint gives font names as bytes, a finisher may give str)."""
    return value if isinstance(value, bytes) else str(value).encode("utf-8") if value is not None else b""


def _is_subset(name: bytes) -> bool:
    """`/ABCDEF+Name`: a subset's name, with its tag."""
    tag, plus = name[1 : 1 + TAG_LENGTH], name[1 + TAG_LENGTH : 2 + TAG_LENGTH]
    return len(tag) == TAG_LENGTH and plus == b"+" and tag.isalpha() and tag.isupper()
