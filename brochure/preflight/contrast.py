"""The `contrast` check of the screen editions: small text against what is drawn behind it, held to WCAG
2 AA (a contrast of at least 4.5:1 for text under 18 pt, or under 14 pt bold).

What is behind a text is whatever the page draws there (a panel's fill, a tint box, a picture), so it is
read from the page as drawn: each page is rendered, and the background of a text is the colour that most
of the pixels just around it have. The text's own colour is its fill colour (over that background where it
is drawn translucent). Large text (WCAG's 3:1) is left alone, and so is text inside a picture or drawn as
decoration (see `_PICTURED`): the map's country letters, a faint watermark, are both.
"""

from __future__ import annotations

import ctypes
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from brochure.preflight.registry import CheckContext, Finding, Severity, check
from brochure.sheet.colour import TEXT_CONTRAST, contrast_ratio

SCREEN = ("email",)
LARGE_PT, LARGE_BOLD_PT = 18.0, 14.0  # from here text is "large" and 3:1 does
BOLD = 700
_SCALE = 2  # render at 144 ppi: a 7 pt glyph is some 14 px high, its surroundings clear
_RING = 2  # px around a text's box whose colours tell its background
_SHOWN = 3
# Text drawn inside a picture (a map's labels, in a /Figure whose alt text says what it shows) or as
# decoration (an /Artifact) is not held to 1.4.3: WCAG exempts text that is part of a picture with
# significant other visual content, and pure decoration.
_PICTURED = {"Figure", "Artifact"}
_BOLD_NAME = re.compile(r"bold|black|heavy", re.IGNORECASE)
_LIGHTER_NAME = re.compile(r"semi|demi|medium", re.IGNORECASE)

Rgb = tuple[int, int, int]
Matrix = tuple[float, float, float, float, float, float]
Box = tuple[int, int, int, int]


@dataclass(frozen=True)
class SmallText:
    """A run of text drawn smaller than WCAG's large text, as `small_texts` reads it."""

    text: str
    size: float  # pt, as drawn
    bold: bool
    colour: Rgb
    alpha: float
    box: tuple[float, float, float, float]  # page space, pt: left, bottom, right, top


@check("contrast", editions=SCREEN)
def contrast(ctx: CheckContext) -> Iterator[Finding]:
    """A finding for each page's colours of small text that fall short of 4.5:1 against their background."""
    for number, page in enumerate(ctx.facts.document, start=1):
        picture = page.render(scale=_SCALE).to_pil().convert("RGB")
        height = page.get_height()
        short: dict[tuple[Rgb, Rgb, float], list[SmallText]] = {}
        for text in small_texts(page):
            background = _background(picture, text.box, height)
            if background is None:
                continue
            colour = _over(text.colour, text.alpha, background)
            ratio = contrast_ratio(colour, background)
            if ratio < TEXT_CONTRAST:
                # Cut, not rounded: 4.47:1 is no 4.5:1.
                short.setdefault((colour, background, math.floor(ratio * 10) / 10), []).append(text)
        for (colour, background, ratio), texts in short.items():
            said = [" ".join(text.text.split()) for text in texts if text.text.strip()]
            quoted = ", ".join(repr(text) for text in said[:_SHOWN]) + (", …" if len(said) > _SHOWN else "")
            sizes = sorted({f"{text.size:.1f}".removesuffix(".0") for text in texts}, key=float)
            runs = f"{len(texts)} run{'s' if len(texts) != 1 else ''} of {' / '.join(sizes)} pt text"
            yield Finding(
                "contrast",
                Severity.WARNING,
                f"{runs} in {_hex(colour)} on {_hex(background)}: a contrast of {ratio:.1f}:1, under the "
                f"{TEXT_CONTRAST:g}:1 that WCAG AA asks of text under {LARGE_PT:g} pt: {quoted}",
                number,
            )


def small_texts(page: pdfium.PdfPage) -> Iterator[SmallText]:
    """Each visible text object of a page drawn smaller than WCAG's large text, forms' included."""
    textpage = page.get_textpage()
    pending: list[tuple[pdfium_c.FPDF_PAGEOBJECT, Matrix]] = [
        (pdfium_c.FPDFPage_GetObject(page.raw, i), _IDENTITY) for i in range(pdfium_c.FPDFPage_CountObjects(page.raw))
    ]
    while pending:
        obj, outer = pending.pop()
        if _PICTURED & _marks(obj):
            continue
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            inner = _compose(_matrix(obj), outer)
            pending.extend(
                (pdfium_c.FPDFFormObj_GetObject(obj, i), inner) for i in range(pdfium_c.FPDFFormObj_CountObjects(obj))
            )
            continue
        if kind != pdfium_c.FPDF_PAGEOBJ_TEXT:
            continue
        if pdfium_c.FPDFTextObj_GetTextRenderMode(obj) in (pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE,):
            continue
        text = _read(obj, textpage)
        drawn = _compose(_matrix(obj), outer)
        font_size = ctypes.c_float()
        pdfium_c.FPDFTextObj_GetFontSize(obj, ctypes.byref(font_size))
        size = font_size.value * math.sqrt(abs(drawn[0] * drawn[3] - drawn[1] * drawn[2]))
        bold = _bold(pdfium_c.FPDFTextObj_GetFont(obj))
        if size >= (LARGE_BOLD_PT if bold else LARGE_PT) or not text.strip():
            continue
        red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
        if not pdfium_c.FPDFPageObj_GetFillColor(obj, *(ctypes.byref(v) for v in (red, green, blue, alpha))):
            continue
        yield SmallText(text, size, bold, (red.value, green.value, blue.value), alpha.value / 255, _bounds(obj, outer))


def _marks(obj) -> set[str]:
    """The names of the marked-content sequences an object is drawn in: /Figure, /Artifact, /P …"""
    names = set()
    for index in range(pdfium_c.FPDFPageObj_CountMarks(obj)):
        mark = pdfium_c.FPDFPageObj_GetMark(obj, index)
        length = ctypes.c_ulong()
        pdfium_c.FPDFPageObjMark_GetName(mark, None, 0, ctypes.byref(length))
        buffer = ctypes.create_string_buffer(length.value)
        wide = ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR))
        pdfium_c.FPDFPageObjMark_GetName(mark, wide, length.value, ctypes.byref(length))
        names.add(buffer.raw[: max(length.value - 2, 0)].decode("utf-16-le", errors="replace"))
    return names


def _bold(font) -> bool:
    """Whether a font is bold (700 or more): by its descriptor's weight, else (WeasyPrint writes 400 for
    every face) by its name, "Inter-Bold" or "Inter-Ultra-Bold" but not "Inter-Semi-Bold"."""
    if not font:
        return False
    if pdfium_c.FPDFFont_GetWeight(font) >= BOLD:
        return True
    buffer = ctypes.create_string_buffer(256)
    pdfium_c.FPDFFont_GetBaseFontName(font, buffer, len(buffer))
    name = buffer.value.decode("latin-1").split("+")[-1]
    return bool(_BOLD_NAME.search(name)) and not _LIGHTER_NAME.search(name)


def _background(picture, box: tuple[float, float, float, float], height: float) -> Rgb | None:
    """The colour most pixels of a thin ring around `box` (pt, page space) have in the page's picture:
    what the text is drawn on, its own antialiased edges and its neighbours' glyphs being fewer. Of
    colours as many, the one met first going down each column of the ring, left to right."""
    left, bottom, right, top = box
    x0, x1 = math.floor(left * _SCALE) - _RING, math.ceil(right * _SCALE) + _RING
    y0, y1 = math.floor((height - top) * _SCALE) - _RING, math.ceil((height - bottom) * _SCALE) + _RING
    width, tall = picture.size
    outer = (max(x0, 0), max(y0, 0), min(x1, width), min(y1, tall))
    inner = (x0 + _RING, y0 + _RING, x1 - _RING, y1 - _RING)
    counts: Counter[Rgb] = Counter()
    # Pillow counts the colours of each strip of the ring: a text's ring is some 400 pixels, and 200
    # texts a page read one pixel at a time in Python took most of the check's time.
    for strip in _ring_strips(outer, inner):
        found = picture.crop(strip).getcolors((strip[2] - strip[0]) * (strip[3] - strip[1]))
        counts.update({colour: count for count, colour in found})
    if not counts:
        return None
    most = max(counts.values())
    tied = {colour for colour, count in counts.items() if count == most}
    if len(tied) == 1:
        return tied.pop()
    pixels = picture.load()
    return next(
        pixels[x, y]
        for x in range(outer[0], outer[2])
        for y in range(outer[1], outer[3])
        if not (inner[0] <= x < inner[2] and inner[1] <= y < inner[3]) and pixels[x, y] in tied
    )


def _ring_strips(outer: Box, inner: Box) -> list[Box]:
    """The rectangles (left, top, right, bottom; right and bottom excluded) that together hold every
    pixel of `outer` that is not in `inner`, each once; none of them empty."""
    ox0, oy0, ox1, oy1 = outer
    ix0, iy0, ix1, iy1 = inner
    if ox0 >= ox1 or oy0 >= oy1:  # a box off the page
        return []
    if ix0 >= ix1 or iy0 >= iy1:  # a box narrower than its ring: all of it is ring
        strips = [outer]
    else:
        top, bottom = min(max(iy0, oy0), oy1), max(min(iy1, oy1), oy0)
        strips = [
            (ox0, oy0, ox1, top),
            (ox0, bottom, ox1, oy1),
            (ox0, top, min(max(ix0, ox0), ox1), bottom),
            (max(min(ix1, ox1), ox0), top, ox1, bottom),
        ]
    return [strip for strip in strips if strip[0] < strip[2] and strip[1] < strip[3]]


def _over(colour: Rgb, alpha: float, background: Rgb) -> Rgb:
    """A colour drawn with opacity `alpha` over `background`, as the eye gets it."""
    return tuple(round(alpha * c + (1 - alpha) * b) for c, b in zip(colour, background, strict=True))


_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _matrix(obj) -> Matrix:
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix)):
        return _IDENTITY
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """`inner` then `outer`, as PDF concatenates matrices."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _bounds(obj, outer: Matrix) -> tuple[float, float, float, float]:
    """An object's box in page space: its own bounds (in its form's space) carried out of its forms."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pdfium_c.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in (left, bottom, right, top)))
    a, b, c, d, e, f = outer
    corners = [(x, y) for x in (left.value, right.value) for y in (bottom.value, top.value)]
    xs = [a * x + c * y + e for x, y in corners]
    ys = [b * x + d * y + f for x, y in corners]
    return min(xs), min(ys), max(xs), max(ys)


def _read(obj, textpage: pdfium.PdfTextPage) -> str:
    size = pdfium_c.FPDFTextObj_GetText(obj, textpage.raw, None, 0)  # in bytes, with the final NUL
    buffer = ctypes.create_string_buffer(size)
    pdfium_c.FPDFTextObj_GetText(obj, textpage.raw, ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR)), size)
    return buffer.raw[: max(size - 2, 0)].decode("utf-16-le", errors="replace")


def _hex(colour: Rgb) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)
