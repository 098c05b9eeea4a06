"""The checks of what a PDF declares beside what it draws, on PDFs made by hand and the leaflet's own:
`colour-spaces` (and the writer's tidying that keeps a PDF clear of it) and `subset-names`."""

from __future__ import annotations

from pathlib import Path

import pydyf
from handmade import golden_copy, pdf_findings
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject

from brochure.preflight import Severity
from brochure.render.tidy import drop_unused_colour_spaces

LAB = pydyf.Array(("/Lab", pydyf.Dictionary({"WhitePoint": pydyf.Array((0.9642, 1, 0.8251))})))


WHITE = ArrayObject(map(FloatObject, (0.9642, 1, 0.8251)))
LAB_SPACE = ArrayObject([NameObject("/Lab"), DictionaryObject({NameObject("/WhitePoint"): WHITE})])


def handmade(path: Path, *, tidy: bool) -> Path:
    """Two pages sharing one resources dictionary, and a form, all sharing one colour-space dictionary
    of three Lab spaces, as WeasyPrint writes them: page 1 sets `lab-a` and draws the form, which sets
    `lab-b`; page 2 sets none."""
    pdf = pydyf.PDF()
    spaces = pydyf.Dictionary({"lab-a": LAB, "lab-b": LAB, "lab-c": LAB})
    pdf.add_object(spaces)
    form = pydyf.Stream(
        [b"/lab-b CS 50 0 0 SC 0 0 m 10 10 l S"],
        {
            "Type": "/XObject",
            "Subtype": "/Form",
            "BBox": pydyf.Array((0, 0, 10, 10)),
            "Resources": pydyf.Dictionary({"ColorSpace": spaces.reference}),
        },
    )
    pdf.add_object(form)
    resources = pydyf.Dictionary({"ColorSpace": spaces.reference, "XObject": pydyf.Dictionary({"x0": form.reference})})
    pdf.add_object(resources)
    for drawing in (b"/lab-a cs 50 0 0 sc 0 0 10 10 re f /x0 Do", b"0 0 10 10 re f"):
        contents = pydyf.Stream([drawing])
        pdf.add_object(contents)
        box = pydyf.Array((0, 0, 200, 200))
        pdf.add_page(pydyf.Dictionary({"Type": "/Page", "Parent": pdf.pages.reference, "MediaBox": box,
                                       "TrimBox": box, "BleedBox": box, "Contents": contents.reference,
                                       "Resources": resources.reference}))  # fmt: skip
    if tidy:
        drop_unused_colour_spaces(pdf)
    with path.open("wb") as file:
        pdf.write(file)
    return path


def spaces_of(holder) -> list[str]:
    return sorted(holder["/Resources"].get("/ColorSpace", {}))


def test_each_page_and_form_keeps_only_the_colour_spaces_it_sets(tmp_path: Path):
    reader = PdfReader(handmade(tmp_path / "tidy.pdf", tidy=True))
    first, second = reader.pages
    assert spaces_of(first) == ["/lab-a"]
    assert spaces_of(first["/Resources"]["/XObject"]["/x0"]) == ["/lab-b"]
    assert spaces_of(second) == []
    assert [f[3] for f in pdf_findings("colour-spaces", tmp_path / "tidy.pdf")] == []


def test_the_colour_spaces_check_finds_those_nothing_sets(tmp_path: Path):
    found = pdf_findings("colour-spaces", handmade(tmp_path / "as-written.pdf", tidy=False))
    said = "declared in resources whose content never sets them"
    assert found == [
        (Severity.WARNING, 1, None, f"4 colour spaces {said}: lab-b (Lab), lab-c (Lab), lab-a (Lab, in a form), "
                                    "lab-c (Lab, in a form); a prepress check lists each one"),
        (Severity.WARNING, 2, None, f"3 colour spaces {said}: lab-a (Lab), lab-b (Lab), lab-c (Lab); a prepress "
                                    "check lists each one"),
    ]  # fmt: skip


def test_a_colour_space_added_to_the_leaflet_is_found(golden, tmp_path: Path):
    def add_lab(writer: PdfWriter) -> None:
        resources = writer.pages[0]["/Resources"]  # shared by both sheet sides, as WeasyPrint writes them
        spaces = resources.get("/ColorSpace").get_object()
        spaces[NameObject("/lab-d50")] = LAB_SPACE

    assert pdf_findings("colour-spaces", golden.result.print_pdf) == []
    found = pdf_findings("colour-spaces", golden_copy(golden, tmp_path, add_lab))
    assert [(f[0], f[1]) for f in found] == [(Severity.WARNING, 1), (Severity.WARNING, 2)]
    assert found[0][3] == (
        "2 colour spaces declared in resources whose content never sets them: lab-d50 (Lab), lab-d50 (Lab, in a "
        "form); a prepress check lists each one"  # the page's, and the forms' that share it
    )


def test_two_subsets_under_one_name_are_found(golden, tmp_path: Path):
    def one_name(writer: PdfWriter) -> None:
        fonts = [font.get_object() for font in writer.pages[0]["/Resources"]["/Font"].values()]
        first = str(fonts[0]["/BaseFont"])[1:7]
        for font in fonts[1:2]:
            descendant = font["/DescendantFonts"][0].get_object()
            named = NameObject(f"/{first}+{str(font['/BaseFont'])[8:]}")
            font[NameObject("/BaseFont")] = descendant[NameObject("/BaseFont")] = named
            descendant["/FontDescriptor"].get_object()[NameObject("/FontName")] = named

    assert pdf_findings("subset-names", golden.result.print_pdf) == []
    found = pdf_findings("subset-names", golden_copy(golden, tmp_path, one_name))
    assert [(f[0], f[1]) for f in found] == [(Severity.WARNING, None)]
    assert found[0][3].startswith("2 different font subsets share the subset name ")
