"""The `ink` check at the layout's total ink limit (`press.ink_limit`, 300 % in trifold-roll), on PDFs
written by hand: for a CMYK colour the page sets (with 0.5 % for values written to three
decimals), and on the separations Ghostscript renders of an image, where the limit is
counted in whole 8-bit steps of the four plates."""

from __future__ import annotations

from pathlib import Path

import pytest
from handmade import LAYOUT, pdf_findings, sheet_pdf
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject

from brochure.preflight import CheckContext, Report, Severity, run_checks
from brochure.preflight.inks import NO_GHOSTSCRIPT, ghostscript
from brochure.preflight.pdffacts import read_pdf

LIMIT = LAYOUT.press.ink_limit


def test_the_limit_is_the_layouts():
    assert LIMIT == 300


@pytest.mark.parametrize(
    "cmyk",
    [
        (1.0, 1.0, 1.0, 0.0),  # 300 %
        (0.75, 0.75, 0.75, 0.75),  # 300 %
        (0.75, 0.75, 0.75, 0.755),  # 300.5 %: a colour written to three decimals
        (1.0, 1.0, 0.0, 0.0),
    ],
)
def test_a_colour_at_the_limit_passes(tmp_path: Path, cmyk: tuple[float, ...]):
    drawing = f"{' '.join(map(str, cmyk))} k 20 20 50 50 re f".encode()
    assert pdf_findings("ink", sheet_pdf(tmp_path / "page.pdf", drawing)) == []


@pytest.mark.skipif(ghostscript() is None, reason="the separations need Ghostscript")
@pytest.mark.parametrize(
    ("cmyk", "shown"),
    [((0.75, 0.75, 0.75, 0.756), "C75 M75 Y75 K76 has 301 %"), ((1, 1, 1, 0.01), "C100 M100 Y100 K1 has 301 %")],
)
def test_a_colour_just_over_the_limit_is_reported(tmp_path: Path, cmyk: tuple[float, ...], shown: str):
    drawing = f"{' '.join(map(str, cmyk))} k 20 20 50 50 re f".encode()
    found = pdf_findings("ink", sheet_pdf(tmp_path / "page.pdf", drawing))
    assert found[0] == (Severity.ERROR, 1, None, f"colour {shown} ink; the limit is 300 %")
    assert all(f[0] == Severity.ERROR for f in found)


def image_page(path: Path, pixel: bytes) -> Path:
    """A page that draws a one-pixel DeviceCMYK image as a 50 pt square: judged on the separations."""
    writer = PdfWriter()
    picture = DecodedStreamObject()
    picture.set_data(pixel)
    picture.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(1),
            NameObject("/Height"): NumberObject(1),
            NameObject("/BitsPerComponent"): NumberObject(8),
            NameObject("/ColorSpace"): NameObject("/DeviceCMYK"),
        }
    )
    resources = {"/XObject": DictionaryObject({NameObject("/Im0"): writer._add_object(picture)})}
    return sheet_pdf(path, b"q 50 0 0 50 100 100 cm /Im0 Do Q", resources, writer=writer)


@pytest.mark.skipif(ghostscript() is None, reason="the separations need Ghostscript")
def test_an_image_at_the_limit_on_the_separations_passes(tmp_path: Path):
    assert pdf_findings("ink", image_page(tmp_path / "page.pdf", bytes([255, 255, 255, 0]))) == []


@pytest.mark.skipif(ghostscript() is None, reason="the separations need Ghostscript")
def test_an_image_one_step_over_the_limit_on_the_separations_is_reported(tmp_path: Path):
    found = pdf_findings("ink", image_page(tmp_path / "page.pdf", bytes([255, 255, 255, 1])))
    assert [f[:3] for f in found] == [(Severity.ERROR, 1, "flap")]
    assert found[0][3].startswith("300 % ink over ")  # 301/255 of a plate: 300.4 %, shown whole
    assert found[0][3].endswith("; the limit is 300 %")


@pytest.mark.parametrize("name", ["gs", "gswin64c", "gswin32c"])
def test_ghostscript_is_found_by_each_of_its_names(monkeypatch: pytest.MonkeyPatch, name: str):
    monkeypatch.setattr("shutil.which", lambda command: f"/opt/{command}" if command == name else None)
    assert ghostscript() == f"/opt/{name}"


def test_gs_is_preferred_to_the_windows_names(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("shutil.which", lambda command: f"/opt/{command}")
    assert ghostscript() == "/opt/gs"


def test_without_ghostscript_the_separations_are_a_warning_and_the_pdf_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("shutil.which", lambda command: None)
    pdf = image_page(tmp_path / "page.pdf", bytes([255, 255, 255, 255]))  # 400 %, unmeasured
    assert pdf_findings("ink", pdf) == [(Severity.WARNING, None, None, NO_GHOSTSCRIPT)]
    assert NO_GHOSTSCRIPT.startswith("total ink not measured")
    for how in ("apt install ghostscript", "brew install ghostscript", "ghostscript.com"):
        assert how in NO_GHOSTSCRIPT
    found = run_checks(CheckContext(layout=LAYOUT, facts=read_pdf(pdf)), only=["ink"])
    assert Report(pdf=pdf, findings=tuple(found)).ok


def test_without_ghostscript_a_colour_over_the_limit_is_still_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("shutil.which", lambda command: None)
    found = pdf_findings("ink", sheet_pdf(tmp_path / "page.pdf", b"1 1 1 0.5 k 20 20 50 50 re f"))
    assert found == [
        (Severity.ERROR, 1, None, "colour C100 M100 Y100 K50 has 350 % ink; the limit is 300 %"),
        (Severity.WARNING, None, None, NO_GHOSTSCRIPT),
    ]
