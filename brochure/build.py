"""The build pipeline, top to bottom: content → layout → HTML → PDF → file."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from .content import Content, load_content
from .errors import CheckFailed
from .layout import load_layout
from .output import publish, write_staged
from .pdf import render, write_pdf
from .preflight import Report, check_pdf
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

    A PDF that fails an error-level check never replaces `<name>-print.pdf`: it is
    kept as `<name>-print.rejected.pdf` for inspection and CheckFailed is raised.
    """
    content = load_content(content_path)
    layout = load_layout(content.layout_name, content.project_dir)
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
    date = content.data.get("document", {}).get("date")
    if isinstance(date, dt.date):
        return date
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return None
