"""The `fine-print` check at its limits, on PDFs written by hand: text below 7 pt (with 0.05 pt for
sizes a hair under) warns unless it is 100 % of one ink (99.5 % counts as solid, and a
component under 0.5 % as none); text below 9 pt warns in more than two inks."""

from __future__ import annotations

from pathlib import Path

import pytest
from handmade import pdf_findings, sheet_pdf
from pypdf.generic import DictionaryObject, NameObject

from brochure.preflight import Severity
from brochure.preflight.fineprint import FINE_PRINT_PT, ONE_INK_MIN

FONT = DictionaryObject(
    {
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
    }
)


def text_findings(tmp_path: Path, fill: str, size: float, scale: float = 1.0):
    """The fine-print findings for one word set at `size` pt in `fill` (colour operators), drawn
    at `scale` by the page's matrix, in the back panel."""
    drawing = f"q {scale} 0 0 {scale} 0 0 cm {fill} BT /F1 {size} Tf {400 / scale} {300 / scale} Td (Metz) Tj ET Q"
    resources = {"/Font": DictionaryObject({NameObject("/F1"): FONT})}
    return pdf_findings("fine-print", sheet_pdf(tmp_path / "page.pdf", drawing.encode(), resources))


def test_the_limits():
    assert (FINE_PRINT_PT, ONE_INK_MIN) == (7.0, 0.995)


TINT = "0 0 0 0.5 k"
TWO_INKS = "1 0.4 0 0 k"


@pytest.mark.parametrize("fill", [TINT, TWO_INKS, "0.5 g"])
@pytest.mark.parametrize("size", [7.0, 6.96])
def test_text_of_7_pt_in_a_tint_or_two_inks_passes(tmp_path: Path, fill: str, size: float):
    assert text_findings(tmp_path, fill, size) == []


@pytest.mark.parametrize(
    ("fill", "shown"),
    [(TINT, "K 50"), (TWO_INKS, "C 100 M 40"), ("0.5 g", "K 50"), ("0 0 0 rg", "not CMYK"), ("0 0 0 0.99 k", "K 99")],
)
@pytest.mark.parametrize("size", [6.94, 6.5])
def test_text_just_below_7_pt_in_a_tint_or_two_inks_warns(tmp_path: Path, fill: str, shown: str, size: float):
    assert text_findings(tmp_path, fill, size) == [
        (
            Severity.WARNING,
            1,
            "back",
            f"1 run of text below 7 pt in more than one ink or a tint (smallest {size:.1f} pt, {shown}); "
            "use 100 % of one ink, or 7 pt",
        )
    ]


@pytest.mark.parametrize("fill", ["0 0 0 1 k", "0 0 0 0.995 k", "1 0 0 0.005 k", "0 1 0 0 k", "0 g"])
def test_text_just_below_7_pt_in_one_solid_ink_passes(tmp_path: Path, fill: str):
    assert text_findings(tmp_path, fill, 6.94) == []


def test_a_trace_of_a_second_ink_is_two_inks(tmp_path: Path):
    found = text_findings(tmp_path, "1 0 0 0.006 k", 6.94)
    assert [f[:3] for f in found] == [(Severity.WARNING, 1, "back")]


@pytest.mark.parametrize(("scale", "warns"), [(0.5, True), (1.0, False)])
def test_the_size_is_the_drawn_size(tmp_path: Path, scale: float, warns: bool):
    # 10 pt set, drawn at half size by the page's matrix, is 5 pt on paper.
    assert bool(text_findings(tmp_path, TINT, 10.0, scale)) is warns


# -- below the press's small_text size (9 pt by default): at most two process inks ----------

THREE_INKS = "0.96 0.66 0 0.58 k"  # the palette's navy


@pytest.mark.parametrize("size", [7.0, 8.7, 8.94])
def test_text_below_9_pt_in_three_inks_warns(tmp_path: Path, size: float):
    assert text_findings(tmp_path, THREE_INKS, size) == [
        (
            Severity.WARNING,
            1,
            "back",
            f"1 run of text below 9 pt in more than 2 inks (smallest {size:.1f} pt, C 96 M 66 K 58); "
            "use a build of at most 2 inks (the theme's text_builds), or 9 pt",
        )
    ]


@pytest.mark.parametrize("fill", [TWO_INKS, "1 0.88 0 0 k", "0.51 0 0 0.82 k", "0 0 0 1 k", "0.5 g"])
def test_text_below_9_pt_in_two_inks_or_fewer_passes(tmp_path: Path, fill: str):
    assert text_findings(tmp_path, fill, 8.4) == []


@pytest.mark.parametrize("size", [8.96, 9.0, 15.0])
def test_text_of_9_pt_in_any_number_of_inks_passes(tmp_path: Path, size: float):
    assert text_findings(tmp_path, THREE_INKS, size) == []


def test_text_below_9_pt_not_in_cmyk_warns(tmp_path: Path):
    found = [f[3][:40] for f in text_findings(tmp_path, "0 0 0.5 rg", 8.0)]
    assert found == ["1 run of text below 9 pt in more than 2 "]


def test_the_theme_text_builds_take_at_most_two_inks():
    from brochure.sheet.theme import load_theme

    builds = load_theme().text_builds
    assert builds and all(sum(1 for v in cmyk if v > 0) <= 2 for cmyk in builds.values())
    assert set(builds) >= {"navy", "teal", "raspberry", "rust", "gold", "muted", "slate"}
