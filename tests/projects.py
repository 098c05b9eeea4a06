"""Small projects to change, shared by the tests of several stages: a content edited, a layout of the
project's own with one edit, the blocks of a content's sections found by their type."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from brochure.files.resources import BASE_TEMPLATES, LAYOUTS_DIR


def edit_content(project: Path, change) -> None:
    path = project / "content.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def blocks(data: dict, section: str) -> list:
    """The blocks of `section` in a content's data as YAML reads it (a list of blocks, or a mapping with
    `blocks`): each `{type: fields}`, or a bare type name."""
    body = data["sections"][section]
    return body if isinstance(body, list) else body["blocks"]


def block(data: dict, section: str, which: str | int, nth: int = 0) -> dict:
    """The fields of a block of `section` in a content's data as YAML reads it, to change in place: the
    block at index `which`, or the `nth` block of type `which`: `block(data, "about", "list")["items"]`."""
    if isinstance(which, int):
        (fields,) = blocks(data, section)[which].values()
        return fields
    found = [item[which] for item in blocks(data, section) if isinstance(item, dict) and which in item]
    return found[nth]


def add_language(data: dict, lang: str, like: str = "de") -> None:
    """`lang` added to a content's data as YAML reads it: to its languages, and to every text (or list of
    hyphenation exceptions) given per language, as a copy of the one in `like`."""

    languages = set(data["languages"])

    def add(value) -> None:
        if isinstance(value, dict) and set(value) == languages:
            value[lang] = value[like]
        elif isinstance(value, dict | list):
            for item in value.values() if isinstance(value, dict) else value:
                add(item)

    add(data["document"])
    add(data["sections"])
    add(data.get("typography", {}))  # hyphenation exceptions are given per language too
    data["languages"].append(lang)


def with_theme_fonts(folder: Path) -> None:
    """The layout in `folder` given a `theme: fonts:` of its own: the built-in theme's fonts in the theme's
    own words, appended to its layout.yaml (the trifold-roll's: `theme:` on line 58, fonts[0] on line 60)."""
    theme = (BASE_TEMPLATES / "theme.yaml").read_text(encoding="utf-8")
    fonts = [line for line in theme.splitlines() if line.startswith("  - {family:")]
    with (folder / "layout.yaml").open("a", encoding="utf-8") as file:
        file.write("theme:\n  fonts:\n" + "".join(f"  {line}\n" for line in fonts))


def override_layout(project: Path, css_from: str = "", css_to: str = "", yaml_from: str = "", yaml_to: str = ""):
    """Give the project its own copy of the layout, with one edit."""
    folder = project / "layouts" / "trifold-roll"
    shutil.copytree(LAYOUTS_DIR / "trifold-roll", folder)
    shutil.copytree(BASE_TEMPLATES, folder, dirs_exist_ok=True)  # the shared templates, to edit
    for name, old, new in (("leaflet.css.j2", css_from, css_to), ("layout.yaml", yaml_from, yaml_to)):
        if old:
            text = (folder / name).read_text(encoding="utf-8")
            assert old in text
            (folder / name).write_text(text.replace(old, new), encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in the text file at `path` with `new`; `old` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
