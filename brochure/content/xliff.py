"""A translator's file: the texts of a content as the units of an XLIFF 1.2 file, and that file read back
and judged against the content before anything of it is written.

A unit's id is the path of its field without the language (`sections.about.blocks[2].text.text`), its
source the text in the language translated from, its target the text in the language translated into.
The XML is translate-toolkit's, which CAT tools read, and which parses untrusted files without entities
or network access.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from translate.storage import xliff

from brochure.errors import InputError
from brochure.files.paths import read_input
from brochure.text.typography import link_targets, markdown_problem, plain_text

XLIFF_12 = "urn:oasis:names:tc:xliff:document:1.2"
MAX_FILE_BYTES = 20_000_000  # far above any leaflet's texts; a larger file is not a leaflet's translation
NEEDS_TRANSLATION, TRANSLATED = "needs-translation", "translated"
# What of a text's Markdown is left as literal characters when its markup is broken, and what that means.
_LEFT_OVER = (
    ("](", "a link's markup is broken"),
    ("[", "a link's markup is broken"),
    ("**", "a **bold** is not closed"),
)
_LEFT_OVER += (("*", "an *emphasis* is not closed"), ("_", "an _emphasis_ is not closed"))


class _Unit12(xliff.xliffunit):
    namespace = XLIFF_12


class _Xliff12(xliff.xlifffile):
    """translate-toolkit's XLIFF store, writing version 1.2 (it writes 1.1 unless told; it reads both)."""

    UnitClass = _Unit12

    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version='1.2' xmlns='{XLIFF_12}'>
<file original='NoName' source-language='en' datatype='plaintext'>
<body>
</body>
</file>
</xliff>"""
    namespace = XLIFF_12


@dataclass(frozen=True)
class Unit:
    """One text to translate."""

    id: str  # the field's path without the language
    source: str
    target: str
    note: str = ""  # where it is printed
    maxwidth: int | None = None  # about how many characters its space holds
    line: int = 0  # where a file read back has it


@dataclass(frozen=True)
class Translation:
    """An XLIFF file read back: its languages and units, and the line of its `<file>` element."""

    path: Path
    source_lang: str
    target_lang: str
    units: tuple[Unit, ...]
    line: int
    original: str = ""  # the file whose texts these are, relative to the project


def xliff_bytes(units: Iterable[Unit], source_lang: str, target_lang: str, original: str) -> bytes:
    """The XLIFF 1.2 file of `units`: no date nor anything else that changes between two exports of the same
    content. A target that is empty or the source itself is marked as still to translate."""
    store = _Xliff12(sourcelanguage=source_lang, targetlanguage=target_lang)
    store.createfilenode(original, source_lang, target_lang)
    for unit in units:
        item = store.addsourceunit(unit.source, filename=original)
        item.setid(unit.id)
        item.settarget(unit.target)
        translated = unit.target.strip() and unit.target != unit.source
        item.xmlelement.attrib.pop("approved", None)  # an existing translation is not a reviewed one
        item.xmlelement.find(store.namespaced("target")).set("state", TRANSLATED if translated else NEEDS_TRANSLATION)
        if unit.note:
            item.addnote(unit.note, origin="developer")
        if unit.maxwidth is not None:
            item.xmlelement.set("maxwidth", str(max(unit.maxwidth, 0)))
            item.xmlelement.set("size-unit", "char")
    return bytes(store)


def read_xliff(path: Path) -> Translation:
    """An XLIFF 1.x file's languages and units, their texts composed as the content holds them (é as one
    character, whatever a CAT tool wrote); InputError where it is not one."""
    data = read_input(path, MAX_FILE_BYTES, "XLIFF", "a leaflet's translation")
    try:
        store = xliff.xlifffile.parsestring(data)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path}:{exc.lineno or 1}: not an XML file: {exc.msg}") from None
    except (ValueError, AssertionError, StopIteration):  # XLIFF 2, another XML root, no <file>
        raise InputError(f"{path}:1: not an XLIFF 1.2 file (<xliff version='1.2'> with one <file>)") from None
    files = store.document.getroot().findall(store.namespaced("file"))
    if len(files) != 1:
        raise InputError(f"{path}:1: {len(files)} <file> elements; a leaflet's translation has one")
    units = tuple(
        Unit(
            id=unit.xmlelement.get("id") or "",
            source=_nfc(str(unit.source or "")),
            target=_nfc(str(unit.target or "")),
            line=unit.xmlelement.sourceline or 0,
        )
        for unit in store.getunits()
    )
    source, target = files[0].get("source-language") or "", files[0].get("target-language") or ""
    return Translation(path, source, target, units, files[0].sourceline or 1, files[0].get("original") or "")


def problems(translation: Translation, expected: Mapping[str, str], languages: Sequence[str]) -> list[str]:
    """Every reason not to write the file's targets, one `FILE:LINE: unit ID: message` line each: a language
    the content does not have, a unit the content does not have or has twice, one missing from the file, a
    source changed since the export (`expected`: each unit's source in the content now), broken markup."""
    found = _language_problems(translation, languages)
    if found:
        return found  # the units cannot be judged in languages the content does not have
    seen: dict[str, int] = {}
    for unit in translation.units:
        problem = _unit_problem(unit, expected, seen)
        if problem:
            found.append(f"{translation.path}:{unit.line}: unit {unit.id or '(no id)'}: {problem}")
        seen.setdefault(unit.id, unit.line)
    where = f"{translation.path}:{translation.line}"
    found.extend(f"{where}: unit {uid}: missing from the file" for uid in expected if uid not in seen)
    return found


def _language_problems(translation: Translation, languages: Sequence[str]) -> list[str]:
    where = f"{translation.path}:{translation.line}"
    known = f"the content's languages are {', '.join(languages)}"
    found = [
        f"{where}: {name}: no language {lang!r} in the content; {known}"
        for name, lang in (("source-language", translation.source_lang), ("target-language", translation.target_lang))
        if lang not in languages
    ]
    if translation.source_lang == translation.target_lang:
        found.append(f"{where}: target-language: the same as the source-language, {translation.source_lang!r}")
    return found


def _unit_problem(unit: Unit, expected: Mapping[str, str], seen: Mapping[str, int]) -> str | None:
    if unit.id in seen:
        return f"twice in the file (first on line {seen[unit.id]})"
    if unit.id not in expected:
        return "no such text in the content (export the file again)"
    if unit.source != expected[unit.id]:
        return f"the source changed since the export: it is now {_short(expected[unit.id])}"
    return markup_problem(unit.source, unit.target) if unit.target.strip() else None


def markup_problem(source: str, target: str) -> str | None:
    """What is wrong with the Markdown of a translation of `source`: a link or an emphasis left open (its
    syntax printed as it is typed), a link the source has that the target lost, a link the content refuses."""
    refused = markdown_problem(target)
    if refused:
        return refused
    printed, meant = plain_text(target), plain_text(source)
    for syntax, said in _LEFT_OVER:
        if syntax in printed and syntax not in meant:
            return f"{said}: {_short(target)}"
    lost = [url for url in link_targets(source) if url not in link_targets(target)]
    if lost:
        return f"the link to {lost[0]} of the source is missing from the target"
    return None


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _short(text: str, most: int = 60) -> str:
    return repr(text if len(text) <= most else text[:most] + "…")
