"""The print edition: the flat sheet, both sides, panels in fold order, with bleed: `<name>-print.pdf`.

It is press-ready: PDF/X-4 in CMYK for the layout's printing condition (its profile is the
output intent), images converted through that profile, and crop and fold marks outside
the bleed when asked for.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping

from brochure.content.load import Content
from brochure.editions.pdf_edition import PdfEdition
from brochure.editions.registry import Job
from brochure.errors import InputError
from brochure.html.templating import levelling_plan, page_html, render_html
from brochure.render.bleeds import record_bleeds
from brochure.render.marks import add_marks
from brochure.render.pdf import Rendering, render, write_pdf
from brochure.render.setting.fitting import Fitted, fitting_ranges
from brochure.render.setting.ladders import KeptWhole, hold_ladders
from brochure.sheet.imposition import Imposition, sheet_sides
from brochure.sheet.layout import FittingRange, Layout, Press


class PrintEdition(PdfEdition):
    """What the print shop gets: the layout's sheet sides at full resolution, in CMYK."""

    name = "print"
    imposition_name = "sheet-sides"

    def lay_out(self, job: Job) -> bytes:
        rendering = press_rendering(
            job.content, job.layout, job.date, self.imposition(job), job.levelling, job.fitting(), job.kept
        )
        job.levelling, job.fitted, job.kept = rendering.levelling, rendering.fitted, rendering.kept
        return add_marks(write_pdf(rendering), job.layout, job.settings.marks)


def press_pdf(content: Content, layout: Layout, date: dt.date | None, marks: Iterable[str] = ()) -> bytes:
    """The PDF/X-4 bytes of the leaflet's sheet sides; the same content always gives the same bytes."""
    return add_marks(write_pdf(press_rendering(content, layout, date)), layout, marks)


def press_rendering(
    content: Content,
    layout: Layout,
    date: dt.date | None,
    imposition: Imposition | None = None,
    level: bool | str = True,
    fit: Mapping[str, FittingRange] | Fitted | None = None,
    kept: KeptWhole | None = None,
) -> Rendering:
    """The leaflet's sheet sides laid out for press: colours in CMYK, PDF/X-4; overflowing panels
    fitted by `fit`, by default within the layout's fitting ranges; hyphenation ladders held to
    the layout's limit, or the words of `kept` kept whole; where the elements the layout
    declares meant to bleed are drawn, recorded in the PDF."""
    imposition = imposition or sheet_sides(layout)
    fit = fitting_ranges(layout) if fit is None else fit

    def lay_out(content: Content) -> Rendering:
        html = render_html(content, layout, date, imposition, "print", cmyk=True)
        pages = page_html(content, layout, date, imposition, "print", cmyk=True)  # an edit lays out its page only
        levelling, measure = levelling_plan(content, layout, date, imposition, "print", level, cmyk=True)
        press = press_of(layout)
        return render(
            html, content.project_dir, date, press=press, level=levelling, measure=measure, fit=fit, pages=pages
        )

    rendering, kept = hold_ladders(content, layout.hyphenation.max_lines, lay_out, kept)
    record_bleeds(rendering.document, layout.bleeds)  # for the graphics-zone check
    return dataclasses.replace(rendering, kept=kept)


def press_of(layout: Layout) -> Press:
    """The layout's printing condition; InputError if its layout.yaml has no `press:`."""
    if layout.press is None:
        raise InputError(f"{layout.folder / 'layout.yaml'}: press: missing; printing for press needs a condition")
    return layout.press
