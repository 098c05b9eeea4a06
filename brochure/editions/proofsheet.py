"""A proof: the pages of a PDF drawn at a resolution a designer can judge, with the trim, bleed,
folds, safe zones and content boxes drawn over the artwork, and every finding of the check
drawn where it is, numbered, and listed under the picture, wrapped to its width.

The pages are placed as the check placed them (`Report.imposition`): the sheet sides of a print
PDF, one panel a page for an e-mail PDF."""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from brochure.editions.pictures import PictureTooLarge, png_bytes, whole_pages
from brochure.errors import InputError
from brochure.files.output import write_folder
from brochure.files.resources import ASSETS_DIR
from brochure.preflight import Finding, Report, Severity
from brochure.sheet.imposition import Imposition, sheet_sides
from brochure.sheet.layout import Layout
from brochure.units import mm_to_px

PROOF_PPI = 150
FONT_FILE = ASSETS_DIR / "fonts" / "Inter-SemiBold.otf"

TRIM = (214, 0, 120, 255)  # magenta, as prepress tools draw the trim
FOLD = (0, 150, 200, 255)
BLEED_TINT = (214, 0, 120, 40)
SAFE_TINT = (255, 170, 0, 60)
CONTENT_BOX = (0, 160, 90, 255)
SEVERITY_COLOUR = {Severity.ERROR: (220, 20, 30), Severity.WARNING: (230, 140, 0)}


def write_proof(pdf: bytes, report: Report, folder: Path) -> list[Path]:
    """Draw the proof of a checked PDF into `folder`: `side-N.png` a sheet side, `page-N.png` a page of an
    e-mail PDF."""
    imposition = report.imposition or sheet_sides(report.layout)
    try:
        pictures = draw_proof(pdf, report, report.layout, imposition)
    except PictureTooLarge as exc:
        raise InputError(f"{report.pdf}: no proof: {exc}") from None
    page = "side" if imposition.name == "sheet-sides" else "page"  # a sheet side, or a page a panel
    files = {f"{page}-{number}.png": png_bytes(picture) for number, picture in enumerate(pictures, start=1)}
    return write_folder(folder, files)


def draw_proof(pdf: bytes, report: Report, layout: Layout, imposition: Imposition) -> list[Image.Image]:
    """One picture per page of the print PDF, with its guides and its findings."""
    font = ImageFont.truetype(str(FONT_FILE), mm_to_px(2.6, PROOF_PPI))
    numbered = list(enumerate(report.findings, start=1))
    pictures = []
    for index, (picture, origin) in enumerate(whole_pages(pdf, PROOF_PPI), start=1):
        surface = imposition.surfaces[index - 1] if index <= len(imposition.surfaces) else None
        here = [(n, f) for n, f in numbered if f.page == index]
        elsewhere = [(n, f) for n, f in numbered if f.page is None] if index == 1 else []
        canvas = _Canvas(picture, origin, font)
        if surface is not None:
            canvas.guides(surface, layout)
            for number, finding in here:
                canvas.finding(number, finding, surface, layout)
        pictures.append(canvas.with_legend([*here, *elsewhere], index, report))
    return pictures


class _Canvas:
    """A page picture and a translucent layer to draw on, in mm from the trim's top-left corner."""

    def __init__(self, picture: Image.Image, origin: tuple[float, float], font: ImageFont.FreeTypeFont) -> None:
        self.picture = picture.convert("RGBA")
        self.layer = Image.new("RGBA", picture.size, (0, 0, 0, 0))
        self.draw = ImageDraw.Draw(self.layer)
        self.origin = origin
        self.font = font

    def px(self, x: float, y: float) -> tuple[int, int]:
        return mm_to_px(x + self.origin[0], PROOF_PPI), mm_to_px(y + self.origin[1], PROOF_PPI)

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        return (*self.px(x0, y0), *self.px(x1, y1))

    def guides(self, surface, layout: Layout) -> None:
        width, height, safe = surface.width, surface.height, layout.safe_margin
        # The bleed: all that lies beyond the trim.
        self.draw.rectangle((0, 0, self.layer.width, self.layer.height), fill=BLEED_TINT)
        self.draw.rectangle(self.box(0, 0, width, height), fill=(0, 0, 0, 0))
        # Safe zones: along the trim and on each side of every fold.
        for band in (
            (0, 0, width, safe),
            (0, height - safe, width, height),
            (0, 0, safe, height),
            (width - safe, 0, width, height),
        ):
            self.draw.rectangle(self.box(*band), fill=SAFE_TINT)
        for fold in surface.folds():
            self.draw.rectangle(self.box(fold - safe, 0, fold + safe, height), fill=SAFE_TINT)
        for placed in surface.placed:
            m = layout.margins_of(placed.panel)
            self.draw.rectangle(
                self.box(placed.x + m.left, m.top, placed.right - m.right, height - m.bottom),
                outline=CONTENT_BOX,
                width=1,
            )
        self.draw.rectangle(self.box(0, 0, width, height), outline=TRIM, width=2)
        for fold in surface.folds():
            x, _ = self.px(fold, 0)
            _, top = self.px(0, -surface.bleed)
            _, bottom = self.px(0, height + surface.bleed)
            for y in range(top, bottom, 16):  # dashed, as a fold line is drawn
                self.draw.line((x, y, x, min(y + 9, bottom)), fill=FOLD, width=2)

    def finding(self, number: int, finding: Finding, surface, layout: Layout) -> None:
        colour = SEVERITY_COLOUR.get(finding.severity, SEVERITY_COLOUR[Severity.WARNING])
        area = finding.area
        if area is None and finding.panel is not None:
            placed = next((p for p in surface.placed if p.panel.id == finding.panel), None)
            if placed is not None:
                m = layout.margins_of(placed.panel)
                area = (placed.x + m.left, m.top, placed.right - m.right, surface.height - m.bottom)
        if area is None:
            return
        pad = 1.2
        shape = self.box(area[0] - pad, area[1] - pad, area[2] + pad, area[3] + pad)
        if finding.check == "safe-zone":
            self.draw.ellipse(shape, outline=(*colour, 255), width=4)
        else:
            self.draw.rectangle(shape, outline=(*colour, 255), fill=(*colour, 40), width=4)
        self.tag(number, shape[0], shape[1], colour)

    def tag(self, number: int, x: int, y: int, colour: tuple[int, int, int]) -> None:
        label = str(number)
        left, top, right, bottom = self.draw.textbbox((0, 0), label, font=self.font)
        size = max(right - left, bottom - top) + 12
        x, y = max(x - size // 2, 0), max(y - size // 2, 0)
        self.draw.ellipse((x, y, x + size, y + size), fill=(*colour, 255))
        self.draw.text((x + size / 2, y + size / 2), label, font=self.font, fill=(255, 255, 255, 255), anchor="mm")

    def with_legend(self, findings: list[tuple[int, Finding]], page: int, report: Report) -> Image.Image:
        """The page with its drawing, over a band that lists the page's findings and the key."""
        page_picture = Image.alpha_composite(self.picture, self.layer).convert("RGB")
        line = mm_to_px(4.2, PROOF_PPI)
        pad = mm_to_px(4, PROOF_PPI)
        lines = [(f"page {page} · checks: {report.summary()}", (30, 30, 30))]
        lines += [(_legend_line(n, f), SEVERITY_COLOUR.get(f.severity, (30, 30, 30))) for n, f in findings]
        lines.append(
            (
                "magenta: trim · tinted edge: bleed · dashed: folds · amber: safe zones · green: content boxes",
                (90, 90, 90),
            )
        )
        # A finding is as long as it needs to say what is wrong: it wraps, under the picture's width.
        rows = [
            (part, colour) for text, colour in lines for part in wrapped(text, self.font, page_picture.width - 2 * pad)
        ]
        result = Image.new("RGB", (page_picture.width, page_picture.height + 2 * pad + line * len(rows)), "white")
        result.paste(page_picture, (0, 0))
        draw = ImageDraw.Draw(result)
        for row, (text, colour) in enumerate(rows):
            draw.text((pad, page_picture.height + pad + row * line), text, font=self.font, fill=colour)
        return result


def wrapped(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """`text` in lines at most `width` pixels long in `font`, broken between words (within a word
    longer than a line, where it reaches the width); the lines after the first indented."""
    indent = "     "
    lines, line = [], ""
    for word in text.split(" "):
        tried = f"{line} {word}" if line else word
        if line and font.getlength(tried) > width:
            lines.append(line)
            tried = indent + word
        while font.getlength(tried) > width and len(tried) > len(indent) + 1:  # a word wider than a line
            fits = (i for i in range(len(tried), len(indent) + 1, -1) if font.getlength(tried[:i]) <= width)
            cut = next(fits, len(indent) + 1)  # at least one character a line, however narrow
            lines.append(tried[:cut])
            tried = indent + tried[cut:]
        line = tried
    return [*lines, line]


def _legend_line(number: int, finding: Finding) -> str:
    where = f"{finding.panel}: " if finding.panel else ""
    return f"{number}  {where}{finding.message} [{finding.check}, {finding.severity.value}]"
