"""A photo cut to its frame: the window's shape and place, the format and look kept, the bytes
the same every time, and the pixel bound applied before anything is decoded."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image, ImageCms

from brochure.files.imagefiles import MAX_PIXELS, InvalidImage
from brochure.files.photos import crop_to_frame, frame_window


def gradient(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """A photo whose every pixel says where it is: red grows to the right, green downwards."""
    width, height = size
    image = Image.new("RGB", size)
    image.putdata([(x * 255 // (width - 1), y * 255 // (height - 1), 90) for y in range(height) for x in range(width)])
    return image.convert(mode)


def encoded(image: Image.Image, image_format: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format=image_format, **options)
    return out.getvalue()


def opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


# -- the window


@pytest.mark.parametrize(
    ("size", "ratio", "focus", "window"),
    [
        ((600, 400), 1.0, (0.5, 0.5), (100, 0, 500, 400)),  # wider than the frame: a slice of the width
        ((600, 400), 1.0, (0.0, 0.5), (0, 0, 400, 400)),  # as far left as the photo goes
        ((600, 400), 1.0, (1.0, 0.5), (200, 0, 600, 400)),
        ((600, 400), 1.0, (0.3, 0.9), (0, 0, 400, 400)),  # centred on 180 px, held at the left edge
        ((600, 400), 1.0, (0.6, 0.0), (160, 0, 560, 400)),  # 360 px ± 200
        ((400, 600), 3 / 2, (0.5, 0.3), (0, 46, 400, 313)),  # taller: full width, 267 px around 180 px
        ((400, 600), 3 / 2, (0.5, 1.0), (0, 333, 400, 600)),
        ((600, 400), 3 / 2, (0.1, 0.1), (0, 0, 600, 400)),  # the photo's own shape: all of it
        ((600, 400), None, (0.1, 0.1), (0, 0, 600, 400)),
        ((600, 4), 1000.0, (0.5, 0.5), (0, 2, 600, 3)),  # a frame far wider than the photo keeps a row
        ((600, 400), 1000.0, (0.5, 0.5), (0, 200, 600, 201)),
    ],
)
def test_the_window_is_the_largest_of_the_frames_shape_around_the_focus(size, ratio, focus, window):
    assert frame_window(size, ratio, focus) == window


def test_the_window_always_has_the_frames_shape_and_lies_inside_the_photo():
    for width, height in ((640, 480), (481, 1023), (1, 999), (3000, 2)):
        for ratio in (0.2, 2 / 3, 1.0, 1.5, 16 / 9, 7.0):
            for focus in ((0.0, 0.0), (0.5, 0.5), (1.0, 1.0), (0.21, 0.83)):
                left, top, right, bottom = frame_window((width, height), ratio, focus)
                assert 0 <= left < right <= width and 0 <= top < bottom <= height
                assert right - left == width or bottom - top == height  # the largest: it touches two sides
                if right - left > 10 and bottom - top > 10:
                    assert (right - left) / (bottom - top) == pytest.approx(ratio, rel=0.02)


# -- the photo cut


def test_a_jpeg_is_cut_around_its_focus_and_stays_a_jpeg_of_its_own_tables():
    photo = gradient((600, 400))
    data = encoded(photo, "JPEG", quality=80, dpi=(300, 300))
    cut = opened(crop_to_frame(data, 1.0, (0.75, 0.5)))
    assert (cut.format, cut.size, cut.info["dpi"]) == ("JPEG", (400, 400), (300, 300))
    assert cut.quantization == opened(data).quantization
    red, green, _ = cut.getpixel((0, 200))
    assert abs(red - 200 * 255 // 599) <= 4 and abs(green - 127) <= 4  # its left edge is the photo's 200th column


def test_a_png_is_cut_without_loss_and_keeps_its_transparency_and_profile():
    photo = gradient((300, 200), "RGBA")
    photo.putalpha(Image.linear_gradient("L").resize((300, 200)))
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = encoded(photo, "PNG", icc_profile=profile)
    cut = opened(crop_to_frame(data, 1.0, (0.0, 0.0)))
    assert (cut.format, cut.mode, cut.size) == ("PNG", "RGBA", (200, 200))
    assert cut.info["icc_profile"] == profile
    assert cut.tobytes() == photo.crop((0, 0, 200, 200)).tobytes()


def test_a_palette_png_keeps_its_transparent_colour():
    photo = gradient((120, 60)).convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
    data = encoded(photo, "PNG", transparency=3)
    cut = opened(crop_to_frame(data, 1.0, (0.5, 0.5)))
    assert (cut.mode, cut.size, cut.info["transparency"]) == ("P", (60, 60), 3)


def test_a_photo_of_the_frames_shape_is_not_touched():
    data = encoded(gradient((300, 200)), "JPEG")
    assert crop_to_frame(data, 1.5, (0.9, 0.1)) is data
    assert crop_to_frame(data, None, (0.5, 0.5)) is data


def test_the_same_photo_ratio_and_focus_give_the_same_bytes():
    for image_format in ("JPEG", "PNG"):
        data = encoded(gradient((500, 300)), image_format)
        assert crop_to_frame(data, 4 / 5, (0.4, 0.6)) == crop_to_frame(data, 4 / 5, (0.4, 0.6))
        assert crop_to_frame(data, 4 / 5, (0.4, 0.6)) != crop_to_frame(data, 4 / 5, (0.6, 0.6))


def test_the_focus_is_where_the_photo_shows_it_once_turned_as_its_exif_says():
    # Stored 600 × 400, shown turned a quarter (orientation 6): 400 wide, 600 high.
    stored = gradient((600, 400))
    exif = Image.Exif()
    exif[0x0112] = 6
    data = encoded(stored, "JPEG", quality=95, exif=exif.tobytes())
    shown = stored.transpose(Image.Transpose.ROTATE_270)
    cut = opened(crop_to_frame(data, 1.0, (0.5, 0.0)))
    assert cut.size == (400, 400)
    assert cut.getexif().get(0x0112) is None  # turned in its pixels: nothing turns it again
    for point in ((5, 5), (390, 390)):
        assert all(abs(a - b) <= 6 for a, b in zip(cut.getpixel(point), shown.getpixel(point), strict=True))


def test_a_photo_beyond_the_pixel_bound_is_refused_before_it_is_decoded():
    side = int(MAX_PIXELS**0.5) + 1
    # A PNG of that size compresses to a few kB: its header says how large it is.
    data = encoded(Image.new("L", (side, side)), "PNG")
    with pytest.raises(InvalidImage, match="more than brochure takes"):
        crop_to_frame(data, 1.0, (0.5, 0.5))


@pytest.mark.parametrize(
    "data",
    [
        b"<svg/>",
        encoded(Image.frombytes("L", (64, 64), random.Random(0).randbytes(4096)), "PNG")[:2000],  # cut short
    ],
)
def test_what_is_no_complete_photo_is_refused(data: bytes):
    with pytest.raises(InvalidImage):
        crop_to_frame(data, 1.0, (0.5, 0.5))


@pytest.mark.parametrize(("ratio", "focus"), [(0.0, (0.5, 0.5)), (float("nan"), (0.5, 0.5)), (1.0, (1.2, 0.5))])
def test_a_ratio_or_focus_out_of_range_is_a_value_error(ratio: float, focus: tuple[float, float]):
    with pytest.raises(ValueError, match="ratio|focus"):
        crop_to_frame(encoded(gradient((64, 64)), "PNG"), ratio, focus)
