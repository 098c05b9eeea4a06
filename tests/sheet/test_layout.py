"""Fold geometry read from layout.yaml."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from projects import add_language, edit_content, with_theme_fonts

from brochure import ExitStatus, InputError, load_content, load_layout
from brochure.commands.cli import main
from brochure.files.resources import ASSETS_DIR, BASE_TEMPLATES, LAYOUTS_DIR
from brochure.sheet.theme import load_theme


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
    assert [panel.role for panel in layout.panels] == ["flap", "back", "cover", "inside", "inside", "inside"]
    assert [panel.sections for panel in layout.panels[:3]] == [("flap",), ("back",), ("cover",)]  # by default
    assert all(panel.lang is None for panel in layout.panels)
    assert layout.reading_order[0] == "cover"
    assert all(font.path.is_file() for font in layout.fonts)


@pytest.mark.parametrize("name", ["bifold-a4", "trifold-roll", "trifold-z"])
def test_a_layout_loaded_over_a_theme_read_before_is_the_layout_loaded_alone(name: str):
    # `brochure layouts` reads the theme once for all the layouts it lists
    theme = load_theme()
    assert load_layout(name, theme=theme) == load_layout(name)
    assert load_layout(name, theme=dataclasses.replace(theme, spacing={})).theme.spacing == {}  # that theme it is


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
    with_theme_fonts(folder)
    text = (folder / "layout.yaml").read_text(encoding="utf-8")
    (folder / "layout.yaml").write_text(text.replace("Inter-Bold.otf", "House-Bold.otf"), encoding="utf-8")
    paths = {font.path for font in load_layout("trifold-roll", project).fonts}
    assert project.resolve() / "assets" / "fonts" / "House-Bold.otf" in paths
    assert ASSETS_DIR / "fonts" / "Inter-Regular.otf" in paths  # the others still come from brochure's assets
    editions = ["--only", "print,email"]  # the editions that set type (the previews show the print PDF)
    assert main(["build", str(project / "content.yaml"), "-o", str(project / "out"), *editions]) == ExitStatus.OK
    assert capsys.readouterr().out.endswith("checks: 0 errors, 0 warnings\n")


FLAP = "{id: flap, role: flap, width: 97}"
BACK = "{id: back, role: back, width: 100}"
LEFT = "{id: inside-left, role: inside, width: 100}"
MIDDLE = "{id: inside-middle, role: inside, width: 100}"
RIGHT = "{id: inside-right, role: inside, width: 97,"

# Each mistake in a layout.yaml, one at a time: (text replaced, its replacement, the one line reported).
LAYOUT_MISTAKES = [
    (FLAP, FLAP.replace("97", "96.9"), "19:7: pages[0].panels: the widths add up to 296.9 mm, not the sheet's 297 mm"),
    (MIDDLE, MIDDLE.replace("}", ", lng: fr}"), "25:55: pages[1].panels[1].lng: unknown key; did you mean 'lang'?"),
    ("fitting:", "fiting:", "49:1: fiting: unknown key; did you mean 'fitting'?"),
    (
        "reading_order:",
        "reading_ordr:",
        "4:1: reading_order: missing required key\n"
        "{file}:29:1: reading_ordr: unknown key; did you mean 'reading_order'?",
    ),
    ("sheet: {width: 297, height: 210}", "sheet: {width: 297}", "5:8: sheet.height: missing required key"),
    ("bleed: 3 ", "bleed: x ", "6:8: bleed: expected a length in mm, got a text"),
    (FLAP, FLAP.replace("97", "-97"), "19:39: pages[0].panels[0].width: must be more than 0 mm, not -97"),
    (
        "{id: cover, role: cover, width: 100",
        "{id: cover, role: cover, width: 90",
        "19:7: pages[0].panels: the widths add up to 287 mm, not the sheet's 297 mm",
    ),
    ("{id: back,", "{id: flap,", "20:14: pages[0].panels[1].id: duplicate panel id 'flap' (first at line 19)"),
    (
        "{id: back,",
        "{id: Back,",
        "20:14: pages[0].panels[1].id: not an id (lower-case letters, digits, '-' and '_', at most 64): 'Back'",
    ),
    (
        "role: flap,",
        "role: flop,",
        "19:26: pages[0].panels[0].role: expected one of cover, back, inside, flap, got 'flop'",
    ),
    ("role: flap, ", "", "19:9: pages[0].panels[0].role: missing required key"),
    ("right: 9,", "right: 3,", "10:27: margins.right: 3 mm is inside the safe margin of 4 mm"),
    ("flap, back]", "flap]", "29:16: reading_order: must name every panel once; left out: back"),
    ("flap, back]", "flap, flap]", "29:72: reading_order[5]: panel 'flap' is named twice"),
    ("flap, back]", "flap, bak]", "29:72: reading_order[5]: no panel 'bak'"),
    (
        "[cover, inside-left,",
        "[inside-left, cover,",
        "29:16: reading_order: must start with the cover, 'cover': a reader meets it first",
    ),
    ("flap, back]", "back, flap]", "29:16: reading_order: must end with the back, 'back': a reader meets it last"),
    (
        "{id: flap, role: flap,",
        "{id: flap, role: back,",
        "29:16: reading_order: the layout has 2 panels of role back; the folded leaflet has one",
    ),
    (
        "{id: cover, role: cover,",
        "{id: cover, role: inside,",
        "29:16: reading_order: the layout needs one panel of role cover, not 0",
    ),
    (
        f"{LEFT}\n      - {MIDDLE}",
        f"{LEFT[:-1]}, sections: [about]}}\n      - {MIDDLE[:-1]}, sections: [figures, about]}}",
        "25:75: pages[1].panels[1].sections[1]: section 'about' is placed by panel 'inside-left' already",
    ),
    (
        f"{MIDDLE}\n      - {RIGHT}",
        f"{MIDDLE[:-1]}, sections: [goals], lang: fr}}\n      - {RIGHT} sections: [goals], lang: fr,",
        "26:64: pages[1].panels[2].sections[0]: section 'goals' is placed in 'fr' by panel 'inside-middle' already",
    ),
    (
        f"{MIDDLE}\n      - {RIGHT}",
        f"{MIDDLE[:-1]}, sections: [goals], lang: fr}}\n      - {RIGHT} sections: [goals],",
        "26:64: pages[1].panels[2].sections[0]: section 'goals' is placed by panel 'inside-middle' already",
    ),
    (
        MIDDLE,
        MIDDLE.replace("}", ", lang: French}"),
        "25:61: pages[1].panels[1].lang: not a language code (two or three lower-case letters, e.g. fr): 'French'",
    ),
    (
        MIDDLE,
        MIDDLE.replace("}", ", sections: [Fields]}"),
        "25:66: pages[1].panels[1].sections[0]: not a section name (lower-case letters, digits, '-' and '_', "
        "at most 64): 'Fields'",
    ),
    ("name: trifold-roll ", "name: trifold ", "4:7: name: 'trifold' is not the name of its folder, 'trifold-roll'"),
    (
        "{min_word: 9,",
        "{min_word: 0,",
        "43:25: hyphenation.min_word: expected a whole number from 2 to 40, got 0",
    ),
    ("zone: 6}", "zone: wide}", "43:55: hyphenation.zone: expected a length in mm, got a text"),
    (
        "margins: {left: 7.5,",
        "margins: {left: 3,",
        "26:69: pages[1].panels[2].margins.left: 3 mm is inside the safe margin of 4 mm",
    ),
    (
        "margins: {left: 7.5,",
        "margins: {top: 20, left: 7.5,",
        "26:63: pages[1].panels[2].margins.top: unknown key; the keys here are left, right",
    ),
    (
        "{leading: 95%,",
        "{leading: 120%,",
        "49:20: fitting.leading: 120 % is out of range (80 % to 100 %)",
    ),
    (
        "tracking: -1%}",
        "tracking: -1}",
        "49:35: fitting.tracking: not a percentage: -1 (write it as e.g. -1%)",
    ),
    (
        "bleeds: [panel__bleed, panel__art]",
        "bleeds: [panel__bleed, 2nd-art]",
        "38:24: bleeds[1]: not a CSS class name (a letter, _ or - first, then letters, digits, _ or -): '2nd-art'",
    ),
    ("bleeds: [panel__bleed, panel__art]", "bleeds: panel__bleed", "38:9: bleeds: expected a list, got a text"),
    (
        RIGHT,
        RIGHT + " fitting: {leading: 95%, tracking: 2%},",
        "26:87: pages[1].panels[2].fitting.tracking: 2 % is out of range (-5 % to 0 %)",
    ),
]


# The same for the fonts a layout's theme gives.
FONT_MISTAKES = [
    (
        "weight: 600",
        "weight: 650",
        "62:31: theme.fonts[2].weight: expected one of 100, 200, 300, 400, 500, 600, 700, 800, 900, got 650",
    ),
    (
        "style: italic, file: fonts/Inter-Italic.otf",
        "style: oblique, file: fonts/Inter-Italic.otf",
        "61:43: theme.fonts[1].style: expected one of normal, italic, got 'oblique'",
    ),
    (
        "fonts/Inter-Bold.otf",
        "../fonts/Inter-Bold.otf",
        "63:57: theme.fonts[3].file: '../fonts/Inter-Bold.otf' is outside the assets folder",
    ),
]


def reported(project: Path, capsys, old: str, new: str, fonts: bool = False) -> tuple[str, Path]:
    """What a build says on stderr with `old` replaced by `new` in the project's own layout.yaml
    (its theme's fonts written out first if `fonts`), and the file's path."""
    folder = project_layout(project)
    if fonts:
        with_theme_fonts(folder)
    text = (folder / "layout.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    (folder / "layout.yaml").write_text(text.replace(old, new), encoding="utf-8")
    assert main(["build", str(project / "content.yaml"), "-o", str(project / "out")]) == ExitStatus.INVALID_INPUT
    assert not (project / "out").exists()
    return capsys.readouterr().err, folder / "layout.yaml"


@pytest.mark.parametrize(("old", "new", "line"), LAYOUT_MISTAKES, ids=[mistake[1] for mistake in LAYOUT_MISTAKES])
def test_a_mistake_in_layout_yaml_is_one_line_naming_where(project: Path, capsys, old: str, new: str, line: str):
    err, file = reported(project, capsys, old, new)
    assert err == f"{file}:{line.format(file=file)}\n"


@pytest.mark.parametrize(("old", "new", "line"), FONT_MISTAKES, ids=[mistake[1] for mistake in FONT_MISTAKES])
def test_a_mistake_in_a_layouts_fonts_is_one_line_naming_where(project: Path, capsys, old: str, new: str, line: str):
    err, file = reported(project, capsys, old, new, fonts=True)
    assert err == f"{file}:{line}\n"


def test_a_layout_without_reading_order_is_refused(project: Path):
    folder = project_layout(project)
    text = (folder / "layout.yaml").read_text(encoding="utf-8")
    (folder / "layout.yaml").write_text(text.replace("reading_order:", "# reading_order:"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_layout("trifold-roll", project)
    assert str(info.value) == f"{folder / 'layout.yaml'}:4:1: reading_order: missing required key"


def test_every_layout_mistake_is_reported_at_once(project: Path):
    folder = project_layout(project)
    text = (folder / "layout.yaml").read_text(encoding="utf-8")
    (folder / "layout.yaml").write_text(text.replace("role: flap,", "role: flop,").replace("right: 9,", "right: 3,"))
    with pytest.raises(InputError) as info:
        load_layout("trifold-roll", project)
    assert [line.split(": ")[1] for line in str(info.value).splitlines()] == [
        "margins.right",
        "pages[0].panels[0].role",
    ]


def test_a_layout_that_is_no_mapping(project: Path):
    folder = project_layout(project)
    (folder / "layout.yaml").write_text("- a list\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"layout.yaml:1:1: the layout must be a mapping of sections$"):
        load_layout("trifold-roll", project)


def facing_layout(project: Path) -> Path:
    """The project with its own trifold-roll, whose two inside panels on the right face each other:
    the fields of action in French, then in German; the content places the other panels only."""
    folder = project_layout(project)
    text = (folder / "layout.yaml").read_text(encoding="utf-8")
    for panel, lang in (("inside-middle", "fr"), ("inside-right", "de")):
        old = f"{{id: {panel}, role: inside,"
        text = text.replace(old, f"{old} sections: [fields_of_action], lang: {lang},")
    (folder / "layout.yaml").write_text(text, encoding="utf-8")
    edit_content(project, lambda data: [data["panels"].pop(panel) for panel in ("inside-middle", "inside-right")])
    return folder


def test_a_layout_may_place_sections_facing_in_two_languages(project: Path):
    facing_layout(project)
    layout = load_content(project / "content.yaml").layout
    assert [(panel.sections, panel.lang) for panel in layout.panels[4:]] == [
        (("fields_of_action",), "fr"),
        (("fields_of_action",), "de"),
    ]
    assert [(left.id, right.id) for left, right in layout.facing_pairs()] == [("inside-middle", "inside-right")]


def test_sections_a_layout_splits_must_print_every_language_of_the_content(project: Path, capsys):
    facing_layout(project)

    edit_content(project, lambda data: add_language(data, "en", like="fr"))
    content = project / "content.yaml"
    assert main(["build", str(content), "-o", str(project / "out")]) == ExitStatus.INVALID_INPUT
    line = content.read_text(encoding="utf-8").splitlines().index("layout: trifold-roll") + 1
    assert capsys.readouterr().err.splitlines() == [
        f"{content}:{line}:9: layout: section 'fields_of_action' is printed one language a panel, "
        "but by no panel in 'en'"
    ]


def test_a_section_the_layout_places_must_be_in_the_content(project: Path, capsys):
    folder = project_layout(project)
    text = (folder / "layout.yaml").read_text(encoding="utf-8")
    (folder / "layout.yaml").write_text(text.replace(FLAP, FLAP.replace("}", ", sections: [citys]}")), "utf-8")
    edit_content(project, lambda data: data["panels"].pop("flap"))
    content = project / "content.yaml"
    assert main(["build", str(content), "-o", str(project / "out")]) == ExitStatus.INVALID_INPUT
    lines = content.read_text(encoding="utf-8").splitlines()
    assert capsys.readouterr().err.splitlines() == [
        f"{content}:{lines.index('layout: trifold-roll') + 1}:9: layout: panel 'flap' of layout 'trifold-roll' "
        "places section 'citys', which `sections` lacks; did you mean 'cities'?",
        f"{content}:{lines.index('  cities:') + 1}:3: sections.cities: no panel prints this section; "
        "name it in `panels` (the panels are flap, back, cover, inside-left, inside-middle, inside-right)",
    ]


def test_a_font_file_that_does_not_exist(project: Path):
    folder = project_layout(project)
    with_theme_fonts(folder)
    text = (folder / "layout.yaml").read_text(encoding="utf-8")
    (folder / "layout.yaml").write_text(text.replace("fonts/Inter-Bold.otf", "fonts/Nope.otf"), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_layout("trifold-roll", project)
    assert str(info.value) == (
        f"{folder / 'layout.yaml'}:63:57: theme.fonts[3].file: font file not found: 'fonts/Nope.otf' "
        f"(looked in {project.resolve() / 'assets'} and {ASSETS_DIR})"
    )


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{% if %}", "{file}:1: template syntax error: Expected an expression, got 'end of statement block'"),
        ("{{ content.sections.cities.nope }}", "{file}:1: template error: 'dict object' has no attribute 'nope'"),
        ("<p>\n{{ nope }}</p>", "{file}:2: template error: 'nope' is undefined"),
        ('{% include "blocks/nope.html.j2" %}', "{file}:1: template not found: {folder}/blocks/nope.html.j2"),
    ],
)
def test_a_mistake_in_a_project_template_names_its_file_and_line(project: Path, capsys, template: str, message: str):
    folder = project_layout(project)
    (folder / "blocks" / "links.html.j2").write_text(template, encoding="utf-8")
    assert main(["build", str(project / "content.yaml"), "-o", str(project / "out")]) == ExitStatus.INVALID_INPUT
    file = folder / "blocks" / "links.html.j2"
    assert capsys.readouterr().err == f"{message.format(file=file, folder=folder)}\n"


def test_a_project_layout_of_a_layout_yaml_and_one_block_template_uses_the_shared_others(project: Path, capsys):
    # A layout.yaml of its own (another bottom margin) and one block template overridden: the leaflet's and
    # the other blocks' templates are still the shared ones, and the leaflet builds with them.
    folder = project / "layouts" / "trifold-roll"
    (folder / "blocks").mkdir(parents=True)
    text = (LAYOUTS_DIR / "trifold-roll" / "layout.yaml").read_text(encoding="utf-8")
    (folder / "layout.yaml").write_text(text.replace("bottom: 12,", "bottom: 13,"), encoding="utf-8")
    shared = (BASE_TEMPLATES / "blocks" / "text.html.j2").read_text(encoding="utf-8")
    assert shared.count('class="text ') == 1
    (folder / "blocks" / "text.html.j2").write_text(shared.replace('class="text ', 'class="text house-style '), "utf-8")
    assert main(["build", str(project / "content.yaml"), "-o", str(project / "out"), "--only", "print"]) == 0
    assert "checks: 0 errors" in capsys.readouterr().out
    from brochure.html.templating import render_html

    content = load_content(project / "content.yaml")
    assert content.layout.margins.bottom == 13  # the project's layout.yaml, not the built-in one
    html = render_html(content, content.layout, None)
    assert html.count('class="text house-style ') == 8  # each of the four text blocks in each language
    assert 'class="list' in html  # the other blocks' templates are still the shared ones


def test_a_template_edited_between_renders_is_compiled_again(project: Path):
    from brochure.html.templating import render_html

    folder = project / "layouts" / "trifold-roll"
    (folder / "blocks").mkdir(parents=True)
    shutil.copy(LAYOUTS_DIR / "trifold-roll" / "layout.yaml", folder / "layout.yaml")
    template = folder / "blocks" / "text.html.j2"
    shared = (BASE_TEMPLATES / "blocks" / "text.html.j2").read_text(encoding="utf-8")
    content = load_content(project / "content.yaml")
    for style in ("first-style", "second-style"):  # as a watch renders after each save
        template.write_text(shared.replace('class="text ', f'class="text {style} '), "utf-8")
        assert f'class="text {style} ' in render_html(content, content.layout, None)


def test_reading_content_and_layouts_needs_no_weasyprint():
    code = (
        "import sys\n"
        "import brochure.content, brochure.sheet.layout\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in ('weasyprint', 'jinja2', 'pypdf')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"
