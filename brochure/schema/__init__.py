"""Declarative schemas of brochure's YAML files: content.yaml (`schema.content`) and layout.yaml
(`schema.layout`), built from the machinery of `schema.base` and the field types of `schema.fields`.

`validate` checks a parsed content file and collects every problem, each with its line and
column; the result is dicts and lists of the values YAML reads, with translated texts, image
paths and web addresses typed (`schema.values`) so that later stages need not guess them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from brochure.schema.base import Context, Problem
from brochure.schema.content import CONTENT

__all__ = ["Problem", "validate"]


def validate(
    root: yaml.Node,
    values: dict[yaml.Node, Any],
    project_dir: Path,
    load_layout: Callable[[str], Any] | None = None,
) -> tuple[dict[str, Any], Context]:
    """The checked content of the document `root`, and the context holding the problems found.

    `load_layout` loads the layout the content names, once; without it, the content is
    checked on its own.
    """
    ctx = Context(values=values, project_dir=project_dir, load_layout=load_layout)
    data = CONTENT.validate(root, "", ctx)
    return data, ctx
