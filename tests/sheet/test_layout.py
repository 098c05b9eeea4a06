"""Fold geometry read from layout.yaml."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from brochure import ExitStatus, InputError, load_layout
from brochure.commands.cli import main
from brochure.files.resources import ASSETS_DIR, BASE_TEMPLATES, LAYOUTS_DIR


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
    shutil.copytree(
        BASE_TEMPLATES, tmp_path / "layouts" / "trifold-roll", dirs_exist_ok=True
    )  # the shared templates, to edit
    layout = load_layout("trifold-roll", tmp_path)
    assert layout.folder == tmp_path / "layouts" / "trifold-roll"


@pytest.mark.parametrize("name", ["../etc", "Trifold", "", "a/b"])
def test_layout_names_are_plain(name):
    with pytest.raises(InputError, match="not a layout name"):
        load_layout(name)


def test_unknown_layout_lists_known_ones():
    with pytest.raises(
        InputError, match="layout 'z-fold': not found; known layouts: bifold-a4, trifold-roll, trifold-z"
    ):
        load_layout("z-fold")


def project_layout(project: Path) -> Path:
    folder = project / "layouts" / "trifold-roll"
    shutil.copytree(LAYOUTS_DIR / "trifold-roll", folder)
    shutil.copytree(BASE_TEMPLATES, folder, dirs_exist_ok=True)  # the shared templates, to edit
    return folder.resolve()


def test_a_project_layout_brings_its_own_font(project: Path, capsys):
    folder = project_layout(project)
    (project / "assets" / "fonts").mkdir()
    shutil.copy(ASSETS_DIR / "fonts" / "Inter-Bold.otf", project / "assets" / "fonts" / "House-Bold.otf")
    theme = (BASE_TEMPLATES / "theme.yaml").read_text(encoding="utf-8")
    fonts = [line for line in theme.splitlines() if line.startswith("  - {family:")]  # the theme's, in its own words
    with (folder / "layout.yaml").open("a", encoding="utf-8") as file:
        file.write(
            "theme:\n  fonts:\n" + "\n".join("  " + line for line in fonts).replace("Inter-Bold.otf", "House-Bold.otf")
        )
    paths = {font.path for font in load_layout("trifold-roll", project).fonts}
    assert project.resolve() / "assets" / "fonts" / "House-Bold.otf" in paths
    assert ASSETS_DIR / "fonts" / "Inter-Regular.otf" in paths  # the others still come from brochure's assets
    assert main(["build", str(project / "content.yaml"), "-o", str(project / "out")]) == ExitStatus.OK
    assert capsys.readouterr().out.endswith("checks: 0 errors, 0 warnings\n")


# Each mistake in a layout.yaml, one at a time: (text replaced, its replacement, the one line reported).
LAYOUT_MISTAKES = [
    (
        "{id: flap, width: 97,",
        "{id: flap, width: 96.9,",
        "18:7: pages[0].panels: the widths add up to 296.9 mm, not the sheet's 297 mm",
    ),
    ("lang: fr}", "lng: fr}", "24:71: pages[1].panels[1].lng: unknown key; did you mean 'lang'?"),
    ("reading_order:", "reading_ordr:", "28:1: reading_ordr: unknown key; did you mean 'reading_order'?"),
    ("sheet: {width: 297, height: 210}", "sheet: {width: 297}", "5:8: sheet.height: missing required key"),
    ("bleed: 3 ", "bleed: x ", "6:8: bleed: expected a length in mm, got a text"),
    (
        "width: 97, sections: [cities]",
        "width: -97, sections: [cities]",
        "18:27: pages[0].panels[0].width: must be more than 0 mm, not -97",
    ),
    (
        "{id: cover, width: 100",
        "{id: cover, width: 90",
        "18:7: pages[0].panels: the widths add up to 287 mm, not the sheet's 297 mm",
    ),
    ("{id: back,", "{id: flap,", "19:14: pages[0].panels[1].id: duplicate panel id 'flap' (first at line 18)"),
    (
        "{id: back,",
        "{id: Back,",
        "19:14: pages[0].panels[1].id: not an id (lower-case letters, digits, '-' and '_', at most 64): 'Back'",
    ),
    ("right: 9,", "right: 3,", "10:27: margins.right: 3 mm is inside the safe margin of 4 mm"),
    ("flap, back]", "flap]", "28:16: reading_order: must name every panel once; left out: back"),
    ("flap, back]", "flap, flap]", "28:72: reading_order[5]: panel 'flap' is named twice"),
    ("flap, back]", "flap, bak]", "28:72: reading_order[5]: no panel 'bak'"),
    (
        "[contact, credits]",
        "[contact]",
        "16:3: pages: section 'credits' is placed by no panel; add it to a panel's sections",
    ),
    (
        "[cities]",
        "[cities, credits]",
        "19:52: pages[0].panels[1].sections[1]: section 'credits' is placed by panel 'flap' already",
    ),
    (
        "[about]}",
        "[about, cover]}",
        "23:57: pages[1].panels[0].sections[1]: section 'cover' is placed by panel 'cover' already",
    ),
    (
        "lang: de}",
        "lang: fr}",
        "25:84: pages[1].panels[2].sections[0]: "
        "section 'fields_of_action' is placed in 'fr' by panel 'inside-middle' already",
    ),
    (
        "lang: de}",
        "}",
        "25:84: pages[1].panels[2].sections[0]: section 'fields_of_action' is placed by panel 'inside-middle' already",
    ),
    (
        "[cities]",
        "[citys]",
        "18:42: pages[0].panels[0].sections[0]: no content section 'citys'; did you mean 'cities'?",
    ),
    (
        "lang: fr}",
        "lang: French}",
        "24:77: pages[1].panels[1].lang: not a language code (two or three lower-case letters, e.g. fr): 'French'",
    ),
    (
        "weight: 600",
        "weight: 650",
        "34:29: fonts[2].weight: expected one of 100, 200, 300, 400, 500, 600, 700, 800, 900, got 650",
    ),
    (
        "style: italic, file: fonts/Inter-Italic.otf",
        "style: oblique, file: fonts/Inter-Italic.otf",
        "33:41: fonts[1].style: expected one of normal, italic, got 'oblique'",
    ),
    (
        "fonts/Inter-Bold.otf",
        "../fonts/Inter-Bold.otf",
        "35:55: fonts[3].file: '../fonts/Inter-Bold.otf' is outside the assets folder",
    ),
    ("name: trifold-roll ", "name: trifold ", "4:7: name: 'trifold' is not the name of its folder, 'trifold-roll'"),
    (
        "{min_word: 9,",
        "{min_word: 0,",
        "66:25: hyphenation.min_word: expected a whole number from 2 to 40, got 0",
    ),
    ("zone: 6}", "zone: wide}", "66:55: hyphenation.zone: expected a length in mm, got a text"),
    (
        "margins: {left: 7.5,",
        "margins: {left: 3,",
        "25:55: pages[1].panels[2].margins.left: 3 mm is inside the safe margin of 4 mm",
    ),
    (
        "margins: {left: 7.5,",
        "margins: {top: 20, left: 7.5,",
        "25:49: pages[1].panels[2].margins.top: unknown key; the keys here are left, right",
    ),
    (
        "{leading: 95%,",
        "{leading: 120%,",
        "72:20: fitting.leading: 120 % is out of range (80 % to 100 %)",
    ),
    (
        "tracking: -1%}",
        "tracking: -1}",
        "72:35: fitting.tracking: not a percentage: -1 (write it as e.g. -1%)",
    ),
    (
        "bleeds: [panel__bleed, panel__art]",
        "bleeds: [panel__bleed, 2nd-art]",
        "61:24: bleeds[1]: not a CSS class name (a letter, _ or - first, then letters, digits, _ or -): '2nd-art'",
    ),
    ("bleeds: [panel__bleed, panel__art]", "bleeds: panel__bleed", "61:9: bleeds: expected a list, got a text"),
    (
        "lang: de}",
        "lang: de, fitting: {leading: 95%, tracking: 2%}}",
        "25:147: pages[1].panels[2].fitting.tracking: 2 % is out of range (-5 % to 0 %)",
    ),
]


@pytest.mark.parametrize(("old", "new", "line"), LAYOUT_MISTAKES, ids=[mistake[1] for mistake in LAYOUT_MISTAKES])
def test_a_mistake_in_layout_yaml_is_one_line_naming_where(project: Path, capsys, old: str, new: str, line: str):
    folder = project_layout(project)
    text = (folder / "layout.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    (folder / "layout.yaml").write_text(text.replace(old, new), encoding="utf-8")
    assert main(["build", str(project / "content.yaml"), "-o", str(project / "out")]) == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == f"{folder / 'layout.yaml'}:{line}\n"
    assert not (project / "out").exists()


def test_reading_order_defaults_to_the_order_of_the_pages(project: Path):
    folder = project_layout(project)
    text = (folder / "layout.yaml").read_text(encoding="utf-8")
    (folder / "layout.yaml").write_text(text.replace("reading_order:", "# reading_order:"), encoding="utf-8")
    layout = load_layout("trifold-roll", project)
    assert layout.reading_order == tuple(panel.id for panel in layout.panels)
    assert layout.reading_order[:3] == ("flap", "back", "cover")


def test_every_layout_mistake_is_reported_at_once(project: Path):
    folder = project_layout(project)
    text = (folder / "layout.yaml").read_text(encoding="utf-8")
    (folder / "layout.yaml").write_text(text.replace("lang: fr}", "lng: fr}").replace("right: 9,", "right: 3,"))
    with pytest.raises(InputError) as info:
        load_layout("trifold-roll", project)
    assert [line.split(": ")[1] for line in str(info.value).splitlines()] == [
        "margins.right",
        "pages[1].panels[1].lng",
    ]


def test_a_layout_that_is_no_mapping(project: Path):
    folder = project_layout(project)
    (folder / "layout.yaml").write_text("- a list\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"layout.yaml:1:1: the layout must be a mapping of sections$"):
        load_layout("trifold-roll", project)


def test_split_sections_must_print_every_language_of_the_content(project: Path, capsys):
    content = project / "content.yaml"
    text = content.read_text(encoding="utf-8")
    assert text.count("languages: [fr, de]") == 1
    content.write_text(text.replace("languages: [fr, de]", "languages: [fr, de, en]"), encoding="utf-8")
    assert main(["build", str(content), "-o", str(project / "out")]) == ExitStatus.INVALID_INPUT
    first = capsys.readouterr().err.splitlines()[0]
    assert first.endswith(
        "languages: the layout 'trifold-roll' prints fields_of_action only in fr, de: 'en' would be left out"
    )


def test_a_font_file_that_does_not_exist(project: Path):
    folder = project_layout(project)
    text = (folder / "layout.yaml").read_text(encoding="utf-8")
    (folder / "layout.yaml").write_text(text.replace("fonts/Inter-Bold.otf", "fonts/Nope.otf"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_layout("trifold-roll", project)
    assert str(info.value) == (
        f"{folder / 'layout.yaml'}:35:55: fonts[3].file: font file not found: 'fonts/Nope.otf' "
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


def test_a_project_layout_of_only_a_layout_yaml_uses_the_shared_templates(project: Path, capsys):
    folder = project / "layouts" / "trifold-roll"
    folder.mkdir(parents=True)
    text = (LAYOUTS_DIR / "trifold-roll" / "layout.yaml").read_text(encoding="utf-8")
    (folder / "layout.yaml").write_text(text.replace("bottom: 12,", "bottom: 13,"), encoding="utf-8")
    assert main(["build", str(project / "content.yaml"), "-o", str(project / "out"), "--only", "print"]) == 0
    assert "checks: 0 errors" in capsys.readouterr().out


def test_a_shared_template_can_be_overridden_one_file_at_a_time(project: Path, capsys):
    folder = project / "layouts" / "trifold-roll"
    (folder / "sections").mkdir(parents=True)
    shutil.copy(LAYOUTS_DIR / "trifold-roll" / "layout.yaml", folder / "layout.yaml")
    shared = (BASE_TEMPLATES / "sections" / "credits.html.j2").read_text(encoding="utf-8")
    (folder / "sections" / "credits.html.j2").write_text(
        shared.replace('class="credits"', 'class="credits house-style"'), "utf-8"
    )
    assert main(["build", str(project / "content.yaml"), "-o", str(project / "out"), "--only", "print"]) == 0
    from brochure import load_content
    from brochure.html.templating import render_html

    content = load_content(project / "content.yaml")
    assert 'class="credits house-style"' in render_html(content, content.layout, None)


def test_a_template_edited_between_renders_is_compiled_again(project: Path):
    from brochure import load_content
    from brochure.html.templating import render_html

    folder = project / "layouts" / "trifold-roll"
    (folder / "sections").mkdir(parents=True)
    shutil.copy(LAYOUTS_DIR / "trifold-roll" / "layout.yaml", folder / "layout.yaml")
    template = folder / "sections" / "credits.html.j2"
    shared = (BASE_TEMPLATES / "sections" / "credits.html.j2").read_text(encoding="utf-8")
    content = load_content(project / "content.yaml")
    for style in ("first-style", "second-style"):  # as a watch renders after each save
        template.write_text(shared.replace('class="credits"', f'class="credits {style}"'), "utf-8")
        assert f'class="credits {style}"' in render_html(content, content.layout, None)


def test_reading_content_and_layouts_needs_no_weasyprint():
    code = (
        "import sys\n"
        "import brochure.content, brochure.sheet.layout\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in ('weasyprint', 'jinja2', 'pypdf')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"
