"""`brochure new`: a project that builds at once, its example event too."""

from __future__ import annotations

from pathlib import Path

import pytest

from brochure.commands.cli import main
from brochure.errors import ExitStatus


def test_a_new_project_builds_at_once_with_its_event(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys):
    assert main(["new", str(tmp_path / "x")]) == ExitStatus.OK
    project = tmp_path / "x"
    for name in ("content.yaml", "assets/cover.svg", "events/open-day.yaml", "layouts/README.md"):
        assert (project / name).is_file(), name
    assert "fr:" in (project / "content.yaml").read_text(encoding="utf-8")
    assert "de:" in (project / "content.yaml").read_text(encoding="utf-8")
    capsys.readouterr()
    monkeypatch.chdir(project)
    assert main(["build"]) == ExitStatus.OK
    assert capsys.readouterr().err == ""  # no finding, no library warning
    assert (project / "out" / "my-leaflet-print.pdf").is_file()
    assert main(["build", "--event", "events/open-day.yaml", "--only", "print"]) == ExitStatus.OK
    assert (project / "out" / "my-leaflet-open-day-print.pdf").is_file()


def test_new_refuses_a_folder_that_holds_files(tmp_path: Path, capsys):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(tmp_path)]) == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == f"{tmp_path}: already exists and is not an empty folder; name a new one\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt"]


def test_new_fills_an_empty_folder(tmp_path: Path):
    assert main(["new", str(tmp_path)]) == ExitStatus.OK
    assert (tmp_path / "content.yaml").is_file()
