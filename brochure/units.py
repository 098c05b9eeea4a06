"""Units: millimetres, PDF points, pixels at a resolution, CSS pixels, and file sizes as a person reads them.

The layout speaks millimetres; a PDF speaks points (72 an inch), a picture pixels at its ppi,
WeasyPrint CSS pixels (96 an inch). Each conversion is written once here. Where a result goes
into a PDF or a PNG, a call site keeps the arithmetic it always had (`mm * PT_PER_MM` and
`mm / MM_PER_PT` differ in the last bit), so the constants are named for both directions.
"""

from __future__ import annotations

import re

MM_PER_INCH = 25.4
PT_PER_INCH = 72  # a PDF point (and PostScript's)
CSS_PX_PER_INCH = 96  # a CSS pixel

MM_PER_PT = MM_PER_INCH / PT_PER_INCH
PT_PER_MM = PT_PER_INCH / MM_PER_INCH
MM_PER_CSS_PX = MM_PER_INCH / CSS_PX_PER_INCH


def pt_to_mm(pt: float) -> float:
    """A length in PDF points, in mm."""
    return pt * MM_PER_PT


def mm_to_pt(mm: float) -> float:
    """A length in mm, in PDF points."""
    return mm * PT_PER_MM


def css_px_to_mm(px: float) -> float:
    """A length in CSS pixels (WeasyPrint's unit), in mm."""
    return px * MM_PER_CSS_PX


def mm_to_px(mm: float, ppi: float) -> int:
    """A length in mm as whole pixels of a picture at `ppi`."""
    return round(mm / MM_PER_INCH * ppi)


def pixel_mm(ppi: float) -> float:
    """The side of one pixel at `ppi`, in mm."""
    return MM_PER_INCH / ppi


def ppi_of(pixels: int, mm: float) -> float:
    """The resolution of `pixels` drawn over `mm`."""
    return pixels / (mm / MM_PER_INCH)


# A size as people write it: plain bytes (`300000`), or a number with a unit in any case, with or
# without a space. kB/KB and MB are decimal, as mail services count; KiB and MiB are binary. Written
# with character classes and plain groups, the pattern reads alike in Python and in a JSON Schema.
SIZE_PATTERN = r"^\s*([0-9]+(?:\.[0-9]+)?)\s*((?:[kKmMgG][iI]?)?[bB])?\s*$"
SIZE_FORMS = "bytes, or B, kB, MB, GB, KiB, MiB or GiB in any case: e.g. 300000, 800 kB, 1.5 MB, 1 MiB"
_SIZE = re.compile(SIZE_PATTERN)
_SIZE_UNITS = {"b": 1, "kb": 1_000, "mb": 1_000_000, "gb": 1_000_000_000, "kib": 2**10, "mib": 2**20, "gib": 2**30}


def parse_file_size(text: str) -> int | None:
    """The bytes of a size such as `1 MB`, `800 kB`, `1 MiB` or `300000`; None if it is not one."""
    match = _SIZE.match(text)
    return round(float(match[1]) * _SIZE_UNITS[(match[2] or "b").lower()]) if match else None


def format_size(size: int) -> str:
    """A size in bytes as a person reads it, in decimal units as mail services count: 512 B, 116 kB,
    1.04 MB, 50 MB, 1.5 GB (three significant figures at most, whole kB below a megabyte)."""
    if size < 1000:
        return f"{size} B"
    if size < 999_500:
        return f"{round(size / 1000)} kB"
    megabytes = size / 1_000_000
    return f"{megabytes:.3g} MB" if megabytes < 999.5 else f"{size / 1e9:,.3g} GB"


def format_size_over(size: int, limit: int) -> str:
    """`size`, known to be over `limit`, worded so that it reads as more than `limit` wherever
    the two would print alike ('more than 1 MB' for 1,004,000 bytes over 1 MB)."""
    shown = format_size(size)
    return f"more than {format_size(limit)}" if shown == format_size(limit) else shown
