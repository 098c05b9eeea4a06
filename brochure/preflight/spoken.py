"""What a screen reader says of a tagged PDF, held against the content: each text in its own language,
links called by words, images described by more than the text beside them. The `tags` check runs these.

A reader picks its voice by the `/Lang` of the structure element a text belongs to (or the nearest
ancestor's, else the catalog's). Which language a text is in the content tells: a run of text (one
marked-content sequence) belongs to a language where every content text of its page that holds it is
in that language; a run that a text of another language, or one of no language, holds too (a name,
"Metz,") tells nothing and is not judged.
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator

import pypdfium2.raw as pdfium_c
from pypdf.generic import ArrayObject, DictionaryObject

from brochure.preflight.placement import PrintedText, text_key
from brochure.preflight.registry import CheckContext, Finding, Severity

_HYPHENS = "-\u2010\u00ad"  # what a line broken by hyphenation ends with
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)  # an address, not words: http:, tel:, mailto:
_WORD = re.compile(r"\w+(?:['’.@/-]\w+)*")  # a word as a reader says it: "l’élaboration", "Luxembourg-Metz"
_INLINE = {"/Span", "/Link", "/NonStruct"}  # elements a reader runs on into the text around them
_SHOWN = 3  # how many misread texts a finding quotes
_JUDGED_LETTERS = 3  # a shorter run (a map's letter, "im") holds too little to tell its language
# The texts that title an image: an alt text that only repeats one says nothing more. (A logo's alt is
# rightly the name that an address beside it prints too.)
_TITLES = re.compile(r"\.(heading|caption)\.")


def language_findings(ctx: CheckContext) -> Iterator[Finding]:
    """A finding for each page with text read in another language than the content's."""
    reader = ctx.facts.reader
    root = reader.trailer["/Root"]
    default = _primary(root.get("/Lang"))
    parents = _parent_tree(_tree_root(root))
    for number, surface in enumerate(ctx.surfaces, start=1):
        if number > len(ctx.facts.pages):
            break
        texts = [text for placed in surface.placed for text in ctx.panel_texts()[placed.panel.id]]
        key = reader.pages[number - 1].get("/StructParents")
        elements = parents.get(key if isinstance(key, int) else None, [])
        misread: dict[tuple[str, str], list[str]] = {}
        for mcid, run in marked_texts(ctx, number):
            lang = language_of(run, texts)
            if lang is None or mcid >= len(elements):
                continue
            read_as = _read_as(elements[mcid], default)
            if read_as != _primary(lang):
                misread.setdefault((lang, read_as or "no language"), []).append(" ".join(run.split()))
        for (lang, read_as), runs in misread.items():
            their = "their" if len(runs) != 1 else "its"
            yield Finding(
                "tags",
                Severity.WARNING,
                f"{len(runs)} text{'s' if len(runs) != 1 else ''} in '{lang}' tagged to be read as '{read_as}' "
                f"(no /Lang {lang} on {their} structure element): {_quoted(runs)}",
                number,
            )


def link_findings(ctx: CheckContext) -> Iterator[Finding]:
    """A finding for each link a screen reader would call by its raw address."""
    for number, page in enumerate(ctx.facts.reader.pages, start=1):
        annotations = page.get("/Annots")
        annotations = annotations.get_object() if annotations is not None else []
        for annotation in annotations if isinstance(annotations, ArrayObject) else []:
            annotation = annotation.get_object()
            if not isinstance(annotation, DictionaryObject):
                continue
            words = str(annotation.get("/Contents") or "")
            if annotation.get("/Subtype") == "/Link" and (not words.strip() or _SCHEME.match(words)):
                said = f"its raw address {words!r}" if words.strip() else "nothing (no /Contents)"
                yield Finding("tags", Severity.WARNING, f"a screen reader calls a link {said}", number)


def figure_findings(ctx: CheckContext) -> Iterator[Finding]:
    """A finding for each image without alt text, or whose alt text only repeats a heading or caption of its page."""
    root = ctx.facts.reader.trailer["/Root"]
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(ctx.facts.reader.pages, start=1)}
    for figure in _elements(_tree_root(root), "/Figure"):
        number = pages.get(getattr(figure.get("/Pg"), "idnum", None))
        alt = " ".join(str(figure.get("/Alt") or "").split())
        if not alt:
            yield Finding("tags", Severity.WARNING, "an image without alt text: say what it shows", number)
            continue
        surface = ctx.surfaces[number - 1] if number and number <= len(ctx.surfaces) else None
        placed = surface.placed if surface else ()
        titles = [text for item in placed for text in ctx.panel_texts()[item.panel.id] if _TITLES.search(text.field)]
        if any(text_key(text.text).casefold() == text_key(alt).casefold() for text in titles):
            yield Finding(
                "tags",
                Severity.WARNING,
                f"an image's alt text {alt!r} only repeats a heading or caption of its page: say what the image shows",
                number,
            )


def whole_word_findings(ctx: CheckContext) -> Iterator[Finding]:
    """A finding for each page whose text, as a reader gets it, holds words of the content run together
    at a line's end ("àl’élaboration") or cut by a hyphen ("grenzüber‐" "schreitender")."""
    reader = ctx.facts.reader
    parents = _parent_tree(_tree_root(reader.trailer["/Root"]))
    for number, surface in enumerate(ctx.surfaces, start=1):
        if number > len(ctx.facts.pages):
            break
        key = reader.pages[number - 1].get("/StructParents")
        elements = parents.get(key if isinstance(key, int) else None, [])
        said: dict[int, list[str]] = {}  # a reader's text of each block: its runs, joined as it reads them
        for mcid, run in spoken_runs(ctx, number):
            block = _block_of(elements[mcid]) if mcid < len(elements) else None
            said.setdefault(id(block) if block is not None else -1 - mcid, []).append(run)
        heard = {word for runs in said.values() for word in _WORD.findall("".join(runs))}
        # A sentence's full stop before a list's next number ("September.3.") is a pause all the same.
        heard |= {part for word in heard for part in word.split(".")}
        texts = [text for placed in surface.placed for text in ctx.panel_texts()[placed.panel.id]]
        missing = []
        for text in texts:
            for word in _WORD.findall(text.text.replace("\u00ad", "")):
                if sum(ch.isalpha() for ch in word) >= 2 and word not in heard and word not in missing:
                    missing.append(word)
        if missing:
            words = f"{len(missing)} word{'s' if len(missing) != 1 else ''}"
            yield Finding(
                "tags",
                Severity.WARNING,
                f"{words} of the content a screen reader does not get whole (run into the next line's, or cut "
                f"by a hyphen): {_quoted(missing)}",
                number,
            )


def spoken_runs(ctx: CheckContext, number: int) -> Iterator[tuple[int, str]]:
    """What a reader gets of each marked-content sequence on 1-based page `number`: (MCID, text), its
    /ActualText where it has one (once, however many text objects it holds), else its text."""
    actual = {}
    contents = ctx.facts.streams.page(number - 1)
    for operands, operator in ctx.facts.streams.operations(contents) if contents is not None else ():
        properties = operands[1].get_object() if operator == b"BDC" and len(operands) > 1 else None
        if isinstance(properties, DictionaryObject) and "/ActualText" in properties and "/MCID" in properties:
            actual[int(properties["/MCID"])] = str(properties["/ActualText"])
    given = set()
    for mcid, run in marked_texts(ctx, number):
        if mcid not in actual:
            yield mcid, run
        elif mcid not in given:
            given.add(mcid)
            yield mcid, actual[mcid]


def _quoted(texts: list[str]) -> str:
    """The first few of `texts`, quoted, for a finding."""
    return ", ".join(repr(text) for text in texts[:_SHOWN]) + (", …" if len(texts) > _SHOWN else "")


def _block_of(element):
    """The nearest element above a run that a reader says apart from the next (a paragraph, a heading,
    a list item's body), past the spans and links inside it."""
    seen = 0
    while element is not None and seen < 200:
        element = element.get_object()
        if not isinstance(element, DictionaryObject):
            return None
        if element.get("/S") not in _INLINE:
            return element
        element, seen = element.get("/P"), seen + 1
    return None


def language_of(run: str, texts: list[PrintedText]) -> str | None:
    """The language of a run of text: that of every text of `texts` that holds it; None where a text
    of another language or of none holds it too, or none does."""
    key = text_key(run).rstrip(_HYPHENS)
    if sum(ch.isalpha() for ch in key) < _JUDGED_LETTERS:
        return None
    langs = {text.lang for text in texts if key in text_key(text.text).replace("\u00ad", "")}
    return next(iter(langs)) if len(langs) == 1 and None not in langs else None


def marked_texts(ctx: CheckContext, number: int) -> Iterator[tuple[int, str]]:
    """Each marked-content sequence's text on 1-based page `number`: (MCID, text), in drawing order."""
    page = ctx.facts.document[number - 1]
    textpage = page.get_textpage()  # of this very page handle: pdfium reads a text object through it
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT], max_depth=1):
        mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(obj.raw)
        if mcid < 0:
            continue
        size = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)  # in bytes, with the final NUL
        buffer = ctypes.create_string_buffer(size)
        wide = ctypes.cast(buffer, ctypes.POINTER(pdfium_c.FPDF_WCHAR))
        pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, wide, size)
        yield mcid, buffer.raw[: max(size - 2, 0)].decode("utf-16-le", errors="replace")


def _tree_root(root: DictionaryObject) -> DictionaryObject:
    """The structure tree's root, or an empty one where a crafted file has something else there."""
    tree = root.get("/StructTreeRoot")
    tree = tree.get_object() if tree is not None else None
    return tree if isinstance(tree, DictionaryObject) else DictionaryObject()


def _parent_tree(tree_root: DictionaryObject) -> dict[int, list]:
    """The structure tree's parent tree: a page's /StructParents → its elements by MCID."""
    found: dict[int, list] = {}
    pending, seen = [tree_root.get("/ParentTree")], set()
    while pending:
        node = pending.pop()
        if getattr(node, "idnum", None) is not None:
            if node.idnum in seen:  # a crafted tree that holds itself
                continue
            seen.add(node.idnum)
        node = node.get_object() if node is not None else None
        if not isinstance(node, DictionaryObject):
            continue
        nums = node.get("/Nums")
        nums = nums.get_object() if nums is not None else []
        nums = nums if isinstance(nums, ArrayObject) else []
        for key, value in zip(nums[::2], nums[1::2], strict=False):
            value = value.get_object()
            if isinstance(key, int) and isinstance(value, ArrayObject):
                found[int(key)] = list(value)
        kids = node.get("/Kids")
        kids = kids.get_object() if kids is not None else []
        pending.extend(kids if isinstance(kids, ArrayObject) else [])
    return found


def _read_as(element, default: str | None) -> str | None:
    """The language a reader reads an element's content in: its /Lang or its nearest ancestor's."""
    seen = 0
    while element is not None and seen < 200:  # a parent chain that loops is read as the document's
        element = element.get_object()
        if not isinstance(element, DictionaryObject):
            break
        if "/Lang" in element:
            return _primary(element["/Lang"])
        element, seen = element.get("/P"), seen + 1
    return default


def _elements(node, kind: str) -> Iterator[DictionaryObject]:
    """Every structure element of type `kind` under `node`, in order."""
    pending, seen = [node], set()
    while pending:
        item = pending.pop(0)
        if getattr(item, "idnum", None) is not None:
            if item.idnum in seen:
                continue
            seen.add(item.idnum)
        item = item.get_object()
        if not isinstance(item, DictionaryObject):
            continue
        if item.get("/S") == kind:
            yield item
        kids = item.get("/K")
        kids = kids.get_object() if kids is not None else None
        pending.extend(kids if isinstance(kids, ArrayObject) else [kids] if kids is not None else [])


def _primary(lang) -> str | None:
    """A language tag's primary language, as a reader picks a voice by it: 'de-CH' → 'de'."""
    text = str(lang).strip() if lang is not None else ""
    return text.split("-")[0].lower() or None
