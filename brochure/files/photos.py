"""A photo cut to the frame it is placed in: the largest window of the frame's shape, around the
point that must stay in view.

A photo block gives a ratio (3:2, or the photo's own) and a focus (a point in the photo, in
fractions of its width and height). Cutting the pixels, rather than letting the frame clip the
whole photo, keeps out of the PDF what is never seen, and a frame of the photo's shape draws it
at one scale both ways, the scale the print check's resolution is measured at. The photo keeps
its format (a JPEG its own quantization tables, so that it looks as it did; a PNG without loss),
its colour profile and its resolution; the same photo, ratio and focus always give the same bytes.
"""

from __future__ import annotations

import io
import math

from brochure.files.imagefiles import InvalidImage, check_image, image_type_of

_ORIENTATION = 0x0112  # the EXIF tag that says which way up a photo stands


def crop_to_frame(data: bytes, ratio: float | None, focus: tuple[float, float]) -> bytes:
    """The JPEG or PNG `data` cut to the largest window of `ratio` (width / height) that fits,
    centred on `focus` (x, y in 0…1 of the width and height) as far as the photo allows; `data`
    itself when the window is the whole photo (`ratio` None: the photo's own).

    Raises InvalidImage for data that is no printable JPEG or PNG, or beyond brochure's pixel
    bound (checked from the header, before a row is decoded); ValueError for a ratio or focus
    out of range (the content's schema words those for the user)."""
    if ratio is not None and not (math.isfinite(ratio) and ratio > 0):
        raise ValueError(f"a frame's ratio is a positive number, not {ratio!r}")
    if not all(0 <= value <= 1 for value in focus):
        raise ValueError(f"a focus is two fractions of 0 to 1, not {focus!r}")
    image_type = image_type_of(data)
    if image_type not in ("JPEG", "PNG"):
        raise InvalidImage("it is not a JPEG or PNG photo")
    check_image(data, image_type)  # complete, within the pixel bound: decoding it below is bounded

    from PIL import Image, ImageOps

    image = Image.open(io.BytesIO(data), formats=[image_type])
    try:
        # The focus is where the photo shows it: turned as its EXIF data says (the copy drops it).
        orientation = image.getexif().get(_ORIENTATION, 1)
        turned = orientation in range(2, 9)
        size = (image.height, image.width) if orientation in (5, 6, 7, 8) else image.size
        box = frame_window(size, ratio, focus)
        if box == (0, 0, *size) and not turned:
            return data
        options = _kept(image, image_type)
        if turned:
            upright = ImageOps.exif_transpose(image)
            image.close()  # at most two copies of the pixels at a time
            image = upright
        cut = image.crop(box)
    finally:
        image.close()
    out = io.BytesIO()
    cut.save(out, format=image_type, **options)
    return out.getvalue()


def frame_window(size: tuple[int, int], ratio: float | None, focus: tuple[float, float]) -> tuple[int, int, int, int]:
    """The window (left, top, right, bottom, in pixels) of a photo of `size` that `crop_to_frame` keeps."""
    width, height = size
    if ratio is None or math.isclose(width / height, ratio, rel_tol=1e-9):
        return 0, 0, width, height
    if width / height > ratio:  # wider than the frame: full height, a slice of the width
        window = (max(1, min(width, round(height * ratio))), height)
    else:
        window = (width, max(1, min(height, round(width / ratio))))
    left, top = (
        min(max(round(fraction * full - part / 2), 0), full - part)
        for fraction, full, part in zip(focus, size, window, strict=True)
    )
    return left, top, left + window[0], top + window[1]


def _kept(image, image_type: str) -> dict:
    """What the cut photo keeps of `image` when saved: its colour profile, its resolution, and
    for a JPEG its own quantization tables and chroma subsampling, so that it keeps its look."""
    options: dict = {key: image.info[key] for key in ("icc_profile", "dpi") if key in image.info}
    if image_type == "JPEG":
        from PIL import JpegImagePlugin

        options |= {"qtables": image.quantization, "subsampling": JpegImagePlugin.get_sampling(image)}
    elif "transparency" in image.info:
        options["transparency"] = image.info["transparency"]
    return options
