"""Every page check, each fed a real defect and seen to fail; the golden leaflet passes."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from projects import block, blocks, edit_content, override_layout
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, RectangleObject

from brochure import CheckFailed, ExitStatus, load_content, load_layout
from brochure.commands.build import build
from brochure.commands.cli import main
from brochure.files.resources import LAYOUTS_DIR
from brochure.preflight import REGISTRY, CheckContext, Severity, check_pdf, run_checks
from brochure.preflight.pdffacts import read_pdf
from brochure.schema.values import FirstLanguageText

PT = 72 / 25.4


def errors(report, check_id):
    return [f for f in report.findings if f.check == check_id and f.severity is Severity.ERROR]


def failed_build(project: Path) -> CheckFailed:
    with pytest.raises(CheckFailed) as caught:
        build(project / "content.yaml", project / "out", ["print"])
    return caught.value


def test_every_check_is_registered():
    assert sorted(REGISTRY) == sorted(
        [
            "page-count",
            "geometry",
            "safe-zone",
            "panel-order",
            "overflow",
            "translations",
            "fonts",
            "subset-names",
            "glyphs",
            "text-size",
            "hyphenation",
            "image-resolution",
            "metadata",
            "overlap",
            "file-size",
            "screen-images",
            "reading-order",
            "tags",
            "contrast",
            "links",
            "pdfx",
            "colour",
            "colour-spaces",
            "blending",
            "tints",
            "overprint",
            "qr-ink",
            "ink",
            "annotations",
            "fine-print",
            "reversed-text",
            "facing",
            "graphics-zone",
            "headings",
        ]
    )


def test_the_golden_leaflet_passes_every_check(golden):
    report = check_pdf(golden.result.print_pdf, content=golden.content)
    assert report.findings == ()
    assert golden.result.report.ok


# -- overflow, and what a failed build leaves behind --------------------------


def test_overflowing_panel_is_rejected_and_the_last_good_pdf_stays(project: Path, golden, capsys):
    outdir = golden.copy_outputs(project / "out", ["print"])
    good = (outdir / "quattropole-print.pdf").read_bytes()

    def lengthen(data):
        field = block(data, "fields_of_action", 6)["items"][0]["text"]
        field["fr"] = " ".join([field["fr"]] * 4)

    edit_content(project, lengthen)
    status = main(["build", str(project / "content.yaml"), "-o", str(outdir), "--only", "print"])
    err = capsys.readouterr().err
    assert status == ExitStatus.CHECK_FAILED
    assert (outdir / "quattropole-print.pdf").read_bytes() == good
    assert (outdir / "quattropole-print.rejected.pdf").read_bytes().startswith(b"%PDF")
    assert "page 2\n  inside-middle: text overflows by " in err
    assert "[overflow, error]" in err
    assert "inside-right: text overflows" not in err  # the German panel still fits, left unlevelled
    assert f"this render is kept as {outdir / 'quattropole-print.rejected.pdf'}" in err
    assert not list(outdir.glob(".*.tmp"))


def test_overflow_reports_millimetres_and_lines(project: Path):
    def lengthen(data):
        text = block(data, "about", 1)["text"]
        text["de"] = " ".join([text["de"]] * 5)

    edit_content(project, lengthen)
    failure = failed_build(project)
    (finding,) = errors(failure.report, "overflow")
    assert (finding.page, finding.panel) == (2, "inside-left")
    assert finding.message.startswith("text overflows by ")
    millimetres = float(finding.message.split("by ")[1].split(" mm")[0])
    lines = int(finding.message.split("(")[1].split(" line")[0])
    assert millimetres > 5 and lines >= 2
    # The text that was made long, not the short list item under it that ends the panel, found in the file
    # under the section's `blocks`.
    field = "sections.about.blocks[1].text.text.de"
    located = re.search(rf"; content\.yaml:(\d+):(\d+): {re.escape(field)}: cut about \d+ of its", finding.message)
    assert located, finding.message
    line = (project / "content.yaml").read_text(encoding="utf-8").splitlines()[int(located[1]) - 1]
    assert line[int(located[2]) - 1 :].startswith("Mitten im Herzen der Europäischen Union"), line


def test_a_good_build_passes_and_removes_a_stale_rejected_pdf(project: Path):
    # One good build for what must not be taken for a defect, each in a text of its own: an image of just under
    # 300 ppi, which rounds to 300; a hard hyphen at a line end; soft hyphens; an address broken after a slash;
    # a few more words that still fit.
    raster_map(project, 933)  # 299.97 ppi at 79 mm
    hard = "Approfondir la coopération entre les villes et la Sarre-Lorraine-Luxembourg"
    soft = "Appro\u00adfondir la coopé\u00adration"
    url = "https://www.trier.de/leben-in-trier/kultur-und-freizeit/veranstaltungen/partnerstaedte"

    def harmless(data):
        block(data, "about", "list")["items"][0].update(fr=hard)
        block(data, "about", "list")["items"][1].update(fr=soft)
        block(data, "cities", 2)["items"][3].update(url=url)
        blocks(data, "cities").pop(3)  # the key figures under the members: room for the address's second line
        text = block(data, "fields_of_action", 2)["items"][0]["text"]
        assert text["fr"].endswith("la dynamique transfrontalière")
        text["fr"] = text["fr"].replace("transfrontalière", "transfrontalière et l'innovation")

    edit_content(project, harmless)
    (project / "out").mkdir()
    stale = project / "out" / "quattropole-print.rejected.pdf"
    stale.write_bytes(b"%PDF-old")
    assert build(project / "content.yaml", project / "out", ["print"]).report.findings == ()
    assert not stale.exists()


# -- geometry and pages, on edited copies of the good PDF ----------------------


def edited_pdf(source: Path, target: Path, edit) -> Path:
    writer = PdfWriter(clone_from=source)
    edit(writer)
    writer.write(target)
    return target


def test_wrong_trimbox(golden, tmp_path):
    def shrink(writer):
        page = writer.pages[0]
        page.trimbox = RectangleObject([0, 0, 290 * PT, 200 * PT])

    report = check_pdf(edited_pdf(golden.result.print_pdf, tmp_path / "x.pdf", shrink))
    (finding,) = errors(report, "geometry")
    assert finding.page == 1
    assert finding.message == "TrimBox is 290.0 × 200.0 mm; the layout's sheet is 297 × 210 mm"


def test_missing_bleed(golden, tmp_path):
    def no_bleed(writer):
        for page in writer.pages:
            page.bleedbox = page.trimbox
            page.mediabox = page.trimbox

    report = check_pdf(edited_pdf(golden.result.print_pdf, tmp_path / "x.pdf", no_bleed))
    findings = errors(report, "geometry")
    assert [f.page for f in findings] == [1, 2]
    assert "bleed is 0.0 / 0.0 / 0.0 / 0.0 mm" in findings[0].message


def test_swapped_pages(golden, tmp_path):
    def swap(writer):
        kids = writer.root_object["/Pages"]["/Kids"]
        kids[0], kids[1] = kids[1], kids[0]

    pdf = edited_pdf(golden.result.print_pdf, tmp_path / "x.pdf", swap)
    assert "Handlungsfelder" in PdfReader(pdf).pages[0].extract_text()  # the inside now comes first
    report = check_pdf(pdf)  # no content at hand: the PDF alone tells
    findings = errors(report, "panel-order")
    assert {f.panel for f in findings} == {p.id for p in golden.layout.panels}
    assert "flap: panel is on page 2 at 0.0 mm; the layout places it on page 1 at 0–97 mm" in "\n".join(
        f"{f.panel}: {f.message}" for f in findings
    )


def test_swapped_panels(project: Path):
    override_layout(
        project,
        yaml_from="      - {id: flap, role: flap, width: 97}\n"
        "      - {id: back, role: back, width: 100}\n"
        "      - {id: cover, role: cover, width: 100}\n",
        yaml_to="      - {id: cover, role: cover, width: 100}\n"
        "      - {id: back, role: back, width: 100}\n"
        "      - {id: flap, role: flap, width: 97}\n",
    )
    build(project / "content.yaml", project / "out", ["print"])  # consistent with its own layout
    report = check_pdf(project / "out" / "quattropole-print.pdf")  # checked against the built-in one
    # back moved too: it now starts at 100 mm, not 97
    assert {f.panel for f in errors(report, "panel-order")} == {"flap", "back", "cover", None}
    other = "the PDF was laid out for other panels than the print edition of layout 'trifold-roll'"
    assert other in {f.message for f in report.findings}


def test_extra_page(golden, tmp_path):
    report = check_pdf(edited_pdf(golden.result.print_pdf, tmp_path / "x.pdf", lambda w: w.add_blank_page()))
    assert [f.message for f in errors(report, "page-count")] == ["3 pages; the layout has 2 sheet sides"]


def test_missing_metadata(golden, tmp_path):
    def strip(writer):
        writer.metadata = None
        del writer.root_object["/Lang"]

    report = check_pdf(edited_pdf(golden.result.print_pdf, tmp_path / "x.pdf", strip))
    assert [f.message for f in errors(report, "metadata")] == [
        "the PDF has no title",
        "the PDF has no author",
        "the PDF has no language (/Lang)",
    ]


# -- fonts and glyphs ---------------------------------------------------------


def standard14_pdf(path: Path) -> Path:
    """A one-page PDF of the layout's size whose text is in non-embedded Helvetica."""
    writer = PdfWriter()
    page = writer.add_blank_page(297 * PT, 210 * PT)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 100 300 Td (Hello) Tj ET")
    page[NameObject("/Contents")] = writer._add_object(stream)
    writer.write(path)
    return path


def test_unembedded_standard14_font(tmp_path):
    report = check_pdf(standard14_pdf(tmp_path / "helvetica.pdf"))
    assert [f.message for f in errors(report, "fonts")] == [
        "5 glyphs ('Helo') in Helvetica, which is not a font of the layout (a system fallback for a missing glyph?)",
        "Helvetica is not embedded",
    ]


def test_character_no_font_covers(project: Path):
    edit_content(project, lambda d: block(d, "about", "list")["items"][1].update(de="Städte 漢字 verbinden"))
    failure = failed_build(project)
    (finding,) = errors(failure.report, "glyphs")
    assert finding.message == (
        "sections.about.blocks[3].list.items[1].de: no font of the layout has "
        "'字' (U+5B57 CJK UNIFIED IDEOGRAPH-5B57), '漢' (U+6F22 CJK UNIFIED IDEOGRAPH-6F22)"
    )
    assert finding.panel == "inside-left"
    # caught before rendering: nothing was rendered, so nothing was rejected
    assert failure.rejected is None
    assert not (project / "out" / "quattropole-print.rejected.pdf").exists()


def test_fallback_font_is_named_with_its_glyphs_and_panel(golden, project: Path):
    # The glyph check stops such content before rendering; render it anyway, as a
    # layout with a font that lacks the glyph would, and check the PDF.
    from brochure.html.templating import render_html
    from brochure.render.pdf import render, write_pdf

    edit_content(project, lambda d: block(d, "contact", 0)["text"].update(fr="Contact 😀"))
    content = load_content(project / "content.yaml")
    pdf = project / "fallback.pdf"
    pdf.write_bytes(write_pdf(render(render_html(content, golden.layout, None), project, None)))
    findings = errors(check_pdf(pdf), "fonts")
    assert len(findings) == 1
    assert (findings[0].page, findings[0].panel) == (1, "back")
    assert findings[0].message.startswith("1 glyph ('😀') in ")
    assert findings[0].message.endswith(", which is not a font of the layout (a system fallback for a missing glyph?)")


# -- safe zone, text size, images ---------------------------------------------


def test_text_in_the_safe_zone(project: Path):
    override_layout(project, css_from="  left: {{ m.left }}mm;", css_to="  left: 2mm;")
    failure = failed_build(project)
    # The build says it once, as text past the left edge of the content box; the safe-zone check finds it too.
    assert {f.check for f in failure.report.findings} == {"overflow"}
    context = CheckContext(layout=load_layout("trifold-roll", project), facts=read_pdf(failure.rejected))
    findings = [f for f in run_checks(context, only=["safe-zone"]) if f.severity is Severity.ERROR]
    messages = {(f.page, f.panel): f.message for f in findings}
    assert "within 4 mm of the left trim (closest 2." in messages[(1, "flap")]
    assert "within 4 mm of the fold at 97 mm" in messages[(1, "back")]


def raster_map(project: Path, width_px: int) -> None:
    Image.new("RGB", (width_px, width_px * 3 // 4), (240, 236, 228)).save(project / "assets" / "map.png")
    edit_content(project, lambda d: block(d, "cities", 1).update(file="assets/map.png"))


def test_low_resolution_images_are_errors_and_small_text_too(project: Path):
    # Three defects on three panels of the first page, caught in one build: a map of too few pixels (flap), a
    # small photo stretched over the cover art frame (cover), the contact text set in 5 pt type (back).
    raster_map(project, 200)  # drawn 79 mm wide: 64 ppi
    # The cover art frame (the panel and its bleed, 113 mm high) shows the photo `object-fit: cover`:
    # scaled to fill it, wider than the frame and clipped. 320 px over 113 mm is 72 ppi.
    Image.new("RGB", (400, 320), (200, 60, 90)).save(project / "assets" / "cover.png")

    def small_and_stretched(data):
        block(data, "cover", "picture").update(file="assets/cover.png")
        block(data, "contact", "text")["style"] = "small"
        data["theme"] = {"scale": {"small": 5}}

    edit_content(project, small_and_stretched)
    failure = failed_build(project)
    low, stretched = sorted(errors(failure.report, "image-resolution"), key=lambda f: f.panel != "flap")
    assert (low.page, low.panel) == (1, "flap")
    assert low.message.startswith("image 1: 200 × 150 px drawn at 79.0 × 59.")
    assert low.message.endswith(" mm is 64 ppi; print needs 300")
    # measured as drawn, not as framed
    assert (stretched.page, stretched.panel) == (1, "cover")
    # the page's second raster image, after the map
    assert stretched.message == "image 2: 400 × 320 px drawn at 141.2 × 113.0 mm is 72 ppi; print needs 300"
    (small,) = errors(failure.report, "text-size")
    assert small.panel == "back"
    assert small.message.endswith("below 6 pt (smallest 5.0 pt)")


def test_medium_resolution_image_is_a_warning(project: Path):
    raster_map(project, 700)  # 225 ppi
    result = build(project / "content.yaml", project / "out", ["print"])
    (finding,) = [f for f in result.report.findings if f.check == "image-resolution"]
    assert finding.severity is Severity.WARNING
    assert "is 225 ppi" in finding.message


def test_text_printed_over_other_text(project: Path):
    # A layout that pins the contact card to the panel's top, over the contact text.
    card = ".block--logo + .block--contact { margin-top: 3.5mm; }"
    override_layout(project, css_from=card, css_to=card.replace("}", "position: absolute; top: 30mm; }"))
    failure = failed_build(project)
    findings = errors(failure.report, "overlap")
    assert [(f.page, f.panel) for f in findings] == [(1, "back")]
    assert findings[0].message.endswith("glyphs printed over other text")


PANEL_OVERFLOWS = {
    "cover": lambda d: (claim := block(d, "cover", "text")["text"]).update(fr=" ".join([claim["fr"]] * 6)),
    "back": lambda d: block(d, "contact", 1)["text"].update(fr=" ".join([block(d, "contact", 1)["text"]["fr"]] * 6)),
    "flap": lambda d: block(d, "cities", 2)["items"].extend(block(d, "cities", 2)["items"] * 2),
}


def test_overflow_of_any_panel_is_caught_where_it_happens(project: Path):
    # Each panel of the first page made to overflow, in one build: each is found on its own panel.
    edit_content(project, lambda data: [lengthen(data) for lengthen in PANEL_OVERFLOWS.values()])
    failure = failed_build(project)
    findings = {f.panel: f for f in errors(failure.report, "overflow")}
    assert sorted(findings) == sorted(PANEL_OVERFLOWS)
    # The flap's links, three times as many, are a block past the foot: fewer items, not text to cut.
    for panel, finding in findings.items():
        assert finding.message.startswith("content overflows by " if panel == "flap" else "text overflows by ")


def test_rotated_page(golden, tmp_path):
    report = check_pdf(edited_pdf(golden.result.print_pdf, tmp_path / "x.pdf", lambda w: w.pages[1].rotate(90)))
    assert [f.message for f in errors(report, "geometry")] == ["the page is rotated by 90°"]


def test_pages_swapped_by_a_tool_that_drops_markers(golden, tmp_path):
    reader = PdfReader(golden.result.print_pdf)
    writer = PdfWriter()
    writer.add_page(reader.pages[1])
    writer.add_page(reader.pages[0])
    pdf = tmp_path / "x.pdf"
    writer.write(pdf)
    alone = check_pdf(pdf, load_layout("trifold-roll"))
    assert [f.severity for f in alone.findings if f.check == "panel-order"] == [Severity.WARNING]
    with_content = check_pdf(pdf, load_layout("trifold-roll"), golden.content)
    assert {f.panel for f in errors(with_content, "panel-order")} == {p.id for p in golden.layout.panels}


def test_recorded_panels_of_another_geometry(golden, tmp_path):
    def other(writer):
        writer.add_metadata({"/brochurepanels": '{"flap": [1, 0, 99]}'})

    report = check_pdf(edited_pdf(golden.result.print_pdf, tmp_path / "x.pdf", other))
    assert [f.message for f in errors(report, "panel-order")] == [
        "the PDF was laid out for other panels than the print edition of layout 'trifold-roll'"
    ]


# -- translations -------------------------------------------------------------


def test_a_text_printed_in_another_panel_than_the_layouts(golden):
    # A layout that moves the contact to the flap, against a PDF that prints it on the back.
    flap, back, cover = golden.layout.pages[0]
    moved = (replace(flap, sections=(*flap.sections, "contact")), replace(back, sections=()), cover)
    layout = replace(golden.layout, pages=(moved, golden.layout.pages[1]))
    context = CheckContext(layout=layout, facts=golden.facts, content=load_content(golden.content.path))
    found = [(f.panel, f.message) for f in run_checks(context, only=["panel-order"])]
    fields = [
        "sections.contact[0].heading.text.fr",
        "sections.contact[0].heading.text.de",
        "sections.contact[1].text.text.fr",
        "sections.contact[1].text.text.de",
        "sections.contact[4].contact.address[0]",
        "sections.contact[4].contact.address[1]",
        "sections.contact[4].contact.address[2]",
        "sections.contact[4].contact.phone",
        "sections.contact[4].contact.email",
    ]
    imprint = ["sections.contact[6].text.text.fr", "sections.contact[6].text.text.de"]
    assert found == [
        *[("flap", f"{field} belongs in flap but is printed in back") for field in fields],
        # the web address is the cover's too
        ("flap", "sections.contact[4].contact.web belongs in flap but is printed in back, cover"),
        *[("flap", f"{field} belongs in flap but is printed in back") for field in imprint],
    ]


def test_a_text_the_pdf_does_not_show_is_missing(golden):
    content = load_content(golden.content.path)
    content.data["sections"]["contact"]["blocks"][1]["text"] = FirstLanguageText("Nobody at all works here")
    context = CheckContext(layout=golden.layout, facts=golden.facts, content=content)
    found = [(f.panel, f.message) for f in run_checks(context, only=["overflow"])]
    assert found == [("back", "sections.contact[1].text.text is missing from the PDF: 'Nobody at all works here'")]


def test_a_language_missing_from_its_panel(golden, tmp_path):
    # Content whose German fields of action the PDF does not show: the German panel has none of them.
    content = load_content(golden.content.path)
    french_only = content.data["sections"]["fields_of_action"]["blocks"]
    context = CheckContext(layout=golden.layout, facts=golden.facts, content=content)
    items = [item for each in french_only if each.kind == "items" for item in each["items"]]
    for item in items:
        item["text"]["de"] += " (neu)"
    findings = list(run_checks(context, only=["translations"]))
    assert findings == []  # titles still match, so the language is present; now remove them all
    for item in items:
        item["title"]["de"] += " (neu)"
    for heading in (each for each in french_only if each.kind == "heading"):
        heading["text"]["de"] += " (neu)"
    context.cache.clear()
    findings = list(run_checks(context, only=["translations"]))
    assert [(f.panel, f.message) for f in findings] == [("inside-right", "no 'de' text where the layout places it")]


# -- the command ---------------------------------------------------------------


def test_check_command_json(golden, capsys):
    assert main(["check", str(golden.result.print_pdf), "--json"]) == ExitStatus.OK
    assert json.loads(capsys.readouterr().out) == {"ok": True, "findings": []}


def test_check_command_reports_and_exits_1(tmp_path, capsys):
    status = main(["check", str(standard14_pdf(tmp_path / "h.pdf")), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert status == ExitStatus.CHECK_FAILED
    assert data["ok"] is False
    assert {"check": "fonts", "severity": "error", "page": 1, "panel": None, "area": None} | {
        "message": "Helvetica is not embedded"
    } in data["findings"]
    assert set(data["findings"][0]) == {"check", "severity", "page", "panel", "message", "area"}


def test_check_command_human_report(golden, tmp_path, capsys):
    pdf = edited_pdf(golden.result.print_pdf, tmp_path / "x.pdf", lambda w: w.add_blank_page())
    assert main(["check", str(pdf), "--content", str(golden.content.path)]) == ExitStatus.CHECK_FAILED
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{pdf}: 3 errors, 0 warnings"
    assert out[1:] == [
        "page 3",
        "  no TrimBox and no BleedBox on the page [pdfx, error]",
        "  TrimBox is 303.0 × 216.0 mm; the layout's sheet is 297 × 210 mm [geometry, error]",
        "document",
        "  3 pages; the layout has 2 sheet sides [page-count, error]",
    ]


def test_check_command_on_a_file_that_is_no_pdf(tmp_path, capsys):
    bad = tmp_path / "bad.pdf"
    bad.write_text("hello")
    assert main(["check", str(bad)]) == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err.startswith(f"{bad}: not a PDF brochure can read")


# -- ordinary edits that still fit must pass -----------------------------------


def test_a_long_action_address_breaks_beside_its_qr_code(project: Path):
    # Wider than the words beside the code leave, narrower than the column without the code's gap:
    # where WeasyPrint set the words at their widest, past the column's edge.
    url = "https://www.quattropole.org/opening"
    action = {"action": {"url": url, "label": {"fr": "Inscription", "de": "Anmeldung"}}}
    edit_content(project, lambda d: blocks(d, "cities").__setitem__(2, action))  # in place of the members
    result = build(project / "content.yaml", project / "out", ["print"])
    assert result.report.findings == ()
    text = read_pdf(result.print_pdf).text_in(1, 0, 97)
    assert "opening" in text and "Inscription" in text


def test_text_running_past_the_side_of_its_column(project: Path):
    word = "Kommunalsozialpolitikzusammenarbeitsvereinbarungen"
    edit_content(project, lambda d: block(d, "fields_of_action", 6)["items"][1]["title"].update(de=word))
    failure = failed_build(project)
    (finding,) = errors(failure.report, "overflow")
    assert finding.panel == "inside-right"
    assert finding.message.startswith("text runs ")
    assert " mm past the right edge of the panel's content box; content.yaml:" in finding.message
    assert finding.message.endswith(
        f": sections.fields_of_action[6].items.items[1].title.de: {word!r} cannot break: a shorter word, "
        "or a hyphenation point for it in typography.hyphenation"
    )


# hyphenation: ladders of hyphenated lines

LADDER = {  # long German compounds at the end of a field: each line ends in a hyphen
    "Elektromobilität und verstärkter Austausch zu den verschiedenen": "Elektromobilität und",
    "Energiemanagementsystemen der städtischen Gebäude": (
        "Energiemanagementsystemen Verkehrsinfrastrukturfinanzierungsgesellschaften "
        "Rindfleischetikettierungsüberwachungsaufgabengebiete"
    ),
}


def with_ladder(project: Path) -> Path:
    content = project / "content.yaml"
    text = content.read_text(encoding="utf-8")
    for old, new in LADDER.items():
        assert old in text
        text = text.replace(old, new)
    content.write_text(text, encoding="utf-8")
    return content


def with_line_limit(project: Path, max_lines: int) -> Path:
    """The project with its own trifold-roll layout, allowing `max_lines` hyphenated lines in a row."""
    layout = project / "layouts" / "trifold-roll"
    shutil.copytree(LAYOUTS_DIR / "trifold-roll", layout)
    text = (layout / "layout.yaml").read_text(encoding="utf-8")
    (layout / "layout.yaml").write_text(
        text.replace("zone: 6}", f"zone: 6, max_lines: {max_lines}}}"), encoding="utf-8"
    )
    return project


def column_ends(pdf: Path, page: int, left: float) -> str:
    """Each line of the column right of `left`, top to bottom: `‐` where it ends in a hyphen, else `.`."""
    from brochure.preflight.hyphens import text_lines

    column = [g for g in read_pdf(pdf).pages[page - 1].glyphs if g.cx > left]
    return "".join("‐" if "".join(g.char for g in line).endswith("‐") else "." for line in text_lines(column))


def test_more_hyphenated_lines_in_a_row_than_the_layout_allows_is_a_warning(project: Path):
    # Built where the layout allows 9, so the build leaves the ladder; checked against 2.
    result = build(with_ladder(with_line_limit(project, 9)), project / "out", ["print"])
    # The limit comes from the layout: under its 9, no finding, and no word kept whole.
    assert [f for f in result.report.findings if f.check == "hyphenation"] == []
    assert not any("whole" in note for note in result.editions[0].notes)
    assert "‐‐‐" in column_ends(result.print_pdf, 2, 200)  # the ladder is really in the PDF
    report = check_pdf(result.print_pdf, load_layout("trifold-roll"))
    (finding,) = [f for f in report.findings if f.check == "hyphenation"]
    assert finding.severity is Severity.WARNING and (finding.page, finding.panel) == (2, "inside-right")
    assert finding.message == (
        "3 hyphenated lines in a row (Energiemanagement‐, Verkehrsinfrastrukturfinanzierungsgesell‐, "
        "Rindfleischetikettierungsüberwachungsaufga‐); the layout allows 2: "
        "keep one of these words whole in the content's hyphenation exceptions"
    )
    x0, y0, x1, y1 = finding.area
    assert (x0, x1) == (200, 297) and y1 - y0 > 8  # three lines or more, where the proof draws them


def test_the_build_holds_a_ladder_to_the_limit_by_keeping_a_word_whole(project: Path):
    result = build(with_ladder(project), project / "out", ["print", "email"])
    assert [f for f in result.report.findings if f.check == "hyphenation"] == []
    ends = column_ends(result.print_pdf, 2, 200)
    assert "‐‐" in ends and "‐‐‐" not in ends
    kept = (
        'inside-right: kept "Rindfleischetikettierungsüberwachungsaufgabengebiete" whole (3 hyphenated lines in a row)'
    )
    assert [edition.notes.count(kept) for edition in result.editions] == [1, 1]  # the e-mail edition reuses it
    text = "".join(g.char for g in read_pdf(result.edition("email").written[0].path).pages[3].glyphs)
    assert "Rindfleischetikettierungsüberwachungsaufgabengebiete" in text


def test_a_word_kept_whole_that_would_stick_out_of_its_column_is_given_back(project: Path):
    content = with_ladder(project)
    text = content.read_text(encoding="utf-8")  # 63 letters: wider than the 82 mm column
    content.write_text(text.replace("aufgabengebiete", "aufgabenübertragungsgesetz"), encoding="utf-8")
    result = build(content, project / "out", ["print"])
    assert result.editions[0].notes[-1] == (
        'inside-right: kept "Verkehrsinfrastrukturfinanzierungsgesellschaften" whole (3 hyphenated lines in a row)'
    )
    assert "‐‐‐" not in column_ends(result.print_pdf, 2, 200)
    assert not [f for f in result.report.findings if f.severity is Severity.ERROR]
