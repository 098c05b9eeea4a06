"""What a warm process (watch, a batch of events) keeps between renders, so that an edit costs
only the layouts it touches: the leaflet's stylesheet parsed, the levelling's measurements, and
each page, or each panel of a page, laid out on its own.

All are kept, by a render `Session`, by what was laid out (the HTML, the stylesheets,
WeasyPrint's options) and hold only while every file the layout drew (fonts, images, what an SVG
fetched) has the content it had: its SHA-256, so a file swapped for another of the same name,
size and time is drawn anew.

A page whose panels are laid out each on its own is put together from them: each panel is
placed absolutely on its sheet, so the page boxes of the panels' documents differ only in the
panel each holds, and the page is the first one's boxes with every panel's box in its place.
"""

from __future__ import annotations

import copy
import hashlib
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import weasyprint
from weasyprint.document import Page
from weasyprint.text.fonts import FontConfiguration

from brochure.files.cache import file_digest
from brochure.html.templating import PanelHtml
from brochure.render.counters import BoundedCounters
from brochure.render.fetcher import ProjectFetcher
from brochure.render.press import press_css
from brochure.render.setting.facing import MEASURING_CSS, anchor_tops, levelling_css
from brochure.render.warm.aside import Aside
from brochure.render.warm.session import Session
from brochure.sheet.layout import Press
from brochure.sheet.pdfmeta import PANEL_PREFIX

# What each file a layout drew held then (its SHA-256), or None where it was missing.
Drawn = dict[Path, str | None]


@dataclass(frozen=True)
class Stylesheet:
    """The leaflet's stylesheet parsed once, with the fonts its `@font-face` rules load: every page
    and panel laid out with it shares both, instead of parsing its ~800 rules each time."""

    css: weasyprint.CSS
    fonts: FontConfiguration
    counters: BoundedCounters  # its @counter-style rules: WeasyPrint adds them where the stylesheet is parsed
    key: str  # what a layout with it depends on: its text, and the content of every file it loaded
    drawn: Drawn


def leaflet_stylesheet(
    text: str, base_url: Path, fetcher: ProjectFetcher, warnings: Callable[[], int], session: Session
) -> Stylesheet:
    """The stylesheet `text`, parsed, or as an earlier render parsed it if every file it loaded (its
    fonts) is as it was then. One that loaded with a warning or a refused file is not kept."""
    key = hashlib.sha256(repr((text, base_url)).encode()).hexdigest()
    known = session.stylesheets.get(key)
    if known is not None and _unchanged(known.drawn):
        return known
    asked, refused, warned = len(fetcher.files), len(fetcher.refused), warnings()
    fonts, counters = FontConfiguration(), BoundedCounters()
    css = weasyprint.CSS(
        string=text, base_url=base_url.as_uri() + "/", url_fetcher=fetcher, font_config=fonts, counter_style=counters
    )
    drawn = _states(fetcher, asked)
    sheet_key = hashlib.sha256(repr((key, sorted(drawn.items()))).encode()).hexdigest()
    sheet = Stylesheet(css, fonts, counters, sheet_key, drawn)
    if warnings() == warned and len(fetcher.refused) == refused:
        session.stylesheets.put(key, sheet)
    return sheet


class PageLayouts:
    """The pages of one render, each put together from its panels, each panel laid out on its own
    (`panels`: one HTML each) or as an earlier render laid it out, if every file it drew is as it was then.

    A page laid out anew is kept in `session` by `keep` once the PDF is written without a failure, and only
    if its layout logged no warning (`warnings`: how many WeasyPrint has logged so far) and was
    refused no file: WeasyPrint's image cache remembers a refused or broken image, so a page
    whose layout or drawing failed must be laid out again to fail again.
    """

    def __init__(
        self,
        panels: Sequence[PanelHtml],
        base_url: Path,
        fetcher: ProjectFetcher,
        press: Press | None,
        laying_out: dict,
        warnings: Callable[[], int],
        session: Session,
        style_key: str = "",
    ) -> None:
        self.session = session
        self.style_key = style_key  # the leaflet stylesheet's key, given apart (see `Stylesheet`)
        self.panels = panels
        self.base_url = base_url
        self.fetcher = fetcher
        self.press = press
        self.laying_out = laying_out
        self.warnings = warnings
        self._reused: dict[ProjectFetcher, None] = {}  # in the order first reused
        self._pending: dict[str, tuple[weasyprint.document.Document, ProjectFetcher, int]] = {}

    def lay_out(self, css: str, levelling: str = "") -> weasyprint.document.Document | None:
        """The leaflet with the extra stylesheet `css`, and `levelling` on the pages it sets, laid
        out panel by panel, each page put together; None without panels, or when a panel's HTML
        gives other than one page, or other panels too (a project's template that ignores `shown`
        or `panel_shown`), or panels that overlap."""
        documents = [
            self._page(panel.html, own_rules(levelled(css, levelling if panel.facing else ""), panel.html))
            for panel in self.panels
        ]
        if not documents or any(len(document.pages) != 1 for document in documents):
            return None
        pages: dict[int, list[tuple[PanelHtml, weasyprint.document.Document]]] = {}
        for panel, document in zip(self.panels, documents, strict=True):
            pages.setdefault(panel.page, []).append((panel, document))
        combined = [_assembled(panels) for panels in pages.values()]
        if any(page is None for page in combined):
            return None
        return _combined(documents, combined, self.laying_out)

    def lay_out_unlevelled(self, css: str) -> None:
        """Lay out, with the extra stylesheet `css`, the panels no levelling sets, ahead of `lay_out`
        (which then finds them laid out): what a process does while the levelling is measured aside."""
        for panel in self.panels:
            if not panel.facing:
                self._page(panel.html, own_rules(css, panel.html))

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
        key = _layout_key(html, self.base_url, self.press, self.laying_out, css, self.style_key)
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


def _assembled(panels: list[tuple[PanelHtml, weasyprint.document.Document]]) -> Page | None:
    """One page put together from its panels, each laid out on its own; None if a panel's document
    holds another panel of the page too, or if the panels overlap (a project's stylesheet that does
    not place them absolutely, side by side: each would be where the first one is)."""
    ids = {PANEL_PREFIX + panel.panel for panel, _ in panels}
    boxes = []
    for panel, document in panels:
        held = [box for box in panel_boxes(document.pages[0]._page_box) if box.element.get("id") in ids]
        if [box.element.get("id") for box in held] != [PANEL_PREFIX + panel.panel]:
            return None
        boxes.append(held[0])
    if len(boxes) == 1:  # a page of one panel (the e-mail edition's): the page it was laid out on
        return panels[0][1].pages[0]
    spans = sorted((box.position_x, box.position_x + box.margin_width()) for box in boxes)
    if any(start < end - OVERLAP_PX for (_, end), (start, _) in itertools.pairwise(spans)):
        return None
    return Page(_with_panels(panels[0][1].pages[0]._page_box, boxes))


OVERLAP_PX = 0.5  # what layout arithmetic may leave between panels that touch


def panel_boxes(box) -> list:
    """The boxes of panels (`<section id="panel-…">`) among `box` and its descendants."""
    if _is_panel(box):
        return [box]
    return [found for child in getattr(box, "children", ()) for found in panel_boxes(child)]


def _is_panel(box) -> bool:
    element = getattr(box, "element", None)
    return getattr(box, "element_tag", None) == "section" and str(element.get("id", "")).startswith(PANEL_PREFIX)


def _with_panels(box, panels: list):
    """A copy of the boxes from `box` down to its panel, where that panel is replaced by `panels`
    (every panel of the page, in order); the boxes themselves are shared, never changed: they
    are kept for the next render."""
    children = getattr(box, "children", None)
    if not children:
        return box
    new, changed = [], False
    for child in children:
        if _is_panel(child):
            new.extend(panels)
            changed = True
            continue
        copied = _with_panels(child, panels)
        changed |= copied is not child
        new.append(copied)
    return box.copy_with_children(new) if changed else box


def own_rules(css: str, html: str) -> str:
    """The rules of brochure's extra stylesheet (one a line, each for an id: a panel's fitting, a
    facing item's levelling) that concern an element of `html`: a panel laid out on its own is
    laid out again only when its own rules change."""
    return "\n".join(line for line in css.splitlines() if _concerns(line, html))


def _concerns(rule: str, html: str) -> bool:
    found = _RULE_ID.match(rule)
    return found is None or f'id="{found[1]}"' in html


_RULE_ID = re.compile(r"#([\w-]+)")


def _combined(
    documents: list[weasyprint.document.Document], pages: list, laying_out: dict[str, Any]
) -> weasyprint.document.Document:
    """One document of `pages`, laid out in `documents`, with the first one's metadata (copied: it is
    written to) and this render's colour profiles (a profile written once is written differently again)."""
    first = documents[0]
    combined = first.copy(pages)
    combined.metadata = copy.copy(first.metadata)
    combined.metadata.custom = dict(first.metadata.custom)
    combined.color_profiles = laying_out.get("color_profiles", first.color_profiles)
    # WeasyPrint removes a font configuration's fonts once it is collected: each page's must live on.
    combined.page_documents = documents
    return combined


def _layout_key(
    html: str, base_url: Path, press: Press | None, laying_out: dict[str, Any], css: str, style_key: str = ""
) -> str:
    """What a layout depends on besides the files it draws: the HTML, the base URL, the stylesheets
    (the leaflet's by `style_key`, the press one by its text, and `css`) and WeasyPrint's other options."""
    options = sorted((name, repr(value)) for name, value in laying_out.items() if name not in _UNKEYED_OPTIONS)
    source = (html, base_url, press_css(press) if press else "", css, options, style_key)
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
    style_key: str = "",
) -> str:
    """The levelling stylesheet for the facing items of `measure`, laid out with `laying_out`
    and the extra stylesheet `css` (the fitting of its panels). `session` keeps what it measured:
    a process that builds again (watch, a batch of events) lays out the facing pages once for as
    long as their text and the files they draw (fonts, images) stay the same. With `meanwhile`, a
    fresh process with a core to spare measures in a second process while it runs `meanwhile`
    (see `aside`)."""
    key = _layout_key(measure, base_url, press, laying_out, css, style_key)
    known = session.measurements.get(key)
    if known is None or not _unchanged(known[1]):

        def measuring() -> tuple[str, Drawn]:
            asked = len(fetcher.files)
            options = with_css(laying_out, f"{css}\n{MEASURING_CSS}")
            document = laid_out(html_of(measure, base_url, fetcher), session.chance, **options)
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
    Its CSS counters are bounded (see `counters`): those of `options`, the stylesheet's, or new ones."""
    chance.close()
    return html.render(**{"counter_style": BoundedCounters()} | options)


def levelled(css: str, levelling: str) -> str:
    """The extra stylesheet of a layout: `css` (the fitting of its panels), then `levelling`."""
    return "\n".join(filter(None, (css, levelling)))


def with_css(laying_out: dict[str, Any], css: str) -> dict[str, Any]:
    """WeasyPrint's options of `laying_out` with the stylesheet `css` added after its own (if any)."""
    if not css:
        return laying_out
    return laying_out | {"stylesheets": [*laying_out.get("stylesheets", ()), weasyprint.CSS(string=css)]}


# Objects made anew each time, or kept with the leaflet's stylesheet: the press CSS and `style_key` key them.
_UNKEYED_OPTIONS = ("cache", "stylesheets", "color_profiles", "font_config", "counter_style")


def _states(fetcher: ProjectFetcher, asked: int) -> Drawn:
    """The content of every file `fetcher` was asked for after its first `asked`."""
    return {path: file_digest(path) for path in fetcher.files[asked:]}


def _unchanged(states: Drawn) -> bool:
    """Whether every file has the content `states` found it with."""
    return all(file_digest(path) == state for path, state in states.items())
