"""Text that YAML reads as a comment: `title: Kontakt #1` prints `Kontakt`, without a word.

In an unquoted value, a `#` after a space starts a comment, and YAML drops it. A comment written
as one (`key: value  # a note`) has a space after its `#`, as every comment of the shipped projects
does; a `#` directly followed by a letter or a digit (`#1`, `#Saar`) after a text on the same
line is far more likely meant to be printed, so it is a warning naming where the text was cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from brochure.schema.base import Context, Problem

_DROPPED = re.compile(r"[ \t]+(#\w[^\n]*)")


def dropped_comments(ctx: Context) -> Iterator[Problem]:
    """A warning at each `#` that ends an unquoted text the schema recorded in `ctx` and looks like text."""
    for path, node, text in ctx.texts:
        end = node.end_mark
        if node.style is not None or end.buffer is None:  # quoted or a block scalar: a '#' is text there
            continue
        match = _DROPPED.match(end.buffer, end.pointer)
        if match:
            column = end.column + match.start(1) - end.pointer + 1
            yield Problem(
                end.line + 1,
                column,
                path,
                f"YAML reads {match.group(1).strip()!r} as a comment, so the text ends at {text[-20:]!r}; "
                "to print it, put the whole text in quotes",
            )
