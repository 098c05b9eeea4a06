"""The QuattroPole leaflet, built from content.yaml and read back from the PDF."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess

import pytest
from conftest import needs_tool
from projects import override_layout

from brochure.commands.build import build
from brochure.preflight.placement import normalize, panel_texts
from brochure.text.typography import NNBSP

MM = 0.1  # tolerance for box comparisons


def test_two_pages(golden):
    assert golden.result.pages == 2
    assert len(golden.facts.pages) == 2
    assert golden.result.print_pdf.name == "quattropole-print.pdf"


@pytest.mark.parametrize("page", [0, 1])
def test_trim_and_bleed_boxes(golden, page):
    boxes = golden.facts.pages[page].boxes
    assert boxes["trim"] == pytest.approx((0, 0, 297, 210), abs=MM)
    assert boxes["bleed"] == pytest.approx((-3, -3, 300, 213), abs=MM)
    media = boxes["media"]
    assert media[0] <= -3 + MM and media[1] <= -3 + MM and media[2] >= 300 - MM and media[3] >= 213 - MM


def test_every_content_text_is_in_its_panel(golden):
    expected = panel_texts(golden.content, golden.layout)
    assert sum(len(texts) for texts in expected.values()) > 60
    for panel in golden.layout.panels:
        printed = normalize(golden.facts.text_in(panel.page + 1, panel.x, panel.right))
        for text in expected[panel.id]:
            assert normalize(text.text) in printed, f"{text.field} not in panel {panel.id}"


def test_a_text_is_not_found_in_the_wrong_panel(golden):
    # The panel test above means something only if panels are told apart.
    cover = golden.layout.panel("cover")
    printed = normalize(golden.facts.text_in(cover.page + 1, cover.x, cover.right))
    assert "Handlungsfelder" not in printed
    assert "QUATTROPOLE" in printed


def test_fields_of_action_are_split_by_language(golden):
    middle, right = golden.layout.panel("inside-middle"), golden.layout.panel("inside-right")
    french = normalize(golden.facts.text_in(2, middle.x, middle.right))
    german = normalize(golden.facts.text_in(2, right.x, right.right))
    assert "Champs d’action" in french and "Handlungsfelder" not in french
    assert "Handlungsfelder" in german and "Champs d’action" not in german


def test_fonts_are_embedded_and_declared_by_the_layout(golden):
    families = {font.family.replace(" ", "-") for font in golden.layout.fonts}
    for page in golden.facts.pages:
        assert page.fonts
        for font in page.fonts:
            assert font.embedded, font
            assert font.subtype != "Type3", font
            assert font.name.split("-")[0] in families, font


def test_no_text_in_the_safe_zone(golden):
    margin = golden.layout.safe_margin
    for page in golden.facts.pages:
        folds = golden.layout.folds(page.number - 1)
        for glyph in page.glyphs:
            assert margin <= glyph.x0 and glyph.x1 <= 297 - margin, glyph
            assert margin <= glyph.y0 and glyph.y1 <= 210 - margin, glyph
            for fold in folds:
                assert glyph.x1 <= fold - margin or glyph.x0 >= fold + margin, (glyph, fold)


def test_metadata(golden):
    meta = golden.facts.metadata
    assert meta["Title"].startswith("QuattroPole")
    assert meta["Author"] == "QuattroPole e.V."
    assert meta["CreationDate"].startswith("D:20261101")
    assert meta["brochurelayout"] == "trifold-roll"
    assert golden.facts.lang == "fr"


def test_french_typography(golden):
    text = golden.facts.text_in(2, 0, 100)
    assert f"QuattroPole{NNBSP}?" in text
    assert f"500{NNBSP}000" in golden.facts.text_in(1, 0, 97)  # the key figures, on the flap


@needs_tool("pdftotext")
def test_micro_typography_as_poppler_reads_the_print_pdf(golden):
    # An independent reader: poppler's text of each line, not brochure's own glyph facts.
    text = subprocess.run(
        ["pdftotext", "-layout", str(golden.result.print_pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "'" not in text  # typographic apostrophes only
    assert not re.search(r"\s-\s", text)  # a spaced hyphen-minus became an en dash
    assert "QuattroPole e.V.\u00a0– MAISON" in text or "QuattroPole e.V. – MAISON" in text  # typed " - "
    assert "LUXEMBOURG-METZ-SAARBRÜCKEN-TRIER" in text  # a hyphen in a list of names stays
    for broken in ("Transportinfras‐", "Zusammenar‐", "Großre‐", "Stadtver‐", "Luxem‐", "Quat‐"):
        assert broken not in text, broken
    raw = subprocess.run(
        ["pdftotext", "-raw", str(golden.result.print_pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    lines = [line.strip() for line in raw.splitlines()]
    assert "européen." not in lines  # the last word of a paragraph is never alone on its line
    assert "Région" not in lines and "Grande Région." not in lines


# A rebuild gives the same bytes: test_every_edition_rebuilds_byte_identical (test_editions), every edition.


def test_a_copy_in_another_folder_builds_the_same_bytes(golden, project, tmp_path_factory):
    # The HTML names files by folder-independent URLs: nothing of the folder reaches the PDF. The golden
    # leaflet is built in brochure's own tree, where assets/ is brochure's (its fonts too); the copy has
    # its own copy of the layout and the templates too, whose folder does not reach the PDF either.
    other = tmp_path_factory.mktemp("elsewhere") / "a deeper folder" / "leaflet"
    shutil.copytree(project, other)
    override_layout(other)
    built = build(other / "content.yaml", other / "out", ["print"]).print_pdf.read_bytes()
    assert built == golden.result.print_pdf.read_bytes()


def test_a_raster_image_gives_the_same_bytes_from_any_folder(project, tmp_path_factory):
    # WeasyPrint names a raster image in the PDF after its URL.
    from PIL import Image

    Image.new("RGB", (1000, 750), (240, 236, 228)).save(project / "assets" / "map.png")
    content = project / "content.yaml"
    text = content.read_text(encoding="utf-8")
    assert "map-quattropole.svg" in text
    content.write_text(text.replace("map-quattropole.svg", "map.png"), "utf-8")
    other = tmp_path_factory.mktemp("elsewhere") / "leaflet"
    shutil.copytree(project, other)
    first = build(project / "content.yaml", project / "out", ["print"]).print_pdf.read_bytes()
    assert first == build(other / "content.yaml", other / "out", ["print"]).print_pdf.read_bytes()


def test_fonttools_subsetting_is_stamped_with_the_documents_date(monkeypatch):
    # Without libharfbuzz-subset, fontTools subsets the fonts and writes the current time into
    # each one, unless SOURCE_DATE_EPOCH says otherwise: the render sets it from the document's date.
    from fontTools.misc.timeTools import timestampNow, timestampSinceEpoch

    from brochure.render.warm.session import Session

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    date = dt.date(2026, 11, 1)
    with Session.source_date(date):
        stamped = timestampNow()
    epoch = int(dt.datetime.combine(date, dt.time(), dt.timezone.utc).timestamp())
    assert stamped == timestampSinceEpoch(epoch)
    assert "SOURCE_DATE_EPOCH" not in os.environ  # and put back as it was


def test_pushed_sections_sit_at_the_foot_of_their_panel(golden):
    # What follows a spacer (the cover's web address, the back's imprint) is pinned to the foot of the content box, not
    # left under the text above it.
    bottom = golden.layout.content_bottom
    sections = golden.content.data["sections"]
    pushed = [
        panel
        for panel in golden.layout.panels
        if any(each.kind == "spacer" for section in panel.sections for each in sections[section]["blocks"])
    ]
    assert [panel.id for panel in pushed] == ["back", "cover", "inside-left"]
    for panel in pushed:
        glyphs = [g for g in golden.facts.pages[panel.page].glyphs if panel.x <= g.cx < panel.right]
        assert bottom - 1.5 < max(g.y1 for g in glyphs) <= bottom + MM, panel.id


def test_a_section_stacked_by_language_shares_its_room_between_its_spacers_and_its_languages(golden):
    # inside-left: French, then German under a rule, each a lead, a spacer and a list. The German list ends at the
    # foot (above); the room is shared out equally: under each lead, and between the French list and the rule.
    marks = golden.facts.destinations
    top = {name: y for name, (_, _, y) in marks.items() if name.startswith(("block-inside-left", "gap-inside-left"))}
    spacer, after = "block-inside-left-s1b3", "block-inside-left-s1b4"
    stretch = {lang: top[f"{after}-{lang}"] - top[f"{spacer}-{lang}"] for lang in ("fr", "de")}
    gap = top["gap-inside-left-s1-fr-end"] - top["gap-inside-left-s1-fr"]
    assert gap > 5  # the gap between the languages stretches, ...
    assert stretch["fr"] == pytest.approx(stretch["de"], abs=0.05)  # ... as each language's spacer does
    assert 0 < stretch["fr"] - gap < 4  # a spacer's extent holds the list's margin above it too
    assert top["gap-inside-left-s1-fr"] > top["block-inside-left-s1b4-fr"] and "gap-inside-left-s1-de" not in top
