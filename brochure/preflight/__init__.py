"""Page checks: read a written PDF back and judge it against its layout.

Each check is a function registered with `@check("id")` that yields findings;
the modules below register theirs when imported.
"""

from __future__ import annotations

from pathlib import Path

from ..content import Content
from ..imposition import IMPOSITIONS, Imposition
from ..layout import DEFAULT_LAYOUT, Layout, load_layout
from ..pdffacts import read_pdf
from ..pdfmeta import recorded_edition, recorded_imposition, recorded_layout
from . import (  # noqa: F401  (registers)
    artwork,
    collisions,
    document,
    facing,
    fineprint,
    hyphens,
    images,
    inks,
    panels,
    pdfx,
    screen,
    sheet,
    typefaces,
)
from .registry import REGISTRY, CheckContext, Finding, Severity, check, run_checks
from .report import Report

__all__ = [
    "REGISTRY",
    "CheckContext",
    "Finding",
    "Report",
    "Severity",
    "check",
    "check_content",
    "check_pdf",
    "run_checks",
]


def check_content(content: Content, layout: Layout) -> Report:
    """Run the checks that need no PDF (glyph coverage): before rendering."""
    return Report(pdf=None, findings=tuple(run_checks(CheckContext(layout=layout, content=content))))


def check_pdf(
    pdf: Path,
    layout: Layout | None = None,
    content: Content | None = None,
    project_dir: Path | None = None,
    *,
    edition: str | None = None,
    imposition: Imposition | None = None,
    max_bytes: int | None = None,
) -> Report:
    """Run the checks of an edition on the PDF at `pdf`.

    The layout, the edition and its imposition default to those the PDF records in its
    metadata, else the print edition of the default layout.
    """
    facts = read_pdf(pdf)
    if layout is None:
        layout = load_layout(recorded_layout(facts.metadata) or DEFAULT_LAYOUT, project_dir)
    edition = edition or recorded_edition(facts.metadata) or "print"
    if imposition is None:
        impose = IMPOSITIONS.get(recorded_imposition(facts.metadata) or "", IMPOSITIONS["sheet-sides"])
        imposition = impose(layout)
    context = CheckContext(
        layout=layout, facts=facts, content=content, edition=edition, imposition=imposition, max_bytes=max_bytes
    )
    return Report(pdf=pdf, findings=tuple(run_checks(context)), pages=len(facts.pages), layout=layout)
