"""`build --all-events` when brochure itself fails on one event: a bug (an exception that is no
BrochureError) in one event's build fails that event alone, with the internal-error status,
on a pool of forked processes as in this one."""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from openday import with_open_day

from brochure.commands import build as build_module
from brochure.commands.batch import _end_workers
from brochure.commands.cli import main
from brochure.errors import ExitStatus

real_event_content = build_module.event_content


def event_content_with_a_bug(content, path: Path):
    """The real merge, except for an event whose file name says it has a bug."""
    if "bug" in path.name:
        raise RuntimeError(f"a bug met in {path.name}")
    return real_event_content(content, path)


@pytest.mark.parametrize("jobs", ["2", "1"])
def test_a_bug_in_one_event_fails_that_event_alone(project: Path, monkeypatch, capsys, jobs: str):
    with_open_day(project)
    example = (project / "events" / "open-day.yaml").read_text(encoding="utf-8")
    (project / "events" / "b-bug.yaml").write_text(example, encoding="utf-8")
    # Set before the pool forks: each worker inherits it, and only the one building b-bug meets the bug.
    monkeypatch.setattr(build_module, "event_content", event_content_with_a_bug)
    capsys.readouterr()
    argv = ["build", str(project / "content.yaml"), "-o", str(project / "out"), "--all-events", "--only", "print"]
    assert main([*argv, "--jobs", jobs]) == ExitStatus.INTERNAL_ERROR == 70
    out, err = capsys.readouterr()
    assert [line.split("] ", 1)[1].split(":")[0] for line in out.splitlines()] == ["open-day"]
    failed = [line for line in err.splitlines() if "failed:" in line]
    assert len(failed) == 1
    assert failed[0].endswith("b-bug: failed: internal error: RuntimeError: a bug met in b-bug.yaml")
    assert err.splitlines()[-1] == "1 of 2 events built, 1 failed"
    assert sorted(path.name for path in (project / "out").iterdir()) == ["quattropole-open-day-print.pdf"]


def test_a_pool_ended_early_leaves_no_thread_for_the_interpreters_exit_to_race():
    """Ctrl-C ends a batch's pool at once; its managing thread must be gone when that returns. Left running,
    it closes its pipe while the interpreter's exit writes to it, and an `OSError` follows "interrupted"."""
    pool = ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("fork"))
    started = [pool.submit(time.sleep, 60) for _ in range(2)]
    manager = pool._executor_manager_thread
    assert manager.is_alive()
    _end_workers(pool)
    assert not manager.is_alive()
    assert all(future.done() for future in started)
