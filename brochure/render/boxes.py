"""Reading a laid-out WeasyPrint document's box tree, which WeasyPrint has no public API for.

A page's boxes hang from its `_page_box`; an absolutely positioned box sits in its parent's
children behind a placeholder, and is read through it.
"""

from __future__ import annotations

from collections.abc import Iterator


def page_boxes(page) -> object:
    """The root of a laid-out page's box tree."""
    return page._page_box


def children(box) -> list:
    """The child boxes of `box`, each as itself (a placeholder's positioned box, not the placeholder)."""
    return [getattr(child, "_box", child) for child in getattr(box, "children", None) or ()]


def walk(box, parent=None) -> Iterator[tuple[object, object]]:
    """Every box under `box`, `box` included, with its parent box, parents first."""
    yield box, parent
    for child in children(box):
        yield from walk(child, box)
