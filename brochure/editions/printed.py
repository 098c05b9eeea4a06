"""The print edition: the flat sheet, both sides, panels in fold order, with bleed: `<name>-print.pdf`."""

from __future__ import annotations

from .pdf_edition import PdfEdition
from .registry import edition


@edition
class PrintEdition(PdfEdition):
    """What the print shop gets: the layout's sheet sides at full resolution."""

    name = "print"
    imposition_name = "sheet-sides"
