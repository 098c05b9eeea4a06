"""What a screen reader needs that WeasyPrint's structure tree leaves out, added while it builds the tree:
each element's language where it is not the one its parent is read in, link descriptions in words,
decorative images left out of the tree as artifacts, words whole at line ends (`_say_lines_whole`), and
spans set as blocks tagged as paragraphs.

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
# The attribute that holds a text box's marked-content property list, from when it is drawn until its
# tree is built: on the box itself, so that nothing outlives the document.
_OPENED = "brochure_marked_properties"
_WORD_ENDS_AT_BREAK = "-/\u2010\u2013\u2014\u00ad"  # a line broken after these had no space there


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
            _say_lines_whole(box)
            for element in builder(box, parent, pdf, *rest):
                if element.get("S") == "/Span" and _is_block(box):
                    # A span set as a block (a figure's label, a link's name over its address) is read
                    # as a paragraph of its own, not run into the text before it ("4villes3pays").
                    element["S"] = "/P" if all(isinstance(c, boxes.LineBox) for c in box.children) else "/Div"
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
                opened = self.stream[-2:] if isinstance(box, boxes.TextBox) else ()
                if len(opened) == 2 and opened[1] == b"BDC" and isinstance(opened[0], pydyf.Dictionary):
                    setattr(box, _OPENED, opened[0])  # to say what a reader gets (`_say_lines_whole`)
                yield

    marked_or_artifact.completes_tags = True  # type: ignore[attr-defined]
    Stream.marked = marked_or_artifact


def _say_lines_whole(box: Any) -> None:
    """Give the last text of each line of `box` but its last an /ActualText that a reader joins whole:
    a line broken at a space ends with that space (WeasyPrint drops it, and "à" + "l’élaboration" read
    as "àl’élaboration"), one broken by hyphenation without its hyphen ("europä‐" + "ischen" read as
    one word)."""
    lines = [child for child in getattr(box, "children", ()) if isinstance(child, boxes.LineBox)]
    for line in lines[:-1]:
        texts = [item for item in line.descendants() if isinstance(item, boxes.TextBox)]
        properties = texts[-1].__dict__.pop(_OPENED, None) if texts else None
        if properties is None or not texts[-1].text:
            continue
        # Without the soft hyphens the text may hold (where it may break): a reader would say them.
        text, hyphen = texts[-1].text.replace("\u00ad", ""), texts[-1].style["hyphenate_character"]
        if hyphen and text.endswith(hyphen):
            properties["ActualText"] = pydyf.String(text.removesuffix(hyphen))
        elif not text[-1].isspace() and text[-1] not in _WORD_ENDS_AT_BREAK:
            properties["ActualText"] = pydyf.String(text + " ")


def _is_block(box: Any) -> bool:
    box = box._box if isinstance(box, AbsolutePlaceholder) else box
    return isinstance(box, boxes.BlockBox)


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
