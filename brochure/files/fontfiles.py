"""What makes a font file usable: a TrueType, OpenType, WOFF or WOFF2 font that fontTools reads
whole, with the tables a PDF needs and a Unicode character map; and the code points it has.

A layout may bring its own fonts (a project's assets/), so each one is read here when the
layout is loaded: a file that is empty, cut short or no font at all is the layout's mistake,
named with its file, instead of a crash further on. The code points are kept in brochure's
cache together with a digest of the font's bytes and of the code points: a copy made from
another file, or altered since, is made anew, since the `glyphs` check trusts them to say
which characters the leaflet can print.
"""

from __future__ import annotations

import hashlib
import io
import struct
from pathlib import Path

from brochure.files import cache
from brochure.files.imagefiles import image_type_of
from brochure.files.paths import read_file

_SIGNATURES = {b"\x00\x01\x00\x00": "sfnt", b"true": "sfnt", b"OTTO": "sfnt", b"wOFF": "woff", b"wOF2": "woff2"}
_NEEDED = ("cmap", "head", "hhea", "hmtx", "maxp")  # what a font must have to be set and embedded
_OUTLINES = ("glyf", "CFF ", "CFF2")
_KEPT_AS = "digest-and-code-points-1"  # the format of the values kept in the cache


class InvalidFont(ValueError):
    """A file that is no font brochure can set text in; the message says why."""


def code_points(path: Path, *, keep: bool = True) -> frozenset[int]:
    """The code points the font file at `path` has a glyph for; InvalidFont if it is no font brochure can use.
    Without `keep` (`--no-cache`), brochure's cache is neither read nor written."""
    try:
        data = read_file(path)
    except OSError as exc:
        raise InvalidFont(f"cannot read it: {exc.strerror or exc}") from None
    from fontTools import version  # the cache keeps another fontTools' reading apart

    kept = cache.made_from(
        "code-points",
        path,
        lambda _: _made(data),
        f"{version}:{_KEPT_AS}",
        lambda value: _sound(value, data),
        keep=keep,
    )
    return frozenset(kept[1])


def _made(data: bytes) -> tuple[bytes, list[int]]:
    points = _read_code_points(data)
    return _digest(data, points), points


def _digest(data: bytes, points: list[int]) -> bytes:
    digest = hashlib.sha256(data)
    digest.update(struct.pack(f"<{len(points)}I", *points))
    return digest.digest()


def _sound(value: object, data: bytes) -> bool:
    """Whether a value from the cache holds code points read from these very bytes of the font."""
    if not (isinstance(value, tuple) and len(value) == 2 and type(value[0]) is bytes and type(value[1]) is list):
        return False
    points = value[1]
    if not all(type(point) is int and 0 <= point <= 0x10FFFF for point in points):
        return False
    return value[0] == _digest(data, points)


def _read_code_points(data: bytes) -> list[int]:
    """The sorted code points of the font `data`; InvalidFont if it cannot be used."""
    if not data:
        raise InvalidFont("the file is empty")
    kind = _SIGNATURES.get(data[:4])
    if kind is None:
        if data[:4] == b"ttcf":
            raise InvalidFont("it is a font collection; give one font of it as a file of its own")
        image = image_type_of(data)
        raise InvalidFont(f"it is {f'a {image} image' if image else 'not a TrueType, OpenType, WOFF or WOFF2 font'}")
    from fontTools.ttLib import TTFont  # here: commands that read no font do not import it

    try:
        with TTFont(io.BytesIO(data), lazy=True) as font:
            _check_tables(font, kind, len(data))
            cmap = font.getBestCmap()
    except InvalidFont:
        raise
    except Exception as exc:  # fontTools raises many kinds of error on a malformed file
        raise InvalidFont(" ".join(str(exc).split()) or type(exc).__name__) from None
    if not cmap:
        raise InvalidFont("it maps no Unicode character to a glyph (no Unicode 'cmap' table)")
    return sorted(cmap)


def _check_tables(font, kind: str, size: int) -> None:
    """Every table the font needs there, and every table's bytes readable (and decompressed)."""
    missing = [repr(tag) for tag in _NEEDED if tag not in font]
    if not any(tag in font for tag in _OUTLINES):
        missing.append("'glyf' or 'CFF '")
    if missing:
        raise InvalidFont(f"it has no {', '.join(missing)} table{'s' if len(missing) > 1 else ''}")
    if kind == "sfnt":  # a WOFF's or WOFF2's tables are read by fontTools through its own bounds
        for tag, entry in sorted(font.reader.tables.items(), key=lambda item: item[1].offset):
            if entry.offset + entry.length > size:
                needed = entry.offset + entry.length
                raise InvalidFont(
                    f"the file is cut short: its {str(tag)!r} table needs {needed:,} bytes, it has {size:,}"
                )
    for tag in list(font.reader.tables):
        font.reader[tag]  # reads (and decompresses) its bytes: fontTools checks each table's bounds there
