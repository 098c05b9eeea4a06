"""Small projects to change, shared by the tests of several stages: a content edited, a layout of the
project's own with one edit."""

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
    """The blocks of section `section` of content data as YAML reads it: a list, or a mapping's `blocks`."""
    body = data["sections"][section]
    return body["blocks"] if isinstance(body, dict) else body


def block(data: dict, section: str, index: int) -> dict:
    """The fields of block `index` of section `section`, e.g. `block(data, "about", 2)["text"]["de"]`."""
    (fields,) = blocks(data, section)[index].values()
    return fields


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
