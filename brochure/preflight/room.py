"""How much text each printed field has room for, measured in a print PDF: for the form's field budgets
and a translator's length limits.

A field's text is found among its panel's glyphs, in the order they are drawn: that gives its lines,
the width it is set in and the mean advance of its characters. Its room is what it has now, the rest
of its last line, and as many more lines as the space left at its panel's foot holds (a spacer's
stretch counts as space left; it gives way to text). Where the panel overflows, every field on it
has that many lines fewer. An estimate, as the overflow advice's: rounded to whole characters.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from brochure.content.load import Content
from brochure.preflight.overflows import LINE_GAP_MM, lines_of, placed_blocks
from brochure.preflight.pdffacts import Glyph, read_pdf
from brochure.preflight.placement import text_key
from brochure.preflight.registry import CheckContext
from brochure.sheet.layout import Panel
from brochure.sheet.pdfmeta import END_PREFIX, GAP_PREFIX
from brochure.units import MM_PER_PT

LEADING = 1.3  # a one-line field's line pitch, in ems, where it has no second line to measure

# Marks the PDF draws that the content's text does not have: hyphens that hyphenation inserted.
_DRAWN_ONLY = {"\u2010", "\u00ad"}


@dataclass(frozen=True)
class Room:
    """The room of one printed field, in characters, and where it is measured."""

    field: str  # as the checks name it, e.g. "sections.about.blocks[2].text.text.de"
    panel: str
    lang: str | None
    length: int  # characters it has now
    fits: int  # about how many fit in the space its panel has
    free_mm: float  # the room left at the panel's foot; negative where the panel overflows
    measure_mm: float  # the width its lines are set in

    @property
    def overflows(self) -> bool:
        return self.length > self.fits


def rooms_of(pdf: Path, content: Content) -> dict[str, Room]:
    """The room of every field the print PDF at `pdf` prints, by field."""
    return rooms(CheckContext(layout=content.layout, facts=read_pdf(pdf), content=content))


def rooms(ctx: CheckContext) -> dict[str, Room]:
    """The room of every field the checked PDF prints, by field; a field it does not show has none."""
    found: dict[str, Room] = {}
    for panel in ctx.layout.panels:
        glyphs = ctx.glyphs_of(panel)
        if not glyphs:
            continue
        free = _free(ctx, panel, glyphs)
        drawn, where = _drawn(glyphs)
        _, placed = ctx.where(panel)
        right = placed.x + panel.width - ctx.layout.margins_of(panel).right  # the content box's right edge
        cursor = 0
        for text in ctx.panel_texts()[panel.id]:
            key = text_key(text.text)
            if not key:
                continue
            start = drawn.find(key, cursor)
            if start < 0:
                start = drawn.find(key)
            if start < 0:
                continue
            cursor = start + len(key)
            own = [glyphs[index] for index in where[start:cursor]]
            found[text.field] = _room(text.field, panel, text.lang, len(text.text), own, glyphs, free, right)
    return found


def _free(ctx: CheckContext, panel: Panel, glyphs: Sequence[Glyph]) -> float:
    """The room at the panel's foot, in mm: under its last block, in its spacers and between its languages."""
    foot = ctx.layout.content_bottom
    number, _ = ctx.where(panel)
    end = ctx.facts.destinations.get(END_PREFIX + panel.id)
    lowest = max(glyph.y1 for glyph in glyphs)
    if end and end[0] == number:
        lowest = max(lowest, end[2])
    stretch = 0.0
    if ctx.content is not None:
        stretch = sum(item.bottom - item.top for item in placed_blocks(ctx, panel) if item.block.kind == "spacer")
    return foot - lowest + stretch + _gaps(ctx, panel, number)


def _gaps(ctx: CheckContext, panel: Panel, number: int) -> float:
    """The stretch of the gaps between the languages' parts of a section stacked by language, in mm."""
    marks = ctx.facts.destinations
    prefix = f"{GAP_PREFIX}{panel.id}-"
    starts = [name for name, (page, _, _) in marks.items() if name.startswith(prefix) and page == number]
    return sum(marks[name + "-end"][2] - marks[name][2] for name in starts if name + "-end" in marks)


def _drawn(glyphs: Sequence[Glyph]) -> tuple[str, list[int]]:
    """The panel's drawn characters without spacing, as `text_key` compares texts, and the glyph each
    comes from."""
    chars: list[str] = []
    where: list[int] = []
    for index, glyph in enumerate(glyphs):
        char = "-" if glyph.char == "\x02" else glyph.char
        for one in text_key(char) if char not in _DRAWN_ONLY else "":
            chars.append(one)
            where.append(index)
    return "".join(chars), where


def _room(
    field: str,
    panel: Panel,
    lang: str | None,
    length: int,
    own: list[Glyph],
    glyphs: Sequence[Glyph],
    free: float,
    right: float,
) -> Room:
    lines = lines_of(own)
    widths = [max(g.x1 for g in line) - min(g.x0 for g in line) for line in lines]
    measure = _to_next(lines, own, glyphs, right)
    advance = sum(widths) / max(1, length - (len(lines) - 1))  # a line break replaces a space
    per_line = measure / advance if advance > 0 else 0.0
    if len(lines) > 1:
        baselines = [statistics.median(glyph.y1 for glyph in line) for line in lines]
        pitch = statistics.median(b - a for a, b in zip(baselines, baselines[1:], strict=False))
    else:
        pitch = LEADING * statistics.median(glyph.size for glyph in own) * MM_PER_PT
    rest = max(0.0, measure - widths[-1]) / advance if advance > 0 else 0.0
    more = math.floor(free / pitch + 0.05) if free >= 0 else -math.ceil(-free / pitch - 0.05)
    fits = max(0, int(length + rest + more * per_line))
    return Room(field, panel.id, lang, length, fits, round(free, 1), round(measure, 1))


def _to_next(lines: list[list[Glyph]], own: list[Glyph], glyphs: Sequence[Glyph], right: float) -> float:
    """The width a field's lines may take: from its start to the nearest other text on any of its lines
    (the next column, less a gutter), else to the panel's content edge."""
    start = min(glyph.x0 for glyph in own)
    mine = set(map(id, own))
    edge = right
    for line in lines:
        end = max(glyph.x1 for glyph in line)
        baseline = statistics.median(glyph.y1 for glyph in line)
        after = [g.x0 for g in glyphs if id(g) not in mine and g.x0 >= end and abs(g.y1 - baseline) <= LINE_GAP_MM]
        if after:
            edge = min(edge, min(after) - LINE_GAP_MM)
    return max(edge - start, max(max(g.x1 for g in line) for line in lines) - start)
