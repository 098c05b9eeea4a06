"""What a screen reader says of the golden e-mail edition, and the `tags` check's findings on copies of it with
one defect each: a German element without its language, a link called by its address, a map whose alt text
is its heading; and the PDF/UA validator `page` on the file as built."""

from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path

import page
import pytest
from conftest import ROOT
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, NameObject, TextStringObject

from brochure.preflight import Severity, check_pdf
from brochure.sheet.imposition import IMPOSITIONS


@pytest.fixture(scope="module")
def email(golden) -> Path:
    return golden.result.edition("email").written[0].path


def report(golden, pdf: Path):
    imposition = IMPOSITIONS["reading-order"](golden.layout)
    return check_pdf(pdf, golden.layout, golden.content, edition="email", imposition=imposition)


def tag_findings(golden, pdf: Path) -> list:
    return [f for f in report(golden, pdf).findings if f.check == "tags"]


def struct_elements(root) -> list[DictionaryObject]:
    """Every structure element of a PDF's tree, in reading order (depth first)."""
    found, pending = [], [root["/StructTreeRoot"]]
    while pending:
        item = pending.pop().get_object()
        if not isinstance(item, DictionaryObject) or item.get("/Type") == "/OBJR":
            continue
        if "/S" in item:
            found.append(item)
        kids = item.get("/K")
        kids = kids.get_object() if kids is not None else []
        pending.extend(reversed(kids) if isinstance(kids, ArrayObject) else [kids])
    return found


def edited(source: Path, target: Path, edit) -> Path:
    writer = PdfWriter(clone_from=source)
    edit(writer)
    writer.write(target)
    return target


# -- languages ---------------------------------------------------------------------------------------------


def test_every_german_text_of_the_golden_email_is_read_in_german(golden, email: Path):
    writer = PdfWriter(clone_from=email)
    tagged = Counter(str(item["/Lang"]) for item in struct_elements(writer.root_object) if "/Lang" in item)
    # The catalog says fr; each German block (cover lead, headings, the German stack in its two parts around
    # its spacer, the German panel, the contact text, the key figures' labels, the imprint) says de once, its
    # children inheriting it.
    assert writer.root_object["/Lang"] == "fr"
    assert tagged == {"de": 13}
    assert tag_findings(golden, email) == []


def test_tags_catches_a_german_element_without_its_language(golden, email: Path, tmp_path: Path):
    def strip_first_german(writer: PdfWriter) -> None:
        first = next(item for item in struct_elements(writer.root_object) if item.get("/Lang") == "de")
        del first["/Lang"]

    (finding,) = tag_findings(golden, edited(email, tmp_path / "x.pdf", strip_first_german))
    assert finding.severity is Severity.WARNING and finding.page == 1
    assert finding.message == (
        "5 texts in 'de' tagged to be read as 'fr' (no /Lang de on their structure element): "
        "'Ein', 'grenzüberschreitendes', 'Städtenetz', …"
    )


# -- links -------------------------------------------------------------------------------------------------


def test_links_are_called_by_their_label_or_their_text(email: Path):
    writer = PdfWriter(clone_from=email)
    words = [str(a.get_object()["/Contents"]) for page in writer.pages for a in page.get("/Annots") or []]
    assert words == [
        "www.quattropole.org",
        "VILLE DE LUXEMBOURG",
        "VILLE DE METZ",
        "LANDESHAUPTSTADT SAARBRÜCKEN",
        "STADT TRIER",
        "+352 247 80112",  # as printed, not tel:+35224780112
        "info-quattropole@granderegion.net",
        "www.quattropole.org",
    ]


def test_tags_catches_a_link_called_by_its_address(golden, email: Path, tmp_path: Path):
    def raw(writer: PdfWriter) -> None:
        annotation = writer.pages[5]["/Annots"][0].get_object()
        annotation[NameObject("/Contents")] = TextStringObject("tel:+35224780112")

    (finding,) = tag_findings(golden, edited(email, tmp_path / "x.pdf", raw))
    assert (finding.page, finding.message) == (6, "a screen reader calls a link its raw address 'tel:+35224780112'")


# -- images ------------------------------------------------------------------------------------------------


def map_distances() -> set[str]:
    """The six distances tools/draw_map.py draws on the map, from the cities' coordinates."""
    spec = importlib.util.spec_from_file_location("draw_map", ROOT / "tools" / "draw_map.py")
    drawing = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = drawing  # its dataclasses look their module up
    spec.loader.exec_module(drawing)
    cities = drawing.CITIES
    return {f"{round(drawing.haversine_km(a, b))} km" for i, a in enumerate(cities) for b in cities[i + 1 :]}


def test_the_maps_alt_text_names_the_four_cities_and_their_distances(golden, email: Path):
    writer = PdfWriter(clone_from=email)
    figures = [item for item in struct_elements(writer.root_object) if item["/S"] == "/Figure"]
    # The map and the logo: the cover's artwork is decoration, drawn as an artifact.
    assert [str(item["/Alt"])[:20] for item in figures] == ["Carte des quatre vil", "QuattroPole e.V."]
    said = str(figures[0]["/Alt"])
    distances = map_distances()
    assert len(distances) == 6
    for alt in (said, golden.content.data["sections"]["cities"]["blocks"][1]["alt"]["de"]):
        assert set(re.findall(r"\d+ km", alt.replace("\xa0", " "))) == distances
    assert all(city in said for city in ("Luxembourg", "Metz", "Sarrebruck", "Trèves"))


def test_the_cover_artwork_is_an_artifact(email: Path):
    writer = PdfWriter(clone_from=email)
    cover = writer.pages[0]
    figures = [item for item in struct_elements(writer.root_object) if item["/S"] == "/Figure"]
    assert not [item for item in figures if item["/Pg"] == cover.indirect_reference]
    marks, drawn = [], []  # the open marked-content sequences; those around each image drawn
    for operands, operator in ContentStream(cover.get_contents(), writer).operations:
        if operator in (b"BMC", b"BDC"):
            marks.append(str(operands[0]))
        elif operator == b"EMC":
            marks.pop()
        elif operator == b"Do":
            drawn.append(list(marks))
    assert drawn and all("/Artifact" in around for around in drawn)


def test_text_drawn_as_an_artifact_is_not_untagged(golden, email: Path, tmp_path: Path):
    def map_as_decoration(writer: PdfWriter) -> None:  # as a decorative picture is drawn: its labels included
        flap = writer.pages[4]
        stream = ContentStream(flap.get_contents(), writer)
        for index, (operands, operator) in enumerate(stream.operations):
            if operator == b"BDC" and operands[0] == "/Figure":
                stream.operations[index] = ([NameObject("/Artifact")], b"BMC")
        flap.replace_contents(stream)

    assert tag_findings(golden, edited(email, tmp_path / "x.pdf", map_as_decoration)) == []


def test_tags_catches_an_alt_text_that_repeats_its_heading(golden, email: Path, tmp_path: Path):
    def heading_alt(writer: PdfWriter) -> None:
        figure = next(item for item in struct_elements(writer.root_object) if item["/S"] == "/Figure")
        figure[NameObject("/Alt")] = TextStringObject("Les quatre villes de QuattroPole")

    (finding,) = tag_findings(golden, edited(email, tmp_path / "x.pdf", heading_alt))
    assert (finding.page, finding.message) == (
        5,
        "an image's alt text 'Les quatre villes de QuattroPole' only repeats a heading or caption of its page: "
        "say what the image shows",
    )


# -- words whole ----------------------------------------------------------------------------------------------


def test_a_reader_gets_the_words_at_line_ends_whole(golden, email: Path):
    """A line broken at a space ends with it, one broken by hyphenation says its word once, a span set as a
    block is a paragraph: "à l’élaboration", "europäischen", "4" then "villes", not "àl’élaboration"."""
    writer = PdfWriter(clone_from=email)
    actual = [
        str(operands[1]["/ActualText"])
        for page in writer.pages
        for operands, operator in ContentStream(page.get_contents(), writer).operations
        if operator == b"BDC" and isinstance(operands[1], DictionaryObject) and "/ActualText" in operands[1]
    ]
    assert " œuvrent à " in actual  # the line's last word, and the space the break took
    assert "grenzüber" in actual  # "grenzüber-schreitender": no hyphen, joined to the next line
    # And nothing of the content is run together: not "4villes3pays" either, each figure's label a paragraph.
    assert [f for f in tag_findings(golden, email) if "whole" in f.message] == []


def test_tags_catches_words_run_together_at_line_ends(golden, email: Path, tmp_path: Path):
    def without_actual_text(writer: PdfWriter) -> None:
        about = writer.pages[1]
        stream = ContentStream(about.get_contents(), writer)
        for operands, operator in stream.operations:
            if operator == b"BDC" and isinstance(operands[1], DictionaryObject):
                operands[1].pop("/ActualText", None)
        about.replace_contents(stream)

    (finding,) = [f for f in tag_findings(golden, edited(email, tmp_path / "x.pdf", without_actual_text))]
    assert finding.page == 2 and finding.severity is Severity.WARNING
    assert finding.message.startswith("19 words of the content a screen reader does not get whole (run into the ")
    assert "'européenne'" in finding.message


# -- an independent validator ------------------------------------------------------------------------------


def test_page_finds_the_golden_email_pdf_ua_1_compliant(email: Path):
    result = page.validate_pdf(str(email), profile="ua1")
    assert result.is_compliant, result
