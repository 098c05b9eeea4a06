"""Checks of the sheet itself: page count, page boxes, and the safe zone along trim and folds."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from brochure.preflight.registry import CheckContext, Finding, Severity, bounds, check

TOLERANCE_MM = 0.1


@check("page-count")
def page_count(ctx: CheckContext) -> Iterator[Finding]:
    expected, found = len(ctx.surfaces), len(ctx.facts.pages)
    if found != expected:
        what = "sheet sides" if ctx.edition == "print" else f"pages in the {ctx.edition} edition"
        yield Finding("page-count", Severity.ERROR, f"{found} pages; the layout has {expected} {what}")


@check("geometry")
def geometry(ctx: CheckContext) -> Iterator[Finding]:
    for page in ctx.facts.pages:
        surface = ctx.surfaces[min(page.number, len(ctx.surfaces)) - 1]  # a page too many is judged as the last
        sheet = (0.0, 0.0, surface.width, surface.height)
        bleed = (-surface.bleed, -surface.bleed, surface.width + surface.bleed, surface.height + surface.bleed)
        if page.rotation:
            yield Finding("geometry", Severity.ERROR, f"the page is rotated by {page.rotation}°", page.number)
        media, bleed_box, trim = page.boxes["media"], page.boxes["bleed"], page.boxes["trim"]
        for outer, inner, names in ((media, bleed_box, "MediaBox ⊇ BleedBox"), (bleed_box, trim, "BleedBox ⊇ TrimBox")):
            if not _contains(outer, inner):
                yield Finding("geometry", Severity.ERROR, f"{names} does not hold", page.number)
        width, height = trim[2] - trim[0], trim[3] - trim[1]
        if not _close(trim, sheet):
            yield Finding(
                "geometry",
                Severity.ERROR,
                f"TrimBox is {width:.1f} × {height:.1f} mm; the layout's "
                f"{'sheet' if ctx.edition == 'print' else 'page'} is {surface.width:g} × {surface.height:g} mm",
                page.number,
            )
        elif not _close(bleed_box, bleed):
            margins = (trim[0] - bleed_box[0], trim[1] - bleed_box[1], bleed_box[2] - trim[2], bleed_box[3] - trim[3])
            yield Finding(
                "geometry",
                Severity.ERROR,
                f"bleed is {' / '.join(f'{m:.1f}' for m in margins)} mm (left/top/right/bottom); "
                f"the layout asks {surface.bleed:g} mm on every side",
                page.number,
            )


def _contains(outer, inner) -> bool:
    return (
        outer[0] <= inner[0] + TOLERANCE_MM
        and outer[1] <= inner[1] + TOLERANCE_MM
        and outer[2] >= inner[2] - TOLERANCE_MM
        and outer[3] >= inner[3] - TOLERANCE_MM
    )


def _close(box, expected) -> bool:
    return all(abs(a - b) <= TOLERANCE_MM for a, b in zip(box, expected, strict=True))


@check("safe-zone")
def safe_zone(ctx: CheckContext) -> Iterator[Finding]:
    margin = ctx.layout.safe_margin
    limit = margin - TOLERANCE_MM / 10  # nearer than this to an edge is a hit
    for page in ctx.facts.pages:
        if page.number > len(ctx.surfaces):
            continue
        surface = ctx.surfaces[page.number - 1]
        folds = surface.folds()
        # (panel, edge) → [glyph count, closest distance, area of the glyphs]
        hits: dict[tuple[str, str], list] = defaultdict(lambda: [0, margin, []])
        width, height = surface.width, surface.height
        for glyph in page.glyphs:
            x0, x1 = glyph.x0, glyph.x1
            if (
                x0 >= limit
                and width - x1 >= limit
                and glyph.y0 >= limit
                and height - glyph.y1 >= limit
                and all(max(fold - x1, x0 - fold) >= limit for fold in folds)
            ):
                continue  # clear of every edge, as most glyphs are: no need to say which
            panel_id = ctx.panel_id_at(page.number, glyph.cx)
            edges = {
                "the left trim": glyph.x0,
                "the right trim": surface.width - glyph.x1,
                "the top trim": glyph.y0,
                "the bottom trim": surface.height - glyph.y1,
            }
            for fold in folds:
                edges[f"the fold at {fold:g} mm"] = max(fold - glyph.x1, glyph.x0 - fold)
            for edge, distance in edges.items():
                if distance < limit:
                    hit = hits[(panel_id, edge)]
                    hit[0] += 1
                    hit[1] = min(hit[1], distance)
                    hit[2].append((glyph.x0, glyph.y0, glyph.x1, glyph.y1))
        for (panel_id, edge), (count, closest, boxes) in hits.items():
            where = f"{closest:.1f} mm from" if closest >= 0 else f"{-closest:.1f} mm past"
            yield Finding(
                "safe-zone",
                Severity.ERROR,
                f"{count} glyph{'s' if count != 1 else ''} within {margin:g} mm of {edge} (closest {where} it)",
                page.number,
                panel_id,
                bounds(boxes),
            )
