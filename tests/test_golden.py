"""Golden facts of the QuattroPole leaflet: boxes, fonts and the text of every panel.

The facts read back from the built PDF are compared with `tests/golden/quattropole.json`.
After a deliberate change to the content or the layout, regenerate that file with
`BROCHURE_REGEN_GOLDEN=1 pytest tests/test_golden.py` and review its diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from brochure.placement import normalize

GOLDEN = Path(__file__).parent / "golden" / "quattropole.json"
LAYOUT_FILES = ("leaflet.css.j2", "leaflet.html.j2")


def facts_of(golden) -> dict:
    return {
        "pages": [
            {
                "boxes": {name: [round(v, 1) for v in box] for name, box in page.boxes.items()},
                "fonts": sorted({font.name for font in page.fonts}),
            }
            for page in golden.facts.pages
        ],
        "panels": {
            panel.id: normalize(golden.facts.text_in(panel.page + 1, panel.x, panel.right))
            for panel in golden.layout.panels
        },
    }


def test_golden_facts(golden):
    facts = facts_of(golden)
    if os.environ.get("BROCHURE_REGEN_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(facts, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert facts == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_geometry_lives_only_in_layout_yaml(golden):
    # The templates take every panel width from layout.yaml, never as a literal.
    widths = {f"{panel.width:g}mm" for panel in golden.layout.panels} | {f"{golden.layout.sheet_width:g}mm"}
    for name in LAYOUT_FILES:
        text = (golden.layout.folder / name).read_text(encoding="utf-8").replace(" ", "")
        assert not [width for width in widths if width in text], name
