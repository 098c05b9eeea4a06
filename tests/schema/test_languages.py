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


def luxembourgish(project: Path) -> Path:
    """The project with Luxembourgish as its third language (the German texts for it), on a
    layout that prints every language in each panel."""

    def add(value) -> None:
        if isinstance(value, dict) and set(value) == {"fr", "de"}:
            value["lb"] = value["de"]
        elif isinstance(value, dict | list):
            for item in value.values() if isinstance(value, dict) else value:
                add(item)

    def change(data: dict) -> None:
        data.update(languages=["fr", "de", "lb"], layout="bifold-a4")
        add(data)

    edit_content(project, change)
    return project / "content.yaml"


def test_the_content_carries_the_warning_with_its_place(project: Path, monkeypatch):
    monkeypatch.chdir(project)
    path = luxembourgish(project)
    lines = path.read_text(encoding="utf-8").splitlines()
    line = lines.index("- lb") + 1
    assert load_content(Path("content.yaml")).warnings == (f"content.yaml:{line}:3: languages[2]: {LB_WARNING}",)


def test_a_build_reports_the_warning_once_before_rendering(project: Path, monkeypatch, caplog):
    monkeypatch.chdir(project)
    luxembourgish(project)
    failed = Report(None, (Finding("glyphs", Severity.ERROR, "stop here"),))
    monkeypatch.setattr(building, "check_content", lambda content, layout: failed)  # stops before rendering
    with caplog.at_level(logging.WARNING, logger="brochure"), pytest.raises(CheckFailed):
        building.build(Path("content.yaml"), project / "out")
    assert [record.getMessage() for record in caplog.records if LB_WARNING in record.getMessage()] == [
        next(iter(load_content(Path("content.yaml")).warnings))
    ]
