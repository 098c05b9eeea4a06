"""The rule for a path written in a project's files: relative, with '/', and inside its folder."""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class OutsideProject(ValueError):
    """A path in the content that does not name a file inside the project folder."""


def project_file(project_dir: Path, value: str) -> Path:
    """The file that `value`, a path relative to the project folder, names; OutsideProject if none."""
    if _SCHEME.match(value):
        raise OutsideProject("is a URL; give the path of a file inside the project folder")
    if "\\" in value:
        raise OutsideProject("has a backslash; write paths with '/'")
    if value.startswith(("/", "~")):
        raise OutsideProject("is an absolute path; give a path relative to the project folder")
    root = project_dir.resolve()
    # Judged on the text first, so that '../x' is refused even where ../x does not exist.
    normalized = os.path.normpath(PurePosixPath(value))
    if normalized == ".." or normalized.startswith("../"):
        raise OutsideProject("is outside the project folder")
    try:
        path = (root / value).resolve()
    except (OSError, RuntimeError, ValueError) as exc:  # symlink loops, NUL bytes, overlong names
        raise OutsideProject(f"cannot be resolved: {exc}") from None
    if not path.is_relative_to(root):
        raise OutsideProject("leads outside the project folder (a symbolic link)")
    return path
