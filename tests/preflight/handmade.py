"""Facts and PDFs made by hand, to put one thing a check judges at the edge of its rule.

`page`, `glyph` and `findings` make page facts as test_check_edges.py does; `sheet_pdf`
writes a small PDF of the trifold-roll sheet (bleed, trim, an output intent for FOGRA39)
whose one page draws what a test gives it, for the checks that read the file itself.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    RectangleObject,
    TextStringObject,
)

from brochure import load_layout
from brochure.preflight import CheckContext, Severity, run_checks
from brochure.preflight.pdffacts import PageFacts, PdfFacts, read_pdf

LAYOUT = load_layout("trifold-roll")
WIDTH, HEIGHT, BLEED = LAYOUT.sheet_width, LAYOUT.sheet_height, LAYOUT.bleed  # 297 × 210 mm, 3 mm
TRIM = (0.0, 0.0, WIDTH, HEIGHT)
BLEED_BOX = (-BLEED, -BLEED, WIDTH + BLEED, HEIGHT + BLEED)
MM = 72 / 25.4  # points in a millimetre
IN_BACK = 120.0  # an x inside the back panel (97–197 mm), clear of its folds


def page(number: int = 1, *, glyphs=(), images=(), trim=TRIM, bleed=BLEED_BOX) -> PageFacts:
    boxes = {"media": bleed, "bleed": bleed, "trim": trim}
    return PageFacts(number, boxes, (0.0, 0.0, 0.0, 0.0), 0, list(glyphs), [], list(images))


def findings(check: str, pages=None, **context) -> list[tuple[Severity, int | None, str | None, str]]:
    """What `check` finds on hand-made pages (two blank sheet sides by default)."""
    pages = [page(1), page(2)] if pages is None else pages
    facts = PdfFacts(Path("hand-made.pdf"), {}, "fr", pages, {})
    found = run_checks(CheckContext(layout=LAYOUT, facts=facts, **context), only=[check])
    return [(f.severity, f.page, f.panel, f.message) for f in found]


def pdf_findings(check: str, path: Path, **context) -> list[tuple[Severity, int | None, str | None, str]]:
    """What `check` finds in the PDF file at `path`."""
    found = run_checks(CheckContext(layout=LAYOUT, facts=read_pdf(path), **context), only=[check])
    return [(f.severity, f.page, f.panel, f.message) for f in found]


def golden_copy(golden, tmp_path: Path, edit) -> Path:
    """The leaflet's print PDF with one `edit(writer)` made to a copy."""
    writer = PdfWriter(clone_from=golden.result.print_pdf)
    edit(writer)
    path = tmp_path / "edited.pdf"
    writer.write(path)
    return path


def _rect(x0: float, y0: float, x1: float, y1: float) -> RectangleObject:
    return RectangleObject([FloatObject(v) for v in (x0, y0, x1, y1)])


def sheet_pdf(path: Path, drawing: bytes, resources: dict | None = None, *, writer: PdfWriter | None = None) -> Path:
    """Write a one-page PDF of the layout's sheet that draws `drawing` (a content stream in points,
    from the MediaBox's bottom-left corner: the trim starts 3 mm in) with `resources`
    ({"/ColorSpace": {...}, ...}, values as pypdf objects). Pass a `writer` to add objects first."""
    writer = writer or PdfWriter()
    width, height = (WIDTH + 2 * BLEED) * MM, (HEIGHT + 2 * BLEED) * MM
    sheet = writer.add_blank_page(width=width, height=height)
    sheet[NameObject("/BleedBox")] = _rect(0, 0, width, height)
    sheet[NameObject("/TrimBox")] = _rect(BLEED * MM, BLEED * MM, width - BLEED * MM, height - BLEED * MM)
    contents = DecodedStreamObject()
    contents.set_data(drawing)
    sheet[NameObject("/Contents")] = writer._add_object(contents)
    sheet[NameObject("/Resources")] = DictionaryObject(
        {NameObject(key): value for key, value in (resources or {}).items()}
    )
    profile = DecodedStreamObject()
    profile.set_data(b"not read: the colour check asks only that it has four components")
    profile[NameObject("/N")] = NumberObject(4)
    intent = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/OutputIntent"),
            NameObject("/S"): NameObject("/GTS_PDFX"),
            NameObject("/OutputConditionIdentifier"): TextStringObject(LAYOUT.press.condition),
            NameObject("/DestOutputProfile"): writer._add_object(profile),
        }
    )
    writer._root_object[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(intent)])
    writer.write(path)
    return path


def trim_rect(x0: float, y0: float, x1: float, y1: float) -> bytes:
    """The operands of `re` for a rectangle given in mm from the trim's top-left corner, y down."""
    left, bottom = (BLEED + x0) * MM, (BLEED + HEIGHT - y1) * MM
    return f"{left:.6f} {bottom:.6f} {(x1 - x0) * MM:.6f} {(y1 - y0) * MM:.6f} re".encode()
