"""The city-service example: a one-language leaflet on the roll fold that builds clean, shows the
blocks it is there to show, credits its photos, and fills every panel."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import Golden

from brochure import load_content
from brochure.content.load import Content
from brochure.preflight.pdffacts import Glyph, read_pdf
from brochure.sheet.layout import Panel

EXAMPLE = Path(__file__).resolve().parents[2] / "brochure" / "examples" / "city-service"
MM = 1.0


pytestmark = pytest.mark.xdist_group("examples")  # with test_examples, which builds it too


@pytest.fixture(scope="module")
def built(example_build) -> Golden:
    """The example built once, every edition, as the golden project is."""
    shared = example_build("city-service")
    content = load_content(shared.project / "content.yaml")
    return Golden(shared.result, read_pdf(shared.result.print_pdf), content, content.layout)


def blocks(content: Content) -> list:
    return [block for section in content.data["sections"].values() for block in section["blocks"]]


def glyphs_in(built: Golden, panel: Panel) -> list[Glyph]:
    return [g for g in built.facts.pages[panel.page].glyphs if panel.x <= g.cx < panel.right and g.char.strip()]


def panel(built: Golden, panel_id: str) -> Panel:
    return next(panel for panel in built.layout.panels if panel.id == panel_id)


def test_every_edition_builds_with_no_error_no_warning_and_nothing_fitted(built):
    assert [result.edition for result in built.result.editions] == ["print", "email", "previews", "mailing"]
    assert all(result.written for result in built.result.editions)
    assert built.result.totals() == "0 errors, 0 warnings"
    assert not [note for result in built.result.editions for note in result.notes]


def test_one_language_on_the_roll_fold(built):
    assert built.content.languages == ["en"]
    assert built.layout.name == "trifold-roll"


def test_it_shows_the_blocks_a_city_service_needs(built):
    shown = blocks(built.content)
    kinds = {block.kind for block in shown}
    assert {"items", "list", "figures", "photo", "action", "contact", "quote", "divider", "links"} <= kinds
    assert any(block.kind == "list" and block["style"] == "numbers" for block in shown)
    assert any(block.kind == "items" and all(item["icon"] for item in block["items"]) for block in shown)
    assert any(block.kind == "action" and block["qr"] is not False for block in shown)


def test_each_photo_prints_its_authors_name_and_licence(built):
    credits = (EXAMPLE / "assets" / "photos" / "CREDITS.md").read_text(encoding="utf-8")
    entries = dict(re.findall(r"^## (\S+)\n(.*?)(?=^## |\Z)", credits, re.M | re.S))
    photos = [block for block in blocks(built.content) if block.kind == "photo"]
    assert sorted(Path(block["file"]).name for block in photos) == sorted(entries)
    for block in photos:
        entry = entries[Path(block["file"]).name]
        author = re.search(r"^- Author: (.+?), \d{4}$", entry, re.M)[1].strip('"')
        licence = re.search(r"\((CC-[A-Z-]+)-(\d\.\d)\)", entry)  # CC-BY-SA-4.0 is printed CC BY-SA 4.0
        printed = f"{licence[1].replace('CC-', 'CC ', 1)} {licence[2]}"
        assert author in block["credit"] and printed in block["credit"], block["credit"]


def test_the_cover_photos_credit_is_printed_under_the_photo_not_behind_it(built):
    cover = panel(built, "cover")
    words = "".join(g.char for g in glyphs_in(built, cover))
    assert "Photo:" in words
    glyphs = glyphs_in(built, cover)
    first = glyphs[words.index("Photo:")]
    credit = [g for g in glyphs if abs(g.y0 - first.y0) < 0.5]  # its line
    photo_foot = built.layout.sheet_height * 0.5238  # where a bleeding photo ends (leaflet.css.j2)
    title_top = min(g.y0 for g in glyphs_in(built, cover) if g.size > 20)
    assert credit and all(photo_foot < g.y0 and g.y1 < title_top for g in credit)


def test_every_panel_is_filled_from_its_top_to_near_its_foot(built):
    layout = built.layout
    height = layout.content_bottom - layout.margins.top
    for each in layout.panels:
        glyphs = glyphs_in(built, each)
        top = layout.margins.top if each.role == "cover" else min(g.y0 for g in glyphs)  # the cover's photo
        assert max(g.y1 for g in glyphs) - top > 0.75 * height, each.id


def test_figures_pushed_to_the_foot_sit_on_it(built):
    # WeasyPrint once gave a wrapping row of figures a taller minimum height than it drew, and left
    # a gap under the figures of a panel with a spacer.
    bottom = built.layout.content_bottom
    assert bottom - 1.5 < max(g.y1 for g in glyphs_in(built, panel(built, "inside-left"))) <= bottom + MM


def test_numbered_steps_start_at_the_panels_left_edge(built):
    right = panel(built, "inside-right")
    left_edge = right.x + built.layout.margins_of(right).left
    numbers = [g for g in glyphs_in(built, right) if g.char in "1234" and g.x0 < left_edge + 3]
    assert len(numbers) == 4
    assert all(abs(g.x0 - left_edge) < 0.5 for g in numbers)
