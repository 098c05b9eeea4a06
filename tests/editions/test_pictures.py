"""PNG bytes of pictures, and those a warm session keeps so that a rebuild encodes only the pictures
whose pixels changed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from projects import edit

from brochure.commands.build import build
from brochure.editions import pictures
from brochure.editions.pictures import kept_png, kept_pngs, png_bytes
from brochure.files.cache import Kept
from brochure.render.warm.session import Session


@pytest.fixture
def encodes(monkeypatch) -> list[bytes]:
    """The pixels of every picture encoded from now on."""
    seen: list[bytes] = []
    encode = pictures.png_bytes
    monkeypatch.setattr(pictures, "png_bytes", lambda picture: seen.append(picture.tobytes()) or encode(picture))
    return seen


def picture(size=(40, 30), colour=(200, 40, 40)) -> Image.Image:
    return Image.new("RGB", size, colour)


def test_png_bytes_are_a_png_of_the_same_pixels_each_time():
    data = png_bytes(picture())
    assert data == png_bytes(picture())
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert Image.open(io.BytesIO(data)).tobytes() == picture().tobytes()


def test_the_same_pixels_are_encoded_once_and_give_the_same_bytes(encodes):
    kept = Kept(4)
    first = kept_png(picture(), kept)
    again = kept_png(picture(), kept)  # another picture of the same pixels
    assert len(encodes) == 1
    assert first == again == png_bytes(picture())


def test_a_changed_pixel_or_size_is_encoded_again(encodes):
    kept = Kept(4)
    kept_png(picture(), kept)
    changed = picture()
    changed.putpixel((39, 29), (200, 40, 41))
    assert kept_png(changed, kept) == png_bytes(changed) != png_bytes(picture())
    # the same bytes of pixels, in another shape
    assert kept_png(picture(size=(30, 40)), kept) == png_bytes(picture(size=(30, 40)))
    assert len(encodes) == 3


def test_pictures_encoded_at_once_on_every_core_are_the_bytes_each_gives_alone(encodes, monkeypatch):
    monkeypatch.setattr(pictures, "cores", lambda: 4)
    many = {f"red-{red}": picture(size=(400, 300), colour=(red, 0, 0)) for red in range(6)}
    many["noise"] = Image.effect_noise((400, 300), 40).convert("RGB")
    alone = {name: png_bytes(item) for name, item in many.items()}
    kept = Kept(8)
    assert kept_pngs(many, kept) == alone and list(kept_pngs(many, kept)) == list(many)
    assert len(encodes) == len(many)  # the second time, every one was kept


def test_a_session_keeps_a_bounded_number_of_pictures(encodes):
    kept = Session().pictures
    for red in range(kept.most + 3):
        kept_png(picture(colour=(red, 0, 0)), kept)
    assert len(kept) == kept.most
    kept_png(picture(colour=(kept.most + 2, 0, 0)), kept)  # the newest is still there
    assert len(encodes) == kept.most + 3


def test_a_session_that_keeps_nothing_encodes_every_time_and_digests_nothing(encodes, monkeypatch):
    monkeypatch.setattr(pictures, "pixels_digest", lambda picture: pytest.fail("digested"))
    kept = Session(keep=False).pictures
    kept_png(picture(), kept)
    kept_png(picture(), kept)
    assert len(encodes) == 2 and len(kept) == 0


def test_a_warm_rebuild_encodes_only_the_previews_that_changed_and_writes_a_fresh_builds_bytes(project: Path, encodes):
    content = project / "content.yaml"
    session = Session()
    build(content, project / "first", ["previews"], session=session)
    first = _previews(project / "first")
    assert len(encodes) == len(first) == 9
    edit(content, "im Herzen Europas", "im Herzen von Europa")  # the cover, on the outside
    encodes.clear()
    build(content, project / "warm", ["previews"], session=session)
    warm = _previews(project / "warm")
    changed = {name for name in warm if warm[name] != first[name]}
    assert {"panel-01-cover.png", "side-1.png", "contact-sheet.png"} <= changed
    assert "panel-03-inside-middle.png" not in changed  # the inside did not change
    assert len(encodes) == len(changed)
    # That these are a fresh build's bytes: test_watch's cover edit (this one), its previews built warm and fresh.


def _previews(outdir: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((outdir / "quattropole-previews").iterdir())}
