"""What makes an image file printable: a PNG or JPEG that decodes to its end, an SVG that is safe, well-formed XML.

WeasyPrint leaves out an image it cannot read and copies a PNG's or JPEG's bytes into the
PDF without decoding them, so a broken file would print as a gap or as garbage: every
image is checked here first, by the schema for the content's images and by the fetcher
for whatever an SVG refers to.
"""

from __future__ import annotations

import io
import re
from xml.parsers import expat

IMAGE_TYPES = {".svg": "SVG", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
_OBJECT_REPR = re.compile(r" <[\w.]+ object at 0x[0-9a-fA-F]+>")


class InvalidImage(ValueError):
    """An image file that cannot be printed as it is; the message says why."""


_PRINTABLE_MODES = frozenset({"1", "P", "I", "L", "LA", "RGB", "RGBA", "CMYK"})  # as WeasyPrint draws them


def check_image(data: bytes, image_type: str) -> None:
    """Raise InvalidImage unless `data` is a complete image of `image_type` ("SVG", "PNG" or "JPEG")."""
    if image_type == "SVG":
        _check_svg(data)
    else:
        _check_raster(data, image_type)


def _check_raster(data: bytes, image_type: str) -> None:
    from PIL import Image, ImageFile  # WeasyPrint imports it anyway; only needed when there is a raster image

    # WeasyPrint sets this for the whole process, to print what it can of a broken image.
    truncated_allowed = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with Image.open(io.BytesIO(data), formats=[image_type]) as image:
            image.load()  # decodes every row: a truncated file fails here, not when opened
            mode, transparent = image.mode, "transparency" in image.info
    except Exception as exc:  # Pillow reports a broken file with many exception types (OSError, SyntaxError, …)
        raise InvalidImage(_OBJECT_REPR.sub("", str(exc)) or type(exc).__name__) from None
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = truncated_allowed
    if mode not in _PRINTABLE_MODES and not transparent:
        # WeasyPrint draws anything else (16-bit greyscale, say) as a black block.
        raise InvalidImage(f"its colour mode {mode} cannot be printed; save it as 8-bit RGB or greyscale")


def _check_svg(data: bytes) -> None:
    # expat with no DOCTYPE: no entity can be declared, so none can expand (billion laughs) or
    # name a file or URL (external entities). A leaflet's SVGs are a few kB; parsing them is cheap.
    parser = expat.ParserCreate(namespace_separator=" ")
    seen_root = False

    def doctype(*args: object) -> None:
        raise InvalidImage("it has a DOCTYPE declaration, which brochure refuses (it can declare entities)")

    def entity(*args: object) -> None:
        raise InvalidImage("it declares an entity, which brochure refuses")

    def start(name: str, attributes: object) -> None:
        nonlocal seen_root
        if seen_root:
            return
        seen_root = True
        namespace, _, local = name.rpartition(" ")
        if namespace == SVG_NAMESPACE and local == "svg":
            return
        if local == "svg" and not namespace:
            raise InvalidImage(f'its root element <svg> has no xmlns="{SVG_NAMESPACE}"')
        shown = f"{{{namespace}}}{local}" if namespace else local
        raise InvalidImage(f"its root element is <{shown}>, not <svg>")

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise InvalidImage(f"{expat.ErrorString(exc.code)} at line {exc.lineno}, column {exc.offset + 1}") from None
