"""The `tints` check: rules and tints in at most two process inks, each of a dot the plate holds, on a
sheet drawn by hand as WeasyPrint draws a border (an outer box with the inner one cut out) and a
background, and on the leaflet's own print PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from handmade import IN_BACK, MM, pdf_findings, sheet_pdf, trim_rect

from brochure.preflight import Severity

# A 0.3 mm rule across the back panel, drawn as a box's top border: the box, and the box less the rule.
RULE = trim_rect(IN_BACK - 20, 50, IN_BACK + 20, 60) + b" " + trim_rect(IN_BACK - 20, 50.3, IN_BACK + 20, 60) + b" f*"
AREA = trim_rect(IN_BACK - 20, 80, IN_BACK + 20, 120) + b" f"


def drawn(tmp_path: Path, colour: str, shape: bytes) -> list:
    return pdf_findings("tints", sheet_pdf(tmp_path / "sheet.pdf", f"{colour} k ".encode() + shape))


def test_a_rule_in_four_light_inks_is_found(tmp_path: Path):
    assert drawn(tmp_path, "0.05 0.06 0.15 0.16", RULE) == [
        (Severity.WARNING, 1, "back", "1 rule in C5 M6 Y15 K16: 4 process inks (at most 2); build rules and tints "
                                      "from at most 2 inks, each at 3 % or more"),
    ]  # fmt: skip


def test_a_background_tint_at_the_limit_of_a_dot_is_found(tmp_path: Path):
    assert drawn(tmp_path, "0.02 0.02 0.05 0.05", AREA) == [
        (Severity.WARNING, 1, "back", "1 tinted area in C2 M2 Y5 K5: 4 process inks (at most 2) and a dot below "
                                      "3 % (C 2.0 %, M 2.0 %); build rules and tints from at most 2 inks, each at "
                                      "3 % or more"),
    ]  # fmt: skip


def test_a_stroked_rule_is_judged_in_its_stroke_colour(tmp_path: Path):
    y = 100 * MM
    line = f"0.3 w 20 {y} m 200 {y} l S".encode()
    found = pdf_findings("tints", sheet_pdf(tmp_path / "s.pdf", b"0 0 0 1 k 0.1 0.1 0.1 0 K " + line))
    assert [(f[0], f[3][:26]) for f in found] == [(Severity.WARNING, "1 rule in C10 M10 Y10: 3 p")]


def test_a_dark_rule_in_three_inks_is_found_and_an_area_of_it_passes(tmp_path: Path):
    # navy: a panel of it prints solid; a hairline of it fringes on three plates out of register
    assert drawn(tmp_path, "0.96 0.66 0 0.58", RULE) == [
        (Severity.WARNING, 1, "back", "1 rule in C96 M66 K58: 3 process inks (at most 2); build rules and tints "
                                      "from at most 2 inks, each at 3 % or more"),
    ]  # fmt: skip
    assert drawn(tmp_path, "0.96 0.66 0 0.58", AREA) == []


@pytest.mark.parametrize(
    "colour",
    [
        "0 0 0.11 0.22",  # the theme's rule: two inks
        "0 0 0.03 0.08",  # the theme's stone: two inks, the smaller at the smallest dot
        "1 0.88 0 0",  # navy's build for text and rules: two inks
        "0 0 0 1",  # black
        "0 0 0 0",  # paper
    ],
)
def test_two_ink_tints_and_full_colours_pass(tmp_path: Path, colour: str):
    assert drawn(tmp_path, colour, RULE) == []
    assert drawn(tmp_path, colour, AREA) == []


def test_the_leaflet_builds_its_rules_and_tints_from_two_inks(golden):
    # the map's navy lines, the cover's rings and the icons among them, drawn in the theme's builds
    assert pdf_findings("tints", golden.result.print_pdf) == []
