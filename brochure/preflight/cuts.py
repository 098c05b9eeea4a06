"""What to cut from a panel that overflows: the content field that ends it, and about how many characters.

The field is the last text of the panel that is prose (a few words at least): a web
address or a name ending the panel cannot be cut short, the text above it can.

The estimate is read from the PDF: the overflow in whole lines of the panel's body text
(its most common type size), times the characters of a full line of that text at the
panel's measure (the width of its content box), spaces counted as the field has them.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from pathlib import Path

from brochure.errors import InputError
from brochure.files.yamlfile import read_yaml
from brochure.preflight.located import field_node
from brochure.preflight.pdffacts import Glyph
from brochure.preflight.placement import PrintedText
from brochure.preflight.registry import CheckContext
from brochure.sheet.layout import Panel

LINE_GAP_MM = 1.5  # glyph baselines this far apart are on different lines
FULL_LINE = 0.8  # a line at least this share of the measure wide is a full one
ROUND_TO = 5  # characters: an estimate, said as one
PROSE_WORDS = 4  # a text of this many words or more can be shortened


def cut_advice(ctx: CheckContext, panel: Panel, glyphs: Sequence[Glyph], overflow_mm: float) -> str:
    """`; FILE:LINE:COL: field ends the panel: cut about N characters at its M mm measure`, or "" without content."""
    if ctx.content is None:
        return ""
    texts = [item for item in ctx.panel_texts()[panel.id] if item.text.strip()]
    if not texts:
        return ""
    # The last prose of the panel: a web address or a name cannot be cut short.
    field = next((item for item in reversed(texts) if len(item.text.split()) >= PROSE_WORDS), texts[-1])
    measure = ctx.layout.measure(panel)
    advice = f"; {_located(ctx.content.path, field)} ends the panel"
    characters = _characters(glyphs, measure, overflow_mm, field)
    if characters:
        advice += f": cut about {characters} characters at its {measure:g} mm measure"
    return advice


def _located(path: Path, field: PrintedText) -> str:
    """`content.yaml:LINE:COL: field`, or the field alone where the content file does not hold it (an event's)."""
    try:
        root, _ = read_yaml(path, "content")
    except InputError:
        return field.field
    node = field_node(root, field.field)
    if node is None:
        return field.field
    return f"{path.name}:{node.start_mark.line + 1}:{node.start_mark.column + 1}: {field.field}"


def _characters(glyphs: Sequence[Glyph], measure: float, overflow_mm: float, field: PrintedText) -> int:
    """About how many characters make the overflow's whole lines; 0 where the panel shows no body text."""
    body = statistics.mode(round(glyph.size, 1) for glyph in glyphs) if glyphs else None
    lines = _lines([glyph for glyph in glyphs if round(glyph.size, 1) == body])
    if len(lines) < 2:
        return 0
    baselines = [statistics.median(glyph.y1 for glyph in line) for line in lines]
    pitch = statistics.median(b - a for a, b in zip(baselines, baselines[1:], strict=False))
    full = [line for line in lines if max(g.x1 for g in line) - min(g.x0 for g in line) >= FULL_LINE * measure]
    per_line = statistics.mean(len(line) for line in full or lines)
    spaced = len(field.text) / max(1, len("".join(field.text.split())))  # glyphs are drawn characters only
    characters = math.ceil(overflow_mm / pitch - 0.05) * per_line * spaced
    return max(ROUND_TO, ROUND_TO * round(characters / ROUND_TO))


def _lines(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into lines, top to bottom: a new line wherever their bottoms jump."""
    lines: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda glyph: glyph.y1):
        if lines and glyph.y1 - lines[-1][-1].y1 <= LINE_GAP_MM:
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
    return lines
