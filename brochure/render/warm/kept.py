"""What a warm process (watch, a batch of events) keeps between renders, so that an edit costs
only the layouts it touches: the levelling's measurements, and each page laid out on its own.

Both are kept, by a render `Session`, by what was laid out (the HTML, the stylesheets,
WeasyPrint's options) and hold only while every file the layout drew (fonts, images, what an SVG
fetched) has the content it had: its SHA-256, so a file swapped for another of the same name,
size and time is drawn anew.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import weasyprint

from brochure.files.cache import file_digest
from brochure.html.templating import PageHtml
from brochure.render.counters import BoundedCounters
from brochure.render.fetcher import ProjectFetcher
from brochure.render.press import press_css
from brochure.render.setting.facing import anchor_tops, levelling_css
from brochure.render.warm.aside import Aside
from brochure.render.warm.session import Session
from brochure.sheet.layout import Press

# What each file a layout drew held then (its SHA-256), or None where it was missing.
Drawn = dict[Path, str | None]


class PageLayouts:
    """The pages of one render, each laid out on its own (`pages`: one HTML each), or as an
    earlier render laid it out, if every file it drew is as it was then.

    A page laid out anew is kept in `session` by `keep` once the PDF is written without a failure, and only
    if its layout logged no warning (`warnings`: how many WeasyPrint has logged so far) and was
    refused no file: WeasyPrint's image cache remembers a refused or broken image, so a page
    whose layout or drawing failed must be laid out again to fail again.
    """

    def __init__(
        self,
        pages: Sequence[PageHtml],
        base_url: Path,
        fetcher: ProjectFetcher,
        press: Press | None,
        laying_out: dict,
        warnings: Callable[[], int],
        session: Session,
    ) -> None:
        self.session = session
        self.pages = pages
        self.base_url = base_url
        self.fetcher = fetcher
        self.press = press
        self.laying_out = laying_out
        self.warnings = warnings
        self._reused: dict[ProjectFetcher, None] = {}  # in the order first reused
        self._pending: dict[str, tuple[weasyprint.document.Document, ProjectFetcher, int]] = {}

    def lay_out(self, css: str, levelling: str = "") -> weasyprint.document.Document | None:
        """The leaflet with the extra stylesheet `css`, and `levelling` on the pages it sets, laid
        out page by page, the pages combined; None without pages, or when a page's HTML gives other
        than one page (a project's template that ignores `shown`)."""
        documents = [self._page(page.html, levelled(css, levelling if page.facing else "")) for page in self.pages]
        if not documents or any(len(document.pages) != 1 for document in documents):
            return None
        return _combined(documents, self.laying_out)

    def lay_out_unlevelled(self, css: str) -> None:
        """Lay out, with the extra stylesheet `css`, the pages no levelling sets, ahead of `lay_out`
        (which then finds them laid out): what a process does while the levelling is measured aside."""
        for page in self.pages:
            if not page.facing:
                self._page(page.html, css)

    def reused_fetchers(self) -> tuple[ProjectFetcher, ...]:
        """The fetchers of the pages laid out by earlier renders: those pages draw through them."""
        return tuple(self._reused)

    def keep(self) -> None:
        """Keep the pages laid out anew, now that the PDF is written without a failure, with the
        state of every file fetched since each was laid out (its own, those its SVGs fetched
        while drawn, and some more)."""
        for key, (document, fetcher, asked) in self._pending.items():
            self.session.layouts.put(key, (document, fetcher, _states(fetcher, asked)))

    def _page(self, html: str, css: str) -> weasyprint.document.Document:
        key = _layout_key(html, self.base_url, self.press, self.laying_out, css)
        if key in self._pending:  # laid out ahead, by this render
            return self._pending[key][0]
        known = self.session.layouts.get(key)
        if known is not None and _unchanged(known[2]):
            if known[1] is not self.fetcher:
                self._reused[known[1]] = None
            return known[0]
        fetcher = self.fetcher
        asked, refused, warned = len(fetcher.files), len(fetcher.refused), self.warnings()
        document = laid_out(
            html_of(html, self.base_url, fetcher),
            self.session.chance,
            custom_metadata=True,
            **with_css(self.laying_out, css),
        )
        if self.warnings() == warned and len(fetcher.refused) == refused:  # a page that failed must fail again
            self._pending[key] = (document, fetcher, asked)
        return document


def _combined(
    documents: list[weasyprint.document.Document], laying_out: dict[str, Any]
) -> weasyprint.document.Document:
    """One document of the pages of `documents`, with the first one's metadata (copied: it is written
    to) and this render's colour profiles (a profile written once is written differently again)."""
    first = documents[0]
    combined = first.copy([page for document in documents for page in document.pages])
    combined.metadata = copy.copy(first.metadata)
    combined.metadata.custom = dict(first.metadata.custom)
    combined.color_profiles = laying_out.get("color_profiles", first.color_profiles)
    # WeasyPrint removes a font configuration's fonts once it is collected: each page's must live on.
    combined.page_documents = documents
    return combined


def _layout_key(html: str, base_url: Path, press: Press | None, laying_out: dict[str, Any], css: str) -> str:
    """What a layout depends on besides the files it draws: the HTML, the base URL, the stylesheets
    (the press one, by its text, and `css`) and WeasyPrint's other options."""
    options = sorted((name, repr(value)) for name, value in laying_out.items() if name not in _UNKEYED_OPTIONS)
    source = (html, base_url, press_css(press) if press else "", css, options)
    return hashlib.sha256(repr(source).encode()).hexdigest()


def measured_levelling(
    measure: str,
    base_url: Path,
    fetcher: ProjectFetcher,
    press: Press | None,
    laying_out: dict[str, Any],
    session: Session,
    css: str = "",
    meanwhile: Callable[[], object] | None = None,
) -> str:
    """The levelling stylesheet for the facing items of `measure`, laid out with `laying_out`
    and the extra stylesheet `css` (the fitting of its panels). `session` keeps what it measured:
    a process that builds again (watch, a batch of events) lays out the facing pages once for as
    long as their text and the files they draw (fonts, images) stay the same. With `meanwhile`, a
    fresh process with a core to spare measures in a second process while it runs `meanwhile`
    (see `aside`)."""
    key = _layout_key(measure, base_url, press, laying_out, css)
    known = session.measurements.get(key)
    if known is None or not _unchanged(known[1]):

        def measuring() -> tuple[str, Drawn]:
            asked = len(fetcher.files)
            document = laid_out(html_of(measure, base_url, fetcher), session.chance, **with_css(laying_out, css))
            return levelling_css(anchor_tops(document)), _states(fetcher, asked)

        known = (session.chance.run(measuring, meanwhile) if meanwhile else None) or measuring()
        session.measurements.put(key, known)
    return known[0]


def html_of(text: str, base_url: Path, fetcher: ProjectFetcher) -> weasyprint.HTML:
    """The HTML document `text`, its relative URLs resolved in `base_url`, fetched by `fetcher`."""
    return weasyprint.HTML(string=text, base_url=base_url.as_uri() + "/", url_fetcher=fetcher)


def laid_out(html: weasyprint.HTML, chance: Aside, **options: Any) -> weasyprint.document.Document:
    """`html` laid out by WeasyPrint: every layout brochure makes. Once this process has laid
    something out, its fonts are open, and it no longer forks: the `chance` is closed (see `aside`).
    Its CSS counters are bounded (see `counters`)."""
    chance.close()
    return html.render(counter_style=BoundedCounters(), **options)


def levelled(css: str, levelling: str) -> str:
    """The extra stylesheet of a layout: `css` (the fitting of its panels), then `levelling`."""
    return "\n".join(filter(None, (css, levelling)))


def with_css(laying_out: dict[str, Any], css: str) -> dict[str, Any]:
    """WeasyPrint's options of `laying_out` with the stylesheet `css` added after its own (if any)."""
    if not css:
        return laying_out
    return laying_out | {"stylesheets": [*laying_out.get("stylesheets", ()), weasyprint.CSS(string=css)]}


_UNKEYED_OPTIONS = ("cache", "stylesheets", "color_profiles")  # objects made anew each time: the press CSS keys them


def _states(fetcher: ProjectFetcher, asked: int) -> Drawn:
    """The content of every file `fetcher` was asked for after its first `asked`."""
    return {path: file_digest(path) for path in fetcher.files[asked:]}


def _unchanged(states: Drawn) -> bool:
    """Whether every file has the content `states` found it with."""
    return all(file_digest(path) == state for path, state in states.items())
