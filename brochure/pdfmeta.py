"""What a PDF records of how it was made, written by the templates and read back by the checks.

The HTML carries two <meta> elements, which WeasyPrint writes into the PDF's Info
dictionary with their names lower-cased: the layout's name, and each panel's page
and x range (the geometry the PDF was laid out for).
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from .layout import Layout

LAYOUT_NAME = "BrochureLayout"
PANELS_NAME = "BrochurePanels"


def panel_map(layout: Layout) -> dict[str, list[float]]:
    """Each panel's 1-based page and x range: what a PDF records of its geometry."""
    return {panel.id: [panel.page + 1, panel.x, panel.right] for panel in layout.panels}


def panels_content(layout: Layout) -> str:
    """The content of the PANELS_NAME <meta> element: the panel map as compact JSON."""
    return json.dumps(panel_map(layout), separators=(",", ":"))


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
