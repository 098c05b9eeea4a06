"""Event leaflets: an event file merged over the content, checked with line and column, its QR code read back."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from types import SimpleNamespace

import pypdfium2 as pdfium
import pytest
import zxingcpp
from conftest import ROOT
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

from brochure import load_content
from brochure.commands.build import build
from brochure.commands.cli import main
from brochure.content.events import event_content, spelled_date
from brochure.editions import BuildSettings
from brochure.errors import ExitStatus, InputError
from brochure.preflight.paints import pdf_paints
from brochure.preflight.pdffacts import read_pdf
from brochure.preflight.placement import content_links, panel_texts
from brochure.preflight.spoken import marked_texts
from brochure.sheet.pdfmeta import QR_PREFIX

EXAMPLE = ROOT / "events" / "rencontre-2027.yaml"
LINK = "https://www.quattropole.org/rencontre-2027"


def qr_codes(pdf: Path) -> list[str]:
    """The text of every QR code on every page of a PDF, as a phone would read it from paper."""
    document = pdfium.PdfDocument(str(pdf))
    found = []
    for page in document:
        picture = page.render(scale=200 / 72).to_pil()
        found += [code.text for code in zxingcpp.read_barcodes(picture) if code.format == zxingcpp.BarcodeFormat.QRCode]
    return found


def digests(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def event_build(golden, tmp_path_factory: pytest.TempPathFactory):
    """The base leaflet's print PDF, then the example event's leaflet, in the same folder. Its tests share an
    xdist group: one process builds it."""
    outdir = golden.copy_outputs(tmp_path_factory.mktemp("events"), ["print"])
    before = digests(outdir)
    result = build(ROOT / "content.yaml", outdir, settings=BuildSettings(event=EXAMPLE))
    return outdir, before, result


@pytest.mark.xdist_group("event-build")
def test_an_event_build_writes_its_own_files_and_leaves_the_base_ones(event_build):
    outdir, before, result = event_build
    after = digests(outdir)
    assert {name: after[name] for name in before} == before
    written = {path.relative_to(outdir).as_posix() for path in outdir.rglob("*") if path.is_file()} - set(before)
    assert "quattropole-rencontre-2027-print.pdf" in written
    assert "quattropole-rencontre-2027-email.pdf" in written
    assert "quattropole-rencontre-2027-previews/panel-02-inside-left.png" in written
    assert all(name.startswith("quattropole-rencontre-2027-") for name in written)
    assert result.report.ok


@pytest.mark.xdist_group("event-build")
def test_the_qr_code_of_print_and_email_decodes_to_the_registration_link(event_build):
    outdir, _, _ = event_build
    assert qr_codes(outdir / "quattropole-rencontre-2027-print.pdf") == [LINK]
    assert qr_codes(outdir / "quattropole-rencontre-2027-email.pdf") == [LINK]
    assert qr_codes(outdir / "quattropole-print.pdf") == []  # the base leaflet has none


@pytest.mark.xdist_group("event-build")
def test_the_event_qr_code_prints_in_100_k_and_overprints(event_build):
    outdir, _, result = event_build
    facts = read_pdf(outdir / "quattropole-rencontre-2027-print.pdf")
    ((page, x, y),) = [at for name, at in facts.destinations.items() if name.startswith(QR_PREFIX)]
    drawn = [
        paint
        for paint in pdf_paints(facts.streams)
        if paint.page == page and paint.clip and abs(paint.clip[0] - x) < 0.5 and abs(paint.clip[1] - y) < 0.5
    ]
    assert drawn and all(paint.black and paint.overprints for paint in drawn)
    assert {"qr-ink", "overprint", "tints"}.isdisjoint(finding.check for finding in result.report.findings)


def test_the_event_replaces_the_section_of_its_name_and_its_texts_are_checked_there():
    base = load_content(ROOT / "content.yaml")
    content = event_content(base, EXAMPLE)
    assert content.layout.panel("inside-left").sections == ("about",)
    about = content.data["sections"]["about"]
    assert [block.kind for block in about["blocks"]] == ["heading", "event", "programme", "spacer", "action"]
    assert about["background"] == "stone" and about["stack"] == "by-block"  # the event's section, whole
    others = {name: section for name, section in base.data["sections"].items() if name != "about"}
    assert {name: content.data["sections"][name] for name in others} == others
    assert content.data["document"]["title"]["de"] == "QuattroPole-Treffen 2027"
    assert content.data["document"]["author"] == base.data["document"]["author"]
    fields = {text.field: text.text for text in panel_texts(content, content.layout)["inside-left"]}
    assert fields["sections.about.blocks[1].event.start"] == "14:00"
    assert fields["sections.about.blocks[4].action.url"] == "www.quattropole.org/rencontre-2027"
    assert fields["sections.about.blocks[2].programme.items[1].text.fr"].startswith("Les quatre villes")
    assert not any("figures" in field for field in fields)  # the section it replaced is not looked for
    assert content_links(content)[LINK] == "sections.about.blocks[4].action.url"


@pytest.mark.xdist_group("event-build")
def test_the_event_panel_of_the_print_pdf_prints_in_cmyk_only(event_build):
    outdir, _, result = event_build
    print_report = result.edition("print").report
    assert not [finding for finding in print_report.findings if finding.check in ("colour", "overflow")]


@pytest.mark.xdist_group("event-build")
def test_check_judges_an_event_pdf_against_the_event_it_was_built_with(event_build, tmp_path: Path, capsys):
    outdir, _, _ = event_build
    pdf, content = outdir / "quattropole-rencontre-2027-print.pdf", ROOT / "content.yaml"
    missing = "inside-left: sections.about.blocks[0].heading.text.fr is missing from the PDF"
    # Against the base content alone, the section the event replaced seems missing.
    assert main(["check", str(pdf), "--content", str(content)]) == ExitStatus.CHECK_FAILED
    assert f"{missing}: 'Qu’est-ce que QuattroPole ?'" in capsys.readouterr().out
    assert main(["check", str(pdf), "--content", str(content), "--event", str(EXAMPLE)]) == ExitStatus.OK
    assert capsys.readouterr().out.startswith(f"{pdf}: 0 errors")
    # The event's texts are really looked for: another event's are not on this PDF.
    other = write_event(tmp_path, EXAMPLE.read_text(encoding="utf-8").replace("Rencontre QuattroPole", "Fête"))
    assert main(["check", str(pdf), "--content", str(content), "--event", str(other)]) == ExitStatus.CHECK_FAILED
    assert f"{missing}: 'Fête 2027'" in capsys.readouterr().out
    assert main(["check", str(pdf), "--event", str(EXAMPLE)]) == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == "--event: give the content it prints over too (--content FILE)\n"


def write_event(folder: Path, text: str, name: str = "fete.yaml") -> Path:
    path = folder / name
    path.write_text(EXAMPLE.read_text(encoding="utf-8") if text is None else text, encoding="utf-8")
    return path


def mistake(folder: Path, old: str, new: str) -> str:
    """The one-line errors of the example event with `old` replaced by `new`."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = write_event(folder, text.replace(old, new))
    with pytest.raises(InputError) as caught:
        event_content(load_content(ROOT / "content.yaml"), path)
    return str(caught.value).replace(f"{path}:", "")


EVENT = "sections.about.blocks[1].event"
EVENT_MISTAKES = [
    ('start: "14:00"', 'start: "25:00"', f"25:18: {EVENT}.start: not a time of day: '25:00' (write it as HH:MM"),
    ('end: "18:30"', 'end: "13:00"', f"24:11: {EVENT}: ends at 13:00, not after it starts, 14:00"),
    ("date: 2027-03-13", "date: 13.03.2027", f"24:17: {EVENT}.date: not a date: '13.03.2027' (write it as YYYY-MM-DD)"),
    (
        "                de: Empfang und Kaffee\n",
        "",
        "36:17: sections.about.blocks[2].programme.items[0].text: missing translation 'de'",
    ),
    (
        "url: https://www.quattropole.org/rencontre-2027",
        "url: javascript:alert(1)//",
        "52:16: sections.about.blocks[4].action.url: not a web address",
    ),
    ("          venue:", "          vneue:", f"27:11: {EVENT}.vneue: unknown key; did you mean 'venue'?"),
    (
        "      - programme:",
        "      - programm:",
        "32:9: sections.about.blocks[2]: no block type 'programm'; did you mean 'programme'?",
    ),
    ("\ntitle:\n", "\ntitel:\n", "11:1: titel: unknown key; did you mean 'title'?"),
    ("sections:\n  about:\n", "sections:\n  abuot:\n", "16:3: sections.abuot: no panel prints this section;"),
]


@pytest.mark.parametrize(
    ("old", "new", "line"), EVENT_MISTAKES, ids=[m[1].strip() or m[0].strip() for m in EVENT_MISTAKES]
)
def test_a_mistake_in_an_event_file_is_one_line_naming_where(tmp_path: Path, old: str, new: str, line: str):
    assert any(reported.startswith(line) for reported in mistake(tmp_path, old, new).splitlines())


def test_an_event_file_of_the_former_format_is_told_what_it_lacks(tmp_path: Path):
    path = write_event(tmp_path, "title: {fr: Fête, de: Fest}\ndate: 2027-03-13\nregistration: https://example.org\n")
    with pytest.raises(InputError) as caught:
        event_content(load_content(ROOT / "content.yaml"), path)
    assert str(caught.value).replace(f"{path}:", "").splitlines() == [
        "1:1: sections: missing required key",
        "2:1: date: unknown key; the keys here are title, panels, sections",
        "3:1: registration: unknown key; the keys here are title, panels, sections",
    ]


def test_an_unquoted_time_is_read_as_typed(tmp_path: Path):
    # YAML 1.1 would read 14:00 as the number 840.
    path = write_event(tmp_path, EXAMPLE.read_text(encoding="utf-8").replace('start: "14:00"', "start: 14:00"))
    content = event_content(load_content(ROOT / "content.yaml"), path)
    assert content.data["sections"]["about"]["blocks"][1]["start"] == "14:00"


def test_a_broken_event_exits_2_with_its_line_and_leaves_no_output(tmp_path: Path, capsys):
    text = EXAMPLE.read_text(encoding="utf-8").replace("                fr: Accueil et café\n", "")
    path = write_event(tmp_path, text)
    status = main(["build", str(ROOT / "content.yaml"), "--event", str(path), "-o", str(tmp_path / "out")])
    assert status == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == (
        f"{path}:36:17: sections.about.blocks[2].programme.items[0].text: missing translation 'fr'\n"
    )
    assert not (tmp_path / "out").exists()


def test_an_event_file_name_must_fit_an_output_name(tmp_path: Path):
    path = write_event(tmp_path, EXAMPLE.read_text(encoding="utf-8"), name="Fête d'été.yaml")
    with pytest.raises(InputError, match="becomes part of the output's name"):
        event_content(load_content(ROOT / "content.yaml"), path)


# -- an event's sections: in place of the base's of the same name, or new ones its panels place ----------

TICKETS = """title: {fr: Fête des quatre villes, de: Fest der vier Städte}
panels:
  back: [contact, tickets]
sections:
  tickets:
    - action: {url: https://www.quattropole.org/fete, label: {fr: Billets, de: Karten}, qr: false}
"""
PANELS = "(the panels are flap, back, cover, inside-left, inside-middle, inside-right)"


def event_problems(folder: Path, text: str) -> list[str]:
    """The one-line errors of the event file `text`, without the file's name."""
    path = write_event(folder, text)
    with pytest.raises(InputError) as caught:
        event_content(load_content(ROOT / "content.yaml"), path)
    return str(caught.value).replace(f"{path}:", "").splitlines()


def test_an_event_adds_a_section_its_panels_place(tmp_path: Path):
    base = load_content(ROOT / "content.yaml")
    content = event_content(base, write_event(tmp_path, TICKETS))
    assert content.layout.panel("back").sections == ("contact", "tickets")
    assert content.layout.panel("inside-left").sections == ("about",)
    assert content.data["sections"]["about"] == base.data["sections"]["about"]  # the base's, not replaced
    (action,) = content.data["sections"]["tickets"]["blocks"]
    assert (action.kind, action["url"], action["qr"]) == ("action", "https://www.quattropole.org/fete", False)
    assert content.data["document"]["title"]["fr"] == "Fête des quatre villes"
    texts = {text.field: text.text for text in panel_texts(content, content.layout)["back"]}
    assert texts["sections.tickets[0].action.label.de"] == "Karten"


def test_a_section_an_event_adds_without_placing_it_is_refused(tmp_path: Path):
    assert event_problems(tmp_path, TICKETS.replace("panels:\n  back: [contact, tickets]\n", "")) == [
        f"3:3: sections.tickets: no panel prints this section; name it in `panels` {PANELS}"
    ]


def test_an_event_panel_naming_a_missing_section_is_refused(tmp_path: Path):
    assert event_problems(tmp_path, TICKETS.replace("contact, tickets]", "contact, tikets]")) == [
        "3:9: panels.back: panel 'back' places section 'tikets', which `sections` lacks; did you mean 'tickets'?",
        f"5:3: sections.tickets: no panel prints this section; name it in `panels` {PANELS}",
    ]


def test_an_event_names_only_the_layouts_panels(tmp_path: Path):
    assert event_problems(tmp_path, TICKETS.replace("  back:", "  bak:")) == [
        "3:3: panels.bak: no panel 'bak' in layout 'trifold-roll'; did you mean 'back'?"
    ]


def test_an_event_placing_a_section_twice_is_refused(tmp_path: Path):
    twice = TICKETS.replace("contact, tickets]", "contact, tickets]\n  flap: [cities, tickets]")
    assert event_problems(tmp_path, twice) == ["3:9: panels.back: section 'tickets' is printed by panel 'flap' already"]


def test_an_event_replacing_a_section_of_facing_panels_keeps_them_facing(tmp_path: Path):
    text = TICKETS.replace("panels:\n  back: [contact, tickets]\n", "")
    content = event_content(
        load_content(ROOT / "content.yaml"), write_event(tmp_path, text.replace("tickets", "fields_of_action"))
    )
    middle, right = content.layout.panel("inside-middle"), content.layout.panel("inside-right")
    assert [(panel.sections, panel.lang) for panel in (middle, right)] == [
        (("fields_of_action",), "fr"),
        (("fields_of_action",), "de"),
    ]
    assert [block.kind for block in content.data["sections"]["fields_of_action"]["blocks"]] == ["action"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "samedi 13 mars 2027"),
        ("de", "Samstag, 13. März 2027"),
        ("en", "Saturday 13 March 2027"),
        ("lb", "2027-03-13"),
    ],
)
def test_dates_are_spelled_out_in_each_language(lang: str, text: str):
    assert spelled_date(dt.date(2027, 3, 13), lang) == text
    assert spelled_date(dt.date(2027, 5, 1), "fr") == "samedi 1er mai 2027"


def paragraphs(pdf: Path) -> list[str]:
    """The text of each paragraph (/P structure element) of a tagged PDF, as a screen reader gets it."""
    reader, document = PdfReader(pdf), pdfium.PdfDocument(str(pdf))
    facts = SimpleNamespace(facts=SimpleNamespace(document=document))
    runs = {
        (number, mcid): text for number in range(1, len(reader.pages) + 1) for mcid, text in marked_texts(facts, number)
    }
    pages = {page.indirect_reference.idnum: n for n, page in enumerate(reader.pages, start=1)}

    def text_of(element, number: int) -> str:
        kids = element.get("/K")
        kids = kids.get_object() if kids is not None else ArrayObject()
        said = ""
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            kid = kid.get_object()
            if isinstance(kid, int):
                said += runs.get((number, kid), "")
            elif isinstance(kid, DictionaryObject) and "/S" in kid:
                said += text_of(kid, pages.get(getattr(kid.get("/Pg"), "idnum", None), number))
        return said

    found, pending = [], [reader.trailer["/Root"]["/StructTreeRoot"]]
    while pending:
        item = pending.pop().get_object()
        if not isinstance(item, DictionaryObject):
            continue
        if item.get("/S") == "/P":
            found.append(text_of(item, pages.get(getattr(item.get("/Pg"), "idnum", None), 1)))
        kids = item.get("/K")
        kids = kids.get_object() if kids is not None else ArrayObject()
        pending.extend(reversed(kids) if isinstance(kids, ArrayObject) else [kids])
    return found


@pytest.mark.xdist_group("event-build")
def test_a_screen_reader_gets_each_time_and_each_translation_of_the_programme_apart(event_build):
    outdir, _, _ = event_build
    said = [" ".join(text.split()) for text in paragraphs(outdir / "quattropole-rencontre-2027-email.pdf")]
    # Not "14:00Accueil et caféEmpfang und Kaffee": three paragraphs, read with a pause between them.
    # The same for the event's date in each language, its times and each line of its venue.
    for text in (
        *("14:00", "Accueil et café", "Empfang und Kaffee", "17:30", "Ergebnisse und Umtrunk"),
        *("samedi 13 mars 2027", "Samstag, 13. März 2027", "14:00 – 18:30", "Maison de la Grande Région"),
    ):
        assert text in said
