"""The `safe-zone` and `geometry` checks at their limits, on facts made by hand: a glyph exactly the
safe margin (layout.yaml's `safe_margin`, 4 mm) from each trim and each fold passes, 0.05 mm
closer fails; page boxes within the 0.1 mm tolerance pass, just past it fail."""

from __future__ import annotations

import pytest
from handmade import BLEED, HEIGHT, LAYOUT, TRIM, WIDTH, findings, page

from brochure.preflight import Severity
from brochure.preflight.pdffacts import Glyph
from brochure.preflight.sheet import TOLERANCE_MM
from brochure.sheet.imposition import sheet_sides

MARGIN = LAYOUT.safe_margin
GLYPH_MM = 2.0
LAYOUT_SURFACES = sheet_sides(LAYOUT).surfaces


def glyph_at(edge: str, distance: float) -> tuple[int, Glyph]:
    """The page and a 2 × 3 mm glyph whose side towards `edge` is `distance` mm from it: a trim,
    or a fold as `fold:<page>:<x>:<side>` with the glyph on that side of it."""
    y = 100.0
    if edge.startswith("fold"):
        _, number, x, side = edge.split(":")
        fold = float(x)
        x0 = fold + distance if side == "right" else fold - distance - GLYPH_MM
        return int(number), Glyph("x", x0, y, x0 + GLYPH_MM, y + 3.0, 9.0, "Inter")
    x0, y0 = {
        "left": (distance, y),
        "right": (WIDTH - distance - GLYPH_MM, y),
        "top": (120.0, distance),
        "bottom": (120.0, HEIGHT - distance - 3.0),
    }[edge]
    return 1, Glyph("x", x0, y0, x0 + GLYPH_MM, y0 + 3.0, 9.0, "Inter")


def zone(edge: str, distance: float):
    number, glyph = glyph_at(edge, distance)
    pages = [page(1), page(2)]
    pages[number - 1].glyphs.append(glyph)
    return findings("safe-zone", pages)


def folds() -> list[str]:
    """Both sides of every fold of both sheet sides, from the layout's panel widths."""
    found = []
    for number, surface in enumerate(LAYOUT_SURFACES, start=1):
        for fold in surface.folds():
            found += [f"fold:{number}:{fold:g}:left", f"fold:{number}:{fold:g}:right"]
    return found


EDGES = ["left", "right", "top", "bottom", *folds()]
EDGE_NAMES = {"left": "the left trim", "right": "the right trim", "top": "the top trim", "bottom": "the bottom trim"}


def edge_name(edge: str) -> str:
    return EDGE_NAMES.get(edge) or f"the fold at {edge.split(':')[2]} mm"


def test_the_folds_are_those_of_the_layout():
    assert [edge for edge in EDGES if edge.endswith(":left")] == [
        "fold:1:97:left",
        "fold:1:197:left",
        "fold:2:100:left",
        "fold:2:200:left",
    ]


@pytest.mark.parametrize("edge", EDGES)
def test_a_glyph_at_the_safe_margin_passes(edge: str):
    assert zone(edge, MARGIN) == []


@pytest.mark.parametrize("edge", EDGES)
def test_a_glyph_0_05_mm_inside_the_safe_margin_is_reported(edge: str):
    found = zone(edge, MARGIN - 0.05)
    assert len(found) == 1
    severity, _, _, message = found[0]
    assert severity == Severity.ERROR
    assert message.startswith(f"1 glyph within 4 mm of {edge_name(edge)} (closest ")


def test_a_glyph_past_the_trim_is_said_to_be_past_it():
    assert zone("left", -1.0) == [
        (Severity.ERROR, 1, "flap", "1 glyph within 4 mm of the left trim (closest 1.0 mm past it)")
    ]


# -- geometry: boxes within 0.1 mm of the layout's ------------------------------------------------

UNDER, OVER = 0.09, 0.11  # the tolerance is 0.1 mm


def geometry(trim=TRIM, bleed=None) -> list:
    bleed = bleed or (-BLEED, -BLEED, WIDTH + BLEED, HEIGHT + BLEED)
    return findings("geometry", [page(1, trim=trim, bleed=bleed), page(2)])


@pytest.mark.parametrize("side", range(4))
@pytest.mark.parametrize("sign", [-1, 1])
def test_a_bleed_off_by_just_under_the_tolerance_passes(side: int, sign: int):
    bleed = [-BLEED, -BLEED, WIDTH + BLEED, HEIGHT + BLEED]
    bleed[side] += sign * UNDER
    assert geometry(bleed=tuple(bleed)) == []


@pytest.mark.parametrize("side", range(4))
@pytest.mark.parametrize("sign", [-1, 1])
def test_a_bleed_off_by_just_over_the_tolerance_is_reported(side: int, sign: int):
    bleed = [-BLEED, -BLEED, WIDTH + BLEED, HEIGHT + BLEED]
    bleed[side] += sign * OVER
    found = geometry(bleed=tuple(bleed))
    assert [f[:3] for f in found] == [(Severity.ERROR, 1, None)]
    assert found[0][3].startswith("bleed is ") and found[0][3].endswith("the layout asks 3 mm on every side")


@pytest.mark.parametrize("side", range(4))
def test_a_trimbox_off_by_just_under_the_tolerance_passes(side: int):
    trim = list(TRIM)
    trim[side] += UNDER if side < 2 else -UNDER  # inward: the bleed box still holds it
    assert geometry(trim=tuple(trim)) == []


@pytest.mark.parametrize("side", range(4))
def test_a_trimbox_off_by_just_over_the_tolerance_is_reported(side: int):
    trim = list(TRIM)
    trim[side] += OVER if side < 2 else -OVER
    found = geometry(trim=tuple(trim))
    assert [f[:3] for f in found] == [(Severity.ERROR, 1, None)]
    assert found[0][3].startswith("TrimBox is ") and found[0][3].endswith("the layout's sheet is 297 × 210 mm")


def test_the_tolerance_is_a_tenth_of_a_millimetre():
    assert TOLERANCE_MM == 0.1
