"""What `watch` and `build --all-events` survive: a bug in one rebuild, a link out of the project, a
folder with no content, a worker killed, two event files with the same outputs, and Ctrl-C, which
ends every command with status 130 and leaves no process behind."""

from __future__ import annotations

import logging
import os
import queue
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from conftest import ROOT, hang_guard
from openday import with_open_day

from brochure.commands import build as build_module
from brochure.commands import watch as watch_module
from brochure.commands.cli import main
from brochure.commands.watch import Watcher
from brochure.errors import ExitStatus
from brochure.files.resources import LAYOUTS_DIR

HEADLINE = "panels changed: "  # in the line of each good rebuild of the watch


def two_saves_then_ctrl_c(watcher):
    """Instead of watching the disk: two saves, then Ctrl-C."""
    yield {("modified", str(watcher.content_path))}
    yield {("modified", str(watcher.content_path))}
    raise KeyboardInterrupt


@pytest.mark.parametrize("traceback", [False, True])
def test_a_bug_in_one_rebuild_is_reported_and_the_watch_goes_on(project: Path, monkeypatch, capsys, traceback):
    with_open_day(project)
    builds = []

    def build_with_a_bug_once(*args, **kwargs):
        builds.append(args)
        if len(builds) == 2:  # the first save meets a bug, the next one builds
            raise RuntimeError("a bug met once")
        return build_module.build(*args, **kwargs)

    monkeypatch.setattr(watch_module, "build", build_with_a_bug_once)
    monkeypatch.setattr(watch_module, "file_changes", two_saves_then_ctrl_c)
    args = ["watch", str(project / "content.yaml"), "-o", str(project / "out"), "--only", "print"]
    assert main([*args, *(["--traceback"] if traceback else [])]) == ExitStatus.INTERRUPTED == 130
    out, err = capsys.readouterr()
    assert len(builds) == 3
    assert [line.split(": ", 1)[1].startswith("panels changed: ") for line in out.splitlines()] == [True, True]
    assert out.splitlines()[1].endswith(": panels changed: none; checks: 0 errors, 0 warnings")  # recovered
    lines = err.splitlines()
    kept = next(
        index for index, line in enumerate(lines) if line.endswith("not rebuilt, the last good outputs are kept:")
    )
    if traceback:
        assert lines[kept + 1] == "Traceback (most recent call last):"
        assert "RuntimeError: a bug met once" in lines
    else:
        assert (
            lines[kept + 1]
            == "brochure: internal error: RuntimeError: a bug met once (run with --traceback for details)"
        )
        assert "Traceback (most recent call last):" not in lines
    assert lines[-1] == "stopped"


def test_the_watch_never_goes_through_a_link_out_of_the_project(project: Path, caplog):
    with_open_day(project)
    (project / "assets" / "root").symlink_to("/")
    (project / "assets" / "photos").mkdir()
    (project / "assets" / "here").symlink_to(project / "events")  # a link inside: its target is watched
    (project / "out" / "deep").mkdir(parents=True)  # the outputs: not watched
    watcher = Watcher(project / "content.yaml", project / "out", ["print"])
    with caplog.at_level(logging.WARNING):
        folders = watcher.folders()
        assert watcher.folders() == folders
    here = project.resolve()
    assert {folder.relative_to(here).as_posix() for folder in folders if folder.is_relative_to(here)} == {
        ".",
        "assets",
        "assets/icons",
        "assets/photos",
        "assets/profiles",
        "events",
        "layouts",
    }
    assert all(folder.is_relative_to(here) or folder.is_relative_to(LAYOUTS_DIR.resolve()) for folder in folders)
    link = here / "assets" / "root"
    assert caplog.messages == [f"{link}: a link out of the project (to /): not watched"]  # told once


def test_watch_in_a_folder_with_no_content_stops_at_once_as_build_does(tmp_path: Path, capsys):
    content = str(tmp_path / "content.yaml")
    with hang_guard(120):  # it watched for ever
        assert main(["watch", content]) == ExitStatus.INVALID_INPUT == 2
    err = capsys.readouterr().err
    assert err == f"{content}: no such content file\n"
    assert main(["build", content]) == ExitStatus.INVALID_INPUT
    assert capsys.readouterr().err == err


real_event_content = build_module.event_content


def event_content_killed(content, path: Path):
    """The real merge, except for an event whose file name says its process is killed (out of memory, say)."""
    if "killed" in path.name:
        os.kill(os.getpid(), signal.SIGKILL)
    return real_event_content(content, path)


def test_a_worker_killed_fails_its_event_alone(project: Path, monkeypatch, capsys):
    with_open_day(project)
    events = project / "events"
    example = (events / "open-day.yaml").read_text(encoding="utf-8")
    for name in ("b-killed", "c-day", "d-day"):
        (events / f"{name}.yaml").write_text(example, encoding="utf-8")
    # Set before the pool forks: only the worker that builds b-killed dies, and it is never this process (--jobs 2).
    monkeypatch.setattr(build_module, "event_content", event_content_killed)
    capsys.readouterr()
    argv = [
        "build",
        str(project / "content.yaml"),
        "-o",
        str(project / "out"),
        "--all-events",
        "--only",
        "print",
    ]
    assert main([*argv, "--jobs", "2"]) == ExitStatus.INTERNAL_ERROR
    out, err = capsys.readouterr()
    assert sorted(line.split("] ", 1)[1].split(":")[0] for line in out.splitlines()) == ["c-day", "d-day", "open-day"]
    failed = [line for line in err.splitlines() if "failed:" in line]
    assert len(failed) == 1
    assert failed[0].endswith(
        "b-killed: failed: internal error: the build's process ended abruptly (killed by signal 9)"
    )
    assert err.splitlines()[-1] == "3 of 4 events built, 1 failed"
    written = sorted(path.name for path in (project / "out").iterdir())
    assert written == [f"quattropole-{name}-print.pdf" for name in ("c-day", "d-day", "open-day")]


def test_two_event_files_with_the_same_outputs_are_an_error_before_any_build(project: Path, capsys):
    with_open_day(project)
    events = project / "events"
    (events / "open-day.yml").write_text((events / "open-day.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    capsys.readouterr()
    argv = ["build", str(project / "content.yaml"), "-o", str(project / "out"), "--all-events"]
    assert main(argv) == ExitStatus.INVALID_INPUT
    first, second = events / "open-day.yaml", events / "open-day.yml"
    message = f"{first} and {second}: both would write the outputs of event 'open-day'; rename or remove one\n"
    assert capsys.readouterr().err == message
    assert not (project / "out").exists()


# Ctrl-C, in a process of its own: SIGINT to the command, as a terminal sends it.


def session_processes(session: int) -> list[int]:
    """The processes still running (zombies are over) in the session the command led."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):  # ended while looked at
            continue
        if int(fields[3]) == session and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def start(argv: list[str], script: str | None = None) -> subprocess.Popen:
    command = [sys.executable, *(["-c", script] if script else ["-m", "brochure"]), *argv]
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=_as_a_terminal_starts_it,
    )


def _as_a_terminal_starts_it() -> None:
    """In the child, before it runs brochure: Ctrl-C at its default and not blocked, as a shell starts a command
    in the foreground. Both are inherited, and Python keeps a Ctrl-C that it finds ignored ignored: a test
    process whose libraries set either for a moment would start a command that never sees the Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _signals_of(pid: int) -> str:
    """The process's ignored and blocked signals, as the kernel shows them (bit 2 is SIGINT)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return "ended"
    return " ".join(line for line in status.splitlines() if line.startswith(("SigBlk", "SigIgn")))


def lines_of(stream) -> queue.Queue:
    """The stream's lines as they come, read by a thread of their own."""
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in stream], daemon=True).start()
    return lines


def interrupt(process: subprocess.Popen) -> tuple[int, str]:
    """Ctrl-C, sent as a terminal does to every process of the command: the exit status and what is left of
    stderr; the processes left, if any, are killed after."""
    os.killpg(process.pid, signal.SIGINT)
    try:
        try:
            status = process.wait(timeout=120)  # an anti-hang guard: before the fix, it never ended
        except subprocess.TimeoutExpired:
            raise AssertionError(f"not ended by Ctrl-C ({_signals_of(process.pid)})") from None
        return status, process.stderr.read()
    finally:
        left = session_processes(process.pid)
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        assert left == [], "processes left behind"


BUILDS_FOR_EVER = """
import os, sys, threading
from brochure.commands import batch
from brochure.commands.cli import main

def build_for_ever(*args):  # each event's build, in a worker: says it started, and never ends
    os.write(1, b"building\\n")  # in one write: the two workers' lines never mix
    threading.Event().wait()

batch.build = build_for_ever
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the processes left in /proc")
def test_ctrl_c_ends_a_batch_and_its_workers_with_status_130(project: Path):
    with_open_day(project)
    events = project / "events"
    (events / "second.yaml").write_text((events / "open-day.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    argv = ["build", str(project / "content.yaml"), "-o", str(project / "out"), "--all-events", "-j", "2"]
    process = start(argv, textwrap.dedent(BUILDS_FOR_EVER))
    with hang_guard(120):
        assert [process.stdout.readline(), process.stdout.readline()] == ["building\n"] * 2  # both workers
    status, err = interrupt(process)
    assert status == ExitStatus.INTERRUPTED == 130
    assert err.splitlines()[-1] == "interrupted"
    assert "Traceback" not in err


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the processes left in /proc")
def test_a_watch_with_a_link_to_root_builds_watches_and_stops_on_ctrl_c_with_130(project: Path):
    with_open_day(project)
    (project / "assets" / "root").symlink_to("/")
    content = project / "content.yaml"
    process = start(["watch", str(content), "-o", str(project / "out"), "--only", "print"])
    out = lines_of(process.stdout)
    with hang_guard(300):
        assert HEADLINE in out.get()  # the first build is shown
        for _ in range(120):  # watching starts in its own time after the first build: save until a save is seen
            content.write_text(content.read_text(encoding="utf-8"), encoding="utf-8")
            try:
                line = out.get(timeout=1)
                break
            except queue.Empty:
                assert process.poll() is None, process.stderr.read()
        assert HEADLINE in line
    status, err = interrupt(process)
    assert status == ExitStatus.INTERRUPTED == 130
    link = project.resolve() / "assets" / "root"
    lines = err.splitlines()
    assert lines.count(f"brochure: WARNING: {link}: a link out of the project (to /): not watched") == 1
    assert lines[-1] == "stopped"


def test_with_a_link_out_a_save_is_seen_and_so_is_a_folder_made_while_watching(project: Path):
    with_open_day(project)
    (project / "assets" / "root").symlink_to("/")  # watched through, it had the watch walk every file
    watcher = Watcher(project / "content.yaml", project / "out", ["print"])
    stop, batches = threading.Event(), queue.Queue()
    thread = threading.Thread(target=lambda: [batches.put(b) for b in watch_module.file_changes(watcher, stop)])
    thread.start()

    def save_until_seen(path: Path) -> None:
        """Save `path` until a batch names it: watching (again) starts in its own time."""
        for _ in range(120):
            path.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>" if path.suffix == ".svg" else path.read_text())
            try:
                while True:
                    if str(path) in {changed for _, changed in batches.get(timeout=1)}:
                        return
            except queue.Empty:
                assert thread.is_alive(), "the watch stopped"
        raise AssertionError(f"{path}: never seen")

    try:
        save_until_seen(project.resolve() / "content.yaml")
        (project / "assets" / "photos").mkdir()
        save_until_seen(project.resolve() / "assets" / "photos" / "new.svg")
    finally:
        stop.set()
        thread.join(timeout=30)  # an anti-hang guard, not a timing


class _CtrlCWhileImporting:
    """An import finder that is Ctrl-C pressed while the command line is being imported."""

    def find_spec(self, name, path=None, target=None):
        if name == "brochure.commands.cli":
            raise KeyboardInterrupt
        return None


def test_ctrl_c_while_the_command_line_is_imported_is_130_without_a_traceback(monkeypatch, capsys):
    """In the first tenth of a second, before `main` runs, it was a KeyboardInterrupt traceback."""
    from brochure.__main__ import run

    monkeypatch.delitem(sys.modules, "brochure.commands.cli")
    monkeypatch.setattr(sys, "meta_path", [_CtrlCWhileImporting(), *sys.meta_path])
    monkeypatch.setattr(sys, "argv", ["brochure", "--version"])
    assert run() == ExitStatus.INTERRUPTED == 130
    assert capsys.readouterr().err == "interrupted\n"


def test_the_brochure_program_runs_what_python_dash_m_runs():
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts == {"brochure": "brochure.__main__:run"}  # the entry that turns a Ctrl-C in an import into 130
