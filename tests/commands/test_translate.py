"""`brochure translate export|import`: the QuattroPole texts to a translator and back, the leaflet rebuilt.

One project for the module: exported once (the export builds its print PDF), then filled and imported;
each refused file is checked to leave content.yaml as it was."""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from brochure.commands.cli import main
from brochure.content.xliff import XLIFF_12
from brochure.errors import ExitStatus
from tests.conftest import ROOT, needs_tool

pytestmark = pytest.mark.xdist_group("translate")

T = f"{{{XLIFF_12}}}"
ABOUT_HEADING = "sections.about.blocks[0].heading.text"
MAP_ALT = "sections.cities.blocks[1].picture.alt"
FIELDS_FIRST = "sections.fields_of_action[2].items.items[0].text"  # on inside-right, the panel with no room left


@dataclass(frozen=True)
class Run:
    status: int
    out: str
    err: str


def run(*args: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(args))
    return Run(status, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def kept(path: Path):
    """The file at `path` as it was, once the block is done: a test that imports leaves the project as it found it."""
    before = path.read_bytes()
    try:
        yield
    finally:
        path.write_bytes(before)


@dataclass(frozen=True)
class Exported:
    project: Path
    xlf: Path
    run: Run

    @property
    def content(self) -> Path:
        return self.project / "content.yaml"

    def filled(self, name: str, targets: dict[str, str], sources: dict[str, str] | None = None) -> Path:
        """A copy of the export with the targets (and sources) of some units changed, as a translator sends it."""
        root = etree.fromstring(self.xlf.read_bytes())
        for unit in root.iter(f"{T}trans-unit"):
            for tag, changed in (("target", targets), ("source", sources or {})):
                if unit.get("id") in changed:
                    unit.find(f"{T}{tag}").text = changed[unit.get("id")]
        path = self.project / name
        path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
        return path


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Exported:
    project = tmp_path_factory.mktemp("translate")
    shutil.copy(ROOT / "content.yaml", project / "content.yaml")
    shutil.copytree(ROOT / "assets", project / "assets", ignore=shutil.ignore_patterns("fonts"))
    shutil.copytree(ROOT / "events", project / "events")
    result = run("translate", "export", "--to", "de", str(project / "content.yaml"))
    return Exported(project, project / "out" / "quattropole-de.xlf", result)


def units(xlf: Path) -> dict[str, etree._Element]:
    return {unit.get("id"): unit for unit in etree.fromstring(xlf.read_bytes()).iter(f"{T}trans-unit")}


def test_the_export_builds_the_print_pdf_and_gives_every_translated_text(exported: Exported):
    assert exported.run.status == ExitStatus.OK, exported.run.err
    assert exported.run.out == f"wrote {exported.xlf} (34 texts to translate into de)\n"
    assert (exported.project / "out" / "quattropole-print.pdf").is_file()  # measured in it
    found = units(exported.xlf)
    assert list(found)[:3] == [
        "document.title",
        "sections.cover.blocks[3].text.text",
        "sections.cities.blocks[0].heading.text",
    ]
    heading = found[ABOUT_HEADING]
    assert (heading.findtext(f"{T}source"), heading.findtext(f"{T}target")) == (
        "Qu'est-ce que QuattroPole ?",
        "Was ist QuattroPole?",
    )
    note = heading.findtext(f"{T}note")
    assert note.startswith(
        "printed on panel inside-left: section about, block 1 (heading), field text; room for about "
    )
    assert heading.get("size-unit") == "char" and int(heading.get("maxwidth")) > len("Was ist QuattroPole?")
    assert found["document.title"].get("maxwidth") is None  # the PDF's title: printed nowhere
    alt = found[MAP_ALT]  # read aloud in the e-mail PDF: translated, though never printed
    assert alt.get("maxwidth") is None and alt.findtext(f"{T}target").startswith("Karte der vier QuattroPole-Städte")
    # The German of a section printed in French on inside-middle and in German on inside-right is measured there.
    assert found[FIELDS_FIRST].findtext(f"{T}note").startswith("printed on panel inside-right: ")
    # A text printed the same for every language (the cover's QUATTROPOLE) is nothing to translate.
    assert not any(".heading.subtitle" in uid or uid == "sections.cover.blocks[1].heading.text" for uid in found)


def test_an_export_again_is_the_same_bytes_from_the_same_pdf(exported: Exported, tmp_path: Path):
    pdf = exported.project / "out" / "quattropole-print.pdf"
    built = pdf.stat().st_mtime_ns
    again = run("translate", "export", "--to", "de", "-o", str(tmp_path / "again.xlf"), str(exported.content))
    assert again.status == ExitStatus.OK, again.err
    assert (tmp_path / "again.xlf").read_bytes() == exported.xlf.read_bytes()
    assert pdf.stat().st_mtime_ns == built  # newer than the content: not built again


def test_the_other_way_round_the_german_is_the_source(exported: Exported, tmp_path: Path):
    back = run(
        "translate", "export", "--to", "fr", "--from", "de", "-o", str(tmp_path / "fr.xlf"), str(exported.content)
    )
    assert back.status == ExitStatus.OK, back.err
    heading = units(tmp_path / "fr.xlf")[ABOUT_HEADING]
    assert heading.findtext(f"{T}source") == "Was ist QuattroPole?"
    assert heading.findtext(f"{T}note").startswith("printed on panel inside-left")


def test_a_language_the_content_does_not_have_is_one_line_exit_2(exported: Exported):
    result = run("translate", "export", "--to", "it", str(exported.content))
    assert (result.status, result.err) == (
        ExitStatus.INVALID_INPUT,
        "--to: no language 'it' in content.yaml; its languages are fr, de\n",
    )


def line_of(xlf: Path, uid: str) -> int:
    return units(xlf)[uid].sourceline


def test_a_file_with_problems_is_refused_whole_and_nothing_is_written(exported: Exported):
    before = exported.content.read_bytes()
    xlf = exported.filled(
        "bad.xlf",
        targets={
            ABOUT_HEADING: "Was ist [QuattroPole](https://www.quattropole.org?",
            "sections.contact[0].heading.text": "Kontakte",
        },
        sources={"sections.cities.blocks[0].heading.text": "Les 4 villes"},
    )
    xlf.write_text(
        xlf.read_text(encoding="utf-8").replace('id="document.title"', 'id="document.subtitle"'), encoding="utf-8"
    )
    result = run("translate", "import", str(xlf), str(exported.content))
    assert result.status == ExitStatus.INVALID_INPUT
    assert result.err.splitlines() == [
        f"{xlf}:{line_of(xlf, 'document.subtitle')}: unit document.subtitle: "
        "no such text in the content (export the file again)",
        f"{xlf}:{line_of(xlf, 'sections.cities.blocks[0].heading.text')}: unit sections.cities.blocks[0].heading.text: "
        "the source changed since the export: it is now 'Les quatre villes de QuattroPole'",
        f"{xlf}:{line_of(xlf, ABOUT_HEADING)}: unit {ABOUT_HEADING}: a link's markup is broken: "
        "'Was ist [QuattroPole](https://www.quattropole.org?'",
        f"{xlf}:3: unit document.title: missing from the file",
    ]
    assert exported.content.read_bytes() == before  # not even the good translation of the contact heading


def test_a_target_language_the_content_does_not_have_is_refused(exported: Exported):
    xlf = exported.filled("it.xlf", {})
    xlf.write_text(
        xlf.read_text(encoding="utf-8").replace('target-language="de"', 'target-language="it"'), encoding="utf-8"
    )
    result = run("translate", "import", str(xlf), str(exported.content))
    assert (result.status, result.err) == (
        ExitStatus.INVALID_INPUT,
        f"{xlf}:3: target-language: no language 'it' in the content; the content's languages are fr, de\n",
    )


def test_a_translation_the_schema_refuses_puts_the_old_bytes_back(exported: Exported):
    before = exported.content.read_bytes()
    xlf = exported.filled("word.xlf", {ABOUT_HEADING: "Was ist " + "Quattro" * 20 + "?"})
    result = run("translate", "import", str(xlf), str(exported.content))
    assert result.status == ExitStatus.INVALID_INPUT
    assert re.match(
        rf"^{re.escape(str(exported.content))}:\d+:\d+: {re.escape(ABOUT_HEADING)}\.de: has a word of \d+ characters ",
        result.err,
    )
    assert exported.content.read_bytes() == before


@needs_tool("pdftotext")
def test_a_filled_file_is_written_into_the_content_and_printed(exported: Exported):
    before = exported.content.read_text(encoding="utf-8")
    alt = units(exported.xlf)[MAP_ALT].findtext(f"{T}target").replace("Karte der", "Landkarte der")
    empty = "sections.contact[0].heading.text"  # an empty target: the text stays as it is
    xlf = exported.filled("filled.xlf", {ABOUT_HEADING: "Was ist eigentlich QuattroPole?", MAP_ALT: alt, empty: ""})
    with kept(exported.content):
        result = run("translate", "import", str(xlf), str(exported.content))
        after = exported.content.read_text(encoding="utf-8")
    assert result.status == ExitStatus.OK, result.err
    assert result.out.startswith("wrote 2 translations into content.yaml\nwrote ")
    changed = [(old, new) for old, new in zip(before.splitlines(), after.splitlines(), strict=True) if old != new]
    heading = ("            de: Was ist QuattroPole?", "            de: Was ist eigentlich QuattroPole?")
    assert changed[1] == heading and len(changed) == 2  # comments and every other line kept
    assert changed[0][1] == changed[0][0].replace("Karte der", "Landkarte der")  # its quoting kept
    pdf = exported.project / "out" / "quattropole-print.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Was ist eigentlich QuattroPole?" in text and "Kontakt" in text  # an empty target leaves the text


def test_an_overflow_is_said_in_mm_with_the_unit_that_made_it(exported: Exported):
    longer = (
        units(exported.xlf)[FIELDS_FIRST].findtext(f"{T}target")
        + " Dazu kommen gemeinsame Projekte und Begegnungen der Bürgerinnen und Bürger der vier Städte." * 2
    )
    xlf = exported.filled("long.xlf", {FIELDS_FIRST: longer})
    with kept(exported.content):
        result = run("translate", "import", str(xlf), str(exported.content))
        written = exported.content.read_text(encoding="utf-8")
    assert result.status == ExitStatus.CHECK_FAILED
    said = re.compile(
        rf"^{re.escape(str(xlf))}:{line_of(xlf, FIELDS_FIRST)}: unit {re.escape(FIELDS_FIRST)}: print edition: "
        r"panel inside-right: text overflows by \d+\.\d mm",
        re.M,
    )
    assert said.search(result.err), result.err
    assert longer in written  # written: the overflow is the leaflet's to fix


def test_an_event_translates_its_own_file(exported: Exported):
    event = exported.project / "events" / "rencontre-2027.yaml"
    result = run("translate", "export", "--to", "de", "--event", str(event), str(exported.content))
    assert result.status == ExitStatus.OK, result.err
    xlf = exported.project / "out" / "quattropole-rencontre-2027-de.xlf"
    found = units(xlf)
    assert "title" in found and "sections.about.blocks[2].programme.items[0].text" in found
    assert not any(uid.startswith("sections.contact") for uid in found)  # the base content's, not the event's
    wrong = run("translate", "import", str(xlf), str(exported.content))  # without --event
    assert (wrong.status, wrong.err) == (
        ExitStatus.INVALID_INPUT,
        f"{xlf}:3: original: the file translates 'events/rencontre-2027.yaml', not 'content.yaml': "
        "import it with --event events/rencontre-2027.yaml\n",
    )
