"""Fold geometry read from layout.yaml."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from brochure import ExitStatus, InputError, load_layout
from brochure.cli import main
from brochure.resources import ASSETS_DIR, LAYOUTS_DIR


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


def project_layout(project: Path) -> Path:
    folder = project / "layouts" / "trifold-roll"
    shutil.copytree(LAYOUTS_DIR / "trifold-roll", folder)
    return folder.resolve()


def test_a_project_layout_brings_its_own_font(project: Path, capsys):
    folder = project_layout(project)
    (project / "assets" / "fonts").mkdir()
    shutil.copy(ASSETS_DIR / "fonts" / "Inter-Bold.otf", project / "assets" / "fonts" / "House-Bold.otf")
    text = (folder / "layout.yaml").read_text(encoding="utf-8")
    (folder / "layout.yaml").write_text(text.replace("fonts/Inter-Bold.otf", "fonts/House-Bold.otf"), encoding="utf-8")
    paths = {font.path for font in load_layout("trifold-roll", project).fonts}
    assert project.resolve() / "assets" / "fonts" / "House-Bold.otf" in paths
    assert ASSETS_DIR / "fonts" / "Inter-Regular.otf" in paths  # the others still come from brochure's assets
    assert main(["build", str(project / "content.yaml"), "-o", str(project / "out")]) == ExitStatus.OK
    assert capsys.readouterr().out.endswith("checks: 0 errors, 0 warnings\n")


def test_a_font_file_that_does_not_exist(project: Path):
    folder = project_layout(project)
    text = (folder / "layout.yaml").read_text(encoding="utf-8")
    (folder / "layout.yaml").write_text(text.replace("fonts/Inter-Bold.otf", "fonts/Nope.otf"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_layout("trifold-roll", project)
    assert str(info.value) == (
        f"{folder / 'layout.yaml'}: invalid layout: font file not found: 'fonts/Nope.otf' "
        f"(looked in {project.resolve() / 'assets'} and {ASSETS_DIR})"
    )


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{% if %}", "{file}:1: template syntax error: Expected an expression, got 'end of statement block'"),
        ("{{ content.cities.nope }}", "{file}:1: template error: 'dict object' has no attribute 'nope'"),
        ("<p>\n{{ nope }}</p>", "{file}:2: template error: 'nope' is undefined"),
        ('{% include "sections/nope.html.j2" %}', "{file}:1: template not found: {folder}/sections/nope.html.j2"),
    ],
)
def test_a_mistake_in_a_project_template_names_its_file_and_line(project: Path, capsys, template: str, message: str):
    folder = project_layout(project)
    (folder / "sections" / "cities.html.j2").write_text(template, encoding="utf-8")
    assert main(["build", str(project / "content.yaml"), "-o", str(project / "out")]) == ExitStatus.INVALID_INPUT
    file = folder / "sections" / "cities.html.j2"
    assert capsys.readouterr().err == f"{message.format(file=file, folder=folder)}\n"


def test_a_project_layout_without_its_main_template(project: Path, capsys):
    folder = project_layout(project)
    (folder / "leaflet.html.j2").unlink()
    assert main(["build", str(project / "content.yaml"), "-o", str(project / "out")]) == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == f"{folder / 'leaflet.html.j2'}: no such template\n"
