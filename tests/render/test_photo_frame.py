"""A photo with a frame ratio reaches the renderer cut to its frame, around its focus."""

from __future__ import annotations

import io

from PIL import Image

from brochure.html.urls import PROJECT_URL, framed
from brochure.render.fetcher import ProjectFetcher


def _photo(path, size=(400, 200)):
    image = Image.new("RGB", size, "white")
    image.paste((200, 0, 0), (300, 0, 400, 200))  # a red band on the right: the focus
    image.save(path, format="JPEG", quality=90)


def test_a_framed_photo_is_cut_to_its_ratio_around_its_focus(tmp_path):
    _photo(tmp_path / "p.jpg")
    fetcher = ProjectFetcher(tmp_path)
    whole = fetcher.fetch(PROJECT_URL + "p.jpg")
    cut = fetcher.fetch(framed(PROJECT_URL + "p.jpg", 1.0, (0.9, 0.5)))
    assert Image.open(io.BytesIO(whole.read())).size == (400, 200)
    image = Image.open(io.BytesIO(cut.read()))
    assert image.size == (200, 200)
    assert image.convert("RGB").getpixel((190, 100))[1] < 60  # the red band is kept, on the right
    assert min(image.convert("RGB").getpixel((5, 100))) > 240  # white: the left of the photo is cut off


def test_a_query_that_is_no_frame_leaves_the_photo_whole(tmp_path):
    _photo(tmp_path / "p.jpg")
    response = ProjectFetcher(tmp_path).fetch(PROJECT_URL + "p.jpg?frame=nonsense")
    assert Image.open(io.BytesIO(response.read())).size == (400, 200)
