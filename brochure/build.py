"""The build pipeline, top to bottom: content → layout → HTML → PDF → file."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from .content import Content, load_content
from .layout import load_layout
from .output import write_atomic
from .pdf import render, write_pdf
from .templating import render_html


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote."""

    print_pdf: Path
    pages: int
    size: int


def build(content_path: Path, outdir: Path) -> BuildResult:
    """Build the print PDF of a content file into `outdir`."""
    content = load_content(content_path)
    layout = load_layout(content.layout_name, content.project_dir)
    date = document_date(content)
    html = render_html(content, layout, date)
    rendering = render(html, content.project_dir, layout, date)
    pdf = write_pdf(rendering)
    target = outdir / f"{content.name}-print.pdf"
    write_atomic(target, pdf)
    return BuildResult(print_pdf=target, pages=len(rendering.document.pages), size=len(pdf))


def document_date(content: Content) -> dt.date | None:
    """The date stamped into the PDF: the content's, else SOURCE_DATE_EPOCH's, else none."""
    date = content.data.get("document", {}).get("date")
    if isinstance(date, dt.date):
        return date
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date()
    return None
