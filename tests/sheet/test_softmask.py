"""The alpha channel a CMYK JPEG carries to the print PDF: read back only when it is whole and
of the image's size, so that a JPEG made elsewhere, whatever it ends with, stays as it is."""

from __future__ import annotations

import zlib

import pytest

from brochure.sheet.softmask import MARK, split_alpha, with_alpha

JPEG = b"\xff\xd8\xff\xe0 a jpeg \xff\xd9"
ALPHA = bytes(range(0, 240, 10)) * 2  # 6 × 8 pixels


def test_the_alpha_channel_is_carried_and_cut_off_again():
    jpeg, deflated = split_alpha(with_alpha(JPEG, ALPHA), 6, 8)
    assert jpeg == JPEG
    assert zlib.decompress(deflated) == ALPHA


def test_the_same_image_carries_the_same_bytes():
    assert with_alpha(JPEG, ALPHA) == with_alpha(JPEG, ALPHA)


def test_a_jpeg_without_a_channel_is_as_it_is():
    assert split_alpha(JPEG, 6, 8) == (JPEG, None)


@pytest.mark.parametrize(
    "data",
    [
        with_alpha(JPEG, ALPHA[:-1]),  # a pixel short of the image's size
        with_alpha(JPEG, ALPHA + b"\x00"),  # a pixel more
        JPEG + zlib.compress(ALPHA)[:-3] + len(zlib.compress(ALPHA)[:-3]).to_bytes(4, "big") + MARK,  # cut short
        JPEG + b"not deflated" + (12).to_bytes(4, "big") + MARK,
        JPEG + (10**6).to_bytes(4, "big") + MARK,  # longer than the file
        JPEG + zlib.compress(b"\x00" * 10**7) + len(zlib.compress(b"\x00" * 10**7)).to_bytes(4, "big") + MARK,  # a bomb
        MARK,
    ],
)
def test_what_does_not_decode_to_the_mask_it_claims_is_left_as_it_is(data: bytes):
    assert split_alpha(data, 6, 8) == (data, None)
