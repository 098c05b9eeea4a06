"""The command line, run in-process: output, files written and exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from brochure import ExitStatus, InputError
from brochure.commands.cli import main
from brochure.files.output import write_staged

# What `build` writes and says: test_one_build_writes_every_edition_and_says_so (tests/editions).


def test_build_defaults_to_content_yaml_and_out(project: Path, capsys, monkeypatch):
    monkeypatch.chdir(project)
    assert main(["build", "--only", "print"]) == ExitStatus.OK  # the edition does not change where
    assert (project / "out" / "quattropole-print.pdf").is_file()


def test_missing_content_file_is_one_line_exit_2(tmp_path: Path, capsys):
    status = main(["build", str(tmp_path / "nope.yaml")])
    captured = capsys.readouterr()
    assert status == ExitStatus.INVALID_INPUT
    assert captured.err == f"{tmp_path / 'nope.yaml'}: no such content file\n"
    assert "Traceback" not in captured.err


def test_yaml_syntax_error_names_line_and_column(project: Path, capsys):
    content = project / "content.yaml"
    content.write_text("name: x\nlayout: [unclosed\n", encoding="utf-8")
    status = main(["build", str(content), "-o", str(project / "out")])
    err = capsys.readouterr().err
    assert status == ExitStatus.INVALID_INPUT
    assert err.startswith(f"{content}:3:1: YAML syntax error: ")
    assert len(err.splitlines()) == 1


def test_version(capsys):
    assert main(["--version"]) == ExitStatus.OK
    assert capsys.readouterr().out.startswith("brochure, version ")


def test_build_help_names_the_default_editions(capsys):
    from brochure.editions import EDITIONS  # the help writes them out: it must not load the editions

    defaults = ", ".join(name for name, edition in EDITIONS.items() if edition.by_default)
    assert main(["build", "--help"]) == ExitStatus.OK
    assert f"(default: {defaults})" in " ".join(capsys.readouterr().out.split())


def test_unknown_command_exits_2(capsys):
    assert main(["frobnicate"]) == ExitStatus.INVALID_INPUT
    assert "No such command" in capsys.readouterr().err


def test_python_dash_m_runs_the_same_command_line():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "brochure", "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout.startswith("brochure, version ")


@pytest.mark.parametrize("value", ["abc", "99999999999999", "-1", "1.5"])
def test_source_date_epoch_that_is_no_unix_time_is_one_line_exit_2(project: Path, capsys, monkeypatch, value: str):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    status = main(["build", str(project / "content.yaml"), "-o", str(project / "out")])
    assert status == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == f"SOURCE_DATE_EPOCH: not a Unix time: {value!r}\n"
    assert not (project / "out").exists()


def test_an_output_folder_that_cannot_be_made_is_one_line_exit_2(project: Path, capsys):
    (project / "somefile").write_text("", encoding="utf-8")
    outdir = project / "somefile" / "sub"
    assert main(["build", str(project / "content.yaml"), "-o", str(outdir)]) == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == f"cannot write to {outdir}: Not a directory\n"


@pytest.mark.parametrize(
    ("outdir", "reason"),
    [("somefile/sub", "Not a directory"), ("/proc/brochure-out", "No such file or directory")],
)
def test_write_staged_names_the_folder_it_cannot_write_to(tmp_path: Path, monkeypatch, outdir: str, reason: str):
    monkeypatch.chdir(tmp_path)
    Path("somefile").write_text("", encoding="utf-8")
    with pytest.raises(InputError) as info:
        write_staged(Path(outdir) / "x-print.pdf", b"%PDF-")
    assert str(info.value) == f"cannot write to {outdir}: {reason}"


def test_an_unexpected_exception_is_an_internal_error_in_one_line(capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("something\nbroke")

    monkeypatch.setattr("brochure.commands.build.build", broken)
    assert main(["build"]) == ExitStatus.INTERNAL_ERROR == 70
    assert capsys.readouterr().err == (
        "brochure: internal error: RuntimeError: something broke (run with --traceback for details)\n"
    )
    with pytest.raises(RuntimeError, match="something"):
        main(["--traceback", "build"])


def test_traceback_option_works_after_the_command(tmp_path: Path):
    import pytest

    from brochure import InputError

    with pytest.raises(InputError):
        main(["build", str(tmp_path / "nope.yaml"), "--traceback"])


def test_out_lands_beside_the_content_wherever_the_command_runs(tmp_path: Path, monkeypatch, capsys):
    """It landed in the folder the command ran from."""
    import brochure.commands.build as building
    import brochure.commands.watch as watching
    from brochure.commands.build import BuildResult

    (tmp_path / "leaflet").mkdir()
    (tmp_path / "leaflet" / "content.yaml").write_text("name: x\n", encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    asked: list[Path] = []
    monkeypatch.setattr(
        building, "build", lambda content, outdir, *args, **kwargs: asked.append(outdir) or BuildResult(())
    )

    class Watcher:  # records where the watch would write, and stops it there
        def __init__(self, content: Path, outdir: Path, *args, **kwargs) -> None:
            asked.append(outdir)
            raise KeyboardInterrupt

    monkeypatch.setattr(watching, "Watcher", Watcher)
    assert main(["build", "../leaflet/content.yaml"]) == ExitStatus.OK
    assert main(["build", "../leaflet/content.yaml", "-o", "mine"]) == ExitStatus.OK
    assert main(["watch", "../leaflet/content.yaml"]) == ExitStatus.INTERRUPTED
    assert asked == [Path("../leaflet/out"), Path("mine"), Path("../leaflet/out")]
    for command in ("build", "watch"):
        assert main([command, "--help"]) == ExitStatus.OK
        assert "(default: out/ beside CONTENT)" in " ".join(capsys.readouterr().out.split())


@pytest.mark.parametrize("command", ["build", "watch", "check", "proof"])
def test_a_folder_given_for_a_file_is_one_line_exit_2(tmp_path: Path, command: str, capsys):
    kind = "PDF" if command in ("check", "proof") else "content"
    assert main([command, str(tmp_path)]) == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == f"{tmp_path}: a folder, not a {kind} file; give the path of a {kind} file\n"


@pytest.mark.parametrize("command", ["check", "proof"])
def test_a_picture_given_for_a_pdf_is_one_line_exit_2(tmp_path: Path, command: str, capsys):
    picture = tmp_path / "side-1.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    assert main([command, str(picture)]) == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == f"{picture}: not a PDF brochure can read: it is a PNG image\n"


def test_a_pdf_given_for_the_content_is_one_line_exit_2(tmp_path: Path, capsys):
    pdf = tmp_path / "leaflet-print.pdf"
    pdf.write_bytes(b"%PDF-1.7\n\xe2\xe3\xcf\xd3\n")
    assert main(["build", str(pdf)]) == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == f"{pdf}: a PDF, not a content file (YAML); give the path of a content file\n"
