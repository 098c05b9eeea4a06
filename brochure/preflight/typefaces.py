"""Checks of type: fonts embedded and declared, glyphs covered, no text too small to print."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator

from brochure.preflight.pdffacts import FontFact
from brochure.preflight.registry import CheckContext, Finding, Severity, check

MIN_TEXT_PT = 6.0
_SIZE_TOLERANCE_PT = 0.01


@check("fonts")
def fonts(ctx: CheckContext) -> Iterator[Finding]:
    families = {font.family.replace(" ", "") for font in ctx.layout.fonts}

    def declared(name: str) -> bool:
        return name.split("-")[0].split(",")[0] in families

    reported: set[tuple[str, str]] = set()  # WeasyPrint shares font resources between pages
    for finding, name in _foreign_glyphs(ctx, declared):
        reported.add((name, "foreign"))
        yield finding
    for page in ctx.facts.pages:
        for font in page.fonts:
            for kind, message in _font_problems(font, declared):
                if (font.name, kind) not in reported:
                    reported.add((font.name, kind))
                    yield Finding("fonts", Severity.ERROR, message, page.number)


def _foreign_glyphs(ctx: CheckContext, declared: Callable[[str], bool]) -> Iterator[tuple[Finding, str]]:
    """Glyphs set in a font the layout does not declare, by page, panel and font, with the font's name."""
    foreign: dict[tuple[int, str | None, str], list[str]] = defaultdict(list)
    for page in ctx.facts.pages:
        for glyph in page.glyphs:
            if glyph.font and not declared(glyph.font):
                foreign[(page.number, ctx.panel_id_at(page.number, glyph.cx), glyph.font)].append(glyph.char)
    for (page_number, panel_id, name), chars in foreign.items():
        shown = "".join(dict.fromkeys(chars))[:10]
        message = (
            f"{len(chars)} glyph{'s' if len(chars) != 1 else ''} ({shown!r}) in {name}, which is not a font of the "
            f"layout (a system fallback for a missing glyph?)"
        )
        yield Finding("fonts", Severity.ERROR, message, page_number, panel_id), name


def _font_problems(font: FontFact, declared: Callable[[str], bool]) -> list[tuple[str, str]]:
    """What is wrong with one font resource of the PDF: (kind, message) pairs."""
    problems = []
    if font.subtype == "Type3":
        problems.append(("type3", f"{font.name} is a Type 3 (bitmap) font"))
    elif not font.embedded:
        problems.append(("embedded", f"{font.name} is not embedded"))
    if not declared(font.name):
        problems.append(("foreign", f"{font.name} is not a font of the layout (a system fallback?)"))
    return problems


@check("glyphs", needs_pdf=False, needs_content=True)
def glyphs(ctx: CheckContext) -> Iterator[Finding]:
    covered = frozenset().union(*(face.code_points for face in ctx.layout.fonts))  # read with the layout
    seen: set[str] = set()
    for panel_id, texts in ctx.panel_texts().items():
        for item in texts:
            if item.field in seen:
                continue
            seen.add(item.field)
            missing = sorted({c for c in item.text if ord(c) not in covered and not c.isspace() and c.isprintable()})
            if missing:
                shown = ", ".join(f"{c!r} (U+{ord(c):04X} {unicodedata.name(c, '?')})" for c in missing[:5])
                more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
                yield Finding(
                    "glyphs",
                    Severity.ERROR,
                    f"{item.field}: no font of the layout has {shown}{more}",
                    ctx.where(ctx.layout.panel(panel_id))[0],
                    panel_id,
                )


@check("text-size")
def text_size(ctx: CheckContext) -> Iterator[Finding]:
    for page in ctx.facts.pages:
        small: dict[str | None, list[float]] = defaultdict(list)
        for glyph in page.glyphs:
            if glyph.size < MIN_TEXT_PT - _SIZE_TOLERANCE_PT:
                small[ctx.panel_id_at(page.number, glyph.cx)].append(glyph.size)
        for panel_id, sizes in small.items():
            yield Finding(
                "text-size",
                Severity.ERROR,
                f"{len(sizes)} glyph{'s' if len(sizes) != 1 else ''} below {MIN_TEXT_PT:g} pt "
                f"(smallest {min(sizes):.1f} pt)",
                page.number,
                panel_id,
            )
