"""The `pdfx` check: what identifies a PDF as PDF/X-4 and what ISO 15930-7 requires of
its structure (version, XMP identification, boxes on every page, no encryption); and the
`annotations` check: nothing but printer's marks annotated on a sheet that goes to press."""

from __future__ import annotations

import re
from collections.abc import Iterator

from brochure.preflight.registry import CheckContext, Finding, Severity, check
from brochure.units import MM_PER_PT

PDFX_VERSION = "PDF/X-4"
MAX_PDF_VERSION = (1, 6)  # PDF/X-4 is based on PDF 1.6
# What the XMP must say, as (label, pattern).
_XMP_REQUIRED = (
    ("pdfxid:GTS_PDFXVersion PDF/X-4", re.compile(r"<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>")),
    ("xmpMM:DocumentID", re.compile(r"<xmpMM:DocumentID>[^<]+</xmpMM:DocumentID>")),
    ("xmpMM:VersionID", re.compile(r"<xmpMM:VersionID>[^<]+</xmpMM:VersionID>")),
    ("xmpMM:RenditionClass", re.compile(r"<xmpMM:RenditionClass>[^<]+</xmpMM:RenditionClass>")),
    ("xmp:CreateDate", re.compile(r"<xmp:CreateDate>[^<]+</xmp:CreateDate>")),
    ("xmp:ModifyDate", re.compile(r"<xmp:ModifyDate>[^<]+</xmp:ModifyDate>")),
    ("dc:title", re.compile(r"<dc:title>")),
)


@check("pdfx", editions=("print",))
def pdfx(ctx: CheckContext) -> Iterator[Finding]:
    reader = ctx.facts.reader
    header = reader.pdf_header.removeprefix("%PDF-")
    try:
        version = tuple(int(part) for part in header.split(".")[:2])
    except ValueError:
        version = (0, 0)
    if not (1, 3) <= version <= MAX_PDF_VERSION:
        yield _error(f"PDF version {header} in the header; PDF/X-4 needs 1.6 or lower")
    if reader.is_encrypted:
        yield _error("the PDF is encrypted; PDF/X forbids encryption")
        return
    info = reader.metadata or {}
    if str(info.get("/GTS_PDFXVersion", PDFX_VERSION)) != PDFX_VERSION:
        yield _error(f"Info GTS_PDFXVersion is {info['/GTS_PDFXVersion']!r}, not {PDFX_VERSION!r}")
    if str(info.get("/Trapped", "")) not in ("/True", "/False"):
        yield _error("Info /Trapped must be /True or /False")
    metadata = reader.trailer["/Root"].get("/Metadata")
    if metadata is None:
        yield _error("no XMP metadata: PDF/X-4 identifies itself there")
    else:
        xmp = metadata.get_object().get_data().decode("utf-8", "replace")
        missing = [label for label, pattern in _XMP_REQUIRED if not pattern.search(xmp)]
        if missing:
            yield _error(f"the XMP metadata lacks {', '.join(missing)}")
    for number, page in enumerate(reader.pages, start=1):
        absent = [box for box in ("/TrimBox", "/BleedBox") if box not in page]
        if absent:
            yield _error(f"no {' and no '.join(name.lstrip('/') for name in absent)} on the page", number)


# What PDF/X lets a print file annotate: marks for the printer, not for a reader.
PRINT_ANNOTATIONS = ("/PrinterMark", "/TrapNet")


@check("annotations", editions=("print",))
def annotations(ctx: CheckContext) -> Iterator[Finding]:
    """A link, a comment or any other annotation on the sheet: preflight tools flag them in the
    printable area, and a link is of no use on paper (the screen editions carry the links)."""
    for number, page in enumerate(ctx.facts.reader.pages, start=1):
        left, _, _, top = ctx.facts.pages[number - 1].trim_pt  # not page.trimbox: pypdf would write one in
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            subtype = str(annotation.get("/Subtype", "/?"))
            if subtype in PRINT_ANNOTATIONS:
                continue
            x0, y0, x1, y1 = (float(value) for value in annotation.get("/Rect", (0, 0, 0, 0)))
            area = (
                (min(x0, x1) - left) * MM_PER_PT,
                (top - max(y0, y1)) * MM_PER_PT,
                (max(x0, x1) - left) * MM_PER_PT,
                (top - min(y0, y1)) * MM_PER_PT,
            )
            action = annotation.get("/A")
            uri = action.get_object().get("/URI") if action is not None else None
            what = f"a {subtype.lstrip('/')} annotation" + (f" to {str(uri)!r}" if uri is not None else "")
            yield Finding(
                "annotations",
                Severity.ERROR,
                f"{what} on the sheet; a print file carries no links or comments",
                number,
                ctx.panel_id_at(number, (area[0] + area[2]) / 2),
                area,
            )


def _error(message: str, page: int | None = None) -> Finding:
    return Finding("pdfx", Severity.ERROR, message, page)
