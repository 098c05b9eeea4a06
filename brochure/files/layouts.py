"""Where layouts live and what they may be called: the project's layouts/ first, then brochure's own;
and where a project keeps templates of its own (templates/). A project's layout is the project's:
no symbolic link in it may lead out of the project folder.

Also the rule for every name that becomes a file or folder name (layouts, output files).
"""

from __future__ import annotations

import re
from pathlib import Path

from brochure.errors import InputError
from brochure.files.paths import refuse_links_out_of
from brochure.files.resources import LAYOUTS_DIR

DEFAULT_LAYOUT = "trifold-roll"
# A project's folder of templates, each in place of brochure's of the same path under layouts/_base/
# (templates/blocks/heading.html.j2) for every layout: one template changed, nothing else copied.
PROJECT_TEMPLATES = "templates"
NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
NAME_RULE = "lower-case letters, digits, '-' and '_', at most 64"


def layout_roots(project_dir: Path | None) -> list[Path]:
    """The folders layouts are looked up in, first match wins."""
    return [project_dir / "layouts", LAYOUTS_DIR] if project_dir else [LAYOUTS_DIR]


def known_layouts(project_dir: Path | None) -> list[str]:
    """The names of every layout a project can use, sorted."""
    roots = layout_roots(project_dir)
    return sorted({found.parent.name for root in roots for found in root.glob("*/layout.yaml")})


def find_layout(name: str, project_dir: Path | None = None) -> Path:
    """The folder of layout `name`; InputError if it is no layout name or there is no such layout."""
    if not NAME.match(name):
        raise InputError(f"layout {name!r}: not a layout name ({NAME_RULE})")
    for root in layout_roots(project_dir):
        if (root / name / "layout.yaml").is_file():
            if project_dir is not None and root != LAYOUTS_DIR:  # brochure's own layouts are trusted
                refuse_links_out_of(root / name, project_dir)
            return root / name
    raise InputError(f"layout {name!r}: not found; known layouts: {', '.join(known_layouts(project_dir))}")
