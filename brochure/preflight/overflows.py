"""What overflows a panel, and what would make it fit: advice that names the text, the image or the block.

The panel's blocks are found in the PDF by the ids the templates give them (`BLOCK_ID`): where
each starts, and so which is the first to run past the foot of the content box. That block
decides the advice:

- an image (photo, picture, logo): a shorter image, or the block moved to another panel;
- text that can be cut: the field nearest the foot, in that block or above it, long enough to
  lose the overflow's lines, and about how many characters to cut. The estimate is read from
  the PDF: the overflow in whole lines, times the characters of a full line of that block at
  the panel's measure, spaces counted as the field has them;
- any other block (a QR code, a programme too long for any one text to make room): fewer
  items, or a block moved to another panel.

A PDF without block ids (a project's own templates) gets the text advice as before: the last
prose of the panel.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from brochure.preflight.located import content_root, field_location
from brochure.preflight.pdffacts import Glyph
from brochure.preflight.placement import PrintedText, normalize, text_key
from brochure.preflight.registry import CheckContext
from brochure.schema.values import Block
from brochure.sheet.layout import Panel
from brochure.sheet.pdfmeta import BLOCK_ID
from brochure.units import MM_PER_PT

LINE_GAP_MM = 1.5  # glyph baselines this far apart are on different lines
FULL_LINE = 0.8  # a line at least this share of the measure wide is a full one
ROUND_TO = 5  # characters: an estimate, said as one
PROSE_WORDS = 4  # a text of this many words or more can be shortened
RUN_GAP_EM = 0.6  # glyphs of one line further apart than this (a wide space) are not one run of words
PAST_MM = 1.0  # a block that reaches this far past the foot overflows (its last line box's slack aside)
IMAGES = ("photo", "picture", "logo")
DRAWN = (*IMAGES, "action")  # blocks that draw more than text: an action its QR code
# Blocks made of items, which a panel can hold fewer of.
LISTS = ("programme", "items", "list", "links", "figures")
# What makes an image shorter, in its block's own fields.
SHORTER = {
    "photo": "a wider `ratio` (a shorter frame)",
    "picture": "a drawing less tall (it is set as wide as the column)",
    "logo": "a smaller `height`",
}
_SECTION_NAME = re.compile(r"^sections\.([^.\[]+)")


@dataclass(frozen=True)
class LaidBlock:
    """One block of a panel as the PDF shows it: where it starts and where the next one does, in mm."""

    path: str  # e.g. "sections.about[2]"
    block: Block
    source: Path  # the file that holds it: the content's, or an event's
    top: float
    bottom: float


def overflow_advice(ctx: CheckContext, panel: Panel, glyphs: Sequence[Glyph], overflow_mm: float) -> tuple[str, str]:
    """What overflows the panel (`text`; `a photo`, `a picture`, `a logo`; or `content`, a block that is
    neither) and the advice for an overflow of `overflow_mm`: `; FILE:LINE:COL: field: cut about N of its
    M characters at its W mm measure`, or the block past the foot and what would make room; "" without
    content."""
    if ctx.content is None:
        return "text", ""
    blocks = placed_blocks(ctx, panel)
    foot = ctx.layout.content_bottom
    first = next((item for item in blocks if _past(item, glyphs, foot)), None)
    if first is None:  # no block ids: the panel's last prose
        return "text", _last_prose(ctx, panel, glyphs, overflow_mm)
    if first.block.kind in IMAGES:
        return f"a {first.block.kind}", f"; {_where(first)} {_image_said(first)} runs past the foot of the panel: " + (
            f"{SHORTER[first.block.kind]}, or move the block to another panel"
        )
    above = [item for item in blocks if item.top <= first.top]
    cut = _cut(ctx, panel, glyphs, overflow_mm, above)
    if cut:
        return "text", cut
    room = _make_room(above, overflow_mm)
    longest = _longest_prose(ctx, panel, first) if first.block.kind == "text" else None
    if longest is not None:  # text, though no one field holds as many characters as the estimate
        said = f"shorten it (it has {len(longest.text)} characters), or {room}"
        return "text", f"; {_located(first.source, longest)}: {said}"
    if first.path.endswith("[0]"):  # the whole section, from its first block
        section = _SECTION_NAME.match(first.path)[1]
        return "content", f"; {_where(first)}: the section {section} runs past the foot of the panel: {room}"
    return "content", f"; {_where(first)} ({_said(first.block)}) is past the foot of the panel: {room}"


def unbreakable_advice(ctx: CheckContext, panel: Panel, page: int, past: Sequence[Glyph]) -> str:
    """For text run past a side of the panel's content box (`past`: the glyphs beyond it), the line they
    are on: a run that cannot break, named with its field and what would let it fit; "" without content
    or where no field prints it."""
    if ctx.content is None or not past:
        return ""
    first = min(past, key=lambda glyph: glyph.y1)
    line = sorted(
        (glyph for glyph in ctx.facts.pages[page - 1].glyphs if abs(glyph.y1 - first.y1) <= LINE_GAP_MM),
        key=lambda glyph: glyph.x0,
    )
    # The run of glyphs the line holds around them, up to a gap wider than a space: not a neighbour's text.
    start = end = line.index(first)
    gap = RUN_GAP_EM * first.size * MM_PER_PT
    while start > 0 and line[start].x0 - line[start - 1].x1 <= gap:
        start -= 1
    while end + 1 < len(line) and line[end + 1].x0 - line[end].x1 <= gap:
        end += 1
    run = line[start : end + 1]
    box = (min(g.x0 for g in run), min(g.y0 for g in run), max(g.x1 for g in run), max(g.y1 for g in run))
    words = normalize(ctx.facts.text_in(page, box[0] - 0.2, box[2] + 0.2, box[1] + 0.2, box[3] - 0.2))
    key = text_key(words)
    field = next((item for item in ctx.panel_texts()[panel.id] if key and key in text_key(item.text)), None)
    if field is None:
        return ""
    # The words as the content spells them (the PDF may not draw the spaces between them).
    names = {text_key(name): name for name in (ctx.content.data.get("typography") or {}).get("names", ())}
    if key in names:
        said = names[key]
        fix = "it is one of typography.names, which never break: a shorter name, or take it out of the names"
    else:
        said = normalize(field.text) if text_key(field.text) == key else words
        fix = "a shorter word, or a hyphenation point for it in typography.hyphenation"
    return f"; {_located(_source(ctx, field.field), field)}: {said!r} cannot break: {fix}"


def _source(ctx: CheckContext, field: str) -> Path:
    """The file that holds a field: an event's, for the sections it gives, else the content's."""
    section = _SECTION_NAME.match(field)
    body = ctx.content.data["sections"].get(section[1], {}) if section else {}
    return body.get("source", ctx.content.path)


def placed_blocks(ctx: CheckContext, panel: Panel) -> list[LaidBlock]:
    """The blocks of the panel the PDF marks, top to bottom, each with the top of the next as its bottom."""
    number, _ = ctx.where(panel)
    sections = ctx.content.data["sections"]
    tops: list[tuple[float, str, Block, Path]] = []
    for name, (page, _, y) in ctx.facts.destinations.items():
        match = BLOCK_ID.match(name)
        if not match or match["panel"] != panel.id or page != number:
            continue
        section, index = int(match["section"]) - 1, int(match["block"]) - 1
        if section >= len(panel.sections) or index >= len(sections[panel.sections[section]]["blocks"]):
            continue
        body = sections[panel.sections[section]]
        tops.append((y, f"{body['blocks_path']}[{index}]", body["blocks"][index], body.get("source", ctx.content.path)))
    tops.sort(key=lambda item: item[0])
    end = ctx.facts.destinations.get(f"end-{panel.id}")
    last = end[2] if end and end[0] == number else math.inf
    return [
        LaidBlock(path, block, source, top, tops[index + 1][0] if index + 1 < len(tops) else last)
        for index, (top, path, block, source) in enumerate(tops)
    ]


def _past(item: LaidBlock, glyphs: Sequence[Glyph], foot: float) -> bool:
    """Whether the block reaches past the foot: one that draws (an image, a QR code) by its extent, text
    by its glyphs (a block's extent holds the margin above the next)."""
    if item.block.kind in ("spacer", "divider") or item.bottom <= foot + PAST_MM:
        return False
    if item.block.kind in DRAWN or item.top > foot:
        return True
    return any(item.top <= glyph.y0 < item.bottom and glyph.y1 > foot for glyph in glyphs)


def _cut(ctx: CheckContext, panel: Panel, glyphs: Sequence[Glyph], overflow_mm: float, above: list[LaidBlock]) -> str:
    """The advice to cut a field long enough to lose the overflow's lines, from the text block nearest
    the foot among `above` (the first block past it, and those above it); "" where none is."""
    measure = ctx.layout.measure(panel)
    texts = [item for item in ctx.panel_texts()[panel.id] if item.text.strip()]
    for block in reversed(above):
        if block.block.kind in IMAGES:
            continue
        inside = [g for g in glyphs if block.top <= g.y0 < block.bottom]
        fields = [item for item in texts if _in_block(item.field, block.path)]
        for field in reversed(fields):
            if len(field.text.split()) < PROSE_WORDS:
                continue
            characters = _characters(inside or glyphs, measure, overflow_mm, field)
            if characters and len(field.text) > characters:
                return (
                    f"; {_located(block.source, field)}: cut about {characters} of its {len(field.text)} characters "
                    f"at its {measure:g} mm measure"
                )
    return ""


def _longest_prose(ctx: CheckContext, panel: Panel, item: LaidBlock) -> PrintedText | None:
    """The longest prose field of the text block `item`; None if it has none."""
    fields = [
        text
        for text in ctx.panel_texts()[panel.id]
        if _in_block(text.field, item.path) and len(text.text.split()) >= PROSE_WORDS
    ]
    return max(fields, key=lambda text: len(text.text), default=None)


def _in_block(field: str, path: str) -> bool:
    return field.startswith(path + ".")


def _make_room(above: list[LaidBlock], overflow_mm: float) -> str:
    """What makes room for a block that does not fit: fewer items in the nearest list at or above it, as
    many as its items' mean height makes the overflow, or a block moved."""
    for item in reversed(above):
        count = len(item.block.get("items") or ()) if item.block.kind in LISTS else 0
        fewer = math.ceil(overflow_mm / ((item.bottom - item.top) / count)) if count else 0
        if 0 < fewer < count:
            return (
                f"{fewer} item{'s' if fewer > 1 else ''} fewer in the {item.block.kind} {item.path} "
                f"(it has {count}), or move a block or a section to another panel"
            )
    return "move a block or a section to another panel"


def _said(block: Block) -> str:
    """A block as its reader sees it: `an action with its QR code`, `a programme of 8 items`, `a quote`."""
    if block.kind == "action" and block.get("qr") is not False:
        return "an action with its QR code"
    if block.kind in LISTS and block.get("items"):
        return f"{'an' if block.kind[0] in 'aeiou' else 'a'} {block.kind} block of {len(block['items'])} items"
    return f"{'an' if block.kind[0] in 'aeiou' else 'a'} {block.kind}"


def _image_said(item: LaidBlock) -> str:
    file = item.block.get("file")
    return f"({file})" if file else f"({item.block.kind})"


def _where(item: LaidBlock) -> str:
    """`FILE:LINE:COL: path` of a block."""
    return _located(item.source, PrintedText(item.path, None, ""))


def _last_prose(ctx: CheckContext, panel: Panel, glyphs: Sequence[Glyph], overflow_mm: float) -> str:
    """The last prose of the panel, and about how many characters to cut from it."""
    texts = [item for item in ctx.panel_texts()[panel.id] if item.text.strip()]
    if not texts:
        return ""
    field = next((item for item in reversed(texts) if len(item.text.split()) >= PROSE_WORDS), texts[-1])
    measure = ctx.layout.measure(panel)
    advice = f"; {_located(_source(ctx, field.field), field)} ends the panel"
    characters = _characters(glyphs, measure, overflow_mm, field)
    if characters:
        advice += f": cut about {characters} characters at its {measure:g} mm measure"
    return advice


def _located(path: Path, field: PrintedText) -> str:
    """`FILE:LINE:COL: field`, or the field alone where the file does not hold it."""
    root = content_root(path)
    found = field_location(root, field.field) if root is not None else None
    return f"{found.where(path)}: {field.field}" if found is not None else field.field


def _characters(glyphs: Sequence[Glyph], measure: float, overflow_mm: float, field: PrintedText) -> int:
    """About how many characters make the overflow's whole lines; 0 where the glyphs show no body text."""
    body = statistics.mode(round(glyph.size, 1) for glyph in glyphs) if glyphs else None
    lines = lines_of([glyph for glyph in glyphs if round(glyph.size, 1) == body])
    if len(lines) < 2:
        return 0
    baselines = [statistics.median(glyph.y1 for glyph in line) for line in lines]
    pitch = statistics.median(b - a for a, b in zip(baselines, baselines[1:], strict=False))
    full = [line for line in lines if max(g.x1 for g in line) - min(g.x0 for g in line) >= FULL_LINE * measure]
    per_line = statistics.mean(len(line) for line in full or lines)
    spaced = len(field.text) / max(1, len("".join(field.text.split())))  # glyphs are drawn characters only
    characters = math.ceil(overflow_mm / pitch - 0.05) * per_line * spaced
    return max(ROUND_TO, ROUND_TO * math.ceil(characters / ROUND_TO))


def lines_of(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into lines, top to bottom: a new line wherever their bottoms jump."""
    lines: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda glyph: glyph.y1):
        if lines and glyph.y1 - lines[-1][-1].y1 <= LINE_GAP_MM:
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
    return lines
