"""What makes an image file printable: a PNG or JPEG that decodes to its end, an SVG that is safe, well-formed XML.

WeasyPrint leaves out an image it cannot read and copies a PNG's or JPEG's bytes into the
PDF without decoding them, so a broken file would print as a gap or as garbage: every
image is checked here first, by the schema for the content's images and by the fetcher
for whatever an SVG refers to. The checks also bound the work an image can cause: its
size in bytes and in pixels, and what an SVG draws once its references are followed.
"""

from __future__ import annotations

import io
import re

from brochure.files.svgfiles import InvalidSvg, check_svg
from brochure.units import format_size, format_size_over

IMAGE_TYPES = {".svg": "SVG", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
_OBJECT_REPR = re.compile(r" <[\w.]+ object at 0x[0-9a-fA-F]+>")


# Limits far above what a leaflet needs, low enough that no accepted image costs more
# than a few seconds or a few hundred MB: a full A4 sheet at 300 ppi is 8.7 Mpx.
MAX_IMAGE_BYTES = {"SVG": 5_000_000, "PNG": 50_000_000, "JPEG": 50_000_000}
MAX_BUILD_PIXELS = 100_000_000  # all the images a build draws: each takes WeasyPrint up to 10 s
MAX_PIXELS = 40_000_000  # WeasyPrint holds up to 9 bytes a pixel while it writes one: 40 Mpx peak at 460 MB


_SIGNATURES = {"PNG": b"\x89PNG\r\n\x1a\n", "JPEG": b"\xff\xd8\xff", "SVG": b"<"}


def image_type_of(data: bytes) -> str | None:
    """The image type (a key of MAX_IMAGE_BYTES) that `data` starts like, whatever its name says; None if none."""
    start = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")  # an SVG may start with a BOM or blank lines
    return next((image_type for image_type, signature in _SIGNATURES.items() if start.startswith(signature)), None)


class InvalidImage(ValueError):
    """An image file that cannot be printed as it is; the message says why."""


_PRINTABLE_MODES = frozenset({"1", "P", "I", "L", "LA", "RGB", "RGBA", "CMYK"})  # as WeasyPrint draws them


def check_image(data: bytes, image_type: str) -> int:
    """The pixels of `data`, a complete image of `image_type` ("SVG", "PNG" or "JPEG"), 0 for an SVG.

    Raises InvalidImage if it is not one, or is beyond brochure's limits.
    """
    limit = MAX_IMAGE_BYTES[image_type]
    if len(data) > limit:
        raise InvalidImage(
            f"it is {format_size_over(len(data), limit)} (an {image_type} file is at most {format_size(limit)})"
        )
    if image_type == "SVG":
        try:
            check_svg(data)
        except InvalidSvg as exc:
            raise InvalidImage(str(exc)) from None
        return 0
    return _check_raster(data, image_type)


def _check_raster(data: bytes, image_type: str) -> int:
    from PIL import Image, ImageFile  # WeasyPrint imports it anyway; only needed when there is a raster image

    # WeasyPrint sets this for the whole process, to print what it can of a broken image.
    truncated_allowed = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    # Pillow's own bomb guard only warns below 179 Mpx; the pixel count is judged here
    # instead, from the header, before a single row is decoded.
    pillow_limit = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        with Image.open(io.BytesIO(data), formats=[image_type]) as image:
            _check_pixels(*image.size)
            if image_type == "JPEG":
                # Every scan is still read to its end, at an eighth of the size: a progressive
                # JPEG of 40 Mpx would otherwise need its coefficients and its pixels at once.
                image.draft(image.mode, (image.width // 8, image.height // 8))
            image.load()  # decodes every row: a truncated file fails here, not when opened
            mode, transparent, (width, height) = image.mode, "transparency" in image.info, image.size
    except InvalidImage:
        raise
    except Exception as exc:  # Pillow reports a broken file with many exception types (OSError, SyntaxError, …)
        raise InvalidImage(_OBJECT_REPR.sub("", str(exc)) or type(exc).__name__) from None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated_allowed
        Image.MAX_IMAGE_PIXELS = pillow_limit
    if mode not in _PRINTABLE_MODES and not transparent:
        # WeasyPrint draws anything else (16-bit greyscale, say) as a black block.
        raise InvalidImage(f"its colour mode {mode} cannot be printed; save it as 8-bit RGB or greyscale")
    return width * height


def _check_pixels(width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise InvalidImage(
            f"it is {width:,} × {height:,} px ({width * height / 1e6:.0f} Mpx), more than brochure takes "
            f"({MAX_PIXELS // 1_000_000} Mpx); at 300 ppi a whole A4 sheet is 9 Mpx, so scale it down"
        )
