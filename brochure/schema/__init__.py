"""The content schema: declared in `schema.content`, built from the field types of `schema.fields`.

`validate` checks a parsed content file and collects every problem, each with its line and
column; the result is plain dicts and lists, which is all the templates see.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .base import Context, Problem
from .content import CONTENT

__all__ = ["Problem", "validate"]


def validate(root: yaml.Node, values: dict[yaml.Node, Any], project_dir: Path) -> tuple[dict[str, Any], Context]:
    """The checked content of the document `root`, and the context holding the problems found."""
    ctx = Context(values=values, project_dir=project_dir)
    data = CONTENT.validate(root, "", ctx)
    ctx.problems.sort(key=lambda problem: (problem.line, problem.column))
    return data, ctx
