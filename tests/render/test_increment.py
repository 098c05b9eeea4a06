"""`qpdf --check`, an independent reader of a PDF's structure, finds nothing in what brochure writes: the
print PDF with and without printer's marks (an incremental update), the e-mail PDF; and it does find
a cross-reference that does not add up, as the marks' update once had."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from conftest import needs_tool
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from brochure.render.increment import _index, incremental_update
from brochure.render.marks import add_marks


def qpdf_check(data: bytes, tmp_path: Path) -> tuple[int, str, str]:
    """qpdf's exit status, what it printed and what it warned (on stderr)."""
    path = tmp_path / "checked.pdf"
    path.write_bytes(data)
    done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    return done.returncode, done.stdout, done.stderr


def assert_silent(data: bytes, tmp_path: Path) -> None:
    status, out, err = qpdf_check(data, tmp_path)
    assert (status, err) == (0, ""), err
    assert "WARNING" not in out and "No syntax or stream encoding errors found" in out, out


@needs_tool("qpdf")
@pytest.mark.parametrize("marks", [(), ("crop",), ("crop", "fold")])
def test_qpdf_finds_nothing_in_the_print_pdf(press, tmp_path: Path, marks):
    assert_silent(add_marks(press.data, press.layout, marks), tmp_path)


@needs_tool("qpdf")
def test_qpdf_finds_nothing_in_the_email_pdf(golden, tmp_path: Path):
    assert_silent(golden.result.edition("email").written[0].path.read_bytes(), tmp_path)


@needs_tool("qpdf")
def test_qpdf_finds_an_update_whose_size_does_not_add_up(press, tmp_path: Path):
    marked = add_marks(press.data, press.layout, ("crop", "fold"))
    size = int(PdfReader(io.BytesIO(marked)).trailer["/Size"])
    planted = marked.replace(f"/Size {size}".encode(), f"/Size {size + 1}".encode())
    status, _, err = qpdf_check(planted, tmp_path)
    assert status == 3 and "is not one plus the highest object number" in err


def test_the_update_lists_every_object_it_writes_and_itself(press):
    marked = add_marks(press.data, press.layout, ("crop",))
    reader = PdfReader(io.BytesIO(marked))
    update = marked[len(press.data) :]
    written = sorted(int(line.split()[0]) for line in update.split(b"\n") if line.endswith(b" 0 obj"))
    assert reader.trailer["/Size"] == written[-1] + 1  # the cross-reference stream is the last one written
    xref = reader.get_object(written[-1])
    assert xref["/Type"] == "/XRef" and list(xref["/Index"]) == _index(written)
    assert xref["/Prev"] == int(press.data[press.data.rindex(b"startxref") + 9 :].split()[0])
    assert reader.trailer["/Info"].get_object()["/BrochureMarks"] == "crop"


def test_an_update_without_a_change_is_the_file_itself(press):
    reader = PdfReader(io.BytesIO(press.data))
    assert incremental_update(press.data, reader, PdfWriter(reader, incremental=True)) == press.data
    writer = PdfWriter(reader, incremental=True)
    writer.add_metadata({NameObject("/Note"): TextStringObject("x")})
    updated = incremental_update(press.data, reader, writer)
    assert updated.startswith(press.data) and PdfReader(io.BytesIO(updated)).metadata["/Note"] == "x"


def test_runs_of_object_numbers():
    assert _index([4, 5, 7, 9, 110, 111, 112]) == [4, 2, 7, 1, 9, 1, 110, 3]
    assert _index([]) == []
