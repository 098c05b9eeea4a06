#!/usr/bin/env python3
"""Make the photos of the example leaflets, and their CREDITS.md, from Debian's wallpaper packages.

The photos are real photographs under Creative Commons licences, shipped by Debian's
``lomiri-wallpapers-16.04`` and ``lomiri-wallpapers-20.04`` (20.04.0-2), whose
``/usr/share/doc/<package>/copyright`` names the author and licence of each file.
Each is scaled to at most 2000 px on its long side (a 97 mm panel at 300 ppi needs
1150 px; a bleed cover a little more), turned upright, converted to sRGB if it carries
another profile, and saved as a baseline JPEG of quality 85 with no metadata: no EXIF,
no profile, so an untagged file is read as sRGB, and nothing about the camera or the
place is published with the leaflet.

Usage: python tools/make_example_photos.py [folder holding the packages' backgrounds]
(by default /usr/share/backgrounds, after `apt-get install lomiri-wallpapers-16.04 lomiri-wallpapers-20.04`)
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

EXAMPLES = Path(__file__).resolve().parent.parent / "brochure" / "examples"
LONG_SIDE = 2000
QUALITY = 85
MAX_TOTAL_BYTES = 4_000_000  # every example's photos together: the repository carries them

LICENCES = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0 International", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-3.0": (
        "Creative Commons Attribution-ShareAlike 3.0 Unported",
        "https://creativecommons.org/licenses/by-sa/3.0/",
    ),
    "CC-BY-SA-4.0": (
        "Creative Commons Attribution-ShareAlike 4.0 International",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "CC0-1.0": ("CC0 1.0 Universal Public Domain Dedication", "https://creativecommons.org/publicdomain/zero/1.0/"),
}


@dataclass(frozen=True)
class Photo:
    example: str
    name: str  # the file written, in the example's assets/photos/
    original: str  # the file in the package
    package: str
    title: str
    author: str
    year: int
    licence: str  # a key of LICENCES, as the package's copyright file names it
    shows: str


PHOTOS = (
    Photo(
        "festival", "sunset-hills.jpg", "sunset_by_Aitzol_Berasategi.jpg", "lomiri-wallpapers-16.04",
        "sunset", "Aitzol Berasategi", 2018, "CC-BY-4.0",
        "the sun setting over a range of hills, seen from a grassy summit with a stone orientation table",
    ),
    Photo(
        "festival", "dandelions.jpg", "seeding_by_Clements_Engelhardt.jpg", "lomiri-wallpapers-16.04",
        "seeding", "Clemens Engelhardt", 2018, "CC0-1.0",
        "dandelion clocks in a meadow, lit from behind by a low summer sun",
    ),
    Photo(
        "museum", "paintbrushes.jpg", "Picture_1A_by_freespace.jpg", "lomiri-wallpapers-16.04",
        "Picture 1A", 'Trevor "Freespace"', 2018, "CC-BY-4.0",
        "used paintbrushes, their bristles blue, green, pink and yellow",
    ),
    Photo(
        "museum", "bridge-cables.jpg", "Bridge_by_Sander_Klootwijk.jpg", "lomiri-wallpapers-16.04",
        "Bridge", "Sander Klootwijk", 2018, "CC-BY-SA-4.0",
        "the crossing cables of a bridge against a blue sky, above a wide estuary at low tide",
    ),
    Photo(
        "city-service", "nuthatch.jpg", "Kleiber_by_Lukas_Baubkus.jpg", "lomiri-wallpapers-20.04",
        "Kleiber", "Lukas Baubkus", 2021, "CC-BY-SA-3.0",
        "a nuthatch head down on a tree trunk, a path and a walker blurred behind",
    ),
    Photo(
        "city-service", "tree-canopy.jpg", "Dragonfly_by_Bolly.jpg", "lomiri-wallpapers-16.04",
        "Dragonfly", '"Bolly"', 2018, "CC-BY-SA-4.0",
        "a dragonfly resting on a twig in front of a tree's leaves and a blue sky",
    ),
)  # fmt: skip


def convert(source: Path) -> tuple[bytes, str]:
    """The JPEG of the photo at `source` (upright, sRGB, at most LONG_SIDE px, without metadata), and what changed."""
    with Image.open(source) as image:
        image = ImageOps.exif_transpose(image)
        original = image.size
        profile = image.info.get("icc_profile")
        if profile:
            srgb = ImageCms.createProfile("sRGB")
            image = ImageCms.profileToProfile(image, io.BytesIO(profile), srgb, outputMode="RGB")
        image = image.convert("RGB")
        scale = LONG_SIDE / max(image.size)
        if scale < 1:
            size = (round(image.width * scale), round(image.height * scale))
            image = image.resize(size, Image.Resampling.LANCZOS)
        out = io.BytesIO()
        image.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=False)
    scaled = f"scaled from {original[0]} × {original[1]} to {image.width} × {image.height} px, " if scale < 1 else ""
    return out.getvalue(), f"{scaled}saved as a JPEG of quality {QUALITY} without metadata"


def credits(example: str, photos: list[Photo], changes: dict[str, str]) -> str:
    """The CREDITS.md of one example's photos."""
    lines = [
        f"# Photos of the {example} example",
        "",
        "Real photographs under Creative Commons licences, from Debian's wallpaper packages; the",
        "author and licence of each are those that the package's `copyright` file gives for the",
        f"original file. Each was scaled to at most {LONG_SIDE} px on its long side and saved as an sRGB",
        "JPEG without metadata by `tools/make_example_photos.py`; nothing else was changed. Each",
        "file here is under the licence of its original; a leaflet that prints one names its",
        "author and licence (the photo block's `credit`).",
        "",
    ]
    for photo in photos:
        name, url = LICENCES[photo.licence]
        lines += [
            f"## {photo.name}",
            "",
            f"- Shows: {photo.shows}",
            f"- Title: {photo.title}",
            f"- Author: {photo.author}, {photo.year}",
            f"- Licence: {name} ({photo.licence}), {url}",
            f"- Source: Debian package `{photo.package}` (20.04.0-2), file `{photo.original}`",
            f"- Changes: {changes[photo.name]}",
            "",
        ]
    return "\n".join(lines)


def main(source_dir: Path) -> int:
    total = 0
    for example in dict.fromkeys(photo.example for photo in PHOTOS):
        photos = [photo for photo in PHOTOS if photo.example == example]
        folder = EXAMPLES / example / "assets" / "photos"
        folder.mkdir(parents=True, exist_ok=True)
        changes = {}
        for photo in photos:
            data, changes[photo.name] = convert(source_dir / photo.original)
            (folder / photo.name).write_bytes(data)
            total += len(data)
            print(f"{example}/{photo.name}: {len(data) / 1000:.0f} kB")
        (folder / "CREDITS.md").write_text(credits(example, photos, changes), encoding="utf-8")
    print(f"total: {total / 1e6:.2f} MB")
    if total > MAX_TOTAL_BYTES:
        print(f"the photos are more than {MAX_TOTAL_BYTES / 1e6:.0f} MB together", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/backgrounds")))
