"""Each page check at the edge of its rule, on facts made by hand: a millimetre or a point either side.

The PDF-based tests in test_checks.py show that a check sees a real defect; these pin
down where it draws the line, which a real leaflet rarely lands near.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from brochure import load_layout
from brochure.preflight import CheckContext, Severity, run_checks
from brochure.preflight.panels import LINE_BOX_SLACK_MM
from brochure.preflight.pdffacts import FontFact, Glyph, ImageFact, PageFacts, PdfFacts

LAYOUT = load_layout("trifold-roll")
BOTTOM = LAYOUT.sheet_height - LAYOUT.margins.bottom  # 198 mm: where the stylesheet ends the content box
TRIM = (0.0, 0.0, 297.0, 210.0)
BLEED = (-3.0, -3.0, 300.0, 213.0)


def page(number: int = 1, *, glyphs=(), fonts=(), images=(), trim=TRIM, bleed=BLEED) -> PageFacts:
    boxes = {"media": bleed, "bleed": bleed, "trim": trim}
    return PageFacts(number, boxes, (0.0, 0.0, 0.0, 0.0), 0, list(glyphs), list(fonts), list(images))


def glyph(x: float, y0: float, y1: float | None = None, size: float = 9.0, font: str = "Inter") -> Glyph:
    """A 2 mm wide glyph at x, from y0 to y1 (mm from the trim's top-left)."""
    return Glyph("x", x, y0, x + 2.0, y0 + 3.0 if y1 is None else y1, size, font)


def findings(check: str, pages=None, destinations=None) -> list[tuple[Severity, int | None, str | None, str]]:
    pages = [page(1), page(2)] if pages is None else pages
    facts = PdfFacts(Path("hand-made.pdf"), {}, "fr", pages, destinations or {})
    found = run_checks(CheckContext(layout=LAYOUT, facts=facts), only=[check])
    return [(f.severity, f.page, f.panel, f.message) for f in found]


# -- overflow: the content box, from layout.yaml -------------------------------------------

IN_BACK = 120.0  # an x inside the back panel's content box (97 + 9 … 197 - 9)


def test_text_one_millimetre_below_the_content_box_overflows():
    pages = [page(1, glyphs=[glyph(IN_BACK, BOTTOM - 2.0, BOTTOM + 1.0)]), page(2)]
    assert findings("overflow", pages) == [(Severity.ERROR, 1, "back", "text overflows by 1.0 mm (1 line)")]


def test_text_ending_on_the_content_box_fits():
    pages = [page(1, glyphs=[glyph(IN_BACK, BOTTOM - 3.0, BOTTOM)]), page(2)]
    assert findings("overflow", pages) == []


def test_an_end_marker_below_the_box_overflows_without_any_glyph_there():
    # An empty line box at the foot (or text the reader dropped) shows only in the end-of-panel marker.
    marker = BOTTOM + 2.0 + LINE_BOX_SLACK_MM
    destinations = {"panel-back": (1, 97.0, 0.0), "end-back": (1, 106.0, marker)}
    assert findings("overflow", destinations=destinations) == [(Severity.ERROR, 1, "back", "text overflows by 2.0 mm")]


def test_an_end_marker_inside_the_box_fits():
    destinations = {"panel-back": (1, 97.0, 0.0), "end-back": (1, 106.0, BOTTOM - 1.0)}
    assert findings("overflow", destinations=destinations) == []


def test_a_panel_without_its_end_marker_is_text_cut_off():
    destinations = {"panel-back": (1, 97.0, 0.0)}
    message = "the end of the panel's content is not in the PDF (text cut off)"
    assert findings("overflow", destinations=destinations) == [(Severity.ERROR, 1, "back", message)]


def test_text_above_the_top_of_the_content_box():
    top = LAYOUT.margins.top
    pages = [page(1, glyphs=[glyph(IN_BACK, top - 2.0)]), page(2)]
    message = "text runs 2.0 mm past the top edge of the panel's content box"
    assert findings("overflow", pages) == [(Severity.ERROR, 1, "back", message)]


# -- the sheet --------------------------------------------------------------------------------


def test_a_trimbox_half_a_millimetre_off_is_reported():
    trim = (0.0, 0.0, 297.5, 210.0)
    bleed = (-3.0, -3.0, 300.5, 213.0)
    found = findings("geometry", [page(1, trim=trim, bleed=bleed), page(2)])
    assert found == [(Severity.ERROR, 1, None, "TrimBox is 297.5 × 210.0 mm; the layout's sheet is 297 × 210 mm")]


def test_a_bleed_half_a_millimetre_short_is_reported():
    found = findings("geometry", [page(1, bleed=(-2.5, -3.0, 300.0, 213.0)), page(2)])
    assert found == [
        (
            Severity.ERROR,
            1,
            None,
            "bleed is 2.5 / 3.0 / 3.0 / 3.0 mm (left/top/right/bottom); the layout asks 3 mm on every side",
        )
    ]


def test_a_missing_page_is_reported():
    assert findings("page-count", [page(1)]) == [(Severity.ERROR, None, None, "1 pages; the layout has 2 sheet sides")]


@pytest.mark.parametrize(
    ("y0", "y1", "edge", "closest"),
    [(2.0, 5.0, "the top trim", "2.0 mm from"), (205.0, 209.0, "the bottom trim", "1.0 mm from")],
)
def test_text_near_the_top_or_bottom_trim_is_in_the_safe_zone(y0, y1, edge, closest):
    pages = [page(1, glyphs=[glyph(IN_BACK, y0, y1)]), page(2)]
    message = f"1 glyph within 4 mm of {edge} (closest {closest} it)"
    assert findings("safe-zone", pages) == [(Severity.ERROR, 1, "back", message)]


def test_text_just_outside_the_safe_zone_passes():
    pages = [page(1, glyphs=[glyph(IN_BACK, 4.0, 206.0)]), page(2)]
    assert findings("safe-zone", pages) == []


# -- type and images --------------------------------------------------------------------------


def test_text_of_5_5_pt_is_too_small():
    pages = [page(1, glyphs=[glyph(IN_BACK, 50.0, size=5.5), glyph(IN_BACK, 60.0, size=6.0)]), page(2)]
    assert findings("text-size", pages) == [(Severity.ERROR, 1, "back", "1 glyph below 6 pt (smallest 5.5 pt)")]


def test_a_type3_font_is_reported():
    pages = [page(1, fonts=[FontFact("Inter-Bold", "Type3", True)]), page(2)]
    assert findings("fonts", pages) == [(Severity.ERROR, 1, None, "Inter-Bold is a Type 3 (bitmap) font")]


def test_an_embedded_font_of_the_layout_passes():
    pages = [page(1, fonts=[FontFact("Inter-Bold", "Type0", True)]), page(2)]
    assert findings("fonts", pages) == []


@pytest.mark.parametrize(("ppi", "severity"), [(120, Severity.ERROR), (149, Severity.ERROR), (150, Severity.WARNING)])
def test_image_resolution_thresholds(ppi: int, severity: Severity):
    image = ImageFact("image 1", (ppi, ppi), (25.4, 25.4), x=IN_BACK)  # one inch square
    (found,) = findings("image-resolution", [page(1, images=[image]), page(2)])
    assert found[:3] == (severity, 1, "back")


def test_a_rounded_300_ppi_needs_no_warning():
    image = ImageFact("image 1", (2362, 2362), (200.0, 200.0), x=IN_BACK)  # 299.97 ppi
    assert findings("image-resolution", [page(1, images=[image]), page(2)]) == []


def test_250_ppi_is_a_warning():
    image = ImageFact("image 1", (250, 250), (25.4, 25.4), x=IN_BACK)
    (found,) = findings("image-resolution", [page(1, images=[image]), page(2)])
    assert found == (Severity.WARNING, 1, "back", found[3])
    assert found[3] == "image 1: 250 × 250 px drawn at 25.4 × 25.4 mm is 250 ppi; print needs 300"


@pytest.mark.parametrize(
    ("font", "message"),
    [
        (FontFact("Inter", "Type1", False), "Inter is not embedded"),
        (FontFact("DejaVuSans", "Type0", True), "DejaVuSans is not a font of the layout (a system fallback?)"),
    ],
)
def test_a_font_that_is_not_embedded_or_not_the_layouts(font: FontFact, message: str):
    assert findings("fonts", [page(1, fonts=[font]), page(2)]) == [(Severity.ERROR, 1, None, message)]


def test_glyphs_in_a_font_of_no_layout_are_named_with_their_panel():
    pages = [page(1, glyphs=[glyph(IN_BACK, 50.0, font="DejaVuSans")]), page(2)]
    message = "1 glyph ('x') in DejaVuSans, which is not a font of the layout (a system fallback for a missing glyph?)"
    assert findings("fonts", pages) == [(Severity.ERROR, 1, "back", message)]


# -- more of the sheet and the panels ---------------------------------------------------------


def test_text_just_right_of_a_fold_is_in_the_safe_zone():
    pages = [page(1, glyphs=[glyph(97.0 + 1.0, 50.0)]), page(2)]  # the fold between flap and back
    assert findings("safe-zone", pages) == [
        (Severity.ERROR, 1, "back", "1 glyph within 4 mm of the fold at 97 mm (closest 1.0 mm from it)")
    ]


def test_a_bleedbox_outside_the_mediabox():
    bad = page(1)
    bad.boxes["media"] = (-2.0, -3.0, 300.0, 213.0)
    assert findings("geometry", [bad, page(2)]) == [(Severity.ERROR, 1, None, "MediaBox ⊇ BleedBox does not hold")]


@pytest.mark.parametrize(("x", "side"), [(97.0 + 9.0 - 3.0, "left"), (197.0 - 9.0 - 1.0, "right")])
def test_text_past_the_side_of_the_content_box(x: float, side: str):
    pages = [page(1, glyphs=[glyph(x, 50.0)]), page(2)]
    message = f"text runs {1.0 if side == 'right' else 3.0:.1f} mm past the {side} edge of the panel's content box"
    assert findings("overflow", pages) == [(Severity.ERROR, 1, "back", message)]


def test_overflow_counts_the_lines_below_the_box():
    glyphs = [glyph(IN_BACK, BOTTOM - 2.0, BOTTOM + 1.0), glyph(IN_BACK, BOTTOM + 1.0, BOTTOM + 4.0)]
    found = findings("overflow", [page(1, glyphs=glyphs), page(2)])
    assert found == [(Severity.ERROR, 1, "back", "text overflows by 4.0 mm (2 lines)")]


def panel_markers(**moved: tuple[int, float]) -> dict[str, tuple[int, float, float]]:
    """A start and end marker for every panel where the layout has it, some of them `moved`."""
    markers = {}
    for panel in LAYOUT.panels:
        page_number, x = moved.get(panel.id.replace("-", "_"), (panel.page + 1, panel.x))
        markers[f"panel-{panel.id}"] = (page_number, x, 0.0)
        markers[f"end-{panel.id}"] = (page_number, x + 9.0, 100.0)
    return markers


def test_panel_markers_where_the_layout_has_them_pass():
    assert findings("panel-order", destinations=panel_markers()) == []


def test_a_panel_marker_a_millimetre_out_of_place():
    found = findings("panel-order", destinations=panel_markers(back=(1, 98.0)))
    message = "panel is on page 1 at 98.0 mm; the layout places it on page 1 at 97–197 mm"
    assert found == [(Severity.ERROR, 1, "back", message)]


def test_a_panel_marker_on_the_other_page():
    found = findings("panel-order", destinations=panel_markers(back=(2, 97.0)))
    assert [f[:3] for f in found] == [(Severity.ERROR, 2, "back")]


def test_a_panel_missing_from_the_pdf():
    markers = panel_markers()
    del markers["panel-cover"]
    found = findings("panel-order", destinations=markers)
    assert found == [(Severity.ERROR, None, "cover", "panel is missing from the PDF")]


def test_a_pdf_recording_other_panels():
    facts = PdfFacts(Path("x.pdf"), {"brochurepanels": '{"flap": [1, 0, 99]}'}, "fr", [page(1), page(2)], {})
    found = [f.message for f in run_checks(CheckContext(layout=LAYOUT, facts=facts), only=["panel-order"])]
    assert "the PDF was laid out for other panels than the print edition of layout 'trifold-roll'" in found


# -- text over text, metadata -----------------------------------------------------------------


def run_of_glyphs(x: float, y: float, count: int) -> list[Glyph]:
    return [Glyph("x", x + 2.0 * i, y, x + 2.0 * i + 2.0, y + 3.0, 9.0, "Inter") for i in range(count)]


def test_a_line_printed_over_another():
    glyphs = run_of_glyphs(IN_BACK, 50.0, 5) + run_of_glyphs(IN_BACK, 50.5, 5)
    assert findings("overlap", [page(1, glyphs=glyphs), page(2)]) == [
        (Severity.ERROR, 1, "back", "10 glyphs printed over other text")
    ]


def test_lines_one_under_the_other_do_not_overlap():
    glyphs = run_of_glyphs(IN_BACK, 50.0, 5) + run_of_glyphs(IN_BACK, 53.0, 5) + run_of_glyphs(IN_BACK + 10.0, 50.0, 5)
    assert findings("overlap", [page(1, glyphs=glyphs), page(2)]) == []


def test_a_pdf_without_title_author_or_language():
    facts = PdfFacts(Path("x.pdf"), {"Title": " "}, None, [page(1), page(2)], {})
    found = [f.message for f in run_checks(CheckContext(layout=LAYOUT, facts=facts), only=["metadata"])]
    assert found == ["the PDF has no title", "the PDF has no author", "the PDF has no language (/Lang)"]


def test_checks_that_need_a_pdf_are_left_out_without_one():
    assert list(run_checks(CheckContext(layout=LAYOUT))) == []


def test_a_report_with_an_error_is_not_ok():
    from brochure.preflight import Finding, Report

    warning = Finding("x", Severity.WARNING, "w")
    assert Report(None, (warning,)).ok
    report = Report(None, (warning, Finding("x", Severity.ERROR, "e", 1, "back")))
    assert not report.ok
    assert report.summary() == "1 error, 1 warning"
