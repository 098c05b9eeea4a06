"""Previews: PNG pictures of the print edition at screen resolution, in `<name>-previews/`.

One per sheet side, one per panel (numbered in reading order), and a contact sheet of
the whole leaflet, outside above inside, to paste into a mailing or a web page.
"""

from __future__ import annotations

from PIL import Image

from brochure.editions.pictures import kept_png, page_pictures
from brochure.editions.printed import PrintEdition
from brochure.editions.registry import Edition, EditionResult, Job, Written
from brochure.files.output import write_folder
from brochure.sheet.imposition import Imposition, sheet_sides
from brochure.units import CSS_PX_PER_INCH, mm_to_px

PREVIEW_PPI = CSS_PX_PER_INCH  # a CSS pixel per pixel: what a browser shows at 100 %
GUTTER_MM = 6
BACKDROP = (226, 226, 222)


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
        encodes only the pictures whose pixels changed."""
        if job.pictures is None:
            sides = page_pictures(PrintEdition().pdf(job), PREVIEW_PPI)
            files = preview_files(sides, sheet_sides(job.layout), job.layout.reading_order)
            job.pictures = {name: kept_png(picture, job.session.pictures) for name, picture in files.items()}
        return job.pictures


def preview_files(
    sides: list[Image.Image], imposition: Imposition, reading_order: tuple[str, ...]
) -> dict[str, Image.Image]:
    """The pictures by file name: `side-N.png`, `panel-NN-<id>.png` and `contact-sheet.png`."""
    files: dict[str, Image.Image] = {}
    for number, (picture, surface) in enumerate(zip(sides, imposition.surfaces, strict=True), start=1):
        files[f"side-{number}.png"] = picture
        for placed in surface.placed:
            scale = picture.width / surface.width  # pdfium rounds the page to whole pixels
            box = (round(placed.x * scale), 0, round(placed.right * scale), picture.height)
            position = reading_order.index(placed.panel.id) + 1
            files[f"panel-{position:02d}-{placed.panel.id}.png"] = picture.crop(box)
    files["contact-sheet.png"] = contact_sheet(sides)
    return dict(sorted(files.items()))


def contact_sheet(sides: list[Image.Image]) -> Image.Image:
    """The sheet sides one above the other on a quiet backdrop."""
    gutter = mm_to_px(GUTTER_MM, PREVIEW_PPI)
    width = max(side.width for side in sides) + 2 * gutter
    height = sum(side.height for side in sides) + gutter * (len(sides) + 1)
    sheet = Image.new("RGB", (width, height), BACKDROP)
    top = gutter
    for side in sides:
        sheet.paste(side, (gutter, top))
        top += side.height + gutter
    return sheet
