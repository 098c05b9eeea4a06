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

from .fetcher import ProjectFetcher, raise_refusals


@dataclass(frozen=True)
class Rendering:
    """A laid-out leaflet, ready to be written."""

    document: weasyprint.document.Document
    identifier: bytes
    date: dt.date | None


def render(html: str, base_url: Path, date: dt.date | None) -> Rendering:
    """Lay out the leaflet; the result can be written.

    Every element with an id gets a named destination in the PDF, so where each
    panel starts and where its content ends (`end-<panel>`) travels with the file.
    """
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    fetcher = ProjectFetcher(base_url)  # no network; only project files, brochure's data, data: URLs
    with _weasyprint_log_captured():
        document = weasyprint.HTML(string=html, base_url=base_url.as_uri() + "/", url_fetcher=fetcher).render(
            custom_metadata=True,
            pdf_identifier=identifier,
        )
    fetcher.raise_refusals()
    return Rendering(document, identifier, date)


def write_pdf(rendering: Rendering) -> bytes:
    """The PDF bytes; the same rendering always gives the same bytes."""
    with _source_date(rendering.date), _weasyprint_log_captured():
        pdf = rendering.document.write_pdf(pdf_identifier=rendering.identifier, custom_metadata=True)
    raise_refusals(rendering.document.url_fetcher)  # SVG images fetch what they refer to while drawn
    return pdf


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
        for message in dict.fromkeys(collector.messages):  # once each, in order
            logging.getLogger("brochure.weasyprint").warning("%s", message)
