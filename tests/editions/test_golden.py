"""Golden facts of the QuattroPole leaflet: boxes, fonts, the text of every panel and where it lies.

The facts read back from the built PDF are compared with `tests/editions/golden/quattropole.json`.
After a deliberate change to the content or the layout, regenerate that file with
`BROCHURE_REGEN_GOLDEN=1 pytest tests/editions/test_golden.py` and review its diff.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from brochure.html.templating import template_folders
from brochure.preflight.placement import normalize

GOLDEN = Path(__file__).parent / "golden" / "quattropole.json"


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
        "positions": {panel.id: positions_of(golden, panel) for panel in golden.layout.panels},
    }


def positions_of(golden, panel) -> dict:
    """Where a panel's markers lie and the box its glyphs fill, in mm rounded to 0.1."""
    glyphs = [g for g in golden.facts.pages[panel.page].glyphs if panel.x <= g.cx < panel.right]
    box = (min(g.x0 for g in glyphs), min(g.y0 for g in glyphs), max(g.x1 for g in glyphs), max(g.y1 for g in glyphs))
    return {
        "start": [round(v, 1) for v in golden.facts.destinations[f"panel-{panel.id}"]],
        "end": [round(v, 1) for v in golden.facts.destinations[f"end-{panel.id}"]],
        "glyphs": [round(v, 1) for v in box],
    }


def test_golden_facts(golden):
    facts = facts_of(golden)
    if os.environ.get("BROCHURE_REGEN_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(facts, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        # Never a pass: a run that wrote the expectation compared nothing.
        pytest.fail(
            f"wrote {GOLDEN.name}; review `git diff tests/editions/golden` and run again without BROCHURE_REGEN_GOLDEN"
        )
    assert facts == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_geometry_lives_only_in_layout_yaml(golden):
    # No template (stylesheet, page, section or macro) writes a panel width or a sheet size as a
    # literal, not even inside a Jinja expression: `{{ 97 }}mm` is as fixed as `97mm`.
    layout = golden.layout
    sizes = {panel.width for panel in layout.panels} | {layout.sheet_width, layout.sheet_height}
    literal = re.compile(rf"(?<![\d.])({'|'.join(f'{size:g}' for size in sizes)})(?:\.0*)?mm")
    templates = sorted(path for folder in template_folders(layout) for path in folder.rglob("*.j2"))
    assert len(templates) > 8
    for template in templates:
        text = re.sub(r"\s+|\{\{|\}\}", "", template.read_text(encoding="utf-8"))
        assert not literal.findall(text), template
