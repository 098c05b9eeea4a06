"""Content streams parsed once per PDF under check.

The colour walk (for the `colour` and `ink` checks) and the `fine-print` check read the
same page and form streams; parsing them is most of their time, so each stream is parsed
once per open PDF and its operations shared.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from pypdf import PdfReader
from pypdf.generic import ContentStream

Operations = list[tuple[list, bytes]]
_PARSED: WeakKeyDictionary[PdfReader, dict[object, tuple[object, Operations]]] = WeakKeyDictionary()


def page_contents(reader: PdfReader, index: int):
    """The content stream of the page at `index` (0-based), the same object each time it is asked for."""
    parsed = _PARSED.setdefault(reader, {})
    key = ("page", index)
    if key not in parsed:
        parsed[key] = (reader.pages[index].get_contents(), [])
    return parsed[key][0]


def operations(reader: PdfReader, contents) -> Operations:
    """The (operands, operator) pairs of `contents`, a stream of `reader`'s PDF."""
    parsed = _PARSED.setdefault(reader, {})
    reference = getattr(contents, "indirect_reference", None)
    key = (reference.idnum, reference.generation) if reference is not None else id(contents)
    if key not in parsed:  # the stream is kept with its operations, so that an id is never reused
        parsed[key] = (contents, list(ContentStream(contents, reader).operations))
    return parsed[key][1]
