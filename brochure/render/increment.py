"""Writing what a pypdf writer changed in a PDF as an incremental update: the original bytes, then
the new and changed objects and a cross-reference stream that lists every one of them, itself too.

pypdf's own incremental writer leaves its cross-reference stream out of the stream's index, so
that the trailer's /Size is one more than the highest object a reader finds listed, and
`qpdf --check` warns about the file. The PDF standard has every object of an update listed
(ISO 32000-1, 7.5.8.3), the cross-reference stream being an object of the update.
"""

from __future__ import annotations

import io
import struct

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject, NumberObject, StreamObject

# Each entry: its type (1, an object at an offset), the offset in 4 bytes, the generation.
_WIDTHS = (1, 4, 1)


def incremental_update(original: bytes, reader: PdfReader, writer: PdfWriter) -> bytes:
    """`original` with what `writer` changed appended, `writer` having been opened on `reader` (of
    `original`) with `incremental=True`; the same changes always give the same bytes, and no byte of
    `original` changes."""
    out = io.BytesIO()
    out.write(original)
    if not original.endswith(b"\n"):
        out.write(b"\n")
    offsets: dict[int, int] = {}
    for reference in sorted(writer.list_objects_in_increment(), key=lambda ref: ref.idnum):
        offsets[reference.idnum] = out.tell()
        out.write(f"{reference.idnum} 0 obj\n".encode("ascii"))
        reference.get_object().write_to_stream(out)
        out.write(b"\nendobj\n")
    if not offsets:
        return original
    own = max(int(reader.trailer["/Size"]), max(offsets) + 1)  # the cross-reference stream's number
    offsets[own] = out.tell()
    trailer = {
        NameObject("/Type"): NameObject("/XRef"),
        NameObject("/Size"): NumberObject(own + 1),
        NameObject("/Root"): writer.root_object.indirect_reference,
        NameObject("/Prev"): NumberObject(_startxref(original)),
        NameObject("/Index"): ArrayObject(NumberObject(n) for n in _index(sorted(offsets))),
        NameObject("/W"): ArrayObject(NumberObject(n) for n in _WIDTHS),
        NameObject("/Filter"): NameObject("/FlateDecode"),
    }
    # An update repeats the trailer's /Info and /ID: a reader takes them from the last trailer only.
    # (the writer changes the original's /Info in place: it keeps its number)
    for key in ("/Info", "/ID"):
        if key in reader.trailer:
            trailer[NameObject(key)] = reader.trailer.raw_get(key)
    xref = StreamObject.initialize_from_dictionary({**trailer, "__streamdata__": b""})
    xref.set_data(b"".join(struct.pack(">BIB", 1, offsets[number], 0) for number in sorted(offsets)))
    out.write(f"{own} 0 obj\n".encode("ascii"))
    xref.write_to_stream(out)
    out.write(f"\nendobj\nstartxref\n{offsets[own]}\n%%EOF\n".encode("ascii"))
    return out.getvalue()


def _startxref(pdf: bytes) -> int:
    """Where the last cross-reference section of `pdf` starts: what the update's /Prev points to."""
    return int(pdf[pdf.rindex(b"startxref") + len(b"startxref") :].split()[0])


def _index(numbers: list[int]) -> list[int]:
    """A cross-reference stream's /Index for sorted object numbers: each run as its first number and length."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][0] + runs[-1][1] == number:
            runs[-1][1] += 1
        else:
            runs.append([number, 1])
    return [n for run in runs for n in run]
