"""The `hyphenation` check: no more hyphenated lines in a row than the layout allows.

A stack of lines ending in a hyphen (a "ladder") is what a reader's eye trips over, and
German compounds make one easily. The build holds ladders to the layout's
`hyphenation.max_lines` where keeping one word whole can (`brochure.ladders`); this check
reads the lines back from the PDF, column by column, and warns where the limit is still
passed, naming the words so that the content's exceptions list can keep one of them whole.
"""

from __future__ import annotations

from collections.abc import Iterator

from brochure.preflight.pdffacts import Glyph
from brochure.preflight.registry import CheckContext, Finding, Severity, check
from brochure.units import MM_PER_PT

HYPHENS = ("\u2010", "-", "\u00ad")  # WeasyPrint's hyphenate-character, a typed hyphen, a soft hyphen
Line = list[Glyph]
LINE_GAP_MM = 1.0
WORD_GAP_EM = 0.25  # between the ink of two words: a word space and more; letters stand closer


def text_lines(glyphs: list[Glyph]) -> list[Line]:
    """Glyphs of one column as lines, top to bottom, each left to right. The middles of a
    line's glyphs (letters, capitals, descenders, a hyphen) lie within about half its type
    size of one another, and lines lie further apart than that: a gap between middles
    sorted top to bottom starts a new line."""
    lines: list[Line] = []
    previous = None
    for glyph in sorted(glyphs, key=lambda g: (g.y0 + g.y1) / 2):
        middle = (glyph.y0 + glyph.y1) / 2
        if previous is None or middle - previous > LINE_GAP_MM:
            lines.append([])
        lines[-1].append(glyph)
        previous = middle
    return [sorted(line, key=lambda g: g.x0) for line in lines]


def hyphenated(line: Line) -> bool:
    """Whether a line ends in a hyphen: its last visible character is one."""
    visible = [glyph.char for glyph in line if not glyph.char.isspace()]
    return bool(visible) and visible[-1] in HYPHENS and len(visible) > 1


def ladders(lines: list[Line], limit: int) -> Iterator[list[Line]]:
    """Runs of more than `limit` hyphenated lines in a row."""
    run: list[Line] = []
    for line in [*lines, []]:
        if line and hyphenated(line):
            run.append(line)
            continue
        if len(run) > limit:
            yield run
        run = []


@check("hyphenation", editions=("print",))
def hyphenation(ctx: CheckContext) -> Iterator[Finding]:
    """More hyphenated lines in a row than the layout's `hyphenation.max_lines`, per panel: a warning."""
    limit = ctx.layout.hyphenation.max_lines
    for panel in ctx.layout.panels:
        number, placed = ctx.where(panel)
        for run in ladders(text_lines(ctx.glyphs_of(panel)), limit):
            words = ", ".join(_last_word(line) for line in run)
            yield Finding(
                "hyphenation",
                Severity.WARNING,
                f"{len(run)} hyphenated lines in a row ({words}); the layout allows {limit}: "
                "keep one of these words whole in the content's hyphenation exceptions",
                number,
                panel.id,
                (placed.x, min(g.y0 for g in run[0]), placed.right, max(g.y1 for g in run[-1])),
            )


def _last_word(line: Line) -> str:
    """The last word of a line: its glyphs after the last gap wider than a fraction of an em
    (the PDF holds no spaces between words, only room)."""
    start = 0
    for index in range(1, len(line)):
        em = line[index].size * MM_PER_PT
        if line[index].x0 - line[index - 1].x1 > WORD_GAP_EM * em:
            start = index
    return "".join(glyph.char for glyph in line[start:])
