"""The press-ready PDF of a content: its HTML in CMYK, laid out as PDF/X-4 for the layout's
printing condition, with printer's marks if asked for. The print edition calls this."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .content import Content
from .errors import InputError
from .layout import Layout, Press
from .marks import add_marks
from .pdf import render, write_pdf
from .templating import render_html

PRESS_CHECKS = ("pdfx", "colour", "ink")  # what `check_pdf(..., press=True)` adds


def press_pdf(content: Content, layout: Layout, date: dt.date | None, marks: Iterable[str] = ()) -> bytes:
    """The PDF/X-4 bytes of the leaflet; the same content always gives the same bytes."""
    html = render_html(content, layout, date, cmyk=True)
    rendering = render(html, content.project_dir, date, press=press_of(layout))
    return add_marks(write_pdf(rendering), layout, marks)


def press_of(layout: Layout) -> Press:
    """The layout's printing condition; InputError if its layout.yaml has no `press:`."""
    if layout.press is None:
        raise InputError(f"{layout.folder / 'layout.yaml'}: press: missing; printing for press needs a condition")
    return layout.press
