"""The `reversed-text` check: small text knocked out of a background of several inks.

Light text on a dark ground is left as paper (or a lighter colour) in every plate of the
ground: when the plates are slightly out of register, each one's edge shows in the
letters' counters and a small size fills in. Below 10 pt a print shop wants such text
large enough, not reversed, or on a ground of one ink. The text and the area painted under
it are read by the `fine-print` walk (`inked_texts`); an image under text is not judged.
The size is the press's (`press.reversed_text`, 10 pt by default; the stylesheet sets every
text of a panel with a background colour at least that size); a layout without a press
names no condition to judge by.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from brochure.preflight.fineprint import InkedText, below, checked_texts, colour_name, inks, panel_warnings, runs
from brochure.preflight.registry import CheckContext, Finding, check

DARKER_BY = 0.2  # how much darker (see `darkness`) a ground is than text reversed out of it


def darkness(cmyk: tuple[float, ...]) -> float:
    """About how dark a CMYK colour prints, 0 (paper) to 1 (solid black): K, and the strongest of the
    chromatic inks at four fifths of a black's weight. A rough measure, but enough to tell light text
    from the dark ground it is knocked out of."""
    c, m, y, k = cmyk
    return 1 - (1 - k) * (1 - 0.8 * max(c, m, y))


def reversed_out(text: InkedText) -> bool:
    """Whether `text` is clearly lighter than the area under it and that area prints in two inks or more."""
    ground = text.background
    if ground is None or inks(ground) < 2:
        return False
    return darkness(text.cmyk or (0.0, 0.0, 0.0, 0.0)) + DARKER_BY <= darkness(ground)


@check("reversed-text", editions=("print",))
def reversed_text(ctx: CheckContext) -> Iterator[Finding]:
    """Per panel, text below the press's `reversed_text` size knocked out of a background of two inks
    or more: a warning."""
    limit = ctx.layout.press.reversed_text if ctx.layout.press is not None else None
    if limit is None:
        return
    found: dict[tuple[int, str | None], list[InkedText]] = defaultdict(list)
    for text in checked_texts(ctx):
        if below(text, limit) and reversed_out(text):
            found[(text.page, ctx.panel_id_at(text.page, text.x))].append(text)

    def said(count: int, smallest: InkedText) -> str:
        colour = colour_name(smallest.cmyk) if any(smallest.cmyk or ()) else "paper"
        return (
            f"{runs(count)} of text below {limit:g} pt knocked out of a background of several inks "
            f"(smallest {smallest.size:.1f} pt, {colour} on {colour_name(smallest.background)}); "
            f"set it at {limit:g} pt or more, or on a background of one ink"
        )

    yield from panel_warnings("reversed-text", found, said)
