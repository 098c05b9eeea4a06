"""Printer's marks, read back from the PDF: where each line lies, how it is drawn, and what
stays as it was."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from test_press import press_findings

from brochure.errors import InputError
from brochure.render.marks import LENGTH_MM, MARGIN_MM, OFFSET_MM, PT_PER_MM, add_marks, parse_marks
from brochure.sheet.layout import load_layout


@dataclass(frozen=True)
class Line:
    x0: float
    y0: float
    x1: float
    y1: float
    width: float
    dashed: bool
    space: object


def stroked_lines(reader: PdfReader, page_index: int) -> list[Line]:
    """Every straight line the page strokes, with its width, dash and colour space."""
    page = reader.pages[page_index]
    spaces = page["/Resources"].get("/ColorSpace") or {}
    lines, path = [], []
    width, dashed, space, stack = 1.0, False, None, []
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"q":
            stack.append((width, dashed, space))
        elif operator == b"Q" and stack:
            width, dashed, space = stack.pop()
        elif operator == b"w":
            width = float(operands[0])
        elif operator == b"d":
            dashed = len(operands[0]) > 0
        elif operator == b"CS":
            space = spaces.get(operands[0], operands[0])
        elif operator == b"m":
            path = [tuple(map(float, operands))]
        elif operator == b"l":
            path.append(tuple(map(float, operands)))
        elif operator == b"S" and len(path) == 2:
            (x0, y0), (x1, y1) = path
            lines.append(Line(x0, y0, x1, y1, width, dashed, space))
    return lines


@pytest.fixture(scope="module")
def marked(press):
    return PdfReader(io.BytesIO(add_marks(press.data, press.layout, ("crop", "fold"))))


def test_boxes_stay_and_the_mediabox_grows_beyond_the_bleed(press, marked):
    original = PdfReader(press.path)
    margin = MARGIN_MM * PT_PER_MM
    for before, after in zip(original.pages, marked.pages, strict=True):
        assert after.trimbox == before.trimbox and after.bleedbox == before.bleedbox
        bleed = [float(v) for v in before.bleedbox]
        expected = [bleed[0] - margin, bleed[1] - margin, bleed[2] + margin, bleed[3] + margin]
        assert [float(v) for v in after.mediabox] == pytest.approx(expected, abs=1e-3)


def test_crop_marks_lie_outside_the_bleed_at_the_trim_corners(marked):
    for index, page in enumerate(marked.pages):
        trim, bleed = [float(v) for v in page.trimbox], [float(v) for v in page.bleedbox]
        crops = [line for line in stroked_lines(marked, index) if line.width == 0.25 and not line.dashed]
        assert len(crops) == 8
        for line in crops:
            assert _outside(line, bleed)
            if line.x0 == line.x1:  # vertical: on a trim edge's x, above or below the sheet
                assert _near(line.x0, trim[0], trim[2])
            else:
                assert line.y0 == line.y1 and _near(line.y0, trim[1], trim[3])
            length = abs(line.x1 - line.x0) + abs(line.y1 - line.y0)
            assert length == pytest.approx(LENGTH_MM * PT_PER_MM, abs=0.01)
        corners = {(x, y) for x in (trim[0], trim[2]) for y in (trim[1], trim[3])}
        for x, y in corners:  # two marks point at every corner
            assert sum(1 for line in crops if _near(line.x0, x) or _near(line.y0, y)) >= 2


def test_fold_marks_are_dashed_at_the_layouts_folds(marked):
    layout = load_layout()
    for index, page in enumerate(marked.pages):
        trim, bleed = [float(v) for v in page.trimbox], [float(v) for v in page.bleedbox]
        folds = [line for line in stroked_lines(marked, index) if line.dashed]
        expected = sorted(trim[0] + fold * PT_PER_MM for fold in layout.folds(index) for _ in (0, 1))
        assert sorted(round(line.x0, 3) for line in folds) == pytest.approx(expected, abs=1e-3)
        for line in folds:
            assert line.x0 == line.x1 and line.width == 0.25 and _outside(line, bleed)
            assert min(abs(line.y0 - bleed[3]), abs(line.y0 - bleed[1])) == pytest.approx(
                OFFSET_MM * PT_PER_MM, abs=1e-3
            )


def test_marks_are_in_registration_colour(marked):
    lines = [line for line in stroked_lines(marked, 0) if line.width == 0.25]
    spaces = {str(line.space.get_object()[1]) for line in lines}
    assert spaces == {"/All"}
    assert str(lines[0].space.get_object()[0]) == "/Separation"


def test_marks_leave_the_artwork_as_it_was_and_are_deterministic(press):
    marked = add_marks(press.data, press.layout, ("crop", "fold"))
    assert marked.startswith(press.data)  # an incremental update: not a byte of the artwork changes
    assert add_marks(press.data, press.layout, ("crop", "fold")) == marked
    assert add_marks(press.data, press.layout, ()) == press.data
    crop_only = PdfReader(io.BytesIO(add_marks(press.data, press.layout, ("crop",))))
    assert not [line for line in stroked_lines(crop_only, 0) if line.dashed]


def test_a_marked_press_pdf_still_passes_every_check(press, tmp_path):
    path = tmp_path / "marked.pdf"
    path.write_bytes(add_marks(press.data, press.layout, ("crop", "fold")))
    assert press_findings(path) == ()


def test_mark_names():
    assert parse_marks("crop,fold") == ("crop", "fold")
    assert parse_marks("none") == parse_marks("") == ()
    with pytest.raises(InputError, match="^--marks: unknown mark 'bleed'; choose from crop, fold or none$"):
        parse_marks("crop,bleed")


def _near(value: float, *candidates: float) -> bool:
    """Within 0.001 pt of one of the candidates: marks are written to three decimals."""
    return any(abs(value - candidate) < 1e-3 for candidate in candidates)


def _outside(line: Line, bleed: list[float]) -> bool:
    """Whether a line lies wholly outside the bleed box (touching nothing of the artwork)."""
    left, bottom, right, top = bleed
    return (
        max(line.x0, line.x1) < left
        or min(line.x0, line.x1) > right
        or max(line.y0, line.y1) < bottom
        or min(line.y0, line.y1) > top
    )
