"""`brochure new`: a project copied from one of the examples, and `--list` naming them.

That every example builds is tests/examples/test_examples.py's."""

from __future__ import annotations

from pathlib import Path

import pytest

from brochure.commands.cli import main
from brochure.commands.new import DEFAULT_EXAMPLE, example_names
from brochure.errors import ExitStatus
from brochure.files.resources import EXAMPLES_DIR

# What every project gets beside its example's files.
ADDED = [".gitignore", "content.schema.json", "event.schema.json", "layouts/README.md"]


def _files(folder: Path) -> list[str]:
    return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())


def test_new_copies_the_default_example_and_says_what_it_wrote(tmp_path: Path, capsys):
    project = tmp_path / "x"
    assert main(["new", str(project)]) == ExitStatus.OK
    assert DEFAULT_EXAMPLE == "city-network"
    written = _files(project)
    assert written == sorted([*_files(EXAMPLES_DIR / "city-network"), *ADDED])
    for name in ("content.yaml", "assets/cover.svg", "events/open-day.yaml"):
        assert (project / name).read_bytes() == (EXAMPLES_DIR / "city-network" / name).read_bytes(), name
    assert (project / "layouts" / "README.md").read_bytes() == (EXAMPLES_DIR / "LAYOUTS.md").read_bytes()
    out = capsys.readouterr().out
    assert out == f"created {project}/: {', '.join(written)}\nnext: cd {project} && brochure build\n"


def test_new_copies_the_example_it_is_given_with_its_photos(tmp_path: Path):
    project = tmp_path / "x"
    assert main(["new", str(project), "--example", "festival"]) == ExitStatus.OK
    festival = EXAMPLES_DIR / "festival"
    assert _files(project) == sorted([*_files(festival), *ADDED])
    assert (project / "content.yaml").read_bytes() == (festival / "content.yaml").read_bytes()
    assert (project / "assets" / "photos" / "sunset-hills.jpg").is_file()
    assert (project / "events" / "equinoxe.yaml").is_file()


def test_a_new_project_ignores_its_builds_and_editors_leftovers(tmp_path: Path):
    project = tmp_path / "x"
    assert main(["new", str(project)]) == ExitStatus.OK
    ignored = (project / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"out/", "*~", "*.swp", ".DS_Store"} <= set(ignored)
    other = tmp_path / "y"
    assert main(["new", str(other), "--example", "festival"]) == ExitStatus.OK
    assert (other / ".gitignore").read_bytes() == (project / ".gitignore").read_bytes()  # the same in every project


def test_list_names_every_example_one_a_line(capsys):
    assert main(["new", "--list"]) == ExitStatus.OK
    out = capsys.readouterr().out
    assert out == "".join(f"{name}\n" for name in example_names())
    assert {"city-network", "festival"} <= set(out.split())
    assert "LAYOUTS.md" not in out  # the shared README is no example


def test_an_unknown_example_is_one_line_with_the_name_meant(tmp_path: Path, capsys):
    assert main(["new", str(tmp_path / "x"), "--example", "festivl"]) == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == "no example 'festivl'; did you mean 'festival'?\n"
    assert not (tmp_path / "x").exists()


def test_an_example_far_from_any_lists_them(tmp_path: Path, capsys):
    assert main(["new", str(tmp_path / "x"), "--example", "zzz"]) == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == f"no example 'zzz'; the examples are {', '.join(example_names())}\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Missing argument 'FOLDER'."),
        (["--list", "x"], "--list takes neither FOLDER nor --example"),
        (["--list", "--example", "festival"], "--list takes neither FOLDER nor --example"),
    ],
)
def test_a_wrong_call_is_a_usage_error(args: list[str], message: str, capsys):
    assert main(["new", *args]) == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err.splitlines()[-1] == f"Error: {message}"


def test_new_refuses_a_folder_that_holds_files(tmp_path: Path, capsys):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(tmp_path)]) == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == f"{tmp_path}: already exists and is not an empty folder; name a new one\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["notes.txt"]


def test_new_fills_an_empty_folder(tmp_path: Path):
    assert main(["new", str(tmp_path)]) == ExitStatus.OK
    assert (tmp_path / "content.yaml").is_file()


def test_a_folder_under_a_file_is_one_line_naming_the_file_and_exit_2(tmp_path: Path, capsys):
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    project = tmp_path / "notes.txt" / "x"
    assert main(["new", str(project)]) == ExitStatus.INVALID_INPUT
    err = capsys.readouterr().err
    assert err == f"{project}: cannot create it: {tmp_path / 'notes.txt'} is a file, not a folder\n"


def test_a_folder_that_may_not_be_written_is_one_line_and_exit_2(tmp_path: Path, capsys, monkeypatch):
    # A read-only folder, as a user who is not root meets it (root writes in any folder).
    def refuse(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("os.makedirs", refuse)
    project = tmp_path / "locked" / "x"
    assert main(["new", str(project)]) == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == f"{project}: cannot create it: no permission to write in {project.parent}\n"
