"""Printer's marks on a finished PDF: crop marks at the trim corners and fold marks at the
layout's folds, drawn outside the bleed on an enlarged MediaBox, 0.25 pt, in registration
colour (the Separation /All, which prints on every plate). TrimBox and BleedBox stay where
they are, and the artwork is not touched: the marks are a content stream of their own."""

from __future__ import annotations

import io
from collections.abc import Iterable

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    RectangleObject,
)

from brochure.errors import InputError
from brochure.render.increment import incremental_update
from brochure.sheet.layout import Layout
from brochure.units import PT_PER_MM

MARKS = ("crop", "fold")
LINE_WIDTH_PT = 0.25
OFFSET_MM = 2.0  # gap between the bleed's edge and a mark, so a mark never touches the artwork
LENGTH_MM = 5.0
MARGIN_MM = OFFSET_MM + LENGTH_MM + 2.0  # what the MediaBox grows by, beyond the bleed
FOLD_DASH_PT = (2, 1.5)  # fold marks are dashed, crop marks solid: the usual convention
REGISTRATION = "/BrochureRegistration"
MARKS_METADATA_KEY = "/BrochureMarks"


def parse_marks(value: str) -> tuple[str, ...]:
    """`crop,fold` → ("crop", "fold"); "" or "none" → (); InputError naming an unknown mark."""
    names = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    if names in ((), ("none",)):
        return ()
    unknown = [name for name in names if name not in MARKS]
    if unknown:
        raise InputError(f"--marks: unknown mark {unknown[0]!r}; choose from {', '.join(MARKS)} or none")
    return names


def add_marks(pdf: bytes, layout: Layout, marks: Iterable[str] = MARKS) -> bytes:
    """The PDF with the given marks; the same PDF always gives the same bytes."""
    marks = tuple(marks)
    if not marks:
        return pdf
    # An incremental update: the original bytes stay as they are, the marks are appended.
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(reader, incremental=True)
    separation = writer._add_object(_registration_colour())
    for index, page in enumerate(writer.pages):
        trim, bleed = page.trimbox, page.bleedbox
        margin = MARGIN_MM * PT_PER_MM
        left, bottom, right, top = (float(v) for v in (bleed.left, bleed.bottom, bleed.right, bleed.top))
        media = RectangleObject([left - margin, bottom - margin, right + margin, top + margin])
        page.mediabox = media
        page.cropbox = media
        folds = layout.folds(index) if "fold" in marks and index < len(layout.pages) else ()
        drawing = _marks_stream(trim, bleed, folds, "crop" in marks)
        resources = page["/Resources"].get_object()
        # A dictionary of the page's own: the artwork's forms may share the one it had, and never
        # paint in registration colour (a colour space they do not use would be flagged).
        spaces = resources.get("/ColorSpace")
        spaces = DictionaryObject(spaces.get_object() if spaces is not None else {})
        spaces[NameObject(REGISTRATION)] = separation
        resources[NameObject("/ColorSpace")] = spaces
        # The artwork may leave its graphics state changed: it is wrapped in q … Q first.
        contents = page.raw_get("/Contents")  # a stream must stay a reference
        streams = list(contents.get_object()) if isinstance(contents.get_object(), ArrayObject) else [contents]
        before, after = DecodedStreamObject(), DecodedStreamObject()
        before.set_data(b"q\n")
        after.set_data(b"Q\n" + drawing)
        page[NameObject("/Contents")] = ArrayObject([writer._add_object(before), *streams, writer._add_object(after)])
    writer.add_metadata({MARKS_METADATA_KEY: ",".join(marks)})
    return incremental_update(pdf, reader, writer)


def _registration_colour() -> ArrayObject:
    """Separation /All: 100 % on every plate; shown as four-colour black by a viewer."""
    tint = DictionaryObject(
        {
            NameObject("/FunctionType"): NumberObject(2),
            NameObject("/Domain"): ArrayObject([NumberObject(0), NumberObject(1)]),
            NameObject("/C0"): ArrayObject([NumberObject(0)] * 4),
            NameObject("/C1"): ArrayObject([NumberObject(1)] * 4),
            NameObject("/N"): NumberObject(1),
        }
    )
    return ArrayObject([NameObject("/Separation"), NameObject("/All"), NameObject("/DeviceCMYK"), tint])


def _marks_stream(trim: RectangleObject, bleed: RectangleObject, folds: tuple[float, ...], crop: bool) -> bytes:
    left, bottom, right, top = (float(v) for v in (trim.left, trim.bottom, trim.right, trim.top))
    near = OFFSET_MM * PT_PER_MM  # from the bleed's edge
    far = (OFFSET_MM + LENGTH_MM) * PT_PER_MM
    b_left, b_bottom, b_right, b_top = (float(v) for v in (bleed.left, bleed.bottom, bleed.right, bleed.top))
    lines = []
    if crop:
        for x in (left, right):
            lines.append((x, b_top + near, x, b_top + far))
            lines.append((x, b_bottom - near, x, b_bottom - far))
        for y in (bottom, top):
            lines.append((b_left - near, y, b_left - far, y))
            lines.append((b_right + near, y, b_right + far, y))
    fold_lines = []
    for fold in folds:
        x = left + fold * PT_PER_MM
        fold_lines.append((x, b_top + near, x, b_top + far))
        fold_lines.append((x, b_bottom - near, x, b_bottom - far))
    ops = [f"q {REGISTRATION} CS 1 SCN {LINE_WIDTH_PT:g} w 0 J"]
    ops += [f"{_n(x0)} {_n(y0)} m {_n(x1)} {_n(y1)} l S" for x0, y0, x1, y1 in lines]
    if fold_lines:
        ops.append(f"[{FOLD_DASH_PT[0]:g} {FOLD_DASH_PT[1]:g}] 0 d")
        ops += [f"{_n(x0)} {_n(y0)} m {_n(x1)} {_n(y1)} l S" for x0, y0, x1, y1 in fold_lines]
    ops.append("Q")
    return "\n".join(ops).encode("ascii") + b"\n"


def _n(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")
