"""Many builds at once: every event of a project (`build --all-events`), on a pool of processes.

WeasyPrint is imported, and the content's hyphenation dictionaries loaded, before the pool
forks, so that each worker starts with them (and brochure) loaded instead of loading them
anew. Each event is built on its own: one that fails reports its error and does not stop
the others, nor does one whose process dies (the pool it breaks is replaced by a process
per event for the builds left). Interrupted, a batch ends its processes at once.
Each worker process keeps one render session for the events it builds (so an image is
converted, a template compiled, once per worker); a batch on one process, one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import multiprocessing.connection
import os
import signal
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from brochure.commands.build import BuildResult, build
from brochure.content.load import load_content
from brochure.editions import BuildSettings
from brochure.errors import BrochureError, ExitStatus, internal_error
from brochure.render.warm.session import Session


@dataclass(frozen=True)
class EventOutcome:
    """What building one event did: its result, or the error that stopped it."""

    event: Path
    status: ExitStatus
    seconds: float
    result: BuildResult | None = None
    error: str | None = None  # the error's message, its lines as `build` prints them


Task = tuple[Path, Path, list[str] | None, BuildSettings]  # build_one's arguments


@dataclass(frozen=True)
class SessionOptions:
    """What each process of a batch makes its render session with: whether it keeps anything, and
    the most one build may take (0: no bound)."""

    keep: bool = True
    seconds: int = 0

    def make(self) -> Session:
        return Session(self.keep, seconds=self.seconds)


def worker_count(jobs: int | None, tasks: int) -> int:
    """How many processes to build `tasks` builds on: `jobs`, else every core, never more than the tasks."""
    return max(1, min(jobs or os.cpu_count() or 1, tasks))


def build_events(
    content_path: Path,
    outdir: Path,
    events: list[Path],
    only: Iterable[str] | None = None,
    settings: BuildSettings | None = None,
    jobs: int | None = None,
    keep: bool = True,
    seconds: int = 0,
) -> Iterator[EventOutcome]:
    """Build the leaflet of each event file, on `jobs` processes (default: every core), yielding
    each outcome as it is done; without `keep`, with render sessions that keep nothing (`--no-cache`);
    each build bounded to `seconds` if not 0 (the command line's limit)."""
    settings = settings or BuildSettings()
    only = list(only) if only is not None else None
    sessions = SessionOptions(keep, seconds)
    tasks = [(content_path, outdir, only, dataclasses.replace(settings, event=event)) for event in events]
    workers = worker_count(jobs, len(tasks))
    if workers == 1:  # no pool to pay for: the same function, in this process, with one session
        session = sessions.make()
        yield from (build_one(*task, session) for task in tasks)
        return
    import weasyprint  # noqa: F401  (loaded once, before the fork, for every worker to share)

    with contextlib.suppress(BrochureError):  # each event's build reports a broken content itself
        # likewise, and parsed once if not in the cache
        sessions.make().warm_hyphenation(load_content(content_path).languages)

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    unfinished: list[Task] = []
    yield from _build_on_a_pool(tasks, workers, context, unfinished, sessions)
    # A worker that died (out of memory, a signal) broke the pool, and every build not done with it: each of
    # those is built once more, in a process of its own, so that a death is its own event's alone.
    yield from _build_alone(sorted(unfinished, key=tasks.index), workers, context, sessions)


def _build_on_a_pool(
    tasks: list[Task], workers: int, context, unfinished: list[Task], sessions: SessionOptions
) -> Iterator[EventOutcome]:
    """Build the tasks on a pool of `workers` processes, each outcome as it is done; the tasks the pool
    broke on, if it broke, are added to `unfinished`. Stopped early (Ctrl-C), it ends its workers at once."""
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(sessions,))
    try:
        futures = {}
        for task in tasks:
            try:
                futures[pool.submit(_build_in_worker, *task)] = task
            except BrokenProcessPool:  # broken already, while the tasks were handed out
                unfinished.append(task)
        for future in as_completed(futures):
            try:
                outcome = future.result()
            except BrokenProcessPool:
                unfinished.append(futures[future])
                continue
            yield outcome
    except BaseException:
        _end_workers(pool)
        raise
    pool.shutdown()


def _end_workers(pool: ProcessPoolExecutor) -> None:
    """Drop the builds not started and end the running ones now, rather than wait for them to finish.
    The pool's managing thread is waited for once its workers are gone: left running, it closes its pipe
    while the interpreter's exit wakes it through that pipe, and Python 3.11 prints an `OSError`."""
    processes = list((getattr(pool, "_processes", None) or {}).values())  # no public way before Python 3.14
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    _end(processes)
    if manager is not None:
        manager.join()


def _leave_ctrl_c_to_the_parent() -> None:
    """In a worker: Ctrl-C, which the terminal sends to every process of the command, is the parent's to
    handle (it ends the workers); a worker would only print a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _end(processes: list[multiprocessing.process.BaseProcess]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        process.join()


def _build_alone(tasks: list[Task], workers: int, context, sessions: SessionOptions) -> Iterator[EventOutcome]:
    """Build each task in a process of its own, `workers` at once: a process that dies fails its event alone."""
    waiting, running = list(tasks), {}  # the reading end of each process's pipe → the process and its task
    try:
        while waiting or running:
            while waiting and len(running) < workers:
                task = waiting.pop(0)
                reading, writing = context.Pipe(duplex=False)
                process = context.Process(target=_send_outcome, args=(writing, task, sessions), daemon=True)
                process.start()
                writing.close()  # the child holds the only writing end: its death is the end of the pipe
                running[reading] = (process, task)
            for reading in multiprocessing.connection.wait(list(running)):
                process, task = running.pop(reading)
                yield _received(reading, process, task[3].event)
    finally:
        _end([process for process, _ in running.values()])
        for reading in running:
            reading.close()


def _send_outcome(writing, task: Task, sessions: SessionOptions) -> None:
    _leave_ctrl_c_to_the_parent()
    writing.send(build_one(*task, sessions.make()))
    writing.close()


def _received(reading, process, event: Path) -> EventOutcome:
    """The outcome a process sent, or, if it died first, the internal error that says how it ended."""
    try:
        outcome = reading.recv()
    except EOFError:
        outcome = None
    reading.close()
    process.join()
    if outcome is not None:
        return outcome
    code = process.exitcode
    how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit status {code}"
    message = internal_error(f"the build's process ended abruptly ({how})")
    return EventOutcome(event, ExitStatus.INTERNAL_ERROR, 0.0, error=message)


class _Worker:
    """The render session of this worker process, made when the pool starts it: a task is a
    function call, so what it keeps for the next task of the same process must be found here."""

    session: Session | None = None


def _start_worker(sessions: SessionOptions) -> None:
    _leave_ctrl_c_to_the_parent()
    _Worker.session = sessions.make()


def _build_in_worker(content_path: Path, outdir: Path, only: list[str] | None, settings: BuildSettings) -> EventOutcome:
    return build_one(content_path, outdir, only, settings, _Worker.session)


def build_one(
    content_path: Path,
    outdir: Path,
    only: list[str] | None,
    settings: BuildSettings,
    session: Session | None = None,
) -> EventOutcome:
    """Build one event's leaflet, in `session`; its error, if any, as the outcome's message, never raised."""
    start = time.perf_counter()
    event = settings.event or content_path
    try:
        result = build(content_path, outdir, only, settings, session)
    except BrochureError as exc:
        return EventOutcome(event, exc.exit_status, time.perf_counter() - start, error=str(exc))
    except Exception as exc:  # a bug in brochure: reported like the command line does, for this event only
        return EventOutcome(event, ExitStatus.INTERNAL_ERROR, time.perf_counter() - start, error=internal_error(exc))
    return EventOutcome(event, ExitStatus.OK, time.perf_counter() - start, result=result)
