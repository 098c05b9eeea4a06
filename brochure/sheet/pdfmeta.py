"""What a PDF records of how it was made, written by the templates and read back by the checks.

The HTML carries <meta> elements, which WeasyPrint writes into the PDF's Info dictionary
with their names lower-cased: the layout's name, the edition, the imposition that placed
its panels, and each panel's page and x range (the geometry the PDF was laid out for).
The print edition adds, once laid out, where it draws the elements meant to bleed
(`brochure.bleeds`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from brochure.sheet.imposition import Imposition

LAYOUT_NAME = "BrochureLayout"
PANELS_NAME = "BrochurePanels"
EDITION_NAME = "BrochureEdition"
IMPOSITION_NAME = "BrochureImposition"
BLEEDS_NAME = "BrochureBleeds"

# The date a PDF records when neither the content nor SOURCE_DATE_EPOCH gives one, in place of the
# clock's: the same build gives the same bytes. The first day a ZIP file can date, as reproducible builds use.
UNDATED = dt.date(1980, 1, 1)

# The ids the templates give what the checks find again as named destinations: the items of a
# section printed in two languages on facing panels (`pair-<panel>-<key>`, the same key on both
# sides), the end of each panel's content and the foot of its content box.
PAIR_ID = re.compile(r"^pair-(?P<panel>.+)-(?P<key>s\d+b\d+(?:-i\d+)?)$")
# Where each block of a panel starts: the facing item ids above, or `block-<panel>-<key>` for any other
# block (`-<lang>` after the key in a section stacked by language); its key `s<section>b<block>`
# counts both from 1 in the panel's sections and the section's blocks.
BLOCK_ID = re.compile(r"^(?:pair|block)-(?P<panel>.+)-s(?P<section>\d+)b(?P<block>\d+)(?:-(?P<lang>[a-z]{2,3}))?$")
PANEL_PREFIX = "panel-"  # the template's panel element, `panel-<panel>`
END_PREFIX = "end-"  # the template's end-of-panel marker, `end-<panel>`
GAP_PREFIX = "gap-"  # the gap between two languages' parts that stretch, `gap-<panel>-s<n>-<lang>`, and its `-end`
FOOT_PREFIX = "foot-"  # the template's marker of the foot of a panel's content box, `foot-<panel>`
QR_PREFIX = "qr-"  # the template's QR code image, `qr-<panel>-<key>`: its top-left corner

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


def pair_id(panel: str, key: str) -> str:
    """The id of the item `key` of a facing section on `panel`."""
    return f"pair-{panel}-{key}"


def paired_panels(items: Mapping[str, Mapping[str, str]]) -> list[tuple[str, str]]:
    """The facing pairs (`Layout.facing_pairs`) as a laid-out document's ids record them, for
    what reads a document without its layout: the panels among `items` (from `paired_items`)
    whose items share their keys, two by two in the order of their ids."""
    panels = sorted(items)
    pairs = []
    for index, first in enumerate(panels):
        for second in panels[index + 1 :]:
            if set(items[first]) & set(items[second]):
                pairs.append((first, second))
    return pairs


def paired_items(names: Iterable[str]) -> dict[str, dict[str, str]]:
    """Per panel, key → id of each item of a facing section among the ids `names`."""
    items: dict[str, dict[str, str]] = defaultdict(dict)
    for name in names:
        match = PAIR_ID.match(name)
        if match:
            items[match["panel"]][match["key"]] = name
    return dict(items)
