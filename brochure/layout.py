"""Fold geometry: a layout's sheet, bleed, safe margin and panels, read from its layout.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import InputError
from .fetcher import OutsideProject, project_file
from .resources import ASSETS_DIR, LAYOUTS_DIR

DEFAULT_LAYOUT = "trifold-roll"
LAYOUT_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")  # a folder name under layouts/
_TOLERANCE_MM = 0.01


@dataclass(frozen=True)
class Panel:
    """One panel of one sheet side; x and width in mm from the trim's left edge."""

    id: str
    page: int  # 0-based index of the sheet side (PDF page)
    x: float
    width: float
    sections: tuple[str, ...]
    lang: str | None = None

    @property
    def right(self) -> float:
        return self.x + self.width


@dataclass(frozen=True)
class FontFace:
    """A font file the layout declares, with the CSS descriptors it is used under."""

    family: str
    weight: int
    style: str
    path: Path
    file: str  # as layout.yaml gives it, relative to the assets folder


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


@dataclass(frozen=True)
class Layout:
    """A fold layout: everything about the leaflet's geometry, in mm."""

    name: str
    title: str
    folder: Path
    sheet_width: float
    sheet_height: float
    bleed: float
    safe_margin: float
    margins: Margins
    pages: tuple[tuple[Panel, ...], ...]
    reading_order: tuple[str, ...]
    fonts: tuple[FontFace, ...]
    palette: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)  # name → CMYK in %
    press: Press | None = None

    @property
    def panels(self) -> tuple[Panel, ...]:
        return tuple(panel for page in self.pages for panel in page)

    def panel(self, panel_id: str) -> Panel:
        for panel in self.panels:
            if panel.id == panel_id:
                return panel
        raise KeyError(panel_id)

    @property
    def content_bottom(self) -> float:
        """The lowest point, in mm from the trim's top, that panel content may reach."""
        return self.sheet_height - self.margins.bottom

    def panel_map(self) -> dict[str, list[float]]:
        """Each panel's 1-based page and x range: what a PDF records of its geometry."""
        return {panel.id: [panel.page + 1, panel.x, panel.right] for panel in self.panels}

    def folds(self, page: int) -> tuple[float, ...]:
        """x positions of the folds on one sheet side."""
        return tuple(panel.right for panel in self.pages[page][:-1])


def find_layout(name: str, project_dir: Path | None = None) -> Path:
    """The folder of layout `name`: the project's own layouts/ first, then the built-in ones."""
    if not LAYOUT_NAME.match(name):
        raise InputError(f"layout {name!r}: not a layout name (lower-case letters, digits, '-')")
    roots = [project_dir / "layouts"] if project_dir else []
    roots.append(LAYOUTS_DIR)
    for root in roots:
        if (root / name / "layout.yaml").is_file():
            return root / name
    known = sorted(p.parent.name for p in LAYOUTS_DIR.glob("*/layout.yaml"))
    raise InputError(f"layout {name!r}: not found; known layouts: {', '.join(known)}")


def load_layout(name: str = DEFAULT_LAYOUT, project_dir: Path | None = None) -> Layout:
    """Read and validate the layout called `name`."""
    folder = find_layout(name, project_dir)
    source = folder / "layout.yaml"
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
        return _parse(data, folder, project_dir)
    except (yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{source}: invalid layout: {exc}") from exc


def _parse(data: dict, folder: Path, project_dir: Path | None = None) -> Layout:
    sheet_width = float(data["sheet"]["width"])
    pages = []
    for index, page in enumerate(data["pages"]):
        x = 0.0
        panels = []
        for entry in page["panels"]:
            width = float(entry["width"])
            panels.append(
                Panel(
                    id=str(entry["id"]),
                    page=index,
                    x=x,
                    width=width,
                    sections=tuple(entry["sections"]),
                    lang=entry.get("lang"),
                )
            )
            x += width
        if abs(x - sheet_width) > _TOLERANCE_MM:
            raise ValueError(f"panels of page {page['id']!r} add up to {x:g} mm, not the sheet's {sheet_width:g} mm")
        pages.append(tuple(panels))
    ids = [panel.id for page in pages for panel in page]
    if len(set(ids)) != len(ids):
        raise ValueError("panel ids must be unique")
    reading_order = tuple(data.get("reading_order", ids))
    if sorted(reading_order) != sorted(ids):
        raise ValueError("reading_order must name every panel once")
    safe_margin = float(data["safe_margin"])
    margins = Margins(**{side: float(data["margins"][side]) for side in ("top", "right", "bottom", "left")})
    if min(vars(margins).values()) < safe_margin:
        raise ValueError(f"margins must be at least the safe margin of {safe_margin:g} mm")
    fonts = tuple(
        FontFace(
            family=str(font["family"]),
            weight=int(font.get("weight", 400)),
            style=str(font.get("style", "normal")),
            path=_asset_file(str(font["file"]), project_dir, "font"),
            file=str(font["file"]),
        )
        for font in data["fonts"]
    )
    return Layout(
        name=str(data["name"]),
        title=str(data.get("title", data["name"])),
        folder=folder,
        sheet_width=sheet_width,
        sheet_height=float(data["sheet"]["height"]),
        bleed=float(data["bleed"]),
        safe_margin=safe_margin,
        margins=margins,
        pages=tuple(pages),
        reading_order=reading_order,
        fonts=fonts,
        palette=_palette(data.get("palette", {})),
        press=_press(data["press"], project_dir) if "press" in data else None,
    )


def _palette(data: dict) -> dict[str, tuple[float, float, float, float]]:
    palette = {}
    for name, value in data.items():
        if not (isinstance(value, list) and len(value) == 4 and all(0 <= float(v) <= 100 for v in value)):
            raise ValueError(f"palette colour {name!r} must be [c, m, y, k] in %, each 0 to 100")
        palette[str(name)] = tuple(float(v) for v in value)
    return palette


def _press(data: dict, project_dir: Path | None) -> Press:
    ink_limit = float(data.get("ink_limit", 300))
    if not 0 < ink_limit <= 400:
        raise ValueError(f"press.ink_limit must be above 0 and at most 400 %, not {ink_limit:g}")
    return Press(
        condition=str(data["condition"]),
        profile=_asset_file(str(data["profile"]), project_dir, "profile"),
        file=str(data["profile"]),
        ink_limit=ink_limit,
    )


def _asset_file(file: str, project_dir: Path | None, kind: str) -> Path:
    """A font's or profile's file, relative to the assets folder: the project's assets/ first, then brochure's own."""
    roots = [project_dir / "assets"] if project_dir else []
    roots.append(ASSETS_DIR)
    for root in roots:
        try:
            path = project_file(root, file)
        except OutsideProject as exc:
            raise ValueError(f"{kind} file {file!r} {str(exc).replace('project folder', 'assets folder')}") from None
        if path.is_file():
            return path
    raise ValueError(f"{kind} file not found: {file!r} (looked in {' and '.join(str(root) for root in roots)})")
