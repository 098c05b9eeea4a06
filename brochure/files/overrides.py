"""What a project puts in place of brochure's own files: its layouts (layouts/<name>/) and its
templates (templates/), each file with the one of brochure's it replaces, as `brochure layouts`
lists them. A file that replaces nothing is named too, with the file it may have meant: a
misspelt template is otherwise never read, and nothing says so.
"""

from __future__ import annotations

import difflib
import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path

from brochure.files.layouts import NAME, PROJECT_TEMPLATES
from brochure.files.resources import BASE_TEMPLATES, LAYOUTS_DIR

_READ = ("layout.yaml", "*.j2")  # what brochure reads of a layout folder or templates/ (see html.templating)


@dataclass(frozen=True)
class Override:
    """A file of the project's (relative to the project folder) and brochure's file it is used in place
    of (as layouts/…), or None with what it may have meant (`hint`)."""

    file: Path
    replaces: Path | None
    hint: str = ""


def project_overrides(project_dir: Path) -> list[Override]:
    """Every file of the project's layouts and templates that brochure reads, in path order."""
    found = []
    layouts = project_dir / "layouts"
    if layouts.resolve() == LAYOUTS_DIR.resolve():
        return found  # brochure's own source tree: its layouts are brochure's files, replacing none
    for folder in sorted(layouts.iterdir()) if layouts.is_dir() else ():
        if NAME.match(folder.name) and (folder / "layout.yaml").is_file():
            found += [_override(path, folder, project_dir, LAYOUTS_DIR / folder.name) for path in _read_in(folder)]
    templates = project_dir / PROJECT_TEMPLATES
    for path in _read_in(templates) if templates.is_dir() else ():
        if path.name != "layout.yaml":
            found.append(_override(path, templates, project_dir, None))
    return found


def _read_in(folder: Path) -> list[Path]:
    """The files in `folder` brochure reads, found without following a link to a folder (the build
    refuses a link out of the project; a link back in could make the walk endless)."""
    return sorted(
        Path(parent, name)
        for parent, _, files in os.walk(folder)
        for name in files
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in _READ)
    )


def _override(path: Path, folder: Path, project_dir: Path, builtin: Path | None) -> Override:
    """`path` (in `folder`, a layout's or templates/) with the file of brochure's it replaces: the
    built-in layout's of that name, else the shared templates' of that path."""
    relative = path.relative_to(folder)
    for root in (builtin, BASE_TEMPLATES):
        if root is not None and (root / relative).is_file():
            return Override(path.relative_to(project_dir), (root / relative).relative_to(LAYOUTS_DIR.parent))
    if path.name == "layout.yaml":
        return Override(path.relative_to(project_dir), None, "a layout of the project's own")
    shared = [found.relative_to(BASE_TEMPLATES).as_posix() for found in _read_in(BASE_TEMPLATES)]
    close = difflib.get_close_matches(relative.as_posix(), shared, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]}?" if close else "a template of the project's own, for its templates to include"
    return Override(path.relative_to(project_dir), None, hint)
