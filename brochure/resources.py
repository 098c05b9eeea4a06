"""Where brochure's built-in layouts and assets live, installed or in a source tree, and where it
keeps what it can make again (its cache)."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    # A wheel carries the folders inside the package; a source tree or an
    # editable install has them beside the package, at the project root.
    inside = _PACKAGE / name
    return inside if inside.is_dir() else _PACKAGE.parent / name


LAYOUTS_DIR = _data_dir("layouts")
ASSETS_DIR = _data_dir("assets")
# The templates every layout shares; a layout's own folder (and a project's) may override any of them.
BASE_TEMPLATES = LAYOUTS_DIR / "_base"


def cache_folder(name: str) -> Path:
    """Where brochure keeps what it can make again, of one kind: under `$BROCHURE_CACHE`, else
    the user's cache folder. Anything in it may be removed at any time."""
    root = (
        os.environ.get("BROCHURE_CACHE")
        or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "brochure"
    )
    return Path(root) / name
