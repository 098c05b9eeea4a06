"""The `overprint` check: 100 % K text and rules overprint (with the overprint mode 1), anything else
that overprints is an error; on sheets drawn by hand, and on the leaflet's own print PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from handmade import IN_BACK, MM, golden_copy, pdf_findings, sheet_pdf, trim_rect
from pypdf.generic import BooleanObject, DictionaryObject, NameObject, NumberObject

from brochure.preflight import Severity
from brochure.preflight.paints import pdf_paints

FONT = DictionaryObject(
    {
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
    }
)
LINE = f"0.3 w {(3 + IN_BACK) * MM} {100 * MM} m {(3 + IN_BACK + 40) * MM} {100 * MM} l S".encode()
TEXT = f"BT /F1 8 Tf {(3 + IN_BACK) * MM} {300} Td (Metz) Tj ET".encode()
AREA = trim_rect(IN_BACK - 20, 80, IN_BACK + 20, 120) + b" f"


def state(overprint: bool, mode: int = 1) -> DictionaryObject:
    return DictionaryObject(
        {
            NameObject("/OP"): BooleanObject(overprint),
            NameObject("/op"): BooleanObject(overprint),
            NameObject("/OPM"): NumberObject(mode),
        }
    )


def found(tmp_path: Path, drawing: bytes) -> list:
    states = DictionaryObject({NameObject("/On"): state(True), NameObject("/Mode0"): state(True, 0)})
    resources = {"/Font": DictionaryObject({NameObject("/F1"): FONT}), "/ExtGState": states}
    return pdf_findings("overprint", sheet_pdf(tmp_path / "sheet.pdf", drawing, resources))


def test_black_text_and_rules_that_knock_out_are_found(tmp_path: Path):
    assert found(tmp_path, b"0 0 0 1 k 0 0 0 1 K " + TEXT + b" " + LINE) == [
        (Severity.WARNING, 1, "back", "1 run of text in 100 % K knocks out: out of register, a white gap opens "
                                      "beside it; set overprint (/op or /OP with /OPM 1)"),
        (Severity.WARNING, 1, "back", "1 rule in 100 % K knocks out: out of register, a white gap opens beside it; "
                                      "set overprint (/op or /OP with /OPM 1)"),
    ]  # fmt: skip


def test_black_that_overprints_passes_and_without_the_mode_1_it_knocks_out(tmp_path: Path):
    assert found(tmp_path, b"/On gs 0 0 0 1 k 0 0 0 1 K " + TEXT + b" " + LINE) == []
    # with the mode 0, the C, M and Y at 0 are painted too: black knocks them out all the same
    assert len(found(tmp_path, b"/Mode0 gs 0 0 0 1 K " + LINE)) == 1


def test_a_black_area_may_knock_out_and_grey_text_is_not_judged(tmp_path: Path):
    assert found(tmp_path, b"0 0 0 1 k " + AREA + b" 0 0 0 0.6 k " + TEXT) == []


@pytest.mark.parametrize(
    ("colour", "said"),
    [
        ("0 0 0 0", "1 run of text in white overprints: only 100 % K may (white vanishes); set overprint off"),
        ("1 0.88 0 0", "1 run of text in C100 M88 overprints: only 100 % K may (it mixes with what lies under it); "
                       "set overprint off"),
    ],
)  # fmt: skip
def test_anything_but_black_that_overprints_is_an_error(tmp_path: Path, colour: str, said: str):
    assert found(tmp_path, f"/On gs {colour} k ".encode() + TEXT) == [(Severity.ERROR, 1, "back", said)]


def test_the_leaflet_overprints_its_black_text_and_rules_and_nothing_else(golden):
    assert pdf_findings("overprint", golden.result.print_pdf) == []
    paints = pdf_paints(golden.facts.streams)
    black = [paint for paint in paints if paint.must_overprint]
    assert len(black) > 50 and all(paint.overprints for paint in black)  # the map's labels, the rules, body text
    assert not [paint for paint in paints if paint.overprints and not paint.black]


def test_the_leaflet_without_its_overprint_is_found(golden, tmp_path: Path):
    def knock_out(writer) -> None:
        for page in writer.pages:
            for name, ext_state in page["/Resources"]["/ExtGState"].items():
                if name.startswith("/Overprint"):
                    ext_state.get_object().update({NameObject("/OP"): BooleanObject(False)})
                    ext_state.get_object().update({NameObject("/op"): BooleanObject(False)})

    findings = pdf_findings("overprint", golden_copy(golden, tmp_path, knock_out))
    assert {(severity, page) for severity, page, _, _ in findings} == {(Severity.WARNING, 1), (Severity.WARNING, 2)}
    assert any("runs of text in 100 % K knock out" in message for *_, message in findings)
