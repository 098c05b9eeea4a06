"""The `blending` check: transparency blended in DeviceCMYK, on the leaflet's own print PDF and on copies
of it with a group, or the page's group, as WeasyPrint writes them without brochure's finisher."""

from __future__ import annotations

from pathlib import Path

from handmade import golden_copy, pdf_findings, sheet_pdf
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject

from brochure.preflight import Severity


def forms_of(writer: PdfWriter, page: int) -> list[DictionaryObject]:
    xobjects = writer.pages[page]["/Resources"]["/XObject"]
    return [xobject.get_object() for xobject in xobjects.values() if xobject.get_object().get("/Group")]


def test_the_leaflet_blends_in_device_cmyk(golden):
    assert pdf_findings("blending", golden.result.print_pdf) == []


def test_a_group_blended_in_the_output_profile_is_found(golden, tmp_path: Path):
    def in_the_profile(writer: PdfWriter) -> None:  # what WeasyPrint writes: the output intent's profile
        profile = writer.root_object["/OutputIntents"][0].get_object().raw_get("/DestOutputProfile")
        forms_of(writer, 0)[0]["/Group"][NameObject("/CS")] = ArrayObject([NameObject("/ICCBased"), profile])

    found = pdf_findings("blending", golden_copy(golden, tmp_path, in_the_profile))
    assert found == [
        (Severity.WARNING, 1, None, "1 transparency group blended in ICCBased: a RIP converts its colours through a "
                                    "profile, and 100 % K comes out in four inks; blend in DeviceCMYK"),
    ]  # fmt: skip


def test_a_page_that_draws_transparency_without_its_own_group_is_found(golden, tmp_path: Path):
    def no_page_group(writer: PdfWriter) -> None:
        del writer.pages[1]["/Group"]

    found = pdf_findings("blending", golden_copy(golden, tmp_path, no_page_group))
    assert [(f[0], f[1]) for f in found] == [(Severity.WARNING, 2)]
    assert found[0][3].startswith("the page draws transparency with no blending space of its own")


def test_a_page_of_opaque_paint_needs_no_group_and_an_alpha_is_transparency(tmp_path: Path):
    assert pdf_findings("blending", sheet_pdf(tmp_path / "opaque.pdf", b"0 0 0 1 k 20 20 50 50 re f")) == []
    states = DictionaryObject({NameObject("/half"): DictionaryObject({NameObject("/ca"): FloatObject(0.5)})})
    path = sheet_pdf(tmp_path / "alpha.pdf", b"/half gs 0 0 0 1 k 20 20 50 50 re f", {"/ExtGState": states})
    assert [f[0] for f in pdf_findings("blending", path)] == [Severity.WARNING]
