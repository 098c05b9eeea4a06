"""Writing fields into a content file: only the changed field's lines change, all or nothing."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from brochure.content.load import load_content
from brochure.content.write import MISSING, Change, current_value, write_changes
from brochure.errors import InputError

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copy(ROOT / "content.yaml", tmp_path / "content.yaml")
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    shutil.copytree(ROOT / "events", tmp_path / "events")
    return tmp_path


def _diff(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)][2:]


def test_one_field_changes_one_line(project: Path) -> None:
    path = project / "content.yaml"
    before = path.read_text()
    field = "sections.cover.blocks[1].heading.text"
    assert current_value(path, field) == "QUATTROPOLE"
    write_changes(path, [Change(field, "QUATTROPÔLE")])
    diff = _diff(before, path.read_text())
    assert diff == ["@@ -40 +40 @@", "-          text: QUATTROPOLE", "+          text: QUATTROPÔLE"]
    assert load_content(path).data["sections"]["cover"]["blocks"][1]["text"] == "QUATTROPÔLE"


def test_quoting_and_the_short_path_are_kept(project: Path) -> None:
    path = project / "content.yaml"
    before = path.read_text()
    # Written as the checks name it, without `blocks`: a single-quoted text stays single-quoted.
    write_changes(path, [Change("sections.cities[1].picture.alt.fr", "Carte des quatre villes d'un réseau")])
    diff = _diff(before, path.read_text())
    assert len([line for line in diff if line.startswith("+")]) == 1
    assert "fr: 'Carte des quatre villes d''un réseau'" in diff[-1]


def test_a_programme_item_is_appended_and_a_field_added(project: Path) -> None:
    path = project / "events" / "rencontre-2027.yaml"
    before = path.read_text()
    items = "sections.about[2].programme.items"
    last = {"fr": "Conclusions et verre de l'amitié", "de": "Ergebnisse und Umtrunk"}
    assert current_value(path, f"{items}[3].text") == last
    item = {"time": "18:00", "text": {"fr": "Fin", "de": "Ende"}}
    write_changes(path, [Change(items, item, op="append"), Change(f"{items}[3].text.lb", "Enn")])
    after = path.read_text()
    added = [line for line in _diff(before, after) if line.startswith("+")]
    assert [line[1:].strip() for line in added] == ["lb: Enn", "- time: '18:00'", "text:", "fr: Fin", "de: Ende"]
    assert not [line for line in _diff(before, after) if line.startswith("-")]


def test_nothing_is_written_for_a_field_the_file_does_not_hold(project: Path) -> None:
    path = project / "content.yaml"
    before = path.read_bytes()
    changes = [Change("sections.cover.blocks[1].heading.text", "X"), Change("sections.nowhere[3].text", "Y")]
    with pytest.raises(InputError, match=r"^content.yaml: sections.nowhere\[3\].text: no such field$"):
        write_changes(path, changes)
    assert path.read_bytes() == before
    assert not list(project.glob(".content.yaml.*"))


def test_a_field_is_removed(project: Path) -> None:
    path = project / "content.yaml"
    write_changes(path, [Change("sections.cover.blocks[1].heading.subtitle", op="remove")])
    assert current_value(path, "sections.cover.blocks[1].heading.subtitle") is MISSING
    assert current_value(path, "sections.cover.blocks[1].heading.text") == "QUATTROPOLE"
