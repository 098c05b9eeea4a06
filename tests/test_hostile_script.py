"""tools/hostile.py, which runs and measures the hostile rows of the issue "Projects you did not write", keeps
working: it lists its rows, and runs a cheap one to a row of its table."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT

SCRIPT = ROOT / "tools" / "hostile.py"


def hostile(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=300, env=env, check=False
    )


def test_the_rows_are_listed_with_those_skipped():
    result = hostile("--list")
    assert result.returncode == 0, result.stderr
    ids = result.stdout.splitlines()
    assert "pdf-fifo-check" in ids and "template-lipsum-popen" in ids and "cache-fifo" in ids
    assert len(ids) == len(set(ids))
    assert any(line.startswith("batch-worker-killed (skipped: ") for line in ids)


def test_a_row_is_run_and_measured():
    result = hostile("pdf-fifo-check")
    assert result.returncode == 0, result.stderr
    header, rule, row = result.stdout.splitlines()
    assert header.startswith("| row | command | exit | seconds | peak MB |")
    cells = [cell.strip() for cell in row.strip("|").split(" | ")]
    assert cells[:3] == ["pdf-fifo-check", "check x.pdf (a FIFO)", "2"]
    assert float(cells[3]) > 0 and int(cells[4]) > 0  # its time and peak memory, measured
    assert cells[-1] == "$T/x.pdf: not a regular file but a named pipe (FIFO); give the path of a PDF file"


def test_a_word_that_names_no_row_is_refused():
    result = hostile("no-such-row")
    assert result.returncode == 2
    assert "no row's id contains 'no-such-row'" in result.stderr
