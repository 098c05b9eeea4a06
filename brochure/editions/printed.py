"""The print edition: the flat sheet, both sides, panels in fold order, with bleed: `<name>-print.pdf`.

It is press-ready: PDF/X-4 in CMYK for the layout's printing condition (its profile is the
output intent), images converted through that profile, and crop and fold marks outside
the bleed when asked for.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

from brochure.content.load import Content
from brochure.editions.pdf_edition import PdfEdition, edition_rendering
from brochure.editions.registry import Decisions, Job
from brochure.errors import InputError
from brochure.render.bleeds import record_bleeds
from brochure.render.marks import add_marks
from brochure.render.pdf import Rendering, write_pdf
from brochure.render.warm.session import Session
from brochure.sheet.colour import rule_builds
from brochure.sheet.imposition import Imposition, sheet_sides
from brochure.sheet.layout import Layout, Press


class PrintEdition(PdfEdition):
    """What the print shop gets: the layout's sheet sides at full resolution, in CMYK."""

    name = "print"
    imposition_name = "sheet-sides"

    def rendering(self, job: Job, decided: Decisions | None) -> tuple[Rendering, Decisions]:
        return press_rendering(job.content, job.layout, job.date, self.imposition(job), decided, job.session)

    def written(self, job: Job, rendering: Rendering) -> bytes:
        return add_marks(write_pdf(rendering), job.layout, job.settings.marks)


def press_pdf(
    content: Content,
    layout: Layout,
    date: dt.date | None,
    marks: Iterable[str] = (),
    session: Session | None = None,
) -> bytes:
    """The PDF/X-4 bytes of the leaflet's sheet sides; the same content always gives the same bytes."""
    rendering, _ = press_rendering(content, layout, date, session=session)
    return add_marks(write_pdf(rendering), layout, marks)


def press_rendering(
    content: Content,
    layout: Layout,
    date: dt.date | None,
    imposition: Imposition | None = None,
    decided: Decisions | None = None,
    session: Session | None = None,
) -> tuple[Rendering, Decisions]:
    """The leaflet's sheet sides laid out for press (see `edition_rendering`), by `decided` if
    another edition decided how the text is set, and how it was set; where the elements the
    layout declares meant to bleed are drawn, recorded in the PDF."""
    imposition = imposition or sheet_sides(layout)
    session = session or Session()
    rendering, decisions = edition_rendering(
        content, layout, date, imposition, "print", decided, session, press=press_of(layout)
    )
    record_bleeds(rendering.document, layout.bleeds)  # for the graphics-zone check
    return rendering, decisions


def press_of(layout: Layout) -> Press:
    """The layout's printing condition, with the theme's builds of rules; InputError if its layout.yaml has
    no `press:`."""
    if layout.press is None:
        raise InputError(f"{layout.folder / 'layout.yaml'}: press: missing; printing for press needs a condition")
    return dataclasses.replace(layout.press, builds=tuple(rule_builds(layout).items()))
