"""Checks of text printed over other text, whatever positioned it there."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from brochure.preflight.pdffacts import Glyph
from brochure.preflight.registry import CheckContext, Finding, Severity, bounds, check

CELL_MM = 3.0
INSET = 0.2  # of a glyph box's size on each side: kerning and tight leading are no collision
NEIGHBOURS = 3  # glyphs this close in drawing order belong to one run of text


@check("overlap")
def overlap(ctx: CheckContext) -> Iterator[Finding]:
    for page in ctx.facts.pages:
        per_panel: dict[str | None, list[Glyph]] = defaultdict(list)
        for index in sorted(_overprinted(page.glyphs, page.boxes["media"])):
            glyph = page.glyphs[index]
            per_panel[ctx.panel_id_at(page.number, glyph.cx)].append(glyph)
        for panel_id, glyphs in per_panel.items():
            yield Finding(
                "overlap",
                Severity.ERROR,
                f"{len(glyphs)} glyphs printed over other text",
                page.number,
                panel_id,
                bounds((g.x0, g.y0, g.x1, g.y1) for g in glyphs),
            )


def _overprinted(glyphs: list[Glyph], media: tuple[float, float, float, float]) -> set[int]:
    """The indexes of the glyphs whose inset boxes cross a glyph's not drawn next to them, on the page's
    `media` box: only what is printed can collide, and a glyph of a huge font-size would otherwise
    fill millions of cells of the grid."""
    boxes = []
    for glyph in glyphs:
        dx, dy = (glyph.x1 - glyph.x0) * INSET, (glyph.y1 - glyph.y0) * INSET
        box = (glyph.x0 + dx, glyph.y0 + dy, glyph.x1 - dx, glyph.y1 - dy)
        boxes.append((max(box[0], media[0]), max(box[1], media[1]), min(box[2], media[2]), min(box[3], media[3])))
    hit: set[int] = set()
    for members in _grid(boxes).values():
        for n, i in enumerate(members):
            for j in members[n + 1 :]:
                if abs(i - j) > NEIGHBOURS and _intersect(boxes[i], boxes[j]):
                    hit.update((i, j))
    return hit


def _grid(boxes: list[tuple[float, float, float, float]]) -> dict[tuple[int, int], list[int]]:
    """The boxes by the cells of a CELL_MM grid they touch, so that only near boxes are compared."""
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    for index, (x0, y0, x1, y1) in enumerate(boxes):
        if x0 > x1 or y0 > y1:  # nothing of it on the page
            continue
        for cx in range(int(x0 // CELL_MM), int(x1 // CELL_MM) + 1):
            for cy in range(int(y0 // CELL_MM), int(y1 // CELL_MM) + 1):
                grid[(cx, cy)].append(index)
    return grid


def _intersect(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
