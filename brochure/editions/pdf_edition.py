"""What every PDF edition does: lay out the leaflet on its imposition, check the file, then publish it.

A file that fails an error-level check never replaces the last good one: it is kept
beside it as `<name>-<edition>.rejected.pdf` for inspection.
"""

from __future__ import annotations

from typing import Any, ClassVar

from brochure.content.load import Content
from brochure.editions.registry import Edition, EditionResult, Job, Written
from brochure.files.output import publish, write_staged
from brochure.html.templating import levelling_plan, render_html
from brochure.preflight import check_pdf
from brochure.render.pdf import Rendering, render, write_pdf
from brochure.render.setting.ladders import hold_ladders
from brochure.sheet.imposition import IMPOSITIONS, Imposition


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
        """This edition's PDF bytes, laid out once per build, also for editions that read them."""
        if self.name not in job.pdfs:
            job.pdfs[self.name] = self.lay_out(job)
        return job.pdfs[self.name]

    def lay_out(self, job: Job) -> bytes:
        imposition, options = self.imposition(job), self.options(job)

        def lay_out(content: Content) -> Rendering:
            html = render_html(content, job.layout, job.date, imposition, self.name)
            level, measure = levelling_plan(content, job.layout, job.date, imposition, self.name, job.levelling)
            return render(
                html, content.project_dir, job.date, level=level, measure=measure, fit=job.fitting(), **options
            )

        rendering, kept = hold_ladders(job.content, job.layout.hyphenation.max_lines, lay_out, job.kept)
        job.levelling, job.fitted, job.kept = rendering.levelling, rendering.fitted, kept
        return write_pdf(rendering)

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
