"""The `qr-ink` check of a press-ready PDF: every QR code printed in 100 % K.

A QR code is read by a phone's camera from the contrast and the sharp edges of its modules. In one
ink, black, its modules print on one plate; in several, each module is several screened plates laid
on one another, and the least misregister blurs the edges into fringes of colour that a camera reads
as neither dark nor light. The template gives each QR code's image an id (`pdfmeta.QR_PREFIX`), so the
check finds it as a named destination at the image's top-left corner, and judges what is painted in the
image's box (`paints`: WeasyPrint clips an image to its box).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from brochure.preflight.paints import BLACK, Paint, checked_paints
from brochure.preflight.registry import CheckContext, Finding, Severity, check
from brochure.sheet.pdfmeta import QR_PREFIX

CORNER_MM = 0.5  # how near an image's clip must start to the QR code's corner to be its box


@check("qr-ink", editions=("print",))
def qr_ink(ctx: CheckContext) -> Iterator[Finding]:
    paints = checked_paints(ctx)
    for name, (page, x, y) in sorted(ctx.facts.destinations.items()):
        if not name.startswith(QR_PREFIX):
            continue
        drawn = [paint for paint in paints if paint.page == page and _at(paint, x, y)]
        off = Counter(_colour(paint) for paint in drawn if paint.cmyk != BLACK)
        if not drawn:
            message = "a QR code whose modules brochure cannot find drawn; print it as vector art in 100 % K"
        elif off:
            colours = ", ".join(f"{colour} ({count} paint{'s' if count != 1 else ''})" for colour, count in off.items())
            message = (
                f"a QR code printed in {colours}: in several inks its modules blur as soon as the plates are out "
                f"of register, and a camera misreads them; print it in 100 % K"
            )
        else:
            continue
        yield Finding("qr-ink", Severity.WARNING, message, page, ctx.panel_id_at(page, x), area=(x, y, x, y))


def _at(paint: Paint, x: float, y: float) -> bool:
    clip = paint.clip
    return clip is not None and abs(clip[0] - x) <= CORNER_MM and abs(clip[1] - y) <= CORNER_MM


def _colour(paint: Paint) -> str:
    if paint.cmyk is None:
        return "an image" if paint.kind == "image" else "a colour that is not CMYK"
    return " ".join(f"{ink}{value:g}" for ink, value in zip("CMYK", paint.cmyk, strict=True) if value > 0) or "white"
