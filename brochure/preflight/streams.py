"""Content streams parsed once per PDF under check, by a fast tokenizer where it can.

The colour walk (for the `colour` and `ink` checks) and the `fine-print` check read the
same page and form streams; parsing them is most of their time, so each stream is parsed
once per check run and its operations shared (`PdfFacts.streams`).

Those checks read operators and their numbers and names only. A stream is therefore split
by one regular expression, with an array (a TJ's text and kerning) kept whole as bytes,
about seven times faster than pypdf's parser. A stream with anything that needs a real
parser (a literal string, a dictionary, an inline image, a comment, nested arrays) is
parsed by pypdf instead, as a whole.
"""

from __future__ import annotations

import re

from pypdf import PdfReader
from pypdf.generic import ContentStream, NameObject

Operations = list[tuple[list, bytes]]
TEXT_SHOWING = (b"Tj", b"TJ", b"'", b'"')  # every operator that draws text (PDF 32000-1, 9.4.3), not only Tj


class ContentStreams:
    """The content streams of one open PDF, each parsed once: kept by the PDF's facts for one check run."""

    def __init__(self, reader: PdfReader) -> None:
        self.reader = reader
        self._parsed: dict[object, tuple[object, Operations]] = {}

    def page(self, index: int):
        """The content stream of the page at `index` (0-based), the same object each time it is asked for."""
        key = ("page", index)
        if key not in self._parsed:
            self._parsed[key] = (self.reader.pages[index].get_contents(), [])
        return self._parsed[key][0]

    def operations(self, contents) -> Operations:
        """The (operands, operator) pairs of `contents`, a stream of this PDF."""
        reference = getattr(contents, "indirect_reference", None)
        key = (reference.idnum, reference.generation) if reference is not None else id(contents)
        if key not in self._parsed:  # the stream is kept with its operations, so that an id is never reused
            fast = split_operations(contents.get_data())
            operations = fast if fast is not None else list(ContentStream(contents, self.reader).operations)
            self._parsed[key] = (contents, operations)
        return self._parsed[key][1]


_NOT_REGULAR = rb"\x00\t\n\x0c\r ()<>\[\]{}/%"
_TOKEN = re.compile(
    rb"(?P<number>[+-]?(?:\d+\.?\d*|\.\d+))(?![^" + _NOT_REGULAR + rb"])"
    rb"|(?P<name>/[^" + _NOT_REGULAR + rb"]*)"
    rb"|(?P<array>\[(?:[^\[\]()<>%]|<[0-9A-Fa-f\x00\t\n\x0c\r ]*>)*\])"
    rb"|(?P<hex><[0-9A-Fa-f\x00\t\n\x0c\r ]*>)"
    rb"|(?P<operator>[^" + _NOT_REGULAR + rb"]+)"
    rb"|(?P<other>[^\x00\t\n\x0c\r ])"  # a string, a dictionary, a comment, a stray delimiter: for pypdf
)
_NOT_OPERATORS = (b"BI", b"true", b"false", b"null")  # an inline image's data; values in a dictionary


def split_operations(data: bytes) -> Operations | None:
    """The (operands, operator) pairs of a decoded content stream: numbers as int or float, names
    as NameObject, an array or a hex string as its bytes; None where pypdf must parse it."""
    result: Operations = []
    operands: list = []
    for match in _TOKEN.finditer(data):
        kind, token = match.lastgroup, match.group()
        if kind == "operator":
            if token in _NOT_OPERATORS:
                return None
            result.append((operands, token))
            operands = []
        elif kind == "number":
            operands.append(float(token) if b"." in token else int(token))
        elif kind == "name":
            operands.append(NameObject(_name(token)))
        elif kind == "other":
            return None
        else:
            operands.append(token)
    return result


def _name(token: bytes) -> str:
    """A name as pypdf gives it: `/` and its characters, with #xx escapes decoded."""
    if b"#" in token:
        token = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes.fromhex(m[1].decode()), token)
    return token.decode("utf-8", "surrogateescape")
