"""The XLIFF file of a translation: written as XLIFF 1.2 that reads back the same, and judged before use."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from lxml import etree

from brochure.content.xliff import XLIFF_12, Unit, markup_problem, problems, read_xliff, xliff_bytes
from brochure.errors import InputError

UNITS = [
    Unit("document.title", "Un réseau", "Ein Netz", "the document's title"),
    Unit(
        "sections.about.blocks[2].text.text", "Voir [le site](https://x.org)\net **plus**", "", "panel inside-left", 120
    ),
    Unit("sections.contact[0].heading.text", "Contact", "Contact", "panel back", 14),
]
SOURCES = {unit.id: unit.source for unit in UNITS}


@pytest.fixture
def xlf(tmp_path: Path) -> Path:
    path = tmp_path / "de.xlf"
    path.write_bytes(xliff_bytes(UNITS, "fr", "de", "content.yaml"))
    return path


def test_the_file_is_xliff_1_2_and_reads_back_its_units(xlf: Path):
    root = etree.fromstring(xlf.read_bytes())
    assert root.get("version") == "1.2" and root.tag == f"{{{XLIFF_12}}}xliff"
    file = root.find(f"{{{XLIFF_12}}}file")
    assert (file.get("original"), file.get("source-language"), file.get("target-language")) == (
        "content.yaml",
        "fr",
        "de",
    )
    read = read_xliff(xlf)
    assert (read.source_lang, read.target_lang) == ("fr", "de")
    assert [(unit.id, unit.source, unit.target) for unit in read.units] == [(u.id, u.source, u.target) for u in UNITS]
    # Each unit's <trans-unit> line, for messages.
    assert [unit.line for unit in read.units] == [line_of(xlf, f'id="{unit.id}"') for unit in UNITS]


def test_each_unit_says_its_room_where_it_is_printed_and_what_is_left_to_translate(xlf: Path):
    units = etree.fromstring(xlf.read_bytes()).iter(f"{{{XLIFF_12}}}trans-unit")
    title, about, contact = units
    assert title.get("maxwidth") is None  # not printed: no room to respect
    assert (about.get("maxwidth"), about.get("size-unit")) == ("120", "char")
    assert about.find(f"{{{XLIFF_12}}}note").text == "panel inside-left"
    states = [unit.find(f"{{{XLIFF_12}}}target").get("state") for unit in (title, about, contact)]
    assert states == ["translated", "needs-translation", "needs-translation"]  # empty, or the source itself
    assert "approved" not in title.attrib


def test_the_same_units_make_the_same_bytes():
    assert xliff_bytes(UNITS, "fr", "de", "content.yaml") == xliff_bytes(UNITS, "fr", "de", "content.yaml")


def test_a_file_that_matches_the_content_has_no_problem(xlf: Path):
    assert problems(read_xliff(xlf), SOURCES, ["fr", "de"]) == []


def line_of(path: Path, text: str, nth: int = 0) -> int:
    """The line of the `nth` line of the file at `path` that holds `text`."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [number for number, line in enumerate(lines, start=1) if text in line][nth]


def _edited(xlf: Path, old: str, new: str) -> Path:
    xlf.write_text(xlf.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return xlf


def test_every_problem_is_named_with_its_line_and_unit(xlf: Path):
    _edited(xlf, 'id="sections.contact[0].heading.text"', 'id="sections.contact[9].heading.text"')
    _edited(xlf, "<source>Un réseau</source>", "<source>Un autre réseau</source>")
    _edited(xlf, '<target state="needs-translation"></target>', "<target>Siehe [die Seite](https://x.org</target>")
    assert problems(read_xliff(xlf), SOURCES, ["fr", "de"]) == [
        f"{xlf}:5: unit document.title: the source changed since the export: it is now 'Un réseau'",
        f"{xlf}:10: unit sections.about.blocks[2].text.text: a link's markup is broken: "
        "'Siehe [die Seite](https://x.org'",
        f"{xlf}:16: unit sections.contact[9].heading.text: no such text in the content (export the file again)",
        f"{xlf}:3: unit sections.contact[0].heading.text: missing from the file",
    ]


def test_a_unit_twice_is_a_problem(tmp_path: Path):
    path = tmp_path / "twice.xlf"
    path.write_bytes(xliff_bytes([UNITS[0], UNITS[0]], "fr", "de", "content.yaml"))
    assert problems(read_xliff(path), SOURCES, ["fr", "de"])[0] == (
        f"{path}:10: unit document.title: twice in the file (first on line 5)"
    )


def test_a_language_the_content_does_not_have_is_the_only_problem_said(tmp_path: Path):
    path = tmp_path / "it.xlf"
    path.write_bytes(xliff_bytes(UNITS, "fr", "it", "content.yaml"))
    assert problems(read_xliff(path), SOURCES, ["fr", "de"]) == [
        f"{path}:3: target-language: no language 'it' in the content; the content's languages are fr, de"
    ]


@pytest.mark.parametrize(
    ("target", "said"),
    [
        ("Siehe **mehr", "a **bold** is not closed: 'Siehe **mehr'"),
        ("Siehe *mehr", "an *emphasis* is not closed: 'Siehe *mehr'"),
        ("Siehe [die Seite] (https://x.org)", "a link's markup is broken: 'Siehe [die Seite] (https://x.org)'"),
        ("Siehe die Seite", "the link to https://x.org of the source is missing from the target"),
        ("[Seite](https://y.org)", "the link to https://x.org of the source is missing from the target"),
        (
            "[Seite](javascript:alert(1))",
            "a link to 'javascript:alert(1)'; links may only go to http://, https://, mailto: or tel:",
        ),
    ],
)
def test_broken_markup_is_caught(target: str, said: str):
    assert markup_problem("Voir **[le site](https://x.org)**", target) == said


def test_markup_kept_or_literal_in_the_source_too_is_no_problem():
    assert markup_problem("Voir **[le site](https://x.org)**", "Siehe **[die Seite](https://x.org)**") is None
    assert markup_problem("5 * 3", "5 * 3") is None  # a star the source prints too


def test_a_file_that_is_not_xliff_is_refused_with_its_line(tmp_path: Path):
    broken = tmp_path / "broken.xlf"
    broken.write_text('<?xml version="1.0"?>\n<xliff version="1.2">\n<file>\n</xliff>\n', encoding="utf-8")
    with pytest.raises(InputError, match=rf"^{broken}:4: not an XML file: "):
        read_xliff(broken)
    version2 = tmp_path / "v2.xlf"
    version2.write_text('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"/>', encoding="utf-8")
    with pytest.raises(InputError, match=r":1: not an XLIFF 1.2 file"):
        read_xliff(version2)


def test_an_entity_is_not_expanded(tmp_path: Path):
    path = tmp_path / "entity.xlf"
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    text = xliff_bytes(UNITS[:1], "fr", "de", "content.yaml").decode()
    text = text.replace("?>", f'?>\n<!DOCTYPE xliff [<!ENTITY s SYSTEM "file://{secret}">]>', 1)
    path.write_text(text.replace("Ein Netz", "&s;"), encoding="utf-8")
    assert "SECRET" not in read_xliff(path).units[0].target


def test_texts_are_read_composed_as_the_content_holds_them(tmp_path: Path):
    path = tmp_path / "nfd.xlf"
    decomposed = unicodedata.normalize("NFD", "Städte und Trèves")
    path.write_bytes(xliff_bytes([Unit("a", decomposed, decomposed)], "fr", "de", "content.yaml"))
    (unit,) = read_xliff(path).units
    assert unit.source == unit.target == "Städte und Trèves" and len(unit.target) == 17
    assert problems(read_xliff(path), {"a": "Städte und Trèves"}, ["fr", "de"]) == []  # not a changed source
