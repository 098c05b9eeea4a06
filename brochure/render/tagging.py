"""What a screen reader needs that WeasyPrint's structure tree leaves out, added while it builds the tree:
each element's language where it is not the one its parent is read in, link descriptions in words, and
decorative images left out of the tree as artifacts.

WeasyPrint (up to 70 at least) writes the document's language in the catalog only, so a German block
of a French leaflet is read with French pronunciation; it describes every link annotation by its raw
address ("tel:+35224780112"); and it tags an image with an empty alt (HTML's mark of decoration) as a
figure without a description, which PDF/UA forbids. All three are known only while the page is drawn
and the tree built, from the layout boxes (each box knows its element's `lang`, the link's and the
image's HTML element), so the function that builds the tree from the boxes, and the one that opens a
box's marked content, are wrapped; what they make is otherwise left as it is. Where a later WeasyPrint
renames them nothing is added, and the e-mail edition's `tags` check warns of the first German text
read as French and of the first link called by its address.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

import pydyf
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder
from weasyprint.pdf import tags as weasyprint_tags
from weasyprint.pdf.stream import Stream

_BUILDER = "_build_box_tree"  # WeasyPrint's generator: a box → the structure elements it makes
_enclosing = threading.local()  # the languages of the boxes being built, outermost first


def complete_tags() -> None:
    """Have every tagged PDF written from now on carry each element's language and link descriptions in
    words, and draw its decorative images as artifacts. Idempotent."""
    _draw_decoration_as_artifact()
    builder = getattr(weasyprint_tags, _BUILDER, None)
    if builder is None or getattr(builder, "completes_tags", False):
        return

    def built(box: Any, parent: Any, pdf: Any, *rest: Any) -> Iterator[pydyf.Dictionary]:
        if decorative(box):
            return  # drawn as an artifact (see `_draw_decoration_as_artifact`): no element, no MCID
        stack = _stack()
        outer = stack[-1] if stack else _document_lang(pdf)
        own = _lang_of(box) or outer
        stack.append(own)
        try:
            annotation = getattr(box, "link_annotation", None)
            if annotation is not None:
                address = getattr(annotation.get("Contents"), "string", "")
                annotation["Contents"] = pydyf.String(link_words(box.element, address))
            for element in builder(box, parent, pdf, *rest):
                # An element that an inner box yields through this one (html, body) and that carries
                # no language of its own is read in this box's.
                if own != outer and "Lang" not in element:
                    element["Lang"] = pydyf.String(own)
                yield element
        finally:
            stack.pop()

    built.completes_tags = True  # type: ignore[attr-defined]
    setattr(weasyprint_tags, _BUILDER, built)


def _draw_decoration_as_artifact() -> None:
    """Have WeasyPrint draw a decorative image inside an /Artifact sequence, not as a tagged figure."""
    marked = getattr(Stream, "marked", None)
    if marked is None or getattr(marked, "completes_tags", False):
        return

    @contextlib.contextmanager
    def marked_or_artifact(self: Stream, box: Any, tag: str) -> Iterator[None]:
        if getattr(self, "_tags", None) is not None and decorative(box):
            with self.artifact():
                yield
        else:
            with marked(self, box, tag):
                yield

    marked_or_artifact.completes_tags = True  # type: ignore[attr-defined]
    Stream.marked = marked_or_artifact


def decorative(box: Any) -> bool:
    """Whether a box is an image its HTML marks as decoration: an `<img>` whose alt is empty."""
    box = box._box if isinstance(box, AbsolutePlaceholder) else box
    element = getattr(box, "element", None)
    return (
        isinstance(box, boxes.ReplacedBox)
        and element is not None
        and getattr(box, "element_tag", None) == "img"
        and element.get("alt") is not None
        and not element.get("alt").strip()
    )


def link_words(element: Any, address: str) -> str:
    """What a link is called for a screen reader: the title the template gives it (the content's label),
    else its visible text, else the address."""
    title = " ".join((element.get("title") or "").split()) if element is not None else ""
    if title:
        return title
    text = "".join(element.itertext()) if element is not None else ""
    return " ".join(text.replace("\u00ad", "").split()) or address


def _stack() -> list[str | None]:
    if not hasattr(_enclosing, "langs"):
        _enclosing.langs = []
    return _enclosing.langs


def _document_lang(pdf: pydyf.PDF) -> str | None:
    lang = pdf.catalog.get("Lang")
    return getattr(lang, "string", None) or None


def _lang_of(box: Any) -> str | None:
    style = getattr(box, "style", None)
    return style["lang"] if style is not None else None
