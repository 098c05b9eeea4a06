"""The `reversed-text` check on PDFs written by hand: text below the press's `reversed_text` size
knocked out of (clearly lighter than) a filled area of two inks or more warns; on one ink, on a
light tint, outside the area or its clip, or with the rule unset, it passes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from handmade import LAYOUT, sheet_pdf
from pypdf.generic import DictionaryObject, NameObject

from brochure.preflight import CheckContext, Severity, run_checks
from brochure.preflight.pdffacts import read_pdf

FONT = DictionaryObject(
    {
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
    }
)
NAVY = "0.96 0.66 0 0.58 k"
BOX = "350 250 200 100 re f"  # around the word, in the back panel


def reversed_findings(tmp_path: Path, ground: str, text: str, size: float, limit: float | None = 10.0):
    """The findings for one word in `text` at `size` pt over `ground` (a fill colour and a painted path)."""
    drawing = f"q {ground} Q {text} BT /F1 {size} Tf 400 300 Td (Metz) Tj ET"
    resources = {"/Font": DictionaryObject({NameObject("/F1"): FONT})}
    path = sheet_pdf(tmp_path / "page.pdf", drawing.encode(), resources)
    layout = replace(LAYOUT, press=replace(LAYOUT.press, reversed_text=limit))
    found = run_checks(CheckContext(layout=layout, facts=read_pdf(path)), only=["reversed-text"])
    return [(f.severity, f.page, f.panel, f.message) for f in found]


@pytest.mark.parametrize(("text", "shown"), [("0 0 0 0 k", "paper"), ("0 0.29 0.8 0 k", "M 29 Y 80")])
def test_small_text_out_of_navy_warns(tmp_path: Path, text: str, shown: str):
    assert reversed_findings(tmp_path, f"{NAVY} {BOX}", text, 7.4) == [
        (
            Severity.WARNING,
            1,
            "back",
            f"1 run of text below 10 pt knocked out of a background of several inks (smallest 7.4 pt, {shown} "
            "on C 96 M 66 K 58); set it at 10 pt or more, or on a background of one ink",
        )
    ]


@pytest.mark.parametrize(
    "ground",
    [
        f"{NAVY} 350 250 20 20 re f",  # beside the word
        f"{NAVY} 0 0 10 10 re W n 0 0 1000 1000 re f",  # a page-wide fill clipped away from the word
        "0 0 0 1 k " + BOX,  # one ink
        "0.02 0.02 0.05 0.05 k " + BOX,  # a light tint: not reversed
        f"{NAVY} 350 250 200 100 re S",  # stroked, not filled
    ],
)
def test_small_text_not_out_of_several_inks_passes(tmp_path: Path, ground: str):
    assert reversed_findings(tmp_path, ground, "0 0 0 0 k", 7.4) == []


def test_text_of_the_size_passes_and_the_size_is_the_press_s(tmp_path: Path):
    assert reversed_findings(tmp_path, f"{NAVY} {BOX}", "0 0 0 0 k", 10.0) == []
    assert reversed_findings(tmp_path, f"{NAVY} {BOX}", "0 0 0 0 k", 7.4, limit=None) == []
    assert len(reversed_findings(tmp_path, f"{NAVY} {BOX}", "0 0 0 0 k", 11.0, limit=12.0)) == 1


def test_dark_text_on_navy_is_not_reversed(tmp_path: Path):
    assert reversed_findings(tmp_path, f"{NAVY} {BOX}", "0 0 0 1 k", 7.4) == []
