"""Page checks: read a written PDF back and judge it against its layout and its content.

Each check is a function marked with `@check("id")` that yields findings; `CHECKS` lists
those that run, in the order they run (and their findings are listed). A check reads the
PDF (`pdffacts`), the layout and the content, and never how the PDF was made.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import MappingProxyType

from brochure.content.load import Content
from brochure.preflight import (
    artwork,
    blending,
    collisions,
    colours,
    contrast,
    declared,
    document,
    facing,
    fineprint,
    hyphens,
    images,
    inks,
    knockout,
    outline,
    overprint,
    panels,
    pdfx,
    qrcodes,
    screen,
    sheet,
    tints,
    typefaces,
)
from brochure.preflight.pdffacts import read_pdf
from brochure.preflight.registry import Check, CheckContext, Finding, Severity, check, checks_of, run
from brochure.preflight.report import Report
from brochure.sheet.imposition import IMPOSITIONS, Imposition
from brochure.sheet.layout import DEFAULT_LAYOUT, Layout, load_layout
from brochure.sheet.pdfmeta import recorded_edition, recorded_imposition, recorded_layout

# Every check, in the order they run: the order reports have always listed their findings in.
CHECKS: tuple[Check, ...] = checks_of(
    (
        artwork.graphics_zone,
        collisions.overlap,
        document.metadata,
        facing.facing,
        colours.colour,
        declared.colour_spaces,
        blending.blending,
        tints.tints,
        overprint.overprint,
        qrcodes.qr_ink,
        fineprint.fine_print,
        knockout.reversed_text,
        hyphens.hyphenation,
        images.image_resolution,
        inks.ink,
        panels.panel_order,
        panels.overflow,
        panels.translations,
        pdfx.pdfx,
        pdfx.annotations,
        screen.file_size,
        screen.screen_images,
        screen.reading_order,
        screen.tags,
        contrast.contrast,
        outline.headings,
        screen.links,
        sheet.page_count,
        sheet.geometry,
        sheet.safe_zone,
        typefaces.fonts,
        declared.subset_names,
        typefaces.glyphs,
        typefaces.text_size,
    )
)
REGISTRY: Mapping[str, Check] = MappingProxyType({entry.id: entry for entry in CHECKS})

__all__ = [
    "CHECKS",
    "REGISTRY",
    "CheckContext",
    "Finding",
    "Report",
    "Severity",
    "check",
    "check_content",
    "check_pdf",
    "run_checks",
]


# Checks whose errors on a panel that overflows are that overflow again, said once by `overflow`: text
# pushed past the trim (safe-zone), art pushed near it (graphics-zone), a page whose first text is
# pushed off it (reading-order), text run over other text (overlap). Once the overflow is fixed, a
# build says what is left.
FOLLOW_OVERFLOW = frozenset({"safe-zone", "graphics-zone", "reading-order", "overlap"})


def run_checks(context: CheckContext, only: Iterable[str] | None = None) -> Iterator[Finding]:
    """Run the checks of the context's edition that it has what they need for (those named in `only`);
    one cause, one error: what follows from a panel's overflow is left to the overflow's finding."""
    findings = list(run(CHECKS, context, only))
    overflowing = {(item.page, item.panel) for item in findings if item.check == "overflow" and item.panel}
    return iter(
        [item for item in findings if item.check not in FOLLOW_OVERFLOW or (item.page, item.panel) not in overflowing]
    )


def check_content(content: Content, layout: Layout) -> Report:
    """Run the checks that need no PDF (glyph coverage): before rendering."""
    context = CheckContext(layout=layout, content=content)
    return Report(pdf=None, findings=tuple(run_checks(context)))


def check_pdf(
    pdf: Path,
    layout: Layout | None = None,
    content: Content | None = None,
    project_dir: Path | None = None,
    *,
    edition: str | None = None,
    imposition: Imposition | None = None,
    max_bytes: int | None = None,
) -> Report:
    """Run the checks of an edition on the PDF at `pdf`.

    The layout, the edition and its imposition default to those the PDF records in its
    metadata (the content's layout, with its theme, where it is that one), else the print
    edition of the default layout. With `content`, each panel prints the sections the content
    places on it.
    """
    facts = read_pdf(pdf)
    if layout is None:
        name = recorded_layout(facts.metadata) or DEFAULT_LAYOUT
        # The content's layout carries its theme (fonts, colours) and where it places its sections.
        layout = (
            content.layout if content is not None and content.layout.name == name else load_layout(name, project_dir)
        )
    if content is not None and layout is not content.layout:
        # A layout read from its file places the sections named like its panels; the content's own
        # `panels` may place them otherwise, and the checks must look for them where it does. The
        # content's layout (what a build passes) has them placed already.
        layout = layout.placed(content.data["panels"])
    edition = edition or recorded_edition(facts.metadata) or "print"
    if imposition is None:
        impose = IMPOSITIONS.get(recorded_imposition(facts.metadata) or "", IMPOSITIONS["sheet-sides"])
        imposition = impose(layout)
    context = CheckContext(
        layout=layout,
        facts=facts,
        content=content,
        edition=edition,
        imposition=imposition,
        max_bytes=max_bytes,
    )
    findings = tuple(run_checks(context))
    return Report(pdf=pdf, findings=findings, pages=len(facts.pages), layout=layout, imposition=imposition)
