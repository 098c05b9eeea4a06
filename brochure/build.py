"""The build pipeline, top to bottom: content → checks before rendering → HTML → PDF →
page checks on the written file → the PDF published, or kept as .rejected.pdf."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .content import Content, load_content
from .errors import CheckFailed
from .layout import load_layout
from .output import publish, write_staged
from .pdf import render, source_date_epoch, write_pdf
from .preflight import Report, check_content, check_pdf
from .templating import render_html


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote."""

    print_pdf: Path
    pages: int
    size: int
    report: Report


def build(content_path: Path, outdir: Path) -> BuildResult:
    """Build the print PDF of a content file into `outdir`, checked before it is handed over.

    Content that fails a check needing no PDF (a character no font has) is not
    rendered at all. A PDF that fails an error-level check never replaces
    `<name>-print.pdf`: it is kept as `<name>-print.rejected.pdf` for inspection
    and CheckFailed is raised.
    """
    content = load_content(content_path)
    layout = load_layout(content.layout_name, content.project_dir)
    precheck = check_content(content, layout)
    if not precheck.ok:
        raise CheckFailed(precheck)  # a character no font has: rendering would only hide it
    date = document_date(content)
    html = render_html(content, layout, date)
    rendering = render(html, content.project_dir, date)
    pdf = write_pdf(rendering)
    target = outdir / f"{content.name}-print.pdf"
    rejected = outdir / f"{content.name}-print.rejected.pdf"
    staged = write_staged(target, pdf)
    try:
        report = check_pdf(staged, layout, content)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
    if not report.ok:
        publish(staged, rejected)
        raise CheckFailed(report, rejected)
    publish(staged, target)
    rejected.unlink(missing_ok=True)
    return BuildResult(print_pdf=target, pages=len(rendering.document.pages), size=len(pdf), report=report)


def document_date(content: Content) -> dt.date | None:
    """The date stamped into the PDF: the content's, else SOURCE_DATE_EPOCH's, else none."""
    epoch = source_date_epoch()  # checked even when unused: fontTools reads it while subsetting
    date = content.data.get("document", {}).get("date")
    if isinstance(date, dt.date):
        return date
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date()
    return None
