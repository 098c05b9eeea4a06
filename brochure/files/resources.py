"""Where brochure's built-in layouts and assets live, installed or in a source tree."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # brochure/, installed or in a source tree


def _data_dir(name: str) -> Path:
    # A wheel carries the folders inside the package; a source tree or an
    # editable install has them beside the package, at the project root.
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


LAYOUTS_DIR = _data_dir("layouts")
ASSETS_DIR = _data_dir("assets")
# The templates every layout shares; a layout's own folder (and a project's) may override any of them.
BASE_TEMPLATES = LAYOUTS_DIR / "_base"
# The example projects `brochure new` copies, one folder each.
EXAMPLES_DIR = _PACKAGE / "examples"
