"""The content schema on good content: safe_load values, plain data, the optional keys."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from conftest import ROOT

from brochure import load_content, load_layout
from brochure.html.templating import render_html
from brochure.schema.base import ListOf, Section
from brochure.schema.content import CONTENT
from brochure.schema.values import FirstLanguageText, ImagePath, TranslatedText, WebAddress


def plain(value) -> bool:
    """Plain data, or one of the typed values of `brochure.schema.values`."""
    if isinstance(value, dict):
        return type(value) in (dict, TranslatedText) and all(isinstance(k, str) and plain(v) for k, v in value.items())
    if isinstance(value, list):
        return type(value) is list and all(plain(item) for item in value)
    return type(value) in (str, dt.date, ImagePath, WebAddress, FirstLanguageText)


def test_valid_content_is_exactly_what_safe_load_reads():
    content = load_content(ROOT / "content.yaml")
    assert content.data == yaml.safe_load((ROOT / "content.yaml").read_text(encoding="utf-8"))
    assert plain(content.data)
    assert content.data["document"]["date"] == dt.date(2026, 11, 1)


def test_checked_values_know_their_kind():
    data = load_content(ROOT / "content.yaml").data
    assert type(data["contact"]["title"]) is TranslatedText
    assert type(data["about"]["goals"][0]) is TranslatedText
    assert type(data["cities"]["members"][0]["website"]) is WebAddress
    assert type(data["cities"]["map"]) is ImagePath
    assert type(data["credits"]) is FirstLanguageText  # set with the first language's typography
    assert type(data["contact"]["phone"]) is str
    assert type(data["document"]) is dict


def test_the_schema_declares_every_key_of_the_content_and_nothing_it_lacks():
    def keys(section: Section, data: dict, path: str = ""):
        for name, declared in section.declared.items():
            where = f"{path}{name}"
            if name not in data:
                assert not declared.required, where
                continue
            item = declared.item if isinstance(declared, ListOf) else declared
            if isinstance(item, Section):
                for value in data[name] if isinstance(declared, ListOf) else [data[name]]:
                    keys(item, value, where + ".")
        assert set(data) <= set(section.declared), path

    keys(CONTENT, yaml.safe_load((ROOT / "content.yaml").read_text(encoding="utf-8")))


def test_anchors_merge_keys_and_quoted_dates(project: Path):
    path = project / "content.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  date: 2026-11-01", "  date: '2026-11-01'")
    text = text.replace(
        "  website: http://www.quattropole.org\n\ncities", "  website: &site http://www.quattropole.org\n\ncities"
    )
    text = text.replace("  website: http://www.quattropole.org\n\ncredits", "  website: *site\n\ncredits")
    path.write_text(text, encoding="utf-8")
    data = load_content(path).data
    assert data["document"]["date"] == dt.date(2026, 11, 1)
    assert data["contact"]["website"] == "http://www.quattropole.org"


def test_layout_defaults_to_trifold_roll(project: Path):
    path = project / "content.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("layout: trifold-roll\n", ""), encoding="utf-8")
    content = load_content(path)
    assert "layout" not in content.data
    assert content.layout_name == "trifold-roll"


def test_color_scheme_reaches_the_stylesheet_validated(project: Path):
    path = project / "content.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("languages: [fr, de]\n", "languages: [fr, de]\ncolor_scheme:\n  primary: '#A0522D'\n"))
    content = load_content(path)
    assert content.data["color_scheme"] == {"primary": "#a0522d"}
    html = render_html(content, load_layout(), None)
    assert "  --navy: #a0522d;\n  --teal: #168b8d;\n" in html


def test_without_a_color_scheme_the_layouts_colours_stay(golden):
    html = render_html(golden.content, golden.layout, None)
    # The palette's CMYK navy and teal, as FOGRA39 prints them, seen in sRGB.
    assert "  --navy: #1c375f;\n  --teal: #168b8d;\n" in html
    print_html = render_html(golden.content, golden.layout, None, cmyk=True)
    assert "  --navy: device-cmyk(0.96 0.66 0 0.58);\n  --teal: device-cmyk(0.76 0 0.33 0.32);\n" in print_html
