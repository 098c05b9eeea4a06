"""What every PDF edition does: lay out the leaflet on its imposition, check the file, then publish it.

Every PDF edition is laid out by one path (`edition_rendering`), each panel on its own, so that a
warm session lays out again only the panels an edit touches; the print edition's differences
(press, bleeds, marks) are its arguments and `PrintEdition`'s.

A file that fails an error-level check never replaces the last good one: it is kept
beside it as `<name>-<edition>.rejected.pdf` for inspection.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from brochure.content.load import Content
from brochure.editions.registry import Decisions, Edition, EditionResult, Job, Written
from brochure.files.output import publish, write_staged
from brochure.html.templating import Leaflet, levelling_plan
from brochure.preflight import check_pdf
from brochure.render.pdf import Rendering, render, write_pdf
from brochure.render.setting.fitting import fitting_ranges
from brochure.render.setting.ladders import hold_ladders
from brochure.render.warm.session import Session
from brochure.sheet.imposition import IMPOSITIONS, Imposition
from brochure.sheet.layout import Layout, Press


class PdfEdition(Edition):
    """An edition written as one PDF: `<name>-<edition>.pdf`."""

    imposition_name: ClassVar[str]

    def imposition(self, job: Job) -> Imposition:
        return IMPOSITIONS[self.imposition_name](job.layout)

    def options(self, job: Job) -> dict[str, Any]:
        """WeasyPrint's options for this edition."""
        return {}

    def max_bytes(self, job: Job) -> int | None:
        """The most the file may weigh; None for no limit."""
        return None

    def pdf(self, job: Job) -> bytes:
        """This edition's PDF bytes, laid out once per build, also for editions that read them; the
        first one laid out decides how the text is set for the others (`job.decisions`)."""
        if self.name not in job.pdfs:
            first = job.decisions is None
            rendering, job.decisions = self.rendering(job, job.decisions)
            if first and job.on_decided is not None:
                job.on_decided(job.decisions)  # before writing: another process may lay out meanwhile
            job.pdfs[self.name] = self.written(job, rendering)
        return job.pdfs[self.name]

    def written(self, job: Job, rendering: Rendering) -> bytes:
        """The PDF bytes of this edition laid out."""
        return write_pdf(rendering)

    def rendering(self, job: Job, decided: Decisions | None) -> tuple[Rendering, Decisions]:
        """This edition laid out, by `decided` if given (see `edition_rendering`), and how its text was set."""
        imposition, options = self.imposition(job), self.options(job)
        return edition_rendering(
            job.content, job.layout, job.date, imposition, self.name, decided, job.session, **options
        )

    def make(self, job: Job) -> EditionResult:
        pdf = self.pdf(job)
        target = job.outdir / f"{job.stem}-{self.name}.pdf"
        rejected = job.outdir / f"{job.stem}-{self.name}.rejected.pdf"
        staged = write_staged(target, pdf)
        try:
            report = check_pdf(
                staged,
                job.layout,
                job.content,
                edition=self.name,
                imposition=self.imposition(job),
                max_bytes=self.max_bytes(job),
            )
        except BaseException:
            staged.unlink(missing_ok=True)
            raise
        pages, notes = report.pages, job.notes()
        if not report.ok:
            publish(staged, rejected)
            return EditionResult(self.name, report=report, rejected=rejected, pages=pages, notes=notes)
        publish(staged, target)
        rejected.unlink(missing_ok=True)
        return EditionResult(self.name, (Written(target, len(pdf)),), report, pages=pages, notes=notes)


def edition_rendering(
    content: Content,
    layout: Layout,
    date: dt.date | None,
    imposition: Imposition,
    edition: str,
    decided: Decisions | None,
    session: Session,
    *,
    press: Press | None = None,
    **options: Any,
) -> tuple[Rendering, Decisions]:
    """An edition of the leaflet laid out, and how its text was set. Without `decided` (the first
    PDF edition of a build), facing items are levelled as measured, overflowing panels fitted
    within the layout's ranges and hyphenation ladders held to its limit; with it, another edition's
    decisions are used as they are. With `press`, in CMYK for that condition, PDF/X-4. Each panel
    is laid out on its own, so that a warm `session` lays out only the panels an edit touches.
    `options` are WeasyPrint's."""
    cmyk, templates = press is not None, session.templates
    fit = decided.fitted if decided else fitting_ranges(layout)

    def lay_out(content: Content) -> Rendering:
        leaflet = Leaflet(content, layout, date, imposition, edition, cmyk=cmyk, templates=templates)
        level, measure = levelling_plan(leaflet, decided.levelling if decided else True)
        return render(
            leaflet.html(inline_style=False),
            content.project_dir,
            date,
            press=press,
            level=level,
            measure=measure,
            fit=fit,
            panels=leaflet.panels(),
            session=session,
            stylesheet=leaflet.css(),
            **options,
        )

    rendering, kept = hold_ladders(content, layout.hyphenation.max_lines, lay_out, decided.kept if decided else None)
    return rendering, Decisions(rendering.levelling, rendering.fitted, kept)
