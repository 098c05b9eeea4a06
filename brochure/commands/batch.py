"""Many builds at once: every event of a project (`build --all-events`), on a pool of processes.

WeasyPrint is imported, and the content's hyphenation dictionaries loaded, before the pool
forks, so that each worker starts with them (and brochure) loaded instead of loading them
anew. Each event is built on its own: one that fails reports its error and does not stop
the others. Each worker process keeps one render session for the events it builds (so an
image is converted, a template compiled, once per worker); a batch on one process, one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
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
) -> Iterator[EventOutcome]:
    """Build the leaflet of each event file, on `jobs` processes (default: every core), yielding
    each outcome as it is done; without `keep`, with render sessions that keep nothing (`--no-cache`)."""
    settings = settings or BuildSettings()
    only = list(only) if only is not None else None
    tasks = [(content_path, outdir, only, dataclasses.replace(settings, event=event)) for event in events]
    workers = worker_count(jobs, len(tasks))
    if workers == 1:  # no pool to pay for: the same function, in this process, with one session
        session = Session(keep)
        yield from (build_one(*task, session) for task in tasks)
        return
    import weasyprint  # noqa: F401  (loaded once, before the fork, for every worker to share)

    with contextlib.suppress(BrochureError):  # each event's build reports a broken content itself
        # likewise, and parsed once if not in the cache
        Session(keep).warm_hyphenation(load_content(content_path).languages)

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(keep,)
    ) as pool:
        futures = {pool.submit(_build_in_worker, *task): task[3].event for task in tasks}
        for future in as_completed(futures):
            try:
                yield future.result()
            except BrokenProcessPool as exc:  # a worker killed (out of memory, a signal): that event only
                abrupt = internal_error(f"the build's process ended abruptly ({exc})")
                message = f"{futures[future]}: {abrupt}"
                yield EventOutcome(futures[future], ExitStatus.INTERNAL_ERROR, 0.0, error=message)


class _Worker:
    """The render session of this worker process, made when the pool starts it: a task is a
    function call, so what it keeps for the next task of the same process must be found here."""

    session: Session | None = None


def _start_worker(keep: bool) -> None:
    _Worker.session = Session(keep)


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
