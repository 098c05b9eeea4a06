"""The `ink` check: total area coverage (the sum of C, M, Y and K) within the layout's limit,
for every CMYK colour the PDF sets and on the separations Ghostscript renders, which is
where images, shadings, blending and overprint add up.

Ghostscript is only asked when it can find more than the colours say: a page painted with
solid CMYK and grey colours alone, with normal blending and no overprint, never holds more
ink at any point than the heaviest of those colours, since compositing with an alpha only
mixes colours and a mix of two colours holds at most the ink of the heavier one. A colour
over the limit is rendered too, to say where it prints. Without Ghostscript (`gs`, or
`gswin64c`/`gswin32c` on Windows) the separations go unmeasured, which is a warning: the
missing tool is this machine's, not a fault of the PDF."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, ImageMath

from brochure.preflight.colours import ColourUse, colour_uses
from brochure.preflight.paints import checked_paints
from brochure.preflight.registry import CheckContext, Finding, Severity, check
from brochure.schema.layout import DEFAULT_INK_LIMIT
from brochure.units import pixel_mm

SEPARATION_DPI = 72  # one pixel is 0.35 mm: finer than any area a printer's limit is about
_GS_TIMEOUT_S = 120
_BOUNDED_SPACES = ("CMYK", "Gray")
# Ghostscript's console program is `gs` on Unix; its Windows installers name it after the build.
GHOSTSCRIPT_NAMES = ("gs", "gswin64c", "gswin32c")
NO_GHOSTSCRIPT = (
    "total ink not measured on the separations: Ghostscript is not installed "
    "(Debian/Ubuntu: apt install ghostscript; macOS: brew install ghostscript; "
    "Windows: the installer from ghostscript.com)"
)


@check("ink", editions=("print",))
def ink(ctx: CheckContext) -> Iterator[Finding]:
    limit = ctx.layout.press.ink_limit if ctx.layout.press else DEFAULT_INK_LIMIT
    over: dict[tuple[int, tuple[float, ...]], None] = {}
    for use in colour_uses(ctx):
        if use.cmyk is not None and sum(use.cmyk) > limit + 0.5:
            over.setdefault((use.page, tuple(round(v) for v in use.cmyk)), None)
    for page, cmyk in over:
        yield Finding(
            "ink",
            Severity.ERROR,
            f"colour C{cmyk[0]} M{cmyk[1]} Y{cmyk[2]} K{cmyk[3]} has {sum(cmyk)} % ink; the limit is {limit:g} %",
            page,
        )
    black_only = all(paint.black for paint in checked_paints(ctx) if paint.overprints is not False)
    if separations_needed(colour_uses(ctx), limit, black_overprints=black_only):
        yield from _separations(ctx, limit)


def separations_needed(uses: list[ColourUse], limit: float, *, black_overprints: bool = False) -> bool:
    """Whether the separations can hold more ink than the colours set, or must say where a colour over `limit` is.
    With `black_overprints` (only 100 % K overprints), overprint adds at most a full K to any colour's C, M and Y."""
    overprint = any(use.space == "Overprint" for use in uses)
    for use in uses:
        if use.space == "Overprint" and black_overprints:
            continue
        if use.where not in ("content", "group") or use.space not in _BOUNDED_SPACES:
            return True  # an image, a shading, a blend mode or overprint, or inks we cannot add up
        if use.cmyk is not None and max(sum(use.cmyk), sum(use.cmyk[:3]) + 100 * overprint) > limit + 0.5:
            return True
    return False


def ghostscript() -> str | None:
    """The path of Ghostscript's console program, by the first of its names found on PATH."""
    for name in GHOSTSCRIPT_NAMES:
        path = shutil.which(name)
        if path is not None:
            return path
    return None


def _separations(ctx: CheckContext, limit: float) -> Iterator[Finding]:
    gs = ghostscript()
    if gs is None:
        # A tool missing on this machine says nothing against the PDF: say what went unmeasured.
        yield Finding("ink", Severity.WARNING, NO_GHOSTSCRIPT)
        return
    with tempfile.TemporaryDirectory() as work:
        command = [
            gs, "-q", "-dSAFER", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pamcmyk32", f"-r{SEPARATION_DPI}",
            "-dGraphicsAlphaBits=1", "-dTextAlphaBits=1",  # no anti-aliasing: it would mix inks at edges
            # The CMYK values as written go to the plates (PDF/X): no colour management between
            # the PDF and the separations, which also halves Ghostscript's time.
            "-dUseFastColor=true",
            f"-sOutputFile={Path(work) / 'page-%d.pam'}", str(ctx.facts.path),
        ]  # fmt: skip
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=_GS_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            yield Finding("ink", Severity.ERROR, f"Ghostscript did not render the PDF within {_GS_TIMEOUT_S} s")
            return
        if result.returncode != 0:
            yield Finding("ink", Severity.ERROR, f"Ghostscript cannot render the PDF: {_first_line(result)}")
            return
        if result.stdout.strip() or result.stderr.strip():
            yield Finding("ink", Severity.WARNING, f"Ghostscript warns while rendering: {_first_line(result)}")
        for page in ctx.facts.pages:
            separations = read_pam(Path(work) / f"page-{page.number}.pam")
            yield from _page_coverage(ctx, page, separations, limit)


def _page_coverage(ctx: CheckContext, page, separations: Image.Image, limit: float) -> Iterator[Finding]:
    mm = pixel_mm(SEPARATION_DPI)
    media_left, media_top = page.boxes["media"][0], page.boxes["media"][1]
    # Only the artwork counts: printer's marks outside the bleed are in registration colour, 400 % by design.
    bleed = page.boxes["bleed"]
    box = (
        round((bleed[0] - media_left) / mm),
        round((bleed[1] - media_top) / mm),
        round((bleed[2] - media_left) / mm),
        round((bleed[3] - media_top) / mm),
    )
    separations = separations.crop(box)
    media_left, media_top = bleed[0], bleed[1]
    channels = dict(zip("cmyk", (channel.convert("I") for channel in separations.split()), strict=True))
    total = ImageMath.lambda_eval(lambda a: a["c"] + a["m"] + a["y"] + a["k"], **channels)  # 0–1020
    threshold = round(limit * 255 / 100)
    if total.getextrema()[1] <= threshold:
        return
    mask = ImageMath.lambda_eval(lambda a: (a["t"] > threshold) * 255, t=total).convert("L")
    # One finding per panel, so that the report says where the ink is.
    placed = ctx.surfaces[page.number - 1].placed if page.number <= len(ctx.surfaces) else ()
    cuts = [(item.panel.id, item.x, item.right) for item in placed] or [(None, media_left, 1e6)]
    for index, (panel_id, start, stop) in enumerate(cuts):
        start = media_left if index == 0 else start  # the outer panels reach into the bleed
        stop = 1e6 if index == len(cuts) - 1 else stop
        column0, column1 = max(0, round((start - media_left) / mm)), min(mask.width, round((stop - media_left) / mm))
        part = mask.crop((column0, 0, column1, mask.height))
        bounds = part.getbbox()
        if bounds is None:
            continue
        peak = total.crop((column0, 0, column1, mask.height)).getextrema()[1]
        x0, x1 = media_left + (column0 + bounds[0]) * mm, media_left + (column0 + bounds[2]) * mm
        y0, y1 = media_top + bounds[1] * mm, media_top + bounds[3] * mm
        yield Finding(
            "ink",
            Severity.ERROR,
            f"{peak * 100 / 255:.0f} % ink over {part.histogram()[255] * mm * mm:.0f} mm² "
            f"(x {x0:.0f}–{x1:.0f} mm, y {y0:.0f}–{y1:.0f} mm); the limit is {limit:g} %",
            page.number,
            panel_id,
            (x0, y0, x1, y1),
        )


def read_pam(path: Path) -> Image.Image:
    """A CMYK picture in Netpbm's PAM format, as Ghostscript's `pamcmyk32` writes it (Pillow reads no PAM)."""
    data = path.read_bytes()
    end = data.index(b"ENDHDR\n") + len(b"ENDHDR\n")
    lines = data[:end].decode("ascii").splitlines()[1:]
    header = dict(line.split(None, 1) for line in lines if " " in line and not line.startswith("#"))
    if header.get("TUPLTYPE", "").strip() != "CMYK" or header.get("MAXVAL", "").strip() != "255":
        raise ValueError(f"{path.name}: not an 8-bit CMYK PAM")
    size = (int(header["WIDTH"]), int(header["HEIGHT"]))
    return Image.frombytes("CMYK", size, data[end : end + size[0] * size[1] * 4])


def _first_line(result: subprocess.CompletedProcess) -> str:
    text = (result.stderr.strip() or result.stdout.strip() or "no message").splitlines()
    return text[0][:200]
