"""Content streams parsed once per PDF under check, by a fast tokenizer where it can.

The colour walk (for the `colour` and `ink` checks) and the `fine-print` check read the
same page and form streams; parsing them is most of their time, so each stream is parsed
once per check run and its operations shared (`PdfFacts.streams`).

Those checks, and the `tags` check's walk of marked content, read operators and their
numbers, names and marked-content properties only. A stream is therefore split by one
regular expression, with an array (a TJ's text and kerning) kept whole as bytes and a
dictionary of names, numbers and strings (a BDC's `<</MCID 0 /ActualText (…)>>`) read into a DictionaryObject, about
seven times faster than pypdf's parser. A stream with anything that needs a real parser (a
literal string outside such a dictionary, any other dictionary, an inline image, a comment, nested arrays), or one
large enough to reach pypdf's limits, is parsed by pypdf instead, as a whole.
"""

from __future__ import annotations

import io
import itertools
import re

from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject, FloatObject, NameObject, NumberObject

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
_SPACE = rb"[\x00\t\n\x0c\r ]*"
_NUMBER = rb"[+-]?(?:\d+\.?\d*|\.\d+)(?![^" + _NOT_REGULAR + rb"])"
_NAME = rb"/[^" + _NOT_REGULAR + rb"]*(?![^" + _NOT_REGULAR + rb"])"
_ENTRY = re.compile(_SPACE + rb"(" + _NAME + rb")" + _SPACE + rb"(?:(" + _NUMBER + rb")|(" + _NAME + rb"))")
# A string in a marked-content dictionary (an /ActualText): literal, its parentheses escaped, or hex.
_STRING = rb"\((?:[^()\\]|\\[\s\S])*\)|<[0-9A-Fa-f\x00\t\n\x0c\r ]*>"
_TOKEN = re.compile(
    rb"(?P<number>" + _NUMBER + rb")"
    rb"|(?P<name>" + _NAME + rb")"
    rb"|(?P<array>\[(?:[^\[\]()<>%]|<[0-9A-Fa-f\x00\t\n\x0c\r ]*>)*\])"
    rb"|(?P<dictionary><<(?:"
    + _SPACE
    + _NAME
    + _SPACE
    + rb"(?:"
    + _NUMBER
    + rb"|"
    + _NAME
    + rb"|"
    + _STRING
    + rb"))*"
    + _SPACE
    + rb">>)"
    rb"|(?P<hex><[0-9A-Fa-f\x00\t\n\x0c\r ]*>)"
    rb"|(?P<operator>[^" + _NOT_REGULAR + rb"]+)"
    rb"|(?P<other>[^\x00\t\n\x0c\r ])"  # a string, another dictionary, a comment, a stray delimiter: for pypdf
)
_NOT_OPERATORS = (b"BI", b"true", b"false", b"null")  # an inline image's data; values in a dictionary
# pypdf refuses a stream of more than 2 million tokens, and an array or a dictionary of more than
# 100,000 elements (its `Configuration`): a stream that may reach either is left to pypdf, so that
# it is refused as before, and what a check holds in memory stays bounded.
_MAX_TOKENS = 2_000_000
_MAX_OBJECT_BYTES = 100_000  # every element takes a byte at least


def split_operations(data: bytes) -> Operations | None:
    """The (operands, operator) pairs of a decoded content stream: numbers as int or float, names
    as NameObject, a dictionary of names and numbers as DictionaryObject, an array or a hex string
    as its bytes; None where pypdf must parse it."""
    result: Operations = []
    operands: list = []
    matches = _TOKEN.finditer(data)
    # every token takes a byte at least: only a longer stream may hold more than pypdf reads
    for match in itertools.islice(matches, _MAX_TOKENS) if len(data) > _MAX_TOKENS else matches:
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
        elif kind == "other" or len(token) > _MAX_OBJECT_BYTES:
            return None
        elif kind == "dictionary":
            dictionary = _dictionary(token)
            if dictionary is None:
                return None
            operands.append(dictionary)
        else:
            operands.append(token)
    if next(matches, None) is not None:  # a token beyond pypdf's limit
        return None
    return result


def _dictionary(token: bytes) -> DictionaryObject | None:
    """A `<<…>>` of names and numbers as pypdf reads it; None for one that names a key twice, where
    pypdf's choice of value is left to pypdf. One that holds a string (a few a page) is read by pypdf."""
    if b"(" in token or b"<" in token[2:-2]:
        return DictionaryObject.read_from_stream(io.BytesIO(token), None)
    dictionary = DictionaryObject()
    for key, number, name in _ENTRY.findall(token[2:-2]):
        key = NameObject(_name(key))
        if key in dictionary:
            return None
        if not number:
            dictionary[key] = NameObject(_name(name))
        else:
            dictionary[key] = FloatObject(number.decode()) if b"." in number else NumberObject(int(number))
    return dictionary


def _name(token: bytes) -> str:
    """A name as pypdf gives it: `/` and its characters, with #xx escapes decoded."""
    if b"#" in token:
        token = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes.fromhex(m[1].decode()), token)
    return token.decode("utf-8", "surrogateescape")
