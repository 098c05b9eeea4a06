"""Content that builds but that no one meant to print: placeholders, a translation copied or in the wrong
language, a text YAML cut at a `#`; each a warning naming the field where it is, none on the shipped projects."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from conftest import ROOT
from projects import edit

from brochure import ExitStatus, load_content
from brochure.commands.cli import main
from brochure.content.events import event_content

EXAMPLES = sorted((ROOT / "brochure" / "examples").glob("*/content.yaml"))
KONTAKT = "          de: Kontakt\n"  # sections.contact[0].heading.text.de, line 79
FR_ENERGIE = (  # sections.fields_of_action[6].items.items[0].text.fr, lines 212-214
    "                Mise en réseau des services compétents et des opérateurs dans le domaine\n"
    "                de l'électromobilité et échanges approfondis sur les différents systèmes\n"
    "                de gestion de l'énergie dans les bâtiments publics\n"
)
DE_ENERGIE = (  # its German, lines 216-218
    "                Vernetzung der zuständigen Dienststellen und Stadtwerke im Bereich der\n"
    "                Elektromobilität und verstärkter Austausch zu den verschiedenen\n"
    "                Energiemanagementsystemen der städtischen Gebäude\n"
)
ENERGIE_DE = "content.yaml:230:19: sections.fields_of_action[6].items.items[0].text.de"


@pytest.mark.parametrize("path", [ROOT / "content.yaml", *EXAMPLES], ids=lambda path: path.parent.name or "root")
def test_the_shipped_projects_load_without_a_warning(path: Path):
    assert load_content(path).warnings == ()


@pytest.mark.parametrize("path", sorted((ROOT / "brochure" / "examples").glob("*/events/*.yaml")), ids=str)
def test_the_shipped_events_load_without_a_warning(path: Path):
    assert event_content(load_content(path.parent.parent / "content.yaml"), path).warnings == ()


def test_an_events_texts_are_judged_too(tmp_path: Path):
    festival = ROOT / "brochure" / "examples" / "festival"
    event = tmp_path / "equinoxe.yaml"
    text = (festival / "events" / "equinoxe.yaml").read_text(encoding="utf-8")
    event.write_text(text.replace("de: Herbstnacht auf dem Gipfel", "de: TBD"), encoding="utf-8")
    assert event_content(load_content(festival / "content.yaml"), event).warnings == (
        f"{event}:23:15: sections.title[0].heading.subtitle.de: holds the placeholder 'TBD': "
        "the text is not written yet",
    )


def warnings_after(project: Path, old: str, new: str) -> list[str]:
    edit(project / "content.yaml", old, new)
    return [line.replace(f"{project}/", "") for line in load_content(project / "content.yaml").warnings]


@pytest.mark.parametrize(
    ("text", "placeholder"),
    [("TODO", "TODO"), ("Kontakt (tbd)", "tbd"), ("Lorem ipsum dolor sit amet", "Lorem ipsum"), ("...", "...")],
)
def test_a_placeholder_is_a_warning(project: Path, text: str, placeholder: str):
    assert warnings_after(project, KONTAKT, f"          de: {text}\n") == [
        f"content.yaml:83:15: sections.contact[0].heading.text.de: holds the placeholder {placeholder!r}: "
        "the text is not written yet"
    ]


def test_words_that_hold_a_placeholder_are_none(project: Path):
    assert warnings_after(project, KONTAKT, "          de: Todos los XXL-Texte mit Punkten... und so …\n") == []


def test_the_other_languages_text_copied_is_a_warning(project: Path):
    assert warnings_after(project, DE_ENERGIE, FR_ENERGIE) == [f"{ENERGIE_DE}: the same text as fr: is it translated?"]


def test_a_copy_with_a_word_changed_is_one_too(project: Path):
    copy = FR_ENERGIE.replace("publics", "communaux")
    assert warnings_after(project, DE_ENERGIE, copy) == [f"{ENERGIE_DE}: the same text as fr: is it translated?"]


def test_of_two_texts_alike_the_one_in_the_wrong_language_is_the_copy(project: Path):
    assert warnings_after(project, FR_ENERGIE, DE_ENERGIE) == [
        "content.yaml:226:19: sections.fields_of_action[6].items.items[0].text.fr: "
        "the same text as de: is it translated?"
    ]


def test_a_text_in_another_language_of_the_content_is_a_warning(project: Path):
    french = "                Les quatre villes partagent leurs expériences et organisent des rencontres\n"
    assert warnings_after(project, DE_ENERGIE, french) == [f"{ENERGIE_DE}: reads as French (fr), not German (de)"]


def test_a_text_clearly_in_no_language_of_the_content_is_a_warning(project: Path):
    english = "                The four cities share what they learn and meet every year in one of them\n"
    assert warnings_after(project, DE_ENERGIE, english) == [f"{ENERGIE_DE}: reads as English (en), not German (de)"]


@pytest.mark.parametrize(
    "same",
    [
        "Saarbrücken, Metz, Trier, Luxembourg",  # names
        "https://www.quattropole.org/de/projekte",  # a web address
        "+352 247 80112",
        "Énergie",  # a one-word title
        "12 rue de la Paix, 57000 Metz",  # an address: mostly names and numbers
    ],
)
def test_names_and_short_texts_may_be_the_same_in_every_language(project: Path, same: str):
    edit(project / "content.yaml", "          fr: Contact\n", f"          fr: {same}\n")
    assert warnings_after(project, KONTAKT, f"          de: {same}\n") == []


def test_a_hash_that_yaml_reads_as_a_comment_is_a_warning(project: Path):
    assert warnings_after(project, KONTAKT, "          de: Kontakt #1\n") == [
        "content.yaml:83:23: sections.contact[0].heading.text.de: YAML reads '#1' as a comment, so the text ends at "
        "'Kontakt'; to print it, put the whole text in quotes"
    ]


@pytest.mark.parametrize(
    "line", ["de: Kontakt  # a note for the editors", "de: 'Kontakt #1'", "de: |-\n            Kontakt #1"]
)
def test_a_comment_written_as_one_or_a_quoted_hash_is_none(project: Path, line: str):
    assert warnings_after(project, KONTAKT, f"          {line}\n") == []


def test_check_says_the_contents_warnings(project: Path, golden, monkeypatch, caplog):
    monkeypatch.chdir(project)
    edit(project / "content.yaml", KONTAKT, "          de: Kontakt #1\n")  # prints as it did: the PDF passes
    with caplog.at_level(logging.WARNING, logger="brochure"):
        assert main(["check", str(golden.result.print_pdf), "--content", "content.yaml"]) == ExitStatus.OK
    said = [record.getMessage() for record in caplog.records]
    assert [line for line in said if line.startswith("content.yaml:83:23: sections.contact[0].heading.text.de: ")] == [
        "content.yaml:83:23: sections.contact[0].heading.text.de: YAML reads '#1' as a comment, so the text ends "
        "at 'Kontakt'; to print it, put the whole text in quotes"
    ]


def test_the_closing_line_of_a_build_counts_the_contents_warnings():
    from brochure.commands.build import BuildResult
    from brochure.commands.cli import NORMAL, _closing_line

    assert _closing_line(BuildResult((), ("a", "b")), 1.0, NORMAL).endswith("; content: 2 warnings")
    assert "content:" not in _closing_line(BuildResult(()), 1.0, NORMAL)
