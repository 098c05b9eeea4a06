"""Previews: PNG pictures of the print edition for today's screens, in `<name>-previews/`.

One per sheet side, one per panel (numbered in reading order), and a contact sheet of
the whole leaflet, outside above inside, to paste into a mailing or a web page. The sides
and panels are drawn at 192 ppi: two pixels per CSS pixel at print size (a 100 mm panel is
378 CSS px wide, 756 pixels), so that a screen of two device pixels per CSS pixel shows
them sharp. The contact sheet is half that, 96 ppi: a mailing shows it at most 600 to 800
CSS px wide, and its 1169 pixels (an A4 sheet) are already twice that; at 192 ppi it would be the
largest file and a third of the time spent encoding.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from PIL import Image

from brochure.editions.pictures import MAX_PICTURE_PIXELS, kept_pngs, page_pictures
from brochure.editions.printed import PrintEdition
from brochure.editions.registry import Edition, EditionResult, Job, Written
from brochure.files.output import write_folder
from brochure.sheet.imposition import Surface, sheet_sides
from brochure.sheet.layout import Layout
from brochure.units import CSS_PX_PER_INCH, MM_PER_INCH, mm_to_px

# Pixels per CSS pixel: most laptops' and phones' screens draw a CSS pixel with two device pixels.
PREVIEW_DENSITY = 2
PREVIEW_PPI = PREVIEW_DENSITY * CSS_PX_PER_INCH  # the panel at print size on such a screen, pixel for pixel
CONTACT_SHEET_PPI = CSS_PX_PER_INCH
GUTTER_MM = 6
BACKDROP = (226, 226, 222)
PANEL_FILE_PREFIX = "panel-"  # a panel's picture, `panel-NN-<panel id>.png` (`panel_file`)


class Previews(Edition):
    """Pictures of the checked print PDF; not made when the print edition failed its checks."""

    name = "previews"

    def make(self, job: Job) -> EditionResult:
        printed = job.results.get("print")
        if printed is not None and not printed.ok:
            return EditionResult(self.name, skipped="the print edition failed its checks, so there is nothing to show")
        files = self.files(job)
        folder = job.outdir / f"{job.stem}-previews"
        written = write_folder(folder, files)
        sides = sum(name.startswith("side-") for name in files)
        return EditionResult(self.name, tuple(Written(path, path.stat().st_size) for path in written), pages=sides)

    def files(self, job: Job) -> dict[str, bytes]:
        """The pictures' PNG bytes by file name, drawn once per build from the print edition's PDF
        (laid out, not yet checked): a live page may show them while the checks run. A warm session
        encodes only the pictures whose pixels changed. One side is held at a time, with its panels:
        at 192 ppi a side of A4 is 11 MB of pixels; unless the panels were drawn first (`panel_files`)."""
        if job.pictures is None:
            kept, ppi = job.session.pictures, preview_ppi(job.layout)
            panels, sides = job.ahead.pop(self.name, None) or ({}, self._sides(job))
            files: dict[str, bytes] = dict(panels)
            small = []
            for number, side, panel_pictures in sides:
                files |= kept_pngs({f"side-{number}.png": side, **panel_pictures}, kept)
                # Each pixel the mean of four drawn: as sharp as drawing again at 96 ppi, and cheaper.
                small.append(side.reduce(max(1, round(ppi / CONTACT_SHEET_PPI))))
                del side, panel_pictures  # not held while the next side is drawn
            files |= kept_pngs({"contact-sheet.png": contact_sheet(small)}, kept)
            job.pictures = dict(sorted(files.items()))
        return job.pictures

    def panel_files(self, job: Job) -> dict[str, bytes]:
        """The panels' pictures alone, by file name: what a live page shows, encoded first. The sides
        drawn are held (both at once) until `files` encodes them and the contact sheet."""
        if job.pictures is not None:
            return {name: data for name, data in job.pictures.items() if name.startswith(PANEL_FILE_PREFIX)}
        if self.name not in job.ahead:
            panels: dict[str, bytes] = {}
            sides = []
            for number, side, panel_pictures in self._sides(job):
                panels |= kept_pngs(panel_pictures, job.session.pictures)
                sides.append((number, side, {}))
            job.ahead[self.name] = (panels, sides)
        return dict(sorted(job.ahead[self.name][0].items()))

    def _sides(self, job: Job) -> Iterator[tuple[int, Image.Image, dict[str, Image.Image]]]:
        """Each sheet side of the print PDF drawn, as it is asked for: its number, picture and panels' pictures."""
        surfaces = sheet_sides(job.layout).surfaces
        drawn = page_pictures(PrintEdition().pdf(job), preview_ppi(job.layout))
        # Not zip and enumerate: they would hold the side drawn last while the next one is drawn.
        for number in range(1, len(surfaces) + 1):
            side = next(drawn, None)
            if side is None:
                raise ValueError(f"the print PDF has {number - 1} pages, its layout {len(surfaces)} sheet sides")
            yield number, side, panel_pictures(side, surfaces[number - 1], job.layout.reading_order)
            del side
        if next(drawn, None) is not None:
            raise ValueError(f"the print PDF has more pages than its layout's {len(surfaces)} sheet sides")


def preview_ppi(layout: Layout) -> int:
    """PREVIEW_PPI; for a sheet so large that a side would pass MAX_PICTURE_PIXELS there (larger than
    about 830 mm square, an A0 poster), the most that keeps within it."""
    fits = math.sqrt(MAX_PICTURE_PIXELS / (layout.sheet_width * layout.sheet_height)) * MM_PER_INCH
    return min(PREVIEW_PPI, math.floor(fits))


def panel_pictures(picture: Image.Image, surface: Surface, reading_order: tuple[str, ...]) -> dict[str, Image.Image]:
    """The pictures of the panels of a sheet side drawn as `picture`, by file name: `panel-NN-<id>.png`,
    numbered in reading order."""
    files = {}
    for placed in surface.placed:
        scale = picture.width / surface.width  # pdfium rounds the page to whole pixels
        box = (round(placed.x * scale), 0, round(placed.right * scale), picture.height)
        files[panel_file(placed.panel.id, reading_order)] = picture.crop(box)
    return files


def panel_file(panel_id: str, reading_order: tuple[str, ...]) -> str:
    """The file name of a panel's picture: `panel-NN-<id>.png`, NN its place in reading order."""
    return f"{PANEL_FILE_PREFIX}{reading_order.index(panel_id) + 1:02d}-{panel_id}.png"


def contact_sheet(sides: list[Image.Image]) -> Image.Image:
    """The sheet sides, drawn at CONTACT_SHEET_PPI, one above the other on a quiet backdrop."""
    gutter = mm_to_px(GUTTER_MM, CONTACT_SHEET_PPI)
    width = max(side.width for side in sides) + 2 * gutter
    height = sum(side.height for side in sides) + gutter * (len(sides) + 1)
    sheet = Image.new("RGB", (width, height), BACKDROP)
    top = gutter
    for side in sides:
        sheet.paste(side, (gutter, top))
        top += side.height + gutter
    return sheet
