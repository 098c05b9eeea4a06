"""Brochure's icons: the Lucide SVGs in assets/icons/, found by name, and drawn in a palette colour.

Lucide draws every icon with `stroke="currentColor"`. WeasyPrint resolves `currentColor`
inside an SVG from the SVG's own `color` attribute, else black: the page's CSS colour
reaches neither an <img> nor an inline <svg>, so an icon handed over as shipped prints
black. icon_svg() writes the colour into the SVG instead, as qrcodes.py does for a QR
code; the print edition gets a `device-cmyk()` colour and so one ink, not a black
converted from sRGB.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from brochure.errors import InputError
from brochure.files.resources import ASSETS_DIR

ICONS_DIR = ASSETS_DIR / "icons"

# Lucide 1.x renamed many icons and still ships the old names as copies; these are the old
# names of the icons brochure has (lucide-static 1.87.0), so that a content written with
# one is told the new name.
FORMER_NAMES = {
    "accessibility": "person-wheelchair-mobility",
    "bike": "person-cycling",
    "building-2": "building-complex",
    "circle-help": "circle-question-mark",
    "fork-knife": "utensils",
    "help-circle": "circle-question-mark",
    "home": "house",
    "mic-2": "mic-vocal",
    "music": "eighth-notes",
    "parking-square": "square-letter-p",
    "square-parking": "square-letter-p",
    "train": "tram-front",
    "trash-2": "trash",
    "waves": "waves-horizontal",
}

_CURRENT_COLOUR = "currentColor"
# A colour goes into an XML attribute: nothing in it may end the attribute or start markup.
_SAFE_COLOUR = re.compile(r"[#\w][#\w\s.,%()/+-]*")


class UnknownIcon(InputError):
    """An icon name brochure has no icon for; the message suggests the closest one."""


def icon_names() -> tuple[str, ...]:
    """The names of every icon brochure has, sorted."""
    return tuple(sorted(path.stem for path in ICONS_DIR.glob("*.svg")))


def icon_file(name: str) -> Path:
    """The SVG file of icon `name`; UnknownIcon if brochure has no icon of that name."""
    if name not in icon_names():
        raise UnknownIcon(unknown_icon(name))
    return ICONS_DIR / f"{name}.svg"


def unknown_icon(name: object) -> str:
    """Why `name` is no icon, with the name meant: 'unknown icon 'calender'; did you mean 'calendar'?'."""
    names = icon_names()
    if not isinstance(name, str):
        return f"unknown icon {name!r}: an icon is named by a text"
    if name in FORMER_NAMES:
        return f"unknown icon {name!r}: Lucide now calls it {FORMER_NAMES[name]!r}"
    close = difflib.get_close_matches(name[:100], [*names, *FORMER_NAMES], n=1)
    if close:
        return f"unknown icon {name!r}; did you mean {FORMER_NAMES.get(close[0], close[0])!r}?"
    return f"unknown icon {name!r}; brochure's {len(names)} Lucide icons are listed in assets/icons/README.md"


def icon_svg(name: str, colour_css: str) -> str:
    """The SVG of icon `name` drawn in `colour_css` (`#rrggbb` for screen, `device-cmyk()` for press)."""
    if not _SAFE_COLOUR.fullmatch(colour_css):
        raise ValueError(f"not a CSS colour an SVG attribute can hold: {colour_css!r}")
    return icon_file(name).read_text(encoding="utf-8").replace(_CURRENT_COLOUR, colour_css)
