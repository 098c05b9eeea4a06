"""Projects you did not write: a stylesheet, a template or an asset that asks for unbounded memory or
time ends in one clear line (exit 1 or 2), within the memory limit, and the last good outputs stay.

Each build runs as a process of its own: the timeout only guards against a hang, and the peak
memory its children took (ru_maxrss) is held to a bound, never the time they took.
"""

from __future__ import annotations

import os
import resource
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from openday import quattropole_copy

from brochure.commands import limits
from brochure.commands.serve import PreviewServer
from brochure.commands.watch import Watcher
from brochure.errors import ExitStatus

ROOT = Path(__file__).resolve().parent.parent.parent
GUARD = 120  # seconds: a hang guard, far above what each case takes
# A template that joins texts into one of 1.8 GB: the sandbox bounds what a template writes and
# repeats, not what it joins, so the memory limit is what stops this one.
TEMPLATE_HOG = (
    "{% set a = 'x' * 19000000 %}{% set b = a ~ a ~ a ~ a ~ a ~ a ~ a ~ a %}"
    "{% set c = b ~ b ~ b ~ b ~ b ~ b ~ b ~ b ~ b ~ b ~ b ~ b %}"
)
PEAK_MB = 1_000  # resident memory a hostile build may reach: below the limit, far from what hurts a machine
TOO_MUCH = "a project's stylesheet or template may ask for too much (e.g. a huge font-size)"


def project_with(tmp_path: Path, template: str, extra: str = "", before: str = "") -> Path:
    """A project whose own copy of trifold-roll changes one of the shared templates."""
    project = quattropole_copy(tmp_path / "p")
    layout = project / "layouts" / "trifold-roll"
    layout.mkdir(parents=True)
    shutil.copy(ROOT / "layouts" / "trifold-roll" / "layout.yaml", layout)
    text = (ROOT / "layouts" / "_base" / template).read_text(encoding="utf-8")
    (layout / template).write_text(before + text + extra, encoding="utf-8")
    return project


def built(project: Path, *args: str, **env: str) -> tuple[subprocess.CompletedProcess, int]:
    """`brochure build` of `project` in a process of its own: its result and the peak memory of the
    children so far, in MB (this one's is the largest: each case is far above the others)."""
    result = subprocess.run(
        [sys.executable, "-m", "brochure", "build", "-o", "out", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=GUARD,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )
    return result, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024


def test_a_huge_font_size_fails_its_checks_within_the_bound(tmp_path: Path):
    project = project_with(tmp_path, "leaflet.css.j2", extra="\nhtml { font-size: 1e6pt; }\n")
    result, peak = built(project, "--only", "print")
    assert result.returncode == ExitStatus.CHECK_FAILED, result.stderr
    assert result.stderr.startswith("checks failed: print edition: ")
    assert "Traceback" not in result.stderr and not (project / "out" / "quattropole-print.pdf").exists()
    assert peak < PEAK_MB


def test_a_template_building_a_huge_string_is_stopped_by_the_memory_limit(tmp_path: Path):
    project = project_with(tmp_path, "leaflet.html.j2", before=TEMPLATE_HOG)
    result, peak = built(project, "--only", "print")
    assert result.returncode == ExitStatus.INVALID_INPUT, result.stderr
    assert result.stderr == (
        f"brochure: the build needed more than 1.5 GB of memory: filling in the templates; {TOO_MUCH}\n"
    )
    assert peak < PEAK_MB


def test_the_memory_limit_can_be_changed_and_keeps_the_last_good_outputs(tmp_path: Path):
    project = project_with(tmp_path, "leaflet.html.j2", before=TEMPLATE_HOG)
    (project / "out").mkdir()
    (project / "out" / "quattropole-print.pdf").write_bytes(b"%PDF- the last good one")
    result, _ = built(project, "--only", "print", BROCHURE_MEMORY_LIMIT="500 MB")
    assert (
        result.stderr
        == f"brochure: the build needed more than 500 MB of memory: filling in the templates; {TOO_MUCH}\n"
    )
    assert (project / "out" / "quattropole-print.pdf").read_bytes() == b"%PDF- the last good one"
    assert sorted(path.name for path in (project / "out").iterdir()) == ["quattropole-print.pdf"]


def test_a_memory_limit_that_is_no_size_is_refused(tmp_path: Path):
    result, _ = built(tmp_path, BROCHURE_MEMORY_LIMIT="lots")
    assert result.returncode == ExitStatus.INVALID_INPUT
    assert result.stderr == "BROCHURE_MEMORY_LIMIT: not a memory limit: 'lots' (write e.g. 1.5 GB or 800 MB, or none)\n"


def test_a_counter_bomb_is_refused(tmp_path: Path):
    bomb = '@counter-style bomb { system: symbolic; symbols: "x"; }\nhtml { counter-reset: c 100000000; }\n'
    project = project_with(tmp_path, "leaflet.css.j2", extra=bomb + "p::before { content: counter(c, bomb); }\n")
    result, peak = built(project, "--only", "print")
    assert result.returncode == ExitStatus.INVALID_INPUT, result.stderr
    assert result.stderr == (
        "the stylesheet prints a counter of 100000000: a counter beyond ±10,000 is refused "
        "(see the layout's leaflet.css.j2)\n"
    )
    assert peak < PEAK_MB


def test_a_counter_printed_too_long_is_refused(tmp_path: Path):
    style = '@counter-style long { system: symbolic; symbols: "xxxxxxxxxx"; }\nhtml { counter-reset: c 9000; }\n'
    project = project_with(tmp_path, "leaflet.css.j2", extra=style + "p::before { content: counter(c, long); }\n")
    result, _ = built(project, "--only", "print")
    assert result.returncode == ExitStatus.INVALID_INPUT, result.stderr
    assert result.stderr == (
        "the stylesheet prints a counter of 90,000 characters: one over 200 is refused "
        "(see the layout's leaflet.css.j2)\n"
    )


def test_an_svg_with_a_megabyte_of_text_is_refused(tmp_path: Path):
    project = quattropole_copy(tmp_path / "p")
    text = "a" * 1_000_000
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><text y="10">{text}</text></svg>'
    (project / "assets" / "map-quattropole.svg").write_text(svg, encoding="utf-8")
    result, peak = built(project, "--only", "print")
    assert result.returncode == ExitStatus.INVALID_INPUT, result.stderr
    assert result.stderr.endswith(
        "sections.cities.blocks[1].picture.file: 'assets/map-quattropole.svg' is not a valid SVG image: "
        "its texts are more than 20,000 characters long once its references are followed\n"
    )
    assert peak < PEAK_MB


def test_a_memory_error_in_a_watch_rebuild_is_reported_and_watching_goes_on(tmp_path: Path, monkeypatch):
    from brochure.commands import build as build_module

    project = quattropole_copy(tmp_path / "p")
    real = build_module._build

    def out_of_memory(*args, **kwargs):
        raise MemoryError

    watcher = Watcher(project / "content.yaml", project / "out", ["print"])
    monkeypatch.setattr(build_module, "_build", out_of_memory)
    failed = watcher.rebuild()
    assert failed.status == ExitStatus.INVALID_INPUT
    assert failed.error == f"brochure: the build ran out of memory; {TOO_MUCH}"
    monkeypatch.setattr(build_module, "_build", real)
    assert watcher.rebuild().ok


def test_a_build_past_the_time_limit_is_stopped(monkeypatch):
    monkeypatch.setenv(limits.TIME_VARIABLE, "1")
    with pytest.raises(limits.OutOfTime) as info, limits.time_limit(limits.time_limit_seconds()):
        while True:
            pass
    assert str(info.value) == f"brochure: the build took more than 1 s; {limits.TOO_LONG}"


def test_a_garbage_request_gets_a_400_and_no_traceback(capfd):
    with PreviewServer(0) as server, socket.create_connection(server.address) as client:
        client.sendall(b"GET http://[::1 HTTP/1.1\r\nHost: x\r\n\r\n")
        client.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := client.recv(4096):
            answer += chunk
    assert answer.startswith(b"HTTP/1.0 400 Bad Request\r\n")
    assert "Traceback" not in capfd.readouterr().err
