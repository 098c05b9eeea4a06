"""Pictures of PDF pages, drawn by pdfium: a page cut to its trim, or whole with its bleed, and PNG
bytes, kept by a warm session for the pictures it encoded lately."""

from __future__ import annotations

import hashlib
import io

import pypdfium2 as pdfium
from PIL import Image

from brochure.files.cache import Kept
from brochure.units import MM_PER_PT, PT_PER_INCH

# The most pixels one picture of a page may have: an A0 sheet at the proof's 150 ppi is 35 Mpx. The
# picture is held several times over while it is drawn on (about 20 bytes a pixel in all).
MAX_PICTURE_PIXELS = 40_000_000


class PictureTooLarge(ValueError):
    """A page that would be drawn with more than MAX_PICTURE_PIXELS pixels."""


def page_pictures(pdf: bytes, ppi: float) -> list[Image.Image]:
    """Every page of `pdf` at `ppi`, cut to its TrimBox: the leaflet as a reader sees it."""
    return [picture for picture, _ in _render(pdf, ppi, trimmed=True)]


def whole_pages(pdf: bytes, ppi: float) -> list[tuple[Image.Image, tuple[float, float]]]:
    """Every page of `pdf` at `ppi` with all of its MediaBox (bleed, marks), and where its trim's
    top-left corner lies in the picture, in mm."""
    return list(_render(pdf, ppi, trimmed=False))


def _render(pdf: bytes, ppi: float, *, trimmed: bool):
    document = pdfium.PdfDocument(pdf)
    try:
        for index, page in enumerate(document, start=1):
            media, trim = page.get_mediabox(), page.get_trimbox()
            # pdfium crops by the amount cut off each side: left, bottom, right, top, in points
            inset = (trim[0] - media[0], trim[1] - media[1], media[2] - trim[2], media[3] - trim[3])
            crop = inset if trimmed else (0.0, 0.0, 0.0, 0.0)
            _bound(index, (media[2] - media[0] - crop[0] - crop[2], media[3] - media[1] - crop[1] - crop[3]), ppi)
            bitmap = page.render(scale=ppi / PT_PER_INCH, crop=crop, draw_annots=False, fill_color=(255, 255, 255, 255))
            origin = (0.0, 0.0) if trimmed else (inset[0] * MM_PER_PT, inset[3] * MM_PER_PT)
            yield bitmap.to_pil().convert("RGB"), origin
    finally:
        document.close()


def _bound(number: int, size: tuple[float, float], ppi: float) -> None:
    """Refuse to draw page `number`, `size` points large, at `ppi` if its picture would be too large."""
    width, height = (abs(side) / PT_PER_INCH * ppi for side in size)
    if width * height > MAX_PICTURE_PIXELS:
        raise PictureTooLarge(
            f"page {number} is {abs(size[0]) * MM_PER_PT:.0f} × {abs(size[1]) * MM_PER_PT:.0f} mm, "
            f"{width * height / 1e6:.0f} Mpx at {ppi:g} ppi; brochure draws at most "
            f"{MAX_PICTURE_PIXELS // 1_000_000} Mpx a page (an A0 sheet at 150 ppi is 35)"
        )


# The knee of zlib's levels for a leaflet's pictures: QuattroPole's nine previews weigh 1.5 % more
# than with Pillow's `optimize` (1.26 MB, not 1.24) and take a sixth of its time (0.14 s of CPU, not
# 0.9); a leaflet of photos 3 to 8 % more. Level 1 is hardly faster and up to 11 % larger, level 6 takes
# half as long again as level 3.
PNG_COMPRESS_LEVEL = 3


def png_bytes(picture: Image.Image) -> bytes:
    """PNG bytes that depend on the pixels only (Pillow writes no time or text chunks)."""
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue()


def pixels_digest(picture: Image.Image) -> bytes:
    """What tells one picture from another: its mode, size, palette (if it has one) and pixels."""
    digest = hashlib.sha256(f"{picture.mode} {picture.width}x{picture.height}".encode())
    digest.update(bytes(picture.getpalette() or ()))
    digest.update(picture.tobytes())
    return digest.digest()


def kept_png(picture: Image.Image, kept: Kept[bytes, bytes]) -> bytes:
    """`png_bytes(picture)`, from `kept` (a warm session's `pictures`) where the same pixels were
    encoded lately: a warm rebuild encodes only the pictures whose pixels changed, and digesting a
    picture takes a sixth of the time encoding it does. Where `kept` keeps nothing, nothing is digested."""
    if not kept.most:
        return png_bytes(picture)
    key = pixels_digest(picture)
    data = kept.get(key)
    if data is None:
        data = png_bytes(picture)
        kept.put(key, data)
    return data
