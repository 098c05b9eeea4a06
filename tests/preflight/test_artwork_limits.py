"""The `graphics-zone` check at its two limits, on a PDF drawn by hand: art keeps the safe margin
inside the trim (4 mm in trifold-roll's layout.yaml), or runs at least the cutting tolerance
(1 mm) into the bleed; in between, a guillotine's tolerance leaves a sliver or cuts into it."""

from __future__ import annotations

from pathlib import Path

import pytest
from handmade import HEIGHT, IN_BACK, LAYOUT, WIDTH, pdf_findings, sheet_pdf, trim_rect

from brochure.preflight import Severity
from brochure.preflight.artwork import CUT_TOLERANCE_MM

MARGIN = LAYOUT.safe_margin


def box_at(edge: str, distance: float) -> tuple[float, float, float, float]:
    """A 10 mm box in the back panel whose side towards `edge` ends `distance` mm inside the trim
    (negative: past it)."""
    y = 100.0
    return {
        "left": (distance, y, distance + 10.0, y + 10.0),
        "right": (WIDTH - distance - 10.0, y, WIDTH - distance, y + 10.0),
        "top": (IN_BACK, distance, IN_BACK + 10.0, distance + 10.0),
        "bottom": (IN_BACK, HEIGHT - distance - 10.0, IN_BACK + 10.0, HEIGHT - distance),
    }[edge]


def zone_findings(tmp_path: Path, edge: str, distance: float):
    drawing = b"0 0 0 1 k " + trim_rect(*box_at(edge, distance)) + b" f"
    return pdf_findings("graphics-zone", sheet_pdf(tmp_path / "art.pdf", drawing))


EDGES = ["left", "right", "top", "bottom"]


@pytest.mark.parametrize("edge", EDGES)
def test_art_ending_at_the_safe_margin_passes(tmp_path: Path, edge: str):
    assert zone_findings(tmp_path, edge, MARGIN) == []


@pytest.mark.parametrize("edge", EDGES)
def test_art_ending_just_inside_the_safe_margin_is_reported(tmp_path: Path, edge: str):
    found = zone_findings(tmp_path, edge, MARGIN - 0.05)
    assert [f[:2] for f in found] == [(Severity.ERROR, 1)]
    assert f"near the {edge} trim (closest {MARGIN - 0.05:.2f} mm inside it)" in found[0][3]


@pytest.mark.parametrize("edge", EDGES)
def test_art_running_just_short_of_the_cutting_tolerance_into_the_bleed_is_reported(tmp_path: Path, edge: str):
    found = zone_findings(tmp_path, edge, -0.95)
    assert [f[:2] for f in found] == [(Severity.ERROR, 1)]
    assert found[0][3] == (
        f"1 graphic ending near the {edge} trim (closest 0.95 mm past it): keep art 4 mm inside the trim, "
        "or run it at least 1 mm into the bleed"
    )


@pytest.mark.parametrize("edge", EDGES)
def test_art_running_the_cutting_tolerance_into_the_bleed_passes(tmp_path: Path, edge: str):
    assert zone_findings(tmp_path, edge, -1.0) == []


@pytest.mark.parametrize("edge", EDGES)
def test_art_wholly_in_the_bleed_is_cut_off_and_passes(tmp_path: Path, edge: str):
    assert zone_findings(tmp_path, edge, -10.5) == []


@pytest.mark.parametrize("edge", EDGES)
def test_art_a_little_past_the_safe_margin_passes(tmp_path: Path, edge: str):
    assert zone_findings(tmp_path, edge, MARGIN + 0.05) == []


def test_art_not_declared_to_bleed_may_not_run_past_the_trim_however_far(tmp_path: Path):
    # A PDF that records its bleeding elements: a box that is none of them must keep inside.
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_metadata({"/brochurebleeds": '{"1": [[0, 0, 10, 10, "box"]]}'})
    drawing = b"0 0 0 1 k " + trim_rect(*box_at("left", -2.0)) + b" f"
    found = pdf_findings("graphics-zone", sheet_pdf(tmp_path / "art.pdf", drawing, writer=writer))
    assert [f[3].split(":")[0] for f in found] == [
        "1 graphic not declared to bleed ending near the left trim (closest 2.00 mm past it)"
    ]


def test_the_limits_are_those_of_the_layout():
    assert (MARGIN, CUT_TOLERANCE_MM) == (4, 1.0)
