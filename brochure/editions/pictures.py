"""Pictures of PDF pages, drawn by pdfium: a page cut to its trim, or whole with its bleed, and PNG
bytes, kept by a warm session for the pictures it encoded lately."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor

import pypdfium2 as pdfium
from PIL import Image

from brochure.files.cache import Kept
from brochure.render.warm.aside import cores
from brochure.units import MM_PER_PT, PT_PER_INCH

# The most pixels one picture of a page may have: an A0 sheet at the proof's 150 ppi is 35 Mpx. The
# picture is held several times over while it is drawn on (about 20 bytes a pixel in all).
MAX_PICTURE_PIXELS = 40_000_000


class PictureTooLarge(ValueError):
    """A page that would be drawn with more than MAX_PICTURE_PIXELS pixels."""


def page_pictures(pdf: bytes, ppi: float) -> Iterator[Image.Image]:
    """Every page of `pdf` at `ppi`, cut to its TrimBox: the leaflet as a reader sees it; each drawn
    when it is asked for, so that one need not hold them all."""
    return (picture for picture, _ in _render(pdf, ppi, trimmed=True))


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
            page.close()  # with the images pdfium decoded to draw it, at full size
            origin = (0.0, 0.0) if trimmed else (inset[0] * MM_PER_PT, inset[3] * MM_PER_PT)
            picture = bitmap.to_pil()  # pdfium's BGR, copied as RGB: a second copy would only take memory
            bitmap.close()  # its pixels, copied, are not held while the picture is used
            yield (picture if picture.mode == "RGB" else picture.convert("RGB")), origin
            del picture, bitmap  # the next page is drawn while this one is no longer held here
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
DIGEST_ROWS = 128  # rows of a picture digested at once


def png_bytes(picture: Image.Image) -> bytes:
    """PNG bytes that depend on the pixels only (Pillow writes no time or text chunks)."""
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue()


def pixels_digest(picture: Image.Image) -> bytes:
    """What tells one picture from another: its mode, size, palette (if it has one) and pixels."""
    digest = hashlib.sha256(f"{picture.mode} {picture.width}x{picture.height}".encode())
    digest.update(bytes(picture.getpalette() or ()))
    # The same bytes as `picture.tobytes()`, a band of rows at a time: that would hold them twice over
    # (its pieces, then them joined), 21 MB for a side of A4 at 192 ppi.
    for top in range(0, picture.height, DIGEST_ROWS):
        digest.update(picture.crop((0, top, picture.width, min(top + DIGEST_ROWS, picture.height))).tobytes())
    return digest.digest()


def kept_png(picture: Image.Image, kept: Kept[bytes, bytes]) -> bytes:
    """`png_bytes(picture)`, from `kept` (a warm session's `pictures`) where the same pixels were
    encoded lately: a warm rebuild encodes only the pictures whose pixels changed, and digesting a
    picture takes a sixth of the time encoding it does. Where `kept` keeps nothing, nothing is digested."""
    return kept_pngs({"": picture}, kept)[""]


def kept_pngs(pictures: Mapping[str, Image.Image], kept: Kept[bytes, bytes]) -> dict[str, bytes]:
    """`kept_png` of each picture, by name. Those to encode are encoded on every core at once: Pillow
    lets go of the GIL while zlib compresses, and a build's second core is free once the e-mail
    edition is made, while encoding the previews is what the build still waits for. Each picture's
    bytes are its own: the same however many threads encode them."""
    keys = {name: pixels_digest(picture) for name, picture in pictures.items()} if kept.most else {}
    found = {name: kept.get(key) for name, key in keys.items()}
    todo = [name for name in pictures if found.get(name) is None]
    workers = min(cores(), len(todo))
    if workers > 1:
        with ThreadPoolExecutor(workers, thread_name_prefix="brochure-png") as pool:
            made = dict(zip(todo, pool.map(png_bytes, (pictures[name] for name in todo)), strict=True))
    else:
        made = {name: png_bytes(pictures[name]) for name in todo}
    for name, data in made.items():
        if keys:
            kept.put(keys[name], data)
    return {name: found.get(name) or made[name] for name in pictures}
