"""A CMYK image's transparency on its way into the print PDF: carried after the end of its JPEG,
then written as the image's soft mask.

WeasyPrint draws a CMYK image only from a JPEG, and makes a soft mask only of a PNG's alpha
channel, which cannot hold CMYK. So the print edition's conversion (`colour.image_to_cmyk`)
appends the alpha channel, deflated, after the JPEG's end marker, where a JPEG decoder stops
reading, and the press finisher cuts it off and writes it as the image's /SMask: a CMYK image
blended with the page in CMYK, as PDF/X-4 allows. The mask travels with the image's bytes, so
an image converted once and kept by a render session keeps its mask, whichever render draws it.
"""

from __future__ import annotations

import zlib

# What ends a JPEG that carries an alpha channel: the deflated channel's length, then this mark.
MARK = b"\x00alpha-channel\x00"
_LENGTH = 4


def with_alpha(jpeg: bytes, alpha: bytes) -> bytes:
    """`jpeg` carrying `alpha`, one byte a pixel, row by row, as the image's soft mask."""
    deflated = zlib.compress(alpha, 9)
    return jpeg + deflated + len(deflated).to_bytes(_LENGTH, "big") + MARK


def split_alpha(data: bytes, width: int, height: int) -> tuple[bytes, bytes | None]:
    """The JPEG `data` holds and its alpha channel, deflated (a /FlateDecode stream of `width` ×
    `height` bytes); `data` and None if it carries none, or none of that size (a JPEG made
    elsewhere may end with anything: what does not decode to the mask it claims is left as it is)."""
    if not data.endswith(MARK):
        return data, None
    end = len(data) - len(MARK) - _LENGTH
    length = int.from_bytes(data[end : end + _LENGTH], "big")
    start = end - length
    if start < 0:
        return data, None
    deflated = data[start:end]
    inflater = zlib.decompressobj()
    try:
        inflated = inflater.decompress(deflated, width * height + 1)  # bounded: a mask is one byte a pixel
    except zlib.error:
        return data, None
    if len(inflated) != width * height or not inflater.eof or inflater.unused_data:
        return data, None
    return data[:start], deflated
