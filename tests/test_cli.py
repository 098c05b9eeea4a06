"""The command line, run in-process: output, files written and exit codes."""

from __future__ import annotations

from pathlib import Path

from brochure import ExitStatus
from brochure.cli import main


def test_build_writes_the_print_pdf_and_says_so(project: Path, capsys):
    outdir = project / "out"
    status = main(["build", str(project / "content.yaml"), "-o", str(outdir)])
    captured = capsys.readouterr()
    assert status == ExitStatus.OK
    assert (outdir / "quattropole-print.pdf").read_bytes().startswith(b"%PDF-")
    lines = captured.out.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"wrote {outdir / 'quattropole-print.pdf'} (2 pages, ")


def test_build_defaults_to_content_yaml_and_out(project: Path, capsys, monkeypatch):
    monkeypatch.chdir(project)
    assert main(["build"]) == ExitStatus.OK
    assert (project / "out" / "quattropole-print.pdf").is_file()


def test_missing_content_file_is_one_line_exit_2(tmp_path: Path, capsys):
    status = main(["build", str(tmp_path / "nope.yaml")])
    captured = capsys.readouterr()
    assert status == ExitStatus.INVALID_INPUT
    assert captured.err == f"brochure: {tmp_path / 'nope.yaml'}: no such content file\n"
    assert "Traceback" not in captured.err


def test_yaml_syntax_error_names_line_and_column(project: Path, capsys):
    content = project / "content.yaml"
    content.write_text("name: x\nlayout: [unclosed\n", encoding="utf-8")
    status = main(["build", str(content), "-o", str(project / "out")])
    err = capsys.readouterr().err
    assert status == ExitStatus.INVALID_INPUT
    assert err.startswith(f"brochure: {content}:3:1: YAML syntax error: ")
    assert len(err.splitlines()) == 1


def test_version(capsys):
    assert main(["--version"]) == ExitStatus.OK
    assert capsys.readouterr().out.startswith("brochure, version ")


def test_unknown_command_exits_2(capsys):
    assert main(["frobnicate"]) == ExitStatus.INVALID_INPUT
    assert "No such command" in capsys.readouterr().err


def test_python_dash_m_runs_the_same_command_line():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "brochure", "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert done.stdout.startswith("brochure, version ")
