"""The print edition's post-process that has 100 % K text and rules overprint: where it sets overprint
and where it sets it off again, on a PDF made with pydyf as WeasyPrint makes one, and on the leaflet as a
RIP that simulates overprint composes it (Ghostscript): with overprint or without, the same pixels."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pydyf
from conftest import needs_tool
from PIL import Image, ImageChops
from pypdf import PdfWriter
from pypdf.generic import BooleanObject, NameObject

from brochure.render.overprint import overprint_black


def page_with(*operators: bytes, form: list[bytes] | None = None) -> tuple[pydyf.PDF, pydyf.Stream, pydyf.Stream]:
    """A pydyf PDF of one page drawing `operators` (one a chunk, as WeasyPrint writes them), and a form
    drawing `form` that the page may draw as /F."""
    pdf = pydyf.PDF()
    drawn = pydyf.Stream(list(form or []), {"Type": "/XObject", "Subtype": "/Form", "BBox": pydyf.Array([0, 0, 9, 9])})
    pdf.add_object(drawn)
    resources = pydyf.Dictionary({"XObject": pydyf.Dictionary({"F": drawn.reference})})
    contents = pydyf.Stream(list(operators))
    pdf.add_object(contents)
    page = pydyf.Dictionary({"Type": "/Page", "Contents": contents.reference, "Resources": resources})
    pdf.add_object(page)
    return pdf, contents, drawn


BLACK, NAVY = b"/DeviceCMYK cs", b"0 0 0 1 scn"
TEXT = (b"BT", b"/F1 8 Tf", b"[<0012>] TJ", b"ET")
LINE = (b"/DeviceCMYK CS", b"0 0 0 1 SCN", b"0.3 w", b"0 0 m", b"100 0 l", b"S")


def test_black_text_and_rules_overprint_and_the_next_colour_knocks_out_again():
    pdf, contents, _ = page_with(BLACK, NAVY, *TEXT, b"1 0.88 0 0 scn", *TEXT, *LINE, b"0 0 100 50 re", b"f")
    overprint_black(pdf)
    gs = [(index, chunk) for index, chunk in enumerate(contents.stream) if chunk.endswith(b" gs")]
    # inside the text object, before the run; before the line's first point, not between it and its paint
    set_to = [chunk.split()[0] for _, chunk in gs]
    assert set_to == [b"/OverprintFill", b"/Knockout", b"/OverprintStroke", b"/Knockout"]
    assert contents.stream[gs[0][0] + 1] == b"[<0012>] TJ" and contents.stream[gs[2][0] + 1] == b"0 0 m"
    assert contents.stream[gs[3][0] + 1] == b"0 0 100 50 re"  # a black-filled area: no rule, knocked out
    page = next(obj for obj in pdf.objects if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page")
    named = list(page["Resources"]["ExtGState"])
    assert named == sorted(named)  # in one order whatever the process's hash seed: the same bytes every build


def test_nothing_is_set_where_nothing_is_black_and_a_form_sets_its_own():
    pdf, contents, form = page_with(b"1 0.88 0 0 scn", *TEXT, b"/F Do", form=[BLACK, NAVY, *TEXT])
    overprint_black(pdf)
    assert not [chunk for chunk in contents.stream if chunk.endswith(b" gs")]  # overprint is off on a page's start
    assert form.stream.count(b"/OverprintFill gs") == 1  # a form cannot know what its caller set
    states = {name: pdf.objects[int(ref.split()[0])] for name, ref in form.extra["Resources"]["ExtGState"].items()}
    assert dict(states["OverprintFill"]) == {"Type": "/ExtGState", "OP": "false", "op": "true", "OPM": 1}


@needs_tool("gs")
def test_a_rip_that_simulates_overprint_composes_the_leaflet_as_it_looks(golden, tmp_path: Path):
    # Overprinting 100 % K over paper or over a tint changes no colour a reader sees. Ghostscript once lost the
    # first line the map strokes in navy when overprint came on for the line's (empty) fill in the same paint.
    writer = PdfWriter(clone_from=golden.result.print_pdf)
    for page in writer.pages:
        for name, ext_state in page["/Resources"]["/ExtGState"].items():
            if name.startswith("/Overprint"):
                ext_state.get_object()[NameObject("/op")] = BooleanObject(False)
                ext_state.get_object()[NameObject("/OP")] = BooleanObject(False)
    writer.write(tmp_path / "knocked-out.pdf")
    pictures = []
    for name, pdf in (("overprint", golden.result.print_pdf), ("knockout", tmp_path / "knocked-out.pdf")):
        out = tmp_path / f"{name}-%d.png"
        command = ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=png16m", "-dOverprint=/simulate"]
        subprocess.run([*command, "-r50", f"-sOutputFile={out}", str(pdf)], check=True, capture_output=True)
        pictures.append([Image.open(tmp_path / f"{name}-{page}.png").convert("RGB") for page in (1, 2)])
    for overprinted, knocked_out in zip(*pictures, strict=True):
        difference = ImageChops.difference(overprinted, knocked_out).convert("L")
        assert difference.getextrema()[1] <= 24  # anti-aliased edges of black type over a tint, no lost line
