"""Fold geometry read from layout.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brochure import InputError, load_layout
from brochure.resources import LAYOUTS_DIR


def test_trifold_roll_geometry():
    layout = load_layout("trifold-roll")
    assert (layout.sheet_width, layout.sheet_height, layout.bleed, layout.safe_margin) == (297, 210, 3, 4)
    assert [(p.id, p.x, p.width) for p in layout.pages[0]] == [("flap", 0, 97), ("back", 97, 100), ("cover", 197, 100)]
    assert [(p.id, p.x, p.width) for p in layout.pages[1]] == [
        ("inside-left", 0, 100),
        ("inside-middle", 100, 100),
        ("inside-right", 200, 97),
    ]
    assert layout.folds(0) == (97, 197)
    assert layout.folds(1) == (100, 200)
    assert layout.reading_order[0] == "cover"
    assert all(font.path.is_file() for font in layout.fonts)


def test_project_layout_overrides_builtin(tmp_path: Path):
    shutil.copytree(LAYOUTS_DIR / "trifold-roll", tmp_path / "layouts" / "trifold-roll")
    layout = load_layout("trifold-roll", tmp_path)
    assert layout.folder == tmp_path / "layouts" / "trifold-roll"


def test_panels_must_fill_the_sheet(tmp_path: Path):
    folder = tmp_path / "layouts" / "trifold-roll"
    shutil.copytree(LAYOUTS_DIR / "trifold-roll", folder)
    text = (folder / "layout.yaml").read_text().replace("{id: cover, width: 100", "{id: cover, width: 90")
    (folder / "layout.yaml").write_text(text)
    with pytest.raises(InputError, match="panels of page 'outside' add up to 287 mm, not the sheet's 297 mm"):
        load_layout("trifold-roll", tmp_path)


@pytest.mark.parametrize("name", ["../etc", "Trifold", "", "a/b"])
def test_layout_names_are_plain(name):
    with pytest.raises(InputError, match="not a layout name"):
        load_layout(name)


def test_unknown_layout_lists_known_ones():
    with pytest.raises(InputError, match="layout 'z-fold': not found; known layouts: trifold-roll"):
        load_layout("z-fold")
