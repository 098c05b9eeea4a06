"""Sizes at their limits, on facts made by hand: the 6 pt text floor (`text-size`), the print
edition's 150 ppi error and 300 ppi warning (`image-resolution`), the screen editions' 200 ppi
ceiling (`screen-images`) and the e-mail edition's byte budget (`file-size`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from handmade import IN_BACK, LAYOUT, findings, page

from brochure.preflight import CheckContext, Severity, run_checks
from brochure.preflight.images import ERROR_PPI, WARNING_PPI
from brochure.preflight.pdffacts import Glyph, ImageFact, PdfFacts
from brochure.preflight.screen import MAX_SCREEN_PPI
from brochure.preflight.typefaces import MIN_TEXT_PT


def test_the_limits():
    assert (MIN_TEXT_PT, ERROR_PPI, WARNING_PPI, MAX_SCREEN_PPI) == (6.0, 150, 300, 200)


# -- text-size: 6 pt, with 0.01 pt for sizes written as 5.999 -------------------------------------


@pytest.mark.parametrize("size", [6.0, 5.995])
def test_text_of_6_pt_passes(size: float):
    glyph = Glyph("x", IN_BACK, 50.0, IN_BACK + 2.0, 53.0, size, "Inter")
    assert findings("text-size", [page(1, glyphs=[glyph]), page(2)]) == []


@pytest.mark.parametrize("size", [5.98, 5.95])
def test_text_just_below_6_pt_is_too_small(size: float):
    glyph = Glyph("x", IN_BACK, 50.0, IN_BACK + 2.0, 53.0, size, "Inter")
    found = findings("text-size", [page(1, glyphs=[glyph]), page(2)])
    assert found == [(Severity.ERROR, 1, "back", f"1 glyph below 6 pt (smallest {size:.1f} pt)")]


# -- image-resolution: whole ppi, as rounded ---------------------------------------------------------


def image(ppi: float) -> ImageFact:
    """A 1000 px square image drawn at the size that gives it `ppi`."""
    return ImageFact("image 1", (1000, 1000), (1000 / ppi * 25.4, 1000 / ppi * 25.4), x=IN_BACK)


def resolution(ppi: float, check: str = "image-resolution", edition: str = "print"):
    facts = PdfFacts(Path("hand-made.pdf"), {}, "fr", [page(1, images=[image(ppi)]), page(2)], {})
    found = run_checks(CheckContext(layout=LAYOUT, facts=facts, edition=edition), only=[check])
    return [(f.severity, f.page, f.panel) for f in found]


@pytest.mark.parametrize(
    ("ppi", "expected"),
    [
        (149.4, [(Severity.ERROR, 1, "back")]),  # 149 ppi
        (149.6, [(Severity.WARNING, 1, "back")]),  # 150 ppi
        (150.0, [(Severity.WARNING, 1, "back")]),
        (299.4, [(Severity.WARNING, 1, "back")]),  # 299 ppi
        (299.6, []),  # 300 ppi
        (300.0, []),
    ],
)
def test_print_resolution_edges(ppi: float, expected: list):
    assert resolution(ppi) == expected


def test_the_print_warning_names_the_resolution():
    facts = PdfFacts(Path("hand-made.pdf"), {}, "fr", [page(1, images=[image(149.4)]), page(2)], {})
    (found,) = run_checks(CheckContext(layout=LAYOUT, facts=facts), only=["image-resolution"])
    assert found.message == "image 1: 1000 × 1000 px drawn at 170.0 × 170.0 mm is 149 ppi; print needs 300"


@pytest.mark.parametrize(
    ("ppi", "expected"),
    [(200.0, []), (200.4, []), (200.6, [(Severity.ERROR, 1, "back")]), (201.0, [(Severity.ERROR, 1, "back")])],
)
def test_screen_resolution_edges(ppi: float, expected: list):
    assert resolution(ppi, "screen-images", "email") == expected


# -- file-size: the budget in bytes, inclusive -------------------------------------------------------


@pytest.mark.parametrize(("size", "budget", "ok"), [(100_000, 100_000, True), (100_001, 100_000, False)])
def test_the_email_budget_holds_a_file_of_exactly_its_size(tmp_path: Path, size: int, budget: int, ok: bool):
    pdf = tmp_path / "leaflet-email.pdf"
    pdf.write_bytes(b"%" * size)
    facts = PdfFacts(pdf, {}, "fr", [page(1)], {})
    found = list(run_checks(CheckContext(layout=LAYOUT, facts=facts, edition="email", max_bytes=budget), ["file-size"]))
    if ok:
        assert found == []
    else:
        assert [(f.severity, f.message) for f in found] == [
            (
                Severity.ERROR,
                "the file is more than 100 kB; the email edition's budget is 100 kB "
                "(mail services refuse or strip larger attachments)",
            )
        ]
