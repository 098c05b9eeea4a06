"""The `tints` check of a press-ready PDF: rules (of any colour) and tints in at most two process inks,
each of a dot the plate holds.

A light colour is screened into small dots on every plate it uses: built from three or four inks,
a hairline breaks into a fringe of coloured dots as soon as the plates are slightly out of register,
and a light background drifts in hue over the run, since its grey balance rests on four small dots
at once. An ink below 3 % is a dot most plates do not hold at all: it prints as nothing here and a
speck there. A rule of any darkness is a hairline on every plate: in three or four inks, misregister
fringes it too. Text has the `fine-print` check; this one judges the paths a page fills and strokes,
through its forms, in the colours their content streams set (`paints`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from brochure.preflight.paints import checked_paints
from brochure.preflight.registry import CheckContext, Finding, Severity, check
from brochure.sheet.colour import INKED, MIN_DOT, TINT_INKS, is_tint, well_built


def faults(cmyk: tuple[float, ...]) -> list[str]:
    """What is wrong with a tint's build: more than two inks, an ink below the smallest dot."""
    inked = [value for value in cmyk if value >= INKED]
    found = []
    if len(inked) > TINT_INKS:
        found.append(f"{len(inked)} process inks (at most {TINT_INKS})")
    thin = [f"{ink} {value:.1f} %" for ink, value in zip("CMYK", cmyk, strict=True) if 0 < value < MIN_DOT]
    if thin:
        found.append(f"a dot below {MIN_DOT:g} % ({', '.join(thin)})")
    return found


@check("tints", editions=("print",))
def tints(ctx: CheckContext) -> Iterator[Finding]:
    found: dict[tuple[int, str | None, str, tuple[float, ...]], int] = defaultdict(int)
    for paint in checked_paints(ctx):
        if paint.kind not in ("rule", "area") or paint.cmyk is None or well_built(paint.cmyk):
            continue
        # A rule of any colour is a hairline on every plate it uses; an area only where it is screened light.
        if paint.kind == "rule" and any(value >= INKED for value in paint.cmyk) or is_tint(paint.cmyk):
            found[(paint.page, ctx.panel_id_at(paint.page, paint.x), paint.kind, paint.cmyk)] += 1
    for (page, panel_id, kind, cmyk), count in found.items():
        colour = " ".join(f"{ink}{value:g}" for ink, value in zip("CMYK", cmyk, strict=True) if value > 0)
        what = "rules" if kind == "rule" else "tinted areas"
        yield Finding(
            "tints",
            Severity.WARNING,
            f"{count} {what[:-1] if count == 1 else what} in {colour}: {' and '.join(faults(cmyk))}; build rules "
            f"and tints from at most {TINT_INKS} inks, each at {MIN_DOT:g} % or more",
            page,
            panel_id,
        )
