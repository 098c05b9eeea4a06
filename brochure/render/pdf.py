"""Laying out the HTML with WeasyPrint and writing reproducible PDF bytes."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import weasyprint

from brochure.errors import InputError, capped_lines
from brochure.html.templating import PanelHtml
from brochure.html.urls import PROJECT_URL
from brochure.render.fetcher import ProjectFetcher, short_url
from brochure.render.press import PRESS_VARIANT, press_css, press_finisher, press_image_converter, stable_dates
from brochure.render.setting.fitting import Fitted, fit_panels
from brochure.render.setting.rules import divider_moves, past_foot
from brochure.render.tagging import complete_tags
from brochure.render.tidy import tidied
from brochure.render.warm.kept import (
    PageLayouts,
    html_of,
    laid_out,
    leaflet_stylesheet,
    levelled,
    measured_levelling,
    with_css,
)
from brochure.render.warm.session import Session, source_date_epoch
from brochure.sheet.layout import FittingRange, Press

# How WeasyPrint's log says that it left an image out (it never raises for one).
_IMAGE_FAILURES = ("Failed to load image", "Failed to render SVG image", "Failed to load inline SVG")


@dataclass(frozen=True)
class Rendering:
    """A laid-out leaflet, ready to be written."""

    document: weasyprint.document.Document
    identifier: bytes
    date: dt.date | None
    project_dir: Path
    fetcher: ProjectFetcher
    press: Press | None = None
    options: dict[str, Any] = field(default_factory=dict)
    pages: PageLayouts | None = None  # the panels laid out each on its own, kept once written without a failure
    levelling: str = ""  # the stylesheet that set facing items level, for another edition of the same panels
    fitted: Fitted = Fitted()  # the panels set tighter to fit, for the build's notes and another edition
    session: Session = field(default_factory=Session)  # what keeps the pages, once written


def render(
    html: str,
    base_url: Path,
    date: dt.date | None,
    *,
    press: Press | None = None,
    level: bool | str = True,
    measure: str | None = None,
    fit: Mapping[str, FittingRange] | Fitted | None = None,
    panels: Sequence[PanelHtml] = (),
    session: Session | None = None,
    stylesheet: str = "",
    **options: Any,
) -> Rendering:
    """Lay out the leaflet; the result can be written.

    Every element with an id gets a named destination in the PDF, so where each
    panel starts and where its content ends (`end-<panel>`) travels with the file.
    `options` are WeasyPrint's (a PDF variant, an image resolution), used for both laying
    out and writing. With `press`, the rendering is for print: PDF/X-4 with the condition's
    profile as output intent, and every image converted to CMYK through that profile (the
    HTML's own colours must be in `device-cmyk()` already: `render_html(..., cmyk=True)`).
    A print rendering carries no link annotation: preflight flags annotations in the printable
    area, and links belong to the screen editions. With `level`, the items of facing panels
    are set level (see `brochure.facing`) by what a first layout of `measure` measures: the
    HTML of the pages that hold them, `html` itself by default. A `level` that is a stylesheet
    is the levelling another edition of the same panels measured, used without measuring again.
    With `fit`, each panel's fitting range by id, a panel that overflows is set tighter within
    its range (see `brochure.fitting`); a `fit` that is `Fitted` is another edition's decision, reused.
    With `panels`, the HTML of each panel alone (`templating.Leaflet.panels`), each panel is laid out
    on its own, and a process that renders again (watch, a batch) lays out only the panels whose
    HTML, stylesheets or files changed; the PDF is the same either way. What is kept for that, and
    the images converted, `session` keeps (by default a fresh one, for this render only).
    With `stylesheet`, the leaflet's stylesheet that `html` (and `measure` and `panels`) leave out,
    parsed once for every page (and kept by `session`, see `kept.Stylesheet`).
    """
    session = session or Session()
    identifier = pdf_identifier(html + stylesheet)
    # No network; only project files, brochure's data, data: URLs.
    fetcher = ProjectFetcher(base_url, press_image_converter(press, session.converted) if press else None)
    with _guarded(fetcher, base_url) as log:
        laying_out, style_key = _laying_out(stylesheet, base_url, press, fetcher, log.count, session, options)
        # The whole leaflet as one document, parsed only when it is laid out whole (not page by page).
        whole = functools.cache(functools.partial(html_of, html, base_url, fetcher))
        kept_pages = PageLayouts(panels, base_url, fetcher, press, laying_out, log.count, session, style_key)

        def lay_out(css: str = "", levelling: str = "") -> weasyprint.document.Document:
            pagewise = kept_pages.lay_out(css, levelling)
            if pagewise is not None:
                return pagewise
            options = with_css(laying_out, levelled(css, levelling))
            return laid_out(whole(), session.chance, custom_metadata=True, pdf_identifier=identifier, **options)

        def levelling_for(fitted: Fitted) -> str:
            if isinstance(level, str) or not level:
                return level or ""
            # A cold process measures aside, while it lays out the pages the levelling does not set.
            meanwhile = functools.partial(kept_pages.lay_out_unlevelled, fitted.css) if panels else None
            return measured_levelling(
                measure or html, base_url, fetcher, press, laying_out, session, fitted.css, meanwhile, style_key
            )

        fitted = fit if isinstance(fit, Fitted) else Fitted()
        levelling = levelling_for(fitted)
        document = lay_out(fitted.css, levelling)
        if fit is not None and not isinstance(fit, Fitted):
            # Levelling never makes a column that fits overflow, so an overflow shows here as it
            # would unlevelled, and fitting lays out again only when a panel overflows.
            document, fitted = fit_panels(document, lay_out, fit)
            if fitted.fits:
                levelling = levelling_for(fitted)
                document = lay_out(fitted.css, levelling)
        if press is not None:
            document = _rules_aligned(document, lay_out, fitted.css, levelling)
    if press is not None:
        for page in document.pages:
            page.links.clear()  # the named destinations (page.anchors) stay: the checks read them
    return Rendering(
        document, identifier, date, base_url, fetcher, press, options, kept_pages, levelling, fitted, session=session
    )


def _rules_aligned(
    document: weasyprint.document.Document,
    lay_out: Callable[[str, str], weasyprint.document.Document],
    css: str,
    levelling: str,
) -> weasyprint.document.Document:
    """The print edition laid out again with each divider set on the rule it almost meets across a fold
    (see `brochure.render.setting.rules`), if one does and no panel it moves then runs past its foot."""
    moves = divider_moves(document)
    if not moves:
        return document
    moved = lay_out(levelled(css, "\n".join(rule for _, rule in moves)), levelling)
    return document if past_foot(moved, [panel for panel, _ in moves]) else moved


def _laying_out(
    stylesheet: str,
    base_url: Path,
    press: Press | None,
    fetcher: ProjectFetcher,
    warnings: Callable[[], int],
    session: Session,
    options: dict[str, Any],
) -> tuple[dict[str, Any], str]:
    """WeasyPrint's options for every layout of a render (one image cache for all), and the key of the
    leaflet's stylesheet given apart ("" for none): the stylesheet first, then the press one."""
    laying_out: dict[str, Any] = {"cache": {}, "stylesheets": [], **options}
    style_key = ""
    if stylesheet:
        leaflet = leaflet_stylesheet(stylesheet, base_url, fetcher, warnings, session)
        laying_out |= {"stylesheets": [leaflet.css], "font_config": leaflet.fonts, "counter_style": leaflet.counters}
        style_key = leaflet.key
    if press is not None:
        profiles: dict = {}  # filled by the stylesheet's @color-profile, read by the rendering
        colours = weasyprint.CSS(string=press_css(press), url_fetcher=fetcher, color_profiles=profiles)
        laying_out |= {"pdf_variant": PRESS_VARIANT, "color_profiles": profiles}
        laying_out["stylesheets"] = [*laying_out["stylesheets"], colours]
    return laying_out, style_key


def write_pdf(rendering: Rendering) -> bytes:
    """The PDF bytes; the same rendering always gives the same bytes."""
    options = dict(rendering.options, finisher=tidied())
    complete_tags()  # a tagged edition's elements say their language, its links what they are
    if rendering.press is not None:
        finish = tidied(press_finisher(rendering.identifier, rendering.press))
        options |= {"pdf_variant": PRESS_VARIANT, "finisher": finish}
        stable_dates(rendering.document.metadata, rendering.date, source_date_epoch())
    # SVG images fetch what they refer to while they are drawn, so this is guarded too; a page laid
    # out by an earlier render draws through the fetcher it was laid out with.
    reused = rendering.pages.reused_fetchers() if rendering.pages else ()
    with rendering.session.source_date(rendering.date), _guarded(rendering.fetcher, rendering.project_dir, reused):
        try:
            data = rendering.document.write_pdf(pdf_identifier=rendering.identifier, custom_metadata=True, **options)
        except NotImplementedError:
            if rendering.press is None:
                raise
            # WeasyPrint 70 draws gradients in sRGB and cannot convert device-cmyk() to it.
            raise InputError("a CSS gradient between CMYK colours cannot be printed; use flat colours") from None
    if rendering.pages is not None:
        rendering.pages.keep()  # drawn without a failure: kept for the next render
    return data


def pdf_identifier(html: str) -> bytes:
    """The PDF's /ID: a hash of the HTML, which names files by folder-independent URLs."""
    return hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.image_failures: list[tuple[str | None, str]] = []  # (URL, reason)

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not message.startswith(_IMAGE_FAILURES):
            self.messages.append(message)
            return
        args = record.args if isinstance(record.args, tuple) else ()
        url = next((arg for arg in args if isinstance(arg, str)), None)
        error = next((arg for arg in args if isinstance(arg, BaseException)), None)
        self.image_failures.append((url, _reason(error) if error else "WeasyPrint could not draw it"))

    def count(self) -> int:
        """How many warnings WeasyPrint has logged so far."""
        return len(self.messages) + len(self.image_failures)

    def raise_image_failures(self, project_dir: Path) -> None:
        """Raise an InputError naming every image WeasyPrint left out, if any: a print must not lose one."""
        failures = list(dict.fromkeys(self.image_failures))
        if failures:
            lines = [f"cannot draw image {_shown(url, project_dir)}: {reason}" for url, reason in failures]
            raise InputError(capped_lines(lines, "images that cannot be drawn"))


def _reason(error: BaseException) -> str:
    # WeasyPrint wraps the real error, sometimes in an exception without a message of its own:
    # the innermost message says best what is wrong.
    reason = type(error).__name__
    chain: list[BaseException] = []
    seen: BaseException | None = error
    while seen is not None and seen not in chain:
        chain.append(seen)
        seen = seen.__cause__ or (None if seen.__suppress_context__ else seen.__context__)
    for cause in chain:
        text = " ".join(str(cause).split())
        if text:
            reason = text[:200]
    return reason


def _shown(url: str | None, project_dir: Path) -> str:
    """An image as the user knows it: a path in the project folder, else its URL, shortened."""
    if url is None:
        return "(an SVG inside the layout's HTML)"
    if url.startswith(PROJECT_URL):
        return unquote(url[len(PROJECT_URL) :])
    parts = urlsplit(url)
    if parts.scheme == "file":
        path = Path(url2pathname(parts.path))
        if path.is_relative_to(project_dir):
            return path.relative_to(project_dir).as_posix()
    return short_url(url)


@contextlib.contextmanager
def _guarded(fetcher: ProjectFetcher, project_dir: Path, others: Sequence[ProjectFetcher] = ()) -> Iterator[_Collector]:
    """Run WeasyPrint, then fail on any URL it was refused (through `fetcher`, or `others`, the
    fetchers of earlier renders, whose earlier refusals were raised then) or image it left out
    (it only logs them)."""
    for each in others:
        each.refused.clear()
    with _weasyprint_log_captured() as log:
        yield log
    for each in (fetcher, *others):
        each.raise_refusals()
    log.raise_image_failures(project_dir)


@contextlib.contextmanager
def _weasyprint_log_captured() -> Iterator[_Collector]:
    """WeasyPrint's warnings go to brochure's log, not straight to stderr; images it left out are kept apart."""
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
