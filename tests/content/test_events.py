"""Event leaflets: an event file merged over the content, checked with line and column, its QR code read back."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import zxingcpp
from conftest import ROOT

from brochure import load_content
from brochure.commands.build import build
from brochure.commands.cli import main
from brochure.content.events import event_content, load_event, spelled_date
from brochure.editions import BuildSettings
from brochure.errors import ExitStatus, InputError
from brochure.files.resources import LAYOUTS_DIR
from brochure.preflight.placement import content_links, panel_texts
from brochure.sheet.layout import load_layout

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
def event_build(tmp_path_factory: pytest.TempPathFactory):
    """The base leaflet's print PDF, then the example event's leaflet, in the same folder."""
    outdir = tmp_path_factory.mktemp("events")
    build(ROOT / "content.yaml", outdir, ["print"])
    before = digests(outdir)
    result = build(ROOT / "content.yaml", outdir, settings=BuildSettings(event=EXAMPLE))
    return outdir, before, result


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


def test_the_qr_code_of_print_and_email_decodes_to_the_registration_link(event_build):
    outdir, _, _ = event_build
    assert qr_codes(outdir / "quattropole-rencontre-2027-print.pdf") == [LINK]
    assert qr_codes(outdir / "quattropole-rencontre-2027-email.pdf") == [LINK]
    assert qr_codes(outdir / "quattropole-print.pdf") == []  # the base leaflet has none


def test_the_event_replaces_the_event_panel_and_its_texts_are_checked_there():
    content = event_content(load_content(ROOT / "content.yaml"), EXAMPLE)
    assert content.layout.panel("inside-left").sections == ("event",)
    assert "about" not in content.data  # the panel's own section gives way, so no check misses it
    assert content.data["document"]["title"]["de"] == "QuattroPole-Treffen 2027"
    fields = {text.field: text.text for text in panel_texts(content, content.layout)["inside-left"]}
    assert fields["event.start"] == "14:00"
    assert fields["event.registration"] == "www.quattropole.org/rencontre-2027"
    assert fields["event.programme[1].text.fr"].startswith("Les quatre villes")
    assert content_links(content)[LINK] == "event.registration"


def test_the_event_panel_of_the_print_pdf_prints_in_cmyk_only(event_build):
    outdir, _, result = event_build
    print_report = result.edition("print").report
    assert not [finding for finding in print_report.findings if finding.check in ("colour", "overflow")]


def test_check_judges_an_event_pdf_against_the_event_it_was_built_with(event_build, tmp_path: Path, capsys):
    outdir, _, _ = event_build
    pdf, content = outdir / "quattropole-rencontre-2027-print.pdf", ROOT / "content.yaml"
    # Against the base content alone, the section the event displaced seems missing.
    assert main(["check", str(pdf), "--content", str(content)]) == ExitStatus.CHECK_FAILED
    assert "about.title.fr" in capsys.readouterr().out
    assert main(["check", str(pdf), "--content", str(content), "--event", str(EXAMPLE)]) == ExitStatus.OK
    assert capsys.readouterr().out.startswith(f"{pdf}: 0 errors")
    # The event's texts are really looked for: another event's are not on this PDF.
    other = write_event(tmp_path, EXAMPLE.read_text(encoding="utf-8").replace("Rencontre QuattroPole", "Fête"))
    assert main(["check", str(pdf), "--content", str(content), "--event", str(other)]) == ExitStatus.CHECK_FAILED
    assert "event.title.fr" in capsys.readouterr().out
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
        load_event(path, load_content(ROOT / "content.yaml"))
    return str(caught.value).replace(f"{path}:", "")


EVENT_MISTAKES = [
    ('start: "14:00"', 'start: "25:00"', "10:8: start: not a time of day: '25:00' (write it as HH:MM, e.g. 18:30)"),
    ('end: "18:30"', 'end: "13:00"', "11:6: end: 13:00 is not after the start, 14:00"),
    ("date: 2027-03-13", "date: 13.03.2027", "9:7: date: not a date: '13.03.2027' (write it as YYYY-MM-DD)"),
    ("      de: Empfang und Kaffee\n", "", "20:7: programme[0].text: missing translation 'de'"),
    ("registration: https://", "registration: javascript:alert(1)//", "34:15: registration: not a web address"),
    ("venue:", "vneue:", "12:1: vneue: unknown key; did you mean 'venue'?"),
]


@pytest.mark.parametrize(
    ("old", "new", "line"), EVENT_MISTAKES, ids=[m[1].strip() or m[0].strip() for m in EVENT_MISTAKES]
)
def test_a_mistake_in_an_event_file_is_one_line_naming_where(tmp_path: Path, old: str, new: str, line: str):
    assert any(reported.startswith(line) for reported in mistake(tmp_path, old, new).splitlines())


def test_an_unquoted_time_is_read_as_typed(tmp_path: Path):
    # YAML 1.1 would read 14:00 as the number 840.
    path = write_event(tmp_path, EXAMPLE.read_text(encoding="utf-8").replace('start: "14:00"', "start: 14:00"))
    assert load_event(path, load_content(ROOT / "content.yaml"))["start"] == "14:00"


def test_a_broken_event_exits_2_with_its_line_and_leaves_no_output(tmp_path: Path, capsys):
    path = write_event(tmp_path, EXAMPLE.read_text(encoding="utf-8").replace("      fr: Accueil et café\n", ""))
    status = main(["build", str(ROOT / "content.yaml"), "--event", str(path), "-o", str(tmp_path / "out")])
    assert status == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == f"{path}:20:7: programme[0].text: missing translation 'fr'\n"
    assert not (tmp_path / "out").exists()


def test_an_event_file_name_must_fit_an_output_name(tmp_path: Path):
    path = write_event(tmp_path, EXAMPLE.read_text(encoding="utf-8"), name="Fête d'été.yaml")
    with pytest.raises(InputError, match="becomes part of the output's name"):
        load_event(path, load_content(ROOT / "content.yaml"))


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("insde-left", "event_panel: no panel 'insde-left'; did you mean 'inside-left'?"),
        ("inside-middle", "event_panel: panel 'inside-middle' prints one language only"),
    ],
)
def test_the_event_panel_must_be_a_panel_of_every_language(tmp_path: Path, value: str, message: str):
    folder = tmp_path / "layouts" / "trifold-roll"
    shutil.copytree(LAYOUTS_DIR / "trifold-roll", folder)
    text = (folder / "layout.yaml").read_text(encoding="utf-8")
    (folder / "layout.yaml").write_text(text.replace("event_panel: inside-left", f"event_panel: {value}"), "utf-8")
    with pytest.raises(InputError, match=message):
        load_layout("trifold-roll", tmp_path)


def test_a_layout_without_an_event_panel_refuses_an_event(tmp_path: Path):
    folder = tmp_path / "layouts" / "trifold-roll"
    shutil.copytree(LAYOUTS_DIR / "trifold-roll", folder)
    text = (folder / "layout.yaml").read_text(encoding="utf-8")
    (folder / "layout.yaml").write_text(text.replace("event_panel: inside-left", ""), "utf-8")
    shutil.copy(ROOT / "content.yaml", tmp_path / "content.yaml")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    with pytest.raises(InputError, match="has no event_panel"):
        event_content(load_content(tmp_path / "content.yaml"), EXAMPLE)


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
