"""Checks of placed raster images: effective resolution at printed size."""

from __future__ import annotations

from collections.abc import Iterator

from brochure.preflight.registry import CheckContext, Finding, Severity, check

ERROR_PPI = 150
WARNING_PPI = 300


@check("image-resolution", editions=("print",))
def image_resolution(ctx: CheckContext) -> Iterator[Finding]:
    for page in ctx.facts.pages:
        for image in page.images:
            ppi = image.ppi
            if round(ppi) >= WARNING_PPI:  # 299.97 ppi is 300 ppi: pixels are whole, millimetres are not
                continue
            severity = Severity.ERROR if round(ppi) < ERROR_PPI else Severity.WARNING
            yield Finding(
                "image-resolution",
                severity,
                f"{image.name}: {image.pixels[0]} × {image.pixels[1]} px drawn at "
                f"{image.drawn[0]:.1f} × {image.drawn[1]:.1f} mm is {ppi:.0f} ppi; print needs {WARNING_PPI}",
                page.number,
                ctx.panel_id_at(page.number, image.x),
            )
