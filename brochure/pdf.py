"""Laying out the HTML with WeasyPrint and writing reproducible PDF bytes."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import weasyprint

from .layout import Layout

PX_TO_MM = 25.4 / 96  # WeasyPrint's anchors are in CSS pixels


@dataclass(frozen=True)
class PanelExtent:
    """Where a panel's content ends, measured at layout time (mm from the trim's top)."""

    panel: str
    page: int  # 0-based
    content_bottom: float


@dataclass(frozen=True)
class Rendering:
    """A laid-out leaflet: the WeasyPrint document and what was measured on it."""

    document: weasyprint.document.Document
    extents: tuple[PanelExtent, ...]
    identifier: bytes
    date: dt.date | None


def render(html: str, base_url: Path, layout: Layout, date: dt.date | None) -> Rendering:
    """Lay out the leaflet; the result can be measured and written."""
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    with _weasyprint_log_captured():
        document = weasyprint.HTML(string=html, base_url=base_url.as_uri() + "/").render(
            custom_metadata=True,
            pdf_identifier=identifier,
        )
    return Rendering(document, tuple(_extents(document, layout)), identifier, date)


def write_pdf(rendering: Rendering) -> bytes:
    """The PDF bytes; the same rendering always gives the same bytes."""
    with _source_date(rendering.date):
        return rendering.document.write_pdf(pdf_identifier=rendering.identifier, custom_metadata=True)


def _extents(document: weasyprint.document.Document, layout: Layout) -> Iterator[PanelExtent]:
    for panel in layout.panels:
        anchor = f"end-{panel.id}"
        for index, page in enumerate(document.pages):
            if anchor in page.anchors:
                _, y, _, _ = page.anchors[anchor]
                yield PanelExtent(panel.id, index, y * PX_TO_MM)
                break


@contextlib.contextmanager
def _source_date(date: dt.date | None) -> Iterator[None]:
    # Without libharfbuzz-subset, fontTools subsets fonts and stamps the current
    # time into them unless SOURCE_DATE_EPOCH is set.
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    epoch = dt.datetime.combine(date or dt.date(1980, 1, 1), dt.time(), dt.timezone.utc).timestamp()
    os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch))
    try:
        yield
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _weasyprint_log_captured() -> Iterator[_Collector]:
    """WeasyPrint's warnings go to brochure's log, not straight to stderr."""
    logger = logging.getLogger("weasyprint")
    collector = _Collector()
    logger.addHandler(collector)
    propagate = logger.propagate
    logger.propagate = False
    try:
        yield collector
    finally:
        logger.removeHandler(collector)
        logger.propagate = propagate
        for message in collector.messages:
            logging.getLogger("brochure.weasyprint").warning("%s", message)
