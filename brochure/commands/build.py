"""The build pipeline, top to bottom: content → checks before rendering → every edition asked for,
each rendered, checked and published on its own → one result, or CheckFailed naming every failure."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from brochure.commands import limits
from brochure.content.events import event_content
from brochure.content.load import Content, load_content
from brochure.editions import BuildSettings, EditionResult, Job, plan
from brochure.editions.beside import Beside
from brochure.editions.previews import Previews
from brochure.errors import CheckFailed
from brochure.preflight import Report, check_content
from brochure.render.warm.session import Session, source_date_epoch

_log = logging.getLogger("brochure")


@dataclass(frozen=True)
class BuildResult:
    """What a build made, edition by edition, and the content's warnings (already logged)."""

    editions: tuple[EditionResult, ...]
    content_warnings: tuple[str, ...] = ()

    def edition(self, name: str) -> EditionResult | None:
        return next((result for result in self.editions if result.edition == name), None)

    @property
    def print_pdf(self) -> Path | None:
        """The print PDF written, if the print edition was built."""
        result = self.edition("print")
        return result.written[0].path if result and result.written else None

    @property
    def report(self) -> Report:
        """The print edition's checks, or the first edition's that has any."""
        checked = [result.report for result in self.editions if result.report is not None]
        main = self.edition("print")
        return main.report if main and main.report else checked[0]

    @property
    def pages(self) -> int:
        main = self.edition("print")
        return main.pages if main else 0

    @property
    def size(self) -> int:
        return sum(result.size for result in self.editions)

    def totals(self) -> str:
        """The check totals of every edition: `0 errors, 1 warning`."""
        reports = [result.report for result in self.editions if result.report is not None]
        return Report(None, tuple(f for report in reports for f in report.findings)).summary()

    def finding_lines(self) -> list[str]:
        """Every edition's findings, grouped under `<edition> edition:`, one line each."""
        lines = []
        for result in self.editions:
            if result.report is not None and result.report.findings:
                lines.append(f"{result.edition} edition:")
                lines.extend(f"  {line}" for line in result.report.lines())
        return lines


def build(
    content_path: Path,
    outdir: Path,
    only: Iterable[str] | None = None,
    settings: BuildSettings | None = None,
    session: Session | None = None,
    drawn: Callable[[dict[str, bytes]], object] | None = None,
) -> BuildResult:
    """Build every edition asked for (by default all) of a content file into `outdir`;
    with `settings.event`, the leaflet of that event file, its outputs named after it.
    `session` is what the build keeps warm for the next one (`watch`, a batch worker); by
    default a fresh one, which reads and writes brochure's cache on disk; `Session(keep=False)`
    keeps nothing and touches no cache, and the outputs are the same bytes. With `drawn`, a build
    that makes the previews hands the panels' PNG files (by name) to it as soon as they are drawn,
    before any check has judged the print edition they show and before the sides' pictures are
    encoded (a live page shows the panels, marked as checking).

    Content that fails a check needing no PDF (a character no font has) is not rendered
    at all. An edition whose output fails an error-level check never replaces its last
    good file; the others are still built, and CheckFailed names every failure.

    Under the command line's limits (see `limits`), a build that needs too much memory or time
    raises OutOfMemory or OutOfTime: its editions not yet published keep their last good files.
    """
    session = session or Session()
    try:
        with limits.time_limit(session.seconds):
            return _build(content_path, outdir, only, settings or BuildSettings(), session, drawn)
    except MemoryError as exc:
        raise limits.out_of_memory(exc) from None


def _build(
    content_path: Path,
    outdir: Path,
    only: Iterable[str] | None,
    settings: BuildSettings,
    session: Session,
    drawn: Callable[[dict[str, bytes]], object] | None = None,
) -> BuildResult:
    content = load_content(content_path, disk_cache=session.keep)
    if settings.event is not None:
        content = event_content(content, settings.event)  # its warnings follow the base content's
    for warning in content.warnings:  # once a build: `watch` and a batch load the content again to check it
        _log.warning("%s", warning)
    layout = content.layout  # loaded once, while the content was checked
    session.warm_hyphenation(content.languages)
    editions = plan(only)
    precheck = check_content(content, layout)
    if not precheck.ok:
        raise CheckFailed(precheck)  # a character no font has: rendering would only hide it
    job = Job(content, layout, document_date(content), outdir, settings, session=session)
    # In a fresh process, the e-mail edition is made on the second core; forked before any layout.
    with Beside(job, editions) as beside:
        previews = next((edition for edition in editions if isinstance(edition, Previews)), None)
        if drawn is not None and previews is not None:
            drawn(previews.panel_files(job))  # the print edition laid out and drawn, its checks still to come
        awaiting = [edition for edition in editions if beside.awaits(edition)]
        for edition in editions:
            if not beside.makes(edition) and edition not in awaiting:
                job.results[edition.name] = edition.make(job)
        for edition in awaiting:
            edition.ahead(job)  # while the other process makes what it awaits
        job.results |= beside.results()
        for edition in awaiting:  # the mailing, made of the e-mail PDF
            job.results[edition.name] = edition.make(job)
    results = tuple(job.results[edition.name] for edition in editions)
    if not all(result.ok for result in results):
        raise CheckFailed.of_editions(results)
    return BuildResult(results, content.warnings)


def document_date(content: Content) -> dt.date | None:
    """The date stamped into the PDF: the content's, else SOURCE_DATE_EPOCH's, else none."""
    epoch = source_date_epoch()  # checked even when unused: fontTools reads it while subsetting
    date = content.data.get("document", {}).get("date")
    if isinstance(date, dt.date):
        return date
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date()
    return None
