"""The content's `languages`: 1 to 4 of them; a language no hyphenation dictionary knows is taken
with one warning, which a build reports before it renders anything."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from projects import edit_content

from brochure import InputError, load_content
from brochure.commands import build as building
from brochure.errors import CheckFailed
from brochure.files.yamlfile import read_yaml
from brochure.preflight import Report
from brochure.preflight.registry import Finding, Severity
from brochure.schema.base import Context
from brochure.schema.fields import Languages

LB_WARNING = "no hyphenation patterns for 'lb'; its words are not hyphenated"


def checked(tmp_path: Path, languages: str) -> tuple[object, Context]:
    """`languages: <languages>` checked on its own, with no layout to fit."""
    path = tmp_path / "content.yaml"
    path.write_text(f"name: x\nlanguages: {languages}\n", encoding="utf-8")
    root, values = read_yaml(path, "content")
    ctx = Context(values=values, project_dir=tmp_path)
    node = next(value for key, value in root.value if key.value == "languages")
    return Languages().validate(node, "languages", ctx), ctx


@pytest.mark.parametrize("languages", ["[en]", "[fr, de]", "[en, it, es]", "[nl, pl, fr, de]"])
def test_one_to_four_languages(tmp_path: Path, languages: str):
    value, ctx = checked(tmp_path, languages)
    assert value == languages.strip("[]").split(", ")
    assert ctx.problems == [] and ctx.warnings == []  # each of them hyphenated by its own patterns


def test_five_languages_are_refused(tmp_path: Path):
    _, ctx = checked(tmp_path, "[fr, de, en, it, es]")
    with pytest.raises(InputError) as info:
        ctx.raise_problems("content.yaml")
    assert str(info.value) == "content.yaml:2:12: languages: too many languages: 5 (at most 4)"


def test_a_language_without_hyphenation_patterns_is_taken_with_a_warning(tmp_path: Path):
    value, ctx = checked(tmp_path, "[fr, de, lb]")
    assert value == ["fr", "de", "lb"] and ctx.problems == []
    assert ctx.warning_lines("content.yaml") == (f"content.yaml:2:21: languages[2]: {LB_WARNING}",)


def in_languages(data: dict, languages: list[str], panels: dict | None = None) -> None:
    """The content `data` in `languages`: every translated text in each of them (a copy of its French
    text, or its German one for a language after the first), printed by `panels` (default: every panel
    prints every language, the fields of action on two panels of their own, the engaged ones apart)."""

    def translate(value) -> None:
        if isinstance(value, dict) and set(value) == {"fr", "de"}:
            texts = (value["fr"], value["de"])
            value.clear()
            value.update({lang: texts[min(index, 1)] for index, lang in enumerate(languages)})
        elif isinstance(value, dict | list):
            for item in value.values() if isinstance(value, dict) else value:
                translate(item)

    translate(data["sections"])
    translate(data["document"])
    translate(data["typography"])
    data["languages"] = languages
    if panels is None:
        fields = data["sections"]["fields_of_action"]
        data["sections"]["fields_engaged"] = fields[5:]  # UN RÉSEAU ENGAGÉ and its items
        del fields[5:]
    data["panels"] = panels or {
        "flap": ["cities"],
        "back": ["contact"],
        "cover": ["cover"],
        "inside-left": ["about"],
        "inside-middle": ["fields_of_action"],
        "inside-right": ["fields_engaged"],
    }


@pytest.mark.parametrize("languages", [["fr"], ["de"], ["fr", "de", "en"], ["fr", "de", "en", "it"]])
def test_a_content_in_one_to_four_languages(project: Path, languages: list[str]):
    edit_content(project, lambda data: in_languages(data, languages))
    content = load_content(project / "content.yaml")
    assert content.languages == languages
    # The texts are the French and German ones copied: the content's sanity warnings say so, and only they.
    assert all(": reads as " in line or ": the same text as " in line for line in content.warnings)
    assert list(content.data["sections"]["contact"]["blocks"][0]["text"]) == languages
    assert content.data["sections"]["cover"]["blocks"][1]["text"] == "QUATTROPOLE"  # one text for all


def test_a_content_in_five_languages_is_refused(project: Path):
    edit_content(project, lambda data: in_languages(data, ["fr", "de", "en", "it", "es"]))
    lines = (project / "content.yaml").read_text(encoding="utf-8").splitlines()
    with pytest.raises(InputError) as info:
        load_content(project / "content.yaml")
    assert str(info.value) == (
        f"{project / 'content.yaml'}:{lines.index('languages:') + 2}:1: languages: too many languages: 5 (at most 4)"
    )


def test_panels_facing_in_two_of_three_languages_are_refused(project: Path):
    facing = {
        "inside-middle": {"sections": ["fields_of_action"], "lang": "fr"},
        "inside-right": {"sections": ["fields_of_action"], "lang": "de"},
    }
    edit_content(project, lambda data: in_languages(data, ["fr", "de", "en"], {**data["panels"], **facing}))
    lines = (project / "content.yaml").read_text(encoding="utf-8").splitlines()
    with pytest.raises(InputError) as info:
        load_content(project / "content.yaml")
    assert str(info.value) == (
        f"{project / 'content.yaml'}:{lines.index('  inside-middle:') + 2}:5: panels.inside-middle: "
        "section 'fields_of_action' is printed one language a panel, but by no panel in 'en'"
    )


def luxembourgish(project: Path) -> Path:
    """The project with Luxembourgish as its third language (the German texts for it), on a
    layout that prints every language in each panel."""
    bifold = {
        "back": ["cities", "contact"],
        "cover": ["cover"],
        "inside-left": ["about"],
        "inside-right": ["fields_of_action"],
    }

    def change(data: dict) -> None:
        in_languages(data, ["fr", "de", "lb"], bifold)
        data["layout"] = "bifold-a4"

    edit_content(project, change)
    return project / "content.yaml"


def test_the_content_carries_the_warning_with_its_place(project: Path, monkeypatch):
    monkeypatch.chdir(project)
    path = luxembourgish(project)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = lines.index("- lb") + 1
    warnings = load_content(Path("content.yaml")).warnings  # and those of the German texts copied as lb's
    assert [warning for warning in warnings if LB_WARNING in warning] == [
        f"content.yaml:{line}:3: languages[2]: {LB_WARNING}"
    ]


def test_a_build_reports_the_warning_once_before_rendering(project: Path, monkeypatch, caplog):
    monkeypatch.chdir(project)
    luxembourgish(project)
    failed = Report(None, (Finding("glyphs", Severity.ERROR, "stop here"),))
    monkeypatch.setattr(building, "check_content", lambda content, layout: failed)  # stops before rendering
    with caplog.at_level(logging.WARNING, logger="brochure"), pytest.raises(CheckFailed):
        building.build(Path("content.yaml"), project / "out")
    assert [record.getMessage() for record in caplog.records if LB_WARNING in record.getMessage()] == [
        warning for warning in load_content(Path("content.yaml")).warnings if LB_WARNING in warning
    ]
