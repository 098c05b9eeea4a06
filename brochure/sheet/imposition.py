"""How an edition places the layout's panels on its pages: sheet sides for print, one panel a page for screens.

The layout says what the panels are (widths, order on each sheet side, reading order);
an imposition says where each panel lands on which page of one output. The templates, the
page checks and the previews all read positions from here, never from numbers of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from brochure.sheet.layout import Layout, Panel


@dataclass(frozen=True)
class Placed:
    """A panel as placed on a page: its left edge in mm from the page's trim, and how far
    its background runs past its left and right edges (into the bleed, where there is one)."""

    panel: Panel
    x: float
    bleed_left: float
    bleed_right: float

    @property
    def right(self) -> float:
        return self.x + self.panel.width


@dataclass(frozen=True)
class Surface:
    """One page of an edition: its trimmed size, its bleed and the panels on it, left to right."""

    id: str
    width: float
    height: float
    bleed: float
    placed: tuple[Placed, ...]

    @property
    def facing(self) -> bool:
        """Whether a panel of one language is on this page: its items are set level with those
        of the panel facing it (`Layout.facing_pairs`)."""
        return any(item.panel.lang for item in self.placed)

    def folds(self) -> tuple[float, ...]:
        """x positions of the folds between the panels of this page."""
        return tuple(item.right for item in self.placed[:-1])


@dataclass(frozen=True)
class Imposition:
    """Every page of one edition, in the order they are printed or read."""

    name: str
    surfaces: tuple[Surface, ...]

    def facing_pages(self) -> tuple[int, ...]:
        """The 0-based pages that hold a panel of one language, whose items facing panels set
        level (`Layout.facing_pairs`): what the levelling lays out to measure."""
        return tuple(index for index, surface in enumerate(self.surfaces) if surface.facing)

    def locate(self, panel_id: str) -> tuple[int, Placed]:
        """The 0-based page and placement of a panel."""
        for index, surface in enumerate(self.surfaces):
            for item in surface.placed:
                if item.panel.id == panel_id:
                    return index, item
        raise KeyError(panel_id)


def sheet_sides(layout: Layout) -> Imposition:
    """The print imposition: each page one side of the flat sheet, panels in fold order, with bleed."""
    surfaces = []
    for page in layout.pages:
        placed = tuple(
            Placed(
                panel,
                panel.x,
                layout.bleed if index == 0 else 0.0,
                layout.bleed if index == len(page) - 1 else 0.0,
            )
            for index, panel in enumerate(page)
        )
        surfaces.append(
            Surface(f"side-{page[0].page + 1}", layout.sheet_width, layout.sheet_height, layout.bleed, placed)
        )
    return Imposition("sheet-sides", tuple(surfaces))


def reading_pages(layout: Layout) -> Imposition:
    """The screen imposition: one page per panel, its trimmed size, in the layout's reading order."""
    surfaces = tuple(
        Surface(panel.id, panel.width, layout.sheet_height, 0.0, (Placed(panel, 0.0, 0.0, 0.0),))
        for panel in (layout.panel(panel_id) for panel_id in layout.reading_order)
    )
    return Imposition("reading-order", surfaces)


# By the name a PDF records in its metadata, so that a check finds the imposition it was made on.
IMPOSITIONS = {"sheet-sides": sheet_sides, "reading-order": reading_pages}
