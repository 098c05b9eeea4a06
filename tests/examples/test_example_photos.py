"""The photos of the example leaflets: printable JPEGs of a bounded size, without metadata, each credited."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from brochure.files.imagefiles import check_image

EXAMPLES = Path(__file__).resolve().parents[2] / "brochure" / "examples"
PHOTOS = sorted(EXAMPLES.glob("*/assets/photos/*.jpg"))
LICENCES = ("CC-BY-4.0", "CC-BY-SA-3.0", "CC-BY-SA-4.0", "CC0-1.0")


def test_each_example_has_its_photos_and_no_more_than_4_mb_in_all():
    examples = ("festival", "museum", "city-service")
    by_example = {example: [path for path in PHOTOS if path.parts[-4] == example] for example in examples}
    assert all(1 <= len(photos) <= 2 for photos in by_example.values()), by_example
    assert sum(path.stat().st_size for path in PHOTOS) <= 4_000_000


@pytest.mark.parametrize("path", PHOTOS, ids=lambda path: f"{path.parts[-4]}/{path.name}")
def test_a_photo_is_a_printable_srgb_jpeg_without_metadata(path):
    check_image(path.read_bytes(), "JPEG")
    with Image.open(path) as image:
        assert image.format == "JPEG"
        assert image.mode == "RGB"
        assert max(image.size) <= 2000
        assert sorted(image.info) == ["jfif", "jfif_density", "jfif_unit", "jfif_version"]  # no EXIF, no profile
        assert not image.getexif()


@pytest.mark.parametrize("path", PHOTOS, ids=lambda path: f"{path.parts[-4]}/{path.name}")
def test_a_photo_is_credited_with_its_author_and_licence(path):
    credits = (path.parent / "CREDITS.md").read_text(encoding="utf-8")
    sections = dict(re.findall(r"^## (\S+)\n(.*?)(?=^## |\Z)", credits, re.M | re.S))
    entry = sections[path.name]
    for field in ("Title", "Author", "Licence", "Source"):
        assert re.search(rf"^- {field}: \S", entry, re.M), field
    assert any(f"({licence})" in entry for licence in LICENCES)


def test_credits_name_no_photo_that_is_not_there():
    for credits in EXAMPLES.glob("*/assets/photos/CREDITS.md"):
        for name in re.findall(r"^## (\S+)$", credits.read_text(encoding="utf-8"), re.M):
            assert (credits.parent / name).is_file(), f"{credits.parent}: {name}"
