"""Loading a content file: YAML read by `brochure.yamlfile`, checked by the content schema.

Every problem is reported as `FILE:LINE:COL: path.to.field: message`, all of them in one
InputError, so that a person editing content.yaml can fix everything in one go. The layout
the content names is loaded once, while the content is checked, and travels with it, the
content's `theme:` merged into its theme.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brochure.content.sanity import sanity_warnings
from brochure.files.layouts import DEFAULT_LAYOUT
from brochure.files.paths import refuse_links_out
from brochure.files.yamlfile import read_yaml
from brochure.schema import validate
from brochure.sheet.layout import Layout, load_layout


@dataclass(frozen=True)
class Content:
    """A loaded, valid content file, the project folder its asset paths are relative to, and its layout;
    `warnings`, what it builds with but not as one may expect, as `FILE:LINE:COL: path: message` lines."""

    data: dict[str, Any]
    path: Path
    layout: Layout
    warnings: tuple[str, ...] = ()

    @property
    def project_dir(self) -> Path:
        return self.path.parent

    @property
    def name(self) -> str:
        return str(self.data["name"])

    @property
    def layout_name(self) -> str:
        return str(self.data.get("layout", DEFAULT_LAYOUT))

    @property
    def languages(self) -> list[str]:
        return list(self.data["languages"])


def load_content(path: Path, *, disk_cache: bool = True) -> Content:
    """Read and validate a content file and load its layout; every problem is in the message of one InputError.
    Without `disk_cache` (`--no-cache`), what the layout's fonts hold is read without brochure's cache."""
    refuse_links_out(path, Path(os.path.abspath(path)).parent)
    root, values = read_yaml(path, "content", nfc=True)
    project_dir = path.resolve().parent
    data, ctx = validate(root, values, project_dir, lambda name: load_layout(name, project_dir, disk_cache=disk_cache))
    ctx.raise_problems(str(path))
    ctx.warnings += sanity_warnings(ctx)
    layout = ctx.layout.themed(data.get("theme")).placed(data["panels"])
    return Content(data=data, path=path.resolve(), layout=layout, warnings=ctx.warning_lines(str(path)))
