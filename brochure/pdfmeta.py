"""What a PDF records of how it was made, written by the templates and read back by the checks.

The HTML carries <meta> elements, which WeasyPrint writes into the PDF's Info dictionary
with their names lower-cased: the layout's name, the edition, the imposition that placed
its panels, and each panel's page and x range (the geometry the PDF was laid out for).
The print edition adds, once laid out, where it draws the elements meant to bleed
(`brochure.bleeds`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from .imposition import Imposition

LAYOUT_NAME = "BrochureLayout"
PANELS_NAME = "BrochurePanels"
EDITION_NAME = "BrochureEdition"
IMPOSITION_NAME = "BrochureImposition"
BLEEDS_NAME = "BrochureBleeds"

# An element meant to bleed as recorded: its box in mm from the trim's top-left corner, and
# whether it is an image (everything drawn inside its box is its own).
RecordedBleed = tuple[float, float, float, float, bool]


def panel_map(imposition: Imposition) -> dict[str, list[float]]:
    """Each panel's 1-based page and x range: what a PDF records of its geometry."""
    return {
        item.panel.id: [index + 1, item.x, item.right]
        for index, surface in enumerate(imposition.surfaces)
        for item in surface.placed
    }


def panels_content(imposition: Imposition) -> str:
    """The content of the PANELS_NAME <meta> element: the panel map as compact JSON."""
    return json.dumps(panel_map(imposition), separators=(",", ":"))


def recorded_layout(metadata: Mapping[str, str]) -> str | None:
    """The layout name a PDF's Info dictionary records, if any."""
    return metadata.get(LAYOUT_NAME.lower()) or None


def recorded_panels(metadata: Mapping[str, str]) -> dict | None:
    """The panel map a PDF's Info dictionary records, if it records a readable one."""
    try:
        recorded = json.loads(metadata.get(PANELS_NAME.lower(), ""))
    except ValueError:
        return None
    return recorded if isinstance(recorded, dict) else None


def recorded_edition(metadata: Mapping[str, str]) -> str | None:
    """The edition a PDF's Info dictionary records, if any."""
    return metadata.get(EDITION_NAME.lower()) or None


def recorded_imposition(metadata: Mapping[str, str]) -> str | None:
    """The name of the imposition a PDF's Info dictionary records, if any."""
    return metadata.get(IMPOSITION_NAME.lower()) or None


def bleeds_content(pages: Mapping[int, list[RecordedBleed]]) -> str:
    """The BLEEDS_NAME entry: per 1-based page, each element's box and kind, as compact JSON."""
    record = {
        str(number): [[*item[:4], "image" if item[4] else "box"] for item in items] for number, items in pages.items()
    }
    return json.dumps(record, separators=(",", ":"))


def recorded_bleeds(metadata: Mapping[str, str]) -> dict[int, list[RecordedBleed]] | None:
    """Per 1-based page, the elements meant to bleed that a PDF records; None if it records
    none, or nothing readable (a PDF that declares nothing is judged by geometry alone)."""
    try:
        record = json.loads(metadata[BLEEDS_NAME.lower()])
        return {
            int(number): [(*map(float, item[:4]), item[4] == "image") for item in items]
            for number, items in record.items()
        }
    except (KeyError, ValueError, TypeError, AttributeError, IndexError):
        return None
