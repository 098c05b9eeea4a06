"""The `overprint` check of a press-ready PDF: 100 % K text and rules overprint, and nothing else does.

Black text or a black rule knocked out of a colour leaves a white hairline beside it as soon as the
plates are a hair out of register; a print shop's house rule has them overprint (/op or /OP with the
overprint mode 1, so that the zero C, M and Y leave what lies under them alone). Anything else that
overprints does not print as it looks on screen: white vanishes, a colour mixes with what lies under it.
brochure's print edition sets both (render/overprint.py); this check reads the PDF and judges every
paint of every page, through its forms (`paints`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from brochure.preflight.paints import Paint, checked_paints
from brochure.preflight.registry import CheckContext, Finding, Severity, check

_WHAT = {"text": ("run of text", "runs of text"), "rule": ("rule", "rules"), "area": ("area", "areas")}


@check("overprint", editions=("print",))
def overprint(ctx: CheckContext) -> Iterator[Finding]:
    knocked_out: Counter[tuple[int, str | None, str]] = Counter()
    overprinting: Counter[tuple[int, str | None, str, str]] = Counter()
    for paint in checked_paints(ctx):
        where = (paint.page, ctx.panel_id_at(paint.page, paint.x))
        if paint.must_overprint and paint.overprints is not True:
            knocked_out[(*where, paint.kind)] += 1
        elif not paint.black and paint.overprints:
            overprinting[(*where, paint.kind, _colour(paint))] += 1
    for (page, panel, kind), count in knocked_out.items():
        yield Finding(
            "overprint",
            Severity.WARNING,
            f"{_count(count, kind)} in 100 % K {'knock' if count != 1 else 'knocks'} out: out of register, a white "
            f"gap opens beside {'them' if count != 1 else 'it'}; set overprint (/op or /OP with /OPM 1)",
            page,
            panel,
        )
    for (page, panel, kind, colour), count in overprinting.items():
        yield Finding(
            "overprint",
            Severity.ERROR,
            f"{_count(count, kind)} in {colour} {'overprint' if count != 1 else 'overprints'}: only 100 % K may "
            f"({'white vanishes' if colour == 'white' else 'it mixes with what lies under it'}); set overprint off",
            page,
            panel,
        )


def _count(count: int, kind: str) -> str:
    one, many = _WHAT.get(kind, (kind, kind + "s"))
    return f"{count} {one if count == 1 else many}"


def _colour(paint: Paint) -> str:
    """The colour as a printer reads it: white, `C100 M88`, or what it is not."""
    if paint.cmyk is None:
        return "a colour that is not CMYK" if paint.kind not in ("image", "shading") else "colour"
    if not any(paint.cmyk):
        return "white"
    return " ".join(f"{ink}{value:g}" for ink, value in zip("CMYK", paint.cmyk, strict=True) if value > 0)
