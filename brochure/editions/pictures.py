"""Pictures of PDF pages, drawn by pdfium: a page cut to its trim, or whole with its bleed, and PNG bytes."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from PIL import Image

from brochure.units import MM_PER_PT, PT_PER_INCH


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
        for page in document:
            media, trim = page.get_mediabox(), page.get_trimbox()
            # pdfium crops by the amount cut off each side: left, bottom, right, top, in points
            inset = (trim[0] - media[0], trim[1] - media[1], media[2] - trim[2], media[3] - trim[3])
            crop = inset if trimmed else (0.0, 0.0, 0.0, 0.0)
            bitmap = page.render(scale=ppi / PT_PER_INCH, crop=crop, draw_annots=False, fill_color=(255, 255, 255, 255))
            origin = (0.0, 0.0) if trimmed else (inset[0] * MM_PER_PT, inset[3] * MM_PER_PT)
            yield bitmap.to_pil().convert("RGB"), origin
    finally:
        document.close()


def png_bytes(picture: Image.Image) -> bytes:
    """PNG bytes that depend on the pixels only (Pillow writes no time or text chunks)."""
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
