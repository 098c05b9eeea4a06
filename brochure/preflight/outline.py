"""The check of a screen edition's outline: its headings, in the order a screen reader meets them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pypdf.generic import ArrayObject, DictionaryObject

from brochure.preflight.registry import CheckContext, Finding, Severity, check
from brochure.preflight.screen import SCREEN

_HEADING = re.compile(r"^/H([1-6])$")
MAX_ELEMENTS = 100_000  # structure elements read: far more than a leaflet's few hundred


@check("headings", editions=SCREEN)
def headings(ctx: CheckContext) -> Iterator[Finding]:
    """A heading is at most one level below the one before it: a reader's outline skips no level
    (PDF/UA-1, Matterhorn 14-003), or a screen reader's list of headings loses its way."""
    root = ctx.facts.reader.trailer["/Root"]
    if "/StructTreeRoot" not in root:
        return  # the `tags` check says so
    previous = 0
    for level in _heading_levels(root["/StructTreeRoot"].get_object()):
        if level > previous + 1:
            skipped = f"H{previous}" if previous else "the start of the document"
            yield Finding("headings", Severity.ERROR, f"an H{level} follows {skipped}: a heading level is skipped")
        previous = level


def _heading_levels(tree: DictionaryObject) -> Iterator[int]:
    """The level of each heading of the structure tree, in its order (depth first)."""
    stack, seen = [tree], 0
    while stack and seen < MAX_ELEMENTS:
        element = stack.pop().get_object()
        seen += 1
        if not isinstance(element, DictionaryObject):
            continue
        match = _HEADING.match(str(element.get("/S", "")))
        if match:
            yield int(match[1])
        kids = element.get("/K")
        kids = kids.get_object() if kids is not None else None
        children = list(kids) if isinstance(kids, ArrayObject) else [kids] if kids is not None else []
        stack.extend(reversed([child for child in children if isinstance(child.get_object(), DictionaryObject)]))
