"""The content schema on good content: safe_load values, plain data, the optional keys, the block vocabulary."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from brochure import InputError, load_content
from brochure.files.resources import BASE_TEMPLATES
from brochure.files.yamlfile import read_yaml
from brochure.html.templating import render_html
from brochure.schema.base import Context, Section
from brochure.schema.blocks import BLOCK_TYPES, Blocks
from brochure.schema.values import (
    Block,
    EmailAddress,
    FirstLanguageText,
    ImagePath,
    PhoneNumber,
    Setting,
    TextAlternative,
    TranslatedText,
    WebAddress,
)

SETTINGS = {"stack": "by-block", "background": None, "colour": None, "second_colour": None}  # a section's defaults
TYPED = (str, dt.date, bool, int, float, ImagePath, WebAddress, EmailAddress, PhoneNumber, FirstLanguageText, Setting)


def plain(value) -> bool:
    """Plain data, or one of the typed values of `brochure.schema.values`."""
    if isinstance(value, dict):
        return type(value) in (dict, Block, TranslatedText, TextAlternative) and all(
            isinstance(k, str) and plain(v) for k, v in value.items()
        )
    if isinstance(value, (list, tuple)):
        return type(value) in (list, tuple) and all(plain(item) for item in value)
    return value is None or type(value) in TYPED


def as_written(data: dict) -> dict:
    """The checked content in the shape content.yaml writes it: a block as `{type: fields}` without the
    fields left out (or its bare type), a section as its list of blocks unless it sets more, a panel
    printing every language as its list of sections, and an image's text alternative as one text where
    it is the same in every language (one text for all is read out in each)."""

    def block(value: Block):
        fields = {name: item for name, item in value.items() if item is not None}
        return {value.kind: strip(fields)} if fields else value.kind

    def strip(value):
        if isinstance(value, Block):
            return block(value)
        if isinstance(value, TextAlternative) and len(set(value.values())) == 1:
            return next(iter(value.values()))
        if isinstance(value, dict):
            return {key: strip(item) for key, item in value.items() if item is not None}
        if isinstance(value, list):
            return [strip(item) for item in value]
        return value

    sections = {}
    for name, section in data["sections"].items():
        assert section["blocks_path"] == (
            f"sections.{name}.blocks" if name in ("cover", "cities", "about") else f"sections.{name}"
        )
        settings = {key: value for key, value in section.items() if key in SETTINGS and SETTINGS[key] != value}
        blocks = [block(item) for item in section["blocks"]]
        sections[name] = {**settings, "blocks": blocks} if settings else blocks
    panels = {
        panel: entry["sections"] if entry["lang"] is None else {"sections": entry["sections"], "lang": entry["lang"]}
        for panel, entry in data["panels"].items()
    }
    return {**data, "panels": panels, "sections": sections}


def test_valid_content_is_exactly_what_safe_load_reads():
    content = load_content(ROOT / "content.yaml")
    assert as_written(content.data) == yaml.safe_load((ROOT / "content.yaml").read_text(encoding="utf-8"))
    assert plain(content.data)
    assert content.data["document"]["date"] == dt.date(2026, 11, 1)


def test_checked_values_know_their_kind():
    data = load_content(ROOT / "content.yaml").data
    sections = data["sections"]
    cover, cities, contact = sections["cover"]["blocks"], sections["cities"]["blocks"], sections["contact"]["blocks"]
    assert [block.kind for block in cover] == ["picture", "heading", "spacer", "text", "spacer", "links"]
    assert type(contact[0]["text"]) is TranslatedText  # one text per language
    assert type(cover[1]["text"]) is FirstLanguageText  # one text for all, set with the first language's typography
    assert type(sections["about"]["blocks"][3]["items"][0]) is TranslatedText
    assert type(cities[2]["items"][0]["url"]) is WebAddress
    assert type(cities[1]["file"]) is ImagePath
    assert type(cities[1]["alt"]) is TextAlternative  # read aloud, never printed
    assert type(contact[3]["alt"]) is TextAlternative  # one text for all, as an alternative in every language
    assert contact[3]["alt"] == {"fr": "QuattroPole e.V.", "de": "QuattroPole e.V."}
    assert type(cities[2]["items"][0]["name"]) is FirstLanguageText
    assert type(contact[4]["phone"]) is PhoneNumber
    assert type(contact[4]["email"]) is EmailAddress
    assert type(sections["about"]["stack"]) is Setting
    assert type(sections["fields_of_action"]["blocks"][1]["colour"]) is Setting
    assert cover[1]["level"] == 1 and contact[3]["height"] == 15.0
    assert type(data["document"]) is dict


def test_every_field_of_a_block_type_is_declared_and_the_content_uses_none_other():
    raw = yaml.safe_load((ROOT / "content.yaml").read_text(encoding="utf-8"))
    seen = set()
    for section in raw["sections"].values():
        for block in section if isinstance(section, list) else section["blocks"]:
            kind, fields = next(iter(block.items())) if isinstance(block, dict) else (block, {})
            declared = BLOCK_TYPES[kind].declared
            assert set(fields) <= set(declared), kind
            assert {name for name, field in declared.items() if field.required} <= set(fields), kind
            seen.add(kind)
    assert len(seen) >= 10  # the QuattroPole leaflet uses most of the vocabulary
    for kind, block_type in BLOCK_TYPES.items():
        assert issubclass(block_type, Section) and block_type.kind == kind
        assert block_type.__doc__, kind


@pytest.mark.parametrize("kind", list(BLOCK_TYPES))
def test_the_example_of_every_block_type_is_a_valid_block(tmp_path: Path, kind: str):
    example = BLOCK_TYPES[kind].example
    assert example.startswith(f"- {kind}")
    (tmp_path / "assets" / "photos").mkdir(parents=True)
    for name in ("map.svg", "logo.svg"):
        (tmp_path / "assets" / name).write_bytes((ROOT / "assets" / "map-quattropole.svg").read_bytes())
    (tmp_path / "assets" / "photos" / "hall.jpg").write_bytes(
        next((ROOT / "brochure" / "examples").glob("*/assets/photos/*.jpg")).read_bytes()
    )
    (tmp_path / "blocks.yaml").write_text(f"blocks:\n  {example}\n", encoding="utf-8")
    root, values = read_yaml(tmp_path / "blocks.yaml", "content")
    ctx = Context(values=values, project_dir=tmp_path, languages=("fr", "de"), palette=("navy", "teal"))
    blocks = Blocks().validate(root.value[0][1], "blocks", ctx)
    assert ctx.problems == []
    assert [block.kind for block in blocks] == [kind]


def test_every_block_type_has_its_template():
    assert sorted(path.name for path in (BASE_TEMPLATES / "blocks").glob("*.html.j2")) == sorted(
        f"{kind}.html.j2" for kind in BLOCK_TYPES
    )


def test_a_block_without_fields_may_be_written_as_its_bare_name(project: Path):
    path = project / "content.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("\n    - divider\n") == 1 and text.count("\n      - spacer\n") == 2
    text = text.replace("\n    - divider\n", "\n    - divider:\n").replace(
        "\n      - spacer\n", "\n      - spacer: {}\n"
    )
    path.write_text(text, encoding="utf-8")
    sections = load_content(path).data["sections"]
    divider, spacers = (
        sections["contact"]["blocks"][2],
        (sections["cover"]["blocks"][4], sections["about"]["blocks"][2]),
    )
    assert (divider.kind, divider) == ("divider", {}) and all((s.kind, s) == ("spacer", {}) for s in spacers)
    assert sections == load_content(ROOT / "content.yaml").data["sections"]


def test_anchors_merge_keys_and_quoted_dates(project: Path):
    path = project / "content.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  date: 2026-11-01", "  date: '2026-11-01'")
    text = text.replace("- url: http://www.quattropole.org\n", "- url: &site http://www.quattropole.org\n")
    text = text.replace("web: http://www.quattropole.org\n", "web: *site\n")
    path.write_text(text, encoding="utf-8")
    data = load_content(path).data
    assert data["document"]["date"] == dt.date(2026, 11, 1)
    assert data["sections"]["contact"]["blocks"][4]["web"] == "http://www.quattropole.org"


def test_layout_defaults_to_trifold_roll(project: Path):
    path = project / "content.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("layout: trifold-roll\n", ""), encoding="utf-8")
    content = load_content(path)
    assert "layout" not in content.data
    assert content.layout_name == "trifold-roll"
    # The default layout's panels and palette judge the content as a named one's would.
    assert content.layout.name == "trifold-roll" and content.layout.panel("flap").sections == ("cities",)
    path.write_text(path.read_text(encoding="utf-8").replace("colour: ocean", "colour: tael"), encoding="utf-8")
    with pytest.raises(InputError, match="no palette colour 'tael'; did you mean 'teal'"):
        load_content(path)


def test_the_themes_palette_reaches_the_stylesheet_validated(project: Path):
    path = project / "content.yaml"
    text = path.read_text(encoding="utf-8")
    theme = "theme:\n  palette:\n    navy: [100, 50, 0, 40]\n    sand: [0, 10, 30, 5]\n"
    text = text.replace("languages: [fr, de]\n", f"languages: [fr, de]\n{theme}")
    path.write_text(text.replace("    background: stone\n    stack:", "    background: sand\n    stack:"), "utf-8")
    content = load_content(path)
    assert content.data["theme"] == {"palette": {"navy": (100.0, 50.0, 0.0, 40.0), "sand": (0.0, 10.0, 30.0, 5.0)}}
    assert content.data["sections"]["about"]["background"] == "sand"  # a colour the theme adds may be named
    print_html = render_html(content, content.layout, None, cmyk=True)
    assert "  --navy: device-cmyk(1 0.5 0 0.4);\n  --teal: device-cmyk(0.76 0 0.33 0.32);\n" in print_html
    assert "  --sand: device-cmyk(0 0.1 0.3 0.05);\n" in print_html
    assert "  --navy: #1c375f;\n" not in render_html(content, content.layout, None)


def test_without_a_theme_the_layouts_colours_stay(golden):
    html = render_html(golden.content, golden.layout, None)
    # The palette's CMYK navy and teal, as FOGRA39 prints them, seen in sRGB.
    assert "  --navy: #1c375f;\n  --teal: #168b8d;\n" in html
    print_html = render_html(golden.content, golden.layout, None, cmyk=True)
    assert "  --navy: device-cmyk(0.96 0.66 0 0.58);\n  --teal: device-cmyk(0.76 0 0.33 0.32);\n" in print_html
