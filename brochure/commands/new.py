"""`brochure new`: a leaflet project to start from, copied from `project_template/`.

The project builds at once: a commented content.yaml in two languages, its images in
assets/, an example event in events/, and how to override a layout in layouts/README.md.
Beside them, the JSON Schemas of the content and event files, made by this brochure (the
template's files name them on their first line, for editors that read it).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from brochure.errors import InputError
from brochure.files.resources import PROJECT_TEMPLATE
from brochure.schema.jsonschema import SCHEMAS, schema_text

TEMPLATE = PROJECT_TEMPLATE


def new_project(folder: Path) -> list[Path]:
    """Create a leaflet project in `folder` (new or empty); the files written, relative to it."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InputError(f"{folder}: already exists and is not an empty folder; name a new one")
    shutil.copytree(TEMPLATE, folder, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__"))
    for kind, schema_file in SCHEMAS.items():
        (folder / schema_file.name).write_text(schema_text(kind), encoding="utf-8")
    return sorted(path.relative_to(folder) for path in folder.rglob("*") if path.is_file())
