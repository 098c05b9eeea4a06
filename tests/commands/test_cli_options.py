"""Options that take a size or a list of marks: every usual way of writing them, and one line for a wrong one."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from brochure import ExitStatus
from brochure.commands.cli import main


@pytest.fixture
def settings_seen(monkeypatch) -> list:
    """The settings a build is handed, the build itself not run."""
    seen = []

    def build(content, outdir, editions, settings, session):
        seen.append(settings)
        raise click.exceptions.Exit(ExitStatus.OK)

    monkeypatch.setattr("brochure.commands.build.build", build)
    return seen


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("500 kB", 500_000),
        ("500 KB", 500_000),
        ("500kb", 500_000),
        ("500 KiB", 512_000),
        ("1 mb", 1_000_000),
        ("1 MiB", 1_048_576),
        ("1.5 MB", 1_500_000),
        ("300000", 300_000),
        ("300000 B", 300_000),
    ],
)
def test_email_max_size_takes_every_usual_way_of_writing_a_size(tmp_path: Path, settings_seen, text: str, size: int):
    assert main(["build", str(tmp_path / "content.yaml"), "--email-max-size", text]) == ExitStatus.OK
    assert [settings.email_max_bytes for settings in settings_seen] == [size]


def test_a_wrong_email_max_size_is_one_line_naming_the_option_and_the_forms(tmp_path: Path, settings_seen, capsys):
    assert main(["build", str(tmp_path / "content.yaml"), "--email-max-size", "1 megabyte"]) == ExitStatus.INVALID_INPUT
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("--email-max-size: not a file size: '1 megabyte' (write it in bytes, or B, kB, MB")
    assert "KiB" in err and "300000" in err
    assert settings_seen == []


@pytest.mark.parametrize(("marks", "chosen"), [("none", ()), ("crop", ("crop",)), ("crop,fold", ("crop", "fold"))])
def test_marks_none_alone_means_no_marks(tmp_path: Path, settings_seen, marks: str, chosen: tuple):
    assert main(["build", str(tmp_path / "content.yaml"), "--marks", marks]) == ExitStatus.OK
    assert [settings.marks for settings in settings_seen] == [chosen]


@pytest.mark.parametrize("marks", ["none,crop", "crop, none", "fold,none,crop"])
def test_marks_none_with_others_is_one_usage_line(tmp_path: Path, settings_seen, capsys, marks: str):
    assert main(["build", str(tmp_path / "content.yaml"), "--marks", marks]) == ExitStatus.INVALID_INPUT
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "none cannot be combined" in err
    assert "unknown mark" not in err
    assert settings_seen == []
