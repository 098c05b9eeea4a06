"""Fold geometry: a layout's sheet, bleed, safe margin and panels, read from its layout.yaml.

The file is checked by the schema of `brochure.schema.layout`; what it holds becomes the
frozen dataclasses below, which every later stage reads. Its `theme:` is merged into
brochure's theme as it is loaded (`brochure.sheet.theme`): `Layout.palette` and
`Layout.fonts` are the theme's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from brochure.files.layouts import DEFAULT_LAYOUT, find_layout
from brochure.files.yamlfile import read_yaml
from brochure.schema.layout import validate_layout
from brochure.sheet.theme import Cmyk, FontFace, Theme, load_theme

__all__ = [
    "DEFAULT_LAYOUT",
    "FittingRange",
    "FontFace",
    "Hyphenation",
    "Layout",
    "Margins",
    "Panel",
    "Press",
    "Theme",
    "find_layout",
    "load_layout",
]


@dataclass(frozen=True)
class FittingRange:
    """How far a panel's text may be set tighter when it overflows, in %: the line height down
    to `leading` % of its set value, the letter-spacing down to `tracking` % of an em."""

    leading: float = 100.0
    tracking: float = 0.0

    @property
    def allows_change(self) -> bool:
        """Whether the range allows any change at all."""
        return self.leading < 100 or self.tracking < 0


@dataclass(frozen=True)
class Panel:
    """One panel of one sheet side; x and width in mm from the trim's left edge."""

    id: str
    page: int  # 0-based index of the sheet side (PDF page)
    x: float
    width: float
    sections: tuple[str, ...]
    lang: str | None = None
    fitting: FittingRange = FittingRange()  # its own range, else the layout's
    margins: Margins | None = None  # its own content box, else the layout's (see Layout.margins_of)
    role: str = "inside"  # cover, back, inside or flap: what the panel is in the folded leaflet

    @property
    def right(self) -> float:
        return self.x + self.width


@dataclass(frozen=True)
class Margins:
    """The content box of a panel, in mm from the panel's edges."""

    top: float
    right: float
    bottom: float
    left: float


@dataclass(frozen=True)
class Press:
    """The printing condition of the print edition: its output profile and total ink limit."""

    condition: str  # the ICC registry name of the condition, e.g. FOGRA39
    profile: Path
    file: str  # the profile as layout.yaml gives it, relative to the assets folder
    ink_limit: float  # total area coverage in %
    small_text: float = 9.0  # pt: text below it prints in at most two inks (brochure.schema.layout)
    reversed_text: float | None = None  # pt: text below it is not knocked out of several inks; None: not checked
    # What a rule (an SVG artwork's stroke) in a palette colour prints in, by the colour: the theme's two-ink
    # builds (`colour.rule_builds`), given by the print edition, as pairs so that the condition stays hashable.
    builds: tuple[tuple[tuple[float, ...], tuple[float, ...]], ...] = ()


@dataclass(frozen=True)
class Hyphenation:
    """Where a word may be hyphenated, in characters: words shorter than `min_word` never."""

    min_word: int = 9
    before: int = 5
    after: int = 4
    zone: float = 0.0  # mm of room a line must leave before a hyphenation is tried
    max_lines: int = 2  # hyphenated lines in a row, at most (held by `brochure.ladders`)


@dataclass(frozen=True)
class Layout:
    """A fold layout: everything about the leaflet's geometry, in mm."""

    name: str
    folder: Path
    sheet_width: float
    sheet_height: float
    bleed: float
    safe_margin: float
    margins: Margins
    pages: tuple[tuple[Panel, ...], ...]
    reading_order: tuple[str, ...]
    theme: Theme  # brochure's, with the layout's `theme:` over it (and the content's, see `themed`)
    press: Press | None = None
    hyphenation: Hyphenation = Hyphenation()
    fitting: FittingRange = FittingRange()  # the range of every panel that declares none of its own
    bleeds: tuple[str, ...] | None = None  # classes of the elements meant to bleed; None: not declared

    @property
    def palette(self) -> Mapping[str, Cmyk]:
        """The theme's colours by name, each CMYK in %."""
        return self.theme.palette

    @property
    def fonts(self) -> tuple[FontFace, ...]:
        """Every font the leaflet may use; the first one's family sets the text."""
        return self.theme.fonts

    def themed(self, data: Mapping[str, Any] | None) -> Layout:
        """The layout with a content's checked `theme:` over its theme."""
        return replace(self, theme=self.theme.over(data)) if data else self

    @property
    def panels(self) -> tuple[Panel, ...]:
        return tuple(panel for page in self.pages for panel in page)

    def panel(self, panel_id: str) -> Panel:
        for panel in self.panels:
            if panel.id == panel_id:
                return panel
        raise KeyError(panel_id)

    def margins_of(self, panel: Panel) -> Margins:
        """The content box of `panel`: its own left and right margins where it has them, else the layout's."""
        return panel.margins or self.margins

    def measure(self, panel: Panel) -> float:
        """The width of `panel`'s content box, in mm: the measure its lines are set to."""
        margins = self.margins_of(panel)
        return panel.width - margins.left - margins.right

    @property
    def content_bottom(self) -> float:
        """The lowest point, in mm from the trim's top, that panel content may reach."""
        return self.sheet_height - self.margins.bottom

    def section_languages(self) -> dict[str, tuple[str, ...] | None]:
        """Each placed section's languages if panels split it by language; None if one panel prints them all."""
        placed: dict[str, tuple[str, ...] | None] = {}
        for panel in self.panels:
            for section in panel.sections:
                if panel.lang is None:
                    placed[section] = None
                else:
                    placed[section] = (*(placed.get(section) or ()), panel.lang)
        return placed

    def facing_pairs(self) -> tuple[tuple[Panel, Panel], ...]:
        """The panels that face each other: those that print one section in different languages, two by
        two in the layout's order. A reader compares them line by line, so the build sets their items
        level and the `facing` check holds them so; the templates give each of their items an id that
        names its panel (`brochure.sheet.pdfmeta.PAIR_ID`), which is how a laid-out document tells them."""
        pairs: list[tuple[Panel, Panel]] = []
        for section, langs in self.section_languages().items():
            if langs and len(langs) > 1:
                panels = [panel for panel in self.panels if section in panel.sections]
                pairs.extend(zip(panels, panels[1:], strict=False))
        return tuple(pairs)

    def placed(self, placement: Mapping[str, Mapping[str, Any]]) -> Layout:
        """The layout with each panel printing the sections and language `placement` gives it by
        panel id (the content's checked `panels`); a panel it does not name keeps its own."""
        pages = tuple(
            tuple(
                replace(panel, sections=tuple(placement[panel.id]["sections"]), lang=placement[panel.id]["lang"])
                if panel.id in placement
                else panel
                for panel in page
            )
            for page in self.pages
        )
        return replace(self, pages=pages)

    def folds(self, page: int) -> tuple[float, ...]:
        """x positions of the folds on one sheet side."""
        return tuple(panel.right for panel in self.pages[page][:-1])


def load_layout(
    name: str = DEFAULT_LAYOUT, project_dir: Path | None = None, *, disk_cache: bool = True, theme: Theme | None = None
) -> Layout:
    """Read and validate the layout called `name`; every problem is in the message of one InputError.
    Without `disk_cache`, its fonts' code points are read without brochure's cache. `theme` is
    brochure's theme as `load_theme(project_dir)` gives it, for a caller that loads several layouts
    (it takes most of the time of loading one); without it, it is loaded."""
    folder = find_layout(name, project_dir)
    source = folder / "layout.yaml"
    theme = load_theme(project_dir, disk_cache=disk_cache) if theme is None else theme
    root, values = read_yaml(source, "layout")
    data, ctx = validate_layout(root, values, folder, project_dir, palette=tuple(theme.palette), disk_cache=disk_cache)
    ctx.raise_problems(str(source))
    return _layout(data, folder, theme.over(data.get("theme")))


def _layout(data: dict[str, Any], folder: Path, theme: Theme) -> Layout:
    """The Layout of a valid layout file's data, with its theme."""
    fitting = FittingRange(**data.get("fitting", {}))
    margins = Margins(**data["margins"])
    pages = []
    for index, page in enumerate(data["pages"]):
        x, panels = 0.0, []
        for entry in page["panels"]:
            own = FittingRange(**entry["fitting"]) if "fitting" in entry else fitting
            box = replace(margins, **entry["margins"]) if "margins" in entry else None
            sections = tuple(entry["sections"])
            panel = Panel(entry["id"], index, x, entry["width"], sections, entry.get("lang"), own, box, entry["role"])
            panels.append(panel)
            x += entry["width"]
        pages.append(tuple(panels))
    ids = tuple(entry["id"] for page in data["pages"] for entry in page["panels"])
    return Layout(
        name=data["name"],
        folder=folder,
        sheet_width=data["sheet"]["width"],
        sheet_height=data["sheet"]["height"],
        bleed=data["bleed"],
        safe_margin=data["safe_margin"],
        margins=margins,
        pages=tuple(pages),
        reading_order=tuple(data.get("reading_order", ids)),
        theme=theme,
        press=Press(**data["press"]) if "press" in data else None,
        hyphenation=Hyphenation(**data.get("hyphenation", {})),
        fitting=fitting,
        bleeds=tuple(data["bleeds"]) if "bleeds" in data else None,
    )
