"""Facing translations: the French and German fields of action start level across the fold."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import ROOT

from brochure.commands.build import document_date
from brochure.html.templating import render_html
from brochure.preflight import CheckContext, run_checks
from brochure.preflight import facing as facing_check
from brochure.preflight.artwork import drawn_boxes
from brochure.preflight.pdffacts import read_pdf
from brochure.render.pdf import render, write_pdf
from brochure.render.setting.facing import levelling_css
from brochure.sheet.layout import load_layout
from brochure.sheet.pdfmeta import paired_items, paired_panels


def facing_findings(path: Path, golden):
    context = CheckContext(layout=golden.layout, facts=read_pdf(path), content=golden.content)
    return list(run_checks(context, only=["facing"]))


def unlevelled_pdf(golden, tmp_path: Path, level: bool = False) -> Path:
    """The leaflet laid out once, as it was before facing items were set level (or, with `level`, as built)."""
    html = render_html(golden.content, golden.layout, document_date(golden.content))
    path = tmp_path / ("levelled.pdf" if level else "unlevelled.pdf")
    path.write_bytes(write_pdf(render(html, golden.content.project_dir, None, level=level)))
    return path


def test_the_layout_pairs_the_panels_that_split_a_section_by_language(golden):
    assert [(a.id, b.id) for a, b in golden.layout.facing_pairs()] == [("inside-middle", "inside-right")]
    assert load_layout("bifold-a4").facing_pairs() == ()  # both languages in one panel


def test_the_document_records_the_pairs_the_layout_makes(golden):
    recorded = paired_panels(paired_items(golden.facts.destinations))
    assert recorded == [(a.id, b.id) for a, b in golden.layout.facing_pairs()]


def test_every_heading_and_item_starts_level_across_the_fold(golden):
    destinations = golden.facts.destinations
    items = paired_items(destinations)
    french, german = items["inside-middle"], items["inside-right"]
    assert set(french) == set(german) and len(french) == 11  # the panel title, 3 group headings, 7 items
    for key in french:
        assert abs(destinations[french[key]][2] - destinations[german[key]][2]) <= 0.05, key
    assert abs(destinations["end-inside-middle"][2] - destinations["end-inside-right"][2]) <= 0.05
    assert facing_findings(golden.result.print_pdf, golden) == []


def test_columns_laid_out_once_step_across_the_fold_and_the_check_says_where(golden, tmp_path: Path):
    found = facing_findings(unlevelled_pdf(golden, tmp_path), golden)
    assert len(found) == 1
    finding = found[0]
    assert (finding.page, finding.panel) == (2, "inside-right")
    # "Kultur" (item 2 of the fifth block) follows a German item one line longer than its French twin
    assert finding.message.startswith("item 2 of block 5 starts ")
    assert "mm lower than on inside-middle across the fold, and so may the 4 items after it" in finding.message
    x0, y0, x1, y1 = finding.area
    assert (x0, x1) == (200, 297) and 3.5 < y1 - y0 < 5


def test_a_translation_much_shorter_than_its_twin_is_a_warning(golden, tmp_path: Path):
    blocks = golden.content.data["sections"]["fields_of_action"]["blocks"]
    items = [item for block in blocks if block.kind == "items" for item in block["items"]]
    saved = [dict(item["text"]) for item in items]
    for item in items:
        item["text"]["de"] = "Kurz."
    try:
        path = unlevelled_pdf(golden, tmp_path, level=True)
    finally:
        for item, text in zip(items, saved, strict=True):
            item["text"].update(text)
    # levelled: both columns end together, the German one with a gap below each of its short items
    destinations = read_pdf(path).destinations
    assert abs(destinations["end-inside-middle"][2] - destinations["end-inside-right"][2]) <= 0.05
    ends = [f for f in facing_findings(path, golden) if "shorter" in f.message]
    assert [(f.page, f.panel) for f in ends] == [(2, "inside-right")]
    assert ends[0].message.startswith("its text is ")
    assert ends[0].message.endswith(
        " mm shorter than inside-middle's, more than 30% of it: a translation much shorter than the other "
        "looks unfinished"
    )
    assert 50 < float(ends[0].message.split()[3]) < 60  # 7 items of 2 to 5 lines each, now 1 each


def test_translations_of_about_one_length_are_not_said_to_be_short(golden):
    context = CheckContext(layout=golden.layout, facts=golden.facts, content=golden.content)
    items = paired_items(golden.facts.destinations)
    (first, second), *_ = golden.layout.facing_pairs()
    heights = [facing_check._text_height(context, panel, sorted(items[panel.id].values())) for panel in (first, second)]
    assert 40 < heights[0] < 200 and abs(heights[0] - heights[1]) < 10  # the golden's French and German


def test_levelling_pads_the_shorter_item_of_each_pair():
    tops = {
        "pair-a-s1b1": 0.0,
        "pair-a-s1b2-i1": 10.0,
        "end-a": 30.0,
        "pair-b-s1b1": 0.0,
        "pair-b-s1b2-i1": 12.0,  # b's title is 2 px taller
        "end-b": 25.0,  # a's item is 7 px taller than b's (20 against 13)
    }
    assert levelling_css(tops) == (
        "#pair-a-s1b1 { padding-bottom: 2.000px; }\n#pair-b-s1b2-i1 { padding-bottom: 7.000px; }"
    )


def test_columns_that_levelling_would_push_past_their_foot_stay_as_they_are():
    tops = {"pair-a-s1b1": 0.0, "end-a": 30.0, "foot-a": 40.0, "pair-b-s1b1": 0.0, "end-b": 35.0, "foot-b": 40.0}
    assert levelling_css(tops) == "#pair-a-s1b1 { padding-bottom: 5.000px; }"
    # each side fits, but b's title and a's item, both the taller, would end 47 px down, past the foot
    taller = {**tops, "pair-a-s1b2-i1": 12.0, "pair-b-s1b2-i1": 20.0, "end-a": 39.0, "end-b": 38.0}
    assert levelling_css(taller) == ""


# The measurement kept between builds of one process (watch, a batch of events)


def project_copy(tmp_path: Path) -> Path:
    import shutil

    root = ROOT
    shutil.copy(root / "content.yaml", tmp_path / "content.yaml")
    shutil.copytree(root / "assets", tmp_path / "assets", ignore=shutil.ignore_patterns("fonts", "profiles"))
    return tmp_path / "content.yaml"


def print_bytes(content_path: Path, out: Path, session) -> bytes:
    from brochure.commands.build import build

    return build(content_path, out, ["print"], session=session).print_pdf.read_bytes()


@pytest.fixture
def measured(monkeypatch) -> list[int]:
    """One entry per measuring layout from here on."""
    import brochure.render.warm.kept

    layouts: list[int] = []

    def counted(tops):
        layouts.append(1)
        return levelling_css(tops)

    monkeypatch.setattr(brochure.render.warm.kept, "levelling_css", counted)
    return layouts


def test_a_kept_measurement_gives_the_bytes_a_fresh_one_gives(tmp_path: Path, measured: list[int]):
    from brochure.render.warm.session import Session

    session = Session()
    content_path = project_copy(tmp_path)
    text = content_path.read_text(encoding="utf-8")
    fresh = print_bytes(content_path, tmp_path / "a", session)
    assert len(measured) == 1 and session.measurements_kept() == 1

    # The cover's lead: no name of the content (a title set once is one), which facing texts could hold.
    cover = text.replace("au cœur de l'Europe", "au cœur même de l'Europe", 1)
    assert cover != text
    content_path.write_text(cover, encoding="utf-8")
    print_bytes(content_path, tmp_path / "b", session)
    assert len(measured) == 1  # the facing pages did not change: measured once for both

    content_path.write_text(text, encoding="utf-8")
    assert print_bytes(content_path, tmp_path / "c", session) == fresh
    assert len(measured) == 1


def test_a_facing_text_or_a_file_it_draws_is_measured_again(tmp_path: Path, measured: list[int]):
    import os
    import shutil

    from brochure.render.warm.session import Session

    content_path = project_copy(tmp_path)
    shutil.copytree(ROOT / "assets" / "fonts", tmp_path / "assets" / "fonts")  # fonts of its own, to swap
    session = Session()
    text = content_path.read_text(encoding="utf-8")
    print_bytes(content_path, tmp_path / "a", session)
    edited = text.replace("Kultur", "Kultur und Kunst", 1)
    assert edited != text
    content_path.write_text(edited, encoding="utf-8")
    print_bytes(content_path, tmp_path / "b", session)
    assert len(measured) == 2  # (that it gives a fresh build's bytes: test_watch's facing edit, every edition)

    # A font swapped for another of the same name, size and time: only its content tells it apart.
    # The fonts are loaded by the leaflet's stylesheet, which the session keeps too.
    (stylesheet,) = session.stylesheets.values()[-1:]
    font = next(path for path in sorted(stylesheet.drawn) if path.suffix in (".woff2", ".woff", ".ttf", ".otf"))
    assert font.is_relative_to(tmp_path)
    state = font.stat()
    data = bytearray(font.read_bytes())
    data[-1] ^= 1  # a byte of its last table: the font still loads
    font.write_bytes(bytes(data))
    os.utime(font, ns=(state.st_atime_ns, state.st_mtime_ns))
    assert (font.stat().st_size, font.stat().st_mtime_ns) == (state.st_size, state.st_mtime_ns)
    print_bytes(content_path, tmp_path / "d", session)
    assert len(measured) == 3  # its content changed: measured again


# -- one measure on both sides of the fold ---------------------------------------------------------


def test_facing_columns_share_one_measure_read_back_from_the_pdf(golden):
    page = golden.facts.pages[1]
    boxes = drawn_boxes(golden.facts)[1]
    for panel_id in ("inside-middle", "inside-right"):
        panel = golden.layout.panel(panel_id)
        margins = golden.layout.margins_of(panel)
        left, right = panel.x + margins.left, panel.right - margins.right
        # The rule under each group title (drawn with its title's box) spans the column's content box.
        rules = [
            box for box in boxes if panel.x <= box[0] < panel.right and box[2] - box[0] > 40 and box[3] - box[1] < 10
        ]
        assert len(rules) == 3, panel_id
        assert all(abs(box[0] - left) < 0.05 and abs(box[2] - right) < 0.05 for box in rules), (panel_id, rules)
        assert abs(rules[0][2] - rules[0][0] - 82) < 0.05
        # And its text keeps inside that box; its longest lines come close to the right edge.
        glyphs = [g for g in page.glyphs if panel.x <= g.cx < panel.right]
        assert min(g.x0 for g in glyphs) >= left - 0.5
        assert right - 6 < max(g.x1 for g in glyphs) <= right + 0.5


def test_facing_columns_of_two_measures_are_a_warning(golden):
    pages = tuple(
        tuple(replace(panel, margins=None) if panel.id == "inside-right" else panel for panel in page)
        for page in golden.layout.pages
    )
    layout = replace(golden.layout, pages=pages)
    context = CheckContext(layout=layout, facts=golden.facts, content=golden.content)
    found = [f for f in run_checks(context, only=["facing"]) if "wide" in f.message]
    assert [(f.page, f.panel, f.message) for f in found] == [
        (
            2,
            "inside-right",
            "its column is 79 mm wide, inside-middle's 82 mm: facing translations share one measure "
            "(give a panel its own `margins` in layout.yaml)",
        )
    ]


def test_a_spacer_in_facing_columns_takes_the_room_levelling_leaves(tmp_path: Path):
    """A facing section that pins its last block to the foot is set level all the same: the columns are
    measured without their spacers' stretch, of which the shorter column has more."""
    from brochure.commands.build import build
    from brochure.content.load import load_content

    content_path = project_copy(tmp_path)
    text = content_path.read_text(encoding="utf-8")
    # The last field of action gives way to a line at the columns' foot, where there is room for it.
    last = text[text.index("          - icon: leaf\n") : text.index("                sanften Mobilität\n") + 34]
    foot = "    - spacer\n    - text: {style: small, text: {fr: Voir aussi le site, de: Siehe auch die Website}}\n"
    content_path.write_text(text.replace(last, foot), encoding="utf-8")
    pdf = build(content_path, tmp_path / "out", ["print"]).print_pdf
    content = load_content(content_path)
    context = CheckContext(layout=content.layout, facts=read_pdf(pdf), content=content)
    assert list(run_checks(context, only=["facing"])) == []
