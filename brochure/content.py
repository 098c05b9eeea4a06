"""Loading a content file: YAML with safe_load semantics, and what the rest needs from it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError


@dataclass(frozen=True)
class Content:
    """A loaded content file and the project folder its asset paths are relative to."""

    data: dict[str, Any]
    path: Path

    @property
    def project_dir(self) -> Path:
        return self.path.parent

    @property
    def name(self) -> str:
        return str(self.data["name"])

    @property
    def layout_name(self) -> str:
        return str(self.data.get("layout", "trifold-roll"))

    @property
    def languages(self) -> list[str]:
        return list(self.data["languages"])


def load_content(path: Path) -> Content:
    """Read a content file; a missing file or broken YAML is an InputError naming the spot."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such content file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(f"{where}: YAML syntax error: {problem}") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}:1:1: the content must be a mapping of sections")
    return Content(data=data, path=path.resolve())
