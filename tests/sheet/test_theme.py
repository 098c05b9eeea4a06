"""The theme: brochure's own in layouts/_base/theme.yaml, a layout's and a content's `theme:` over it,
their mistakes as FILE:LINE:COL lines, and what a change does to the printed PDF."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from projects import edit_content

from brochure import load_content, load_layout
from brochure.commands.build import document_date
from brochure.editions.printed import press_pdf
from brochure.errors import InputError
from brochure.files.resources import ASSETS_DIR, LAYOUTS_DIR
from brochure.files.yamlfile import read_yaml
from brochure.preflight import CheckContext
from brochure.preflight.colours import colour_uses
from brochure.preflight.pdffacts import read_pdf
from brochure.schema.theme import THEME, validate_theme
from brochure.sheet.colour import layout_colours
from brochure.sheet.theme import THEME_FILE, custom_properties

BUILT_IN = yaml.safe_load(THEME_FILE.read_text(encoding="utf-8"))


def with_theme(project: Path, theme: dict) -> Path:
    edit_content(project, lambda data: data.update(theme=theme))
    return project / "content.yaml"


def problems(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_content(path)
    return [line.split(": ", 1)[1] for line in str(caught.value).splitlines()]


# brochure's theme, and a layout's over it


def test_every_layout_takes_the_built_in_theme():
    for name in ("trifold-roll", "trifold-z", "bifold-a4"):
        layout = load_layout(name)
        assert dict(layout.palette) == {key: tuple(map(float, cmyk)) for key, cmyk in BUILT_IN["palette"].items()}
        assert [font.file for font in layout.fonts] == [font["file"] for font in BUILT_IN["fonts"]]
        assert layout.theme.scale["body"] == 8.4
        assert layout.theme.roles["stripes"] == ("raspberry", "teal", "orange", "gold")


def test_the_built_in_theme_gives_every_key_the_schema_declares():
    for section, declared in THEME.declared.items():
        assert section in BUILT_IN
        if hasattr(declared, "declared"):
            assert sorted(BUILT_IN[section]) == sorted(declared.declared), section


def test_a_theme_file_without_a_key_is_refused(tmp_path: Path):
    text = THEME_FILE.read_text(encoding="utf-8")
    path = tmp_path / "theme.yaml"
    path.write_text(text.replace("  body: 8.4 ", "  bodyy: 8.4 "), encoding="utf-8")
    root, values = read_yaml(path, "theme")
    _, ctx = validate_theme(root, values, None)
    assert [(p.path, p.message) for p in ctx.problems] == [
        ("scale.bodyy", "unknown key; did you mean 'body'?"),
        ("scale.body", "missing required key"),
    ]


def test_the_theme_becomes_the_stylesheet_custom_properties():
    layout = load_layout()
    properties = custom_properties(layout.theme, {name: f"c-{name}" for name in layout.palette})
    assert properties["navy"] == "c-navy"
    assert properties["colour-accent-2"] == "c-teal"
    assert properties["colour-second-text"] == "c-slate"
    assert [properties[f"colour-stripe-{n}"] for n in (1, 2, 3, 4)] == ["c-raspberry", "c-teal", "c-orange", "c-gold"]
    assert properties["size-heading-1"] == "29pt"
    assert properties["size-body"] == "8.4pt"
    assert properties["space-rule-weight"] == "0.3mm"
    # The colour text of each role is set in: the text build's, where the colours give one.
    colours = {name: f"c-{name}" for name in layout.palette} | {f"text-{name}": f"t-{name}" for name in layout.palette}
    texts = custom_properties(layout.theme, colours)
    assert (texts["colour-label"], texts["text-colour-label"], texts["text-navy"]) == ("c-navy", "t-navy", "t-navy")


def test_rules_print_in_the_themes_builds_and_screens_show_the_palette():
    layout = load_layout()
    printed, screen = layout_colours(layout, cmyk=True), layout_colours(layout, cmyk=False)
    assert printed["rule-navy"] == printed["text-navy"] == "device-cmyk(1 0.88 0 0)"  # one build for both
    assert printed["rule-rule"] == printed["rule"]  # two inks already
    assert printed["rule-ink"] == "device-cmyk(0 0 0 1)"
    assert screen["rule-navy"] == screen["navy"]
    properties = custom_properties(layout.theme, printed)
    assert properties["rule-colour-accent-1"] == properties["rule-colour-label"] == "device-cmyk(1 0.88 0 0)"
    # a palette colour of three inks with no build of its own: the nearest build of two inks
    plum = layout.themed({"palette": {"navy": [60, 90, 0, 40]}})
    inks = re.fullmatch(r"device-cmyk\((.*)\)", layout_colours(plum, cmyk=True)["rule-navy"])[1].split()
    assert sum(float(ink) > 0 for ink in inks) == 2


def test_text_builds_follow_their_palette_colour():
    theme = load_layout().theme
    assert theme.text_builds["navy"] == (100, 88, 0, 0)
    assert "navy" not in theme.over({"palette": {"navy": [10, 20, 30, 40]}}).text_builds  # a build of the old navy
    changed = theme.over({"palette": {"navy": [10, 20, 30, 40]}, "text_builds": {"navy": [0, 0, 30, 40]}})
    assert changed.text_builds["navy"] == (0, 0, 30, 40)
    assert theme.over({"palette": {"sky": [50, 0, 0, 0]}}).text_builds == theme.text_builds


def test_a_layout_theme_changes_only_what_it_names(tmp_path: Path):
    folder = tmp_path / "layouts" / "trifold-roll"
    shutil.copytree(LAYOUTS_DIR / "trifold-roll", folder)
    with (folder / "layout.yaml").open("a", encoding="utf-8") as file:
        file.write("theme:\n  palette: {navy: [100, 50, 0, 40], moss: [40, 0, 90, 30]}\n")
        file.write("  roles: {accent_3: moss}\n  scale: {body: 9}\n  spacing: {block: 4}\n")
    layout = load_layout("trifold-roll", tmp_path)
    assert layout.palette["navy"] == (100, 50, 0, 40)
    assert layout.palette["teal"] == (76, 0, 33, 32)
    assert layout.theme.roles["accent_3"] == "moss"
    assert layout.theme.roles["accent_1"] == "navy"
    assert (layout.theme.scale["body"], layout.theme.scale["lead"]) == (9, 11)
    assert (layout.theme.spacing["block"], layout.theme.spacing["translation"]) == (4, 3)


def test_a_layout_theme_names_its_mistakes_in_layout_yaml(tmp_path: Path):
    folder = tmp_path / "layouts" / "trifold-roll"
    shutil.copytree(LAYOUTS_DIR / "trifold-roll", folder)
    with (folder / "layout.yaml").open("a", encoding="utf-8") as file:
        file.write("theme:\n  roles: {rule: rulle}\n")
    with pytest.raises(InputError) as caught:
        load_layout("trifold-roll", tmp_path)
    assert re.fullmatch(
        r".*layout\.yaml:\d+:\d+: theme\.roles\.rule: no palette colour 'rulle'; did you mean 'rule'\?",
        str(caught.value),
    )


# A content's theme


def test_the_content_theme_is_merged_into_its_layout_once(project: Path):
    fonts = project / "assets" / "fonts"
    fonts.mkdir()
    shutil.copy(ASSETS_DIR / "fonts" / "Inter-Bold.otf", fonts / "House-Bold.otf")
    theme = {
        "palette": {"navy": [10, 20, 30, 40], "moss": [40, 0, 90, 30]},
        "roles": {"label": "moss"},
        "fonts": [{"family": "House Sans", "weight": 700, "file": "fonts/House-Bold.otf"}],
        "scale": {"heading_1": 20},
        "spacing": {"block": 4},
    }
    content = load_content(with_theme(project, theme))
    layout = content.layout
    assert layout.palette["navy"] == (10, 20, 30, 40)
    assert layout.palette["moss"] == (40, 0, 90, 30)
    assert layout.palette["teal"] == (76, 0, 33, 32)
    assert layout.theme.roles["label"] == "moss"
    assert [(font.family, font.weight, font.style) for font in layout.fonts] == [("House Sans", 700, "normal")]
    assert layout.fonts[0].path == (fonts / "House-Bold.otf").resolve()
    assert layout.fonts[0].code_points  # read, for the glyphs check
    assert (layout.theme.scale["heading_1"], layout.theme.scale["body"]) == (20, 8.4)
    assert layout.theme.spacing["block"] == 4
    assert load_layout(content.layout_name, project).palette["navy"] == (96, 66, 0, 58)  # the layout's own is as it was


def test_a_section_may_use_a_colour_the_content_theme_adds(project: Path):
    def change(data):
        data["theme"] = {"palette": {"moss": [40, 0, 90, 30]}}
        data["sections"]["contact"] = {"background": "moss", "blocks": data["sections"]["contact"]}

    edit_content(project, change)
    assert load_content(project / "content.yaml").layout.palette["moss"] == (40, 0, 90, 30)


@pytest.mark.parametrize(
    ("theme", "wanted"),
    [
        ({"pallete": {"navy": [1, 2, 3, 4]}}, "theme.pallete: unknown key; did you mean 'palette'?"),
        ({"scale": {"boddy": 9}}, "theme.scale.boddy: unknown key; did you mean 'body'?"),
        ({"scale": {"body": "9pt"}}, "theme.scale.body: expected a number of pt, got a text"),
        ({"scale": {"body": 0}}, "theme.scale.body: 0 pt is out of range (1 to 200 pt)"),
        ({"spacing": {"blok": 4}}, "theme.spacing.blok: unknown key; did you mean 'block'?"),
        ({"roles": {"accent_1": "nvy"}}, "theme.roles.accent_1: no palette colour 'nvy'; did you mean 'navy'?"),
        ({"roles": {"stripes": ["teal"]}}, "theme.roles.stripes: needs 4 items"),
        (
            {"text_builds": {"nvy": [100, 88, 0, 0]}},
            "theme.text_builds.nvy: no palette colour 'nvy'; did you mean 'navy'?",
        ),
        ({"text_builds": {"navy": [100, 88]}}, "theme.text_builds.navy: not a CMYK colour: [100, 88]"),
        ({"palette": {"navy": [100, 0, 0]}}, "theme.palette.navy: not a CMYK colour: [100, 0, 0]"),
        ({"palette": {"size-x": [0, 0, 0, 0]}}, "theme.palette.size-x: the stylesheet uses this name itself"),
        ({"fonts": [{"family": "X", "file": "no.otf"}]}, "theme.fonts[0].file: font file not found: 'no.otf'"),
        ({"fonts": [{"family": 'X"; }', "file": "fonts/Inter-Bold.otf"}]}, "theme.fonts[0].family: not a font family"),
    ],
)  # fmt: skip
def test_a_bad_theme_is_one_line_naming_file_line_and_field(project: Path, theme: dict, wanted: str):
    path = with_theme(project, theme)
    lines = str(pytest.raises(InputError, load_content, path).value).splitlines()
    assert len(lines) == 1
    where, message = lines[0].split(": ", 1)
    assert re.fullmatch(re.escape(str(path.resolve())) + r":\d+:\d+", where) or where.startswith(str(path))
    assert message.startswith(wanted), message


# What the theme does to the printed PDF


def test_a_theme_override_changes_the_printed_colour_and_size(project: Path, press):
    def printed(path: Path, layout) -> tuple[set, float]:
        facts = read_pdf(path)
        uses = colour_uses(CheckContext(layout=layout, facts=facts))
        # The inside (page 2): the cover's artwork draws a navy of its own, which no theme changes.
        colours = {tuple(round(value, 3) for value in use.cmyk) for use in uses if use.cmyk and use.page == 2}
        return colours, max(glyph.size for glyph in facts.pages[0].glyphs if glyph.char == "Q")  # the cover title

    # The inside sets navy's text in its two-ink text build; a new navy comes without one, and is its own.
    navy, changed = (100, 88, 0, 0), (10, 20, 30, 40)
    colours, title = printed(press.path, press.layout)  # the project as it is: the leaflet of brochure's own tree
    assert navy in colours and changed not in colours
    assert round(title) == 29
    theme = {"palette": {"navy": list(changed)}, "scale": {"heading_1": 20}}
    content = load_content(with_theme(project, theme))
    (project / "press.pdf").write_bytes(press_pdf(content, content.layout, document_date(content)))
    colours, title = printed(project / "press.pdf", content.layout)
    assert changed in colours and navy not in colours
    assert round(title) == 20


def test_the_repository_leaflet_sets_no_theme_of_its_own():
    assert "theme" not in yaml.safe_load((ROOT / "content.yaml").read_text(encoding="utf-8"))
