"""The memory and the time one build may take: bounds that a project written by someone else cannot pass.

A project's own stylesheet or templates (layouts/) can ask for anything: a font-size of a
million points, a string of gigabytes. The command line (`build`, `watch`, `check`, `proof`)
runs under `applied`: from then on this process, and each process it forks
(the batch workers, the aside), may hold at most `BROCHURE_MEMORY_LIMIT` of data (default
1.5 GB), and one build may take at most `BROCHURE_TIME_LIMIT` seconds (default 300). Used as
a library, brochure sets no limit: the program that calls it decides.

The bound is on the data segment (RLIMIT_DATA: the heap and private writable mappings), not
the address space (RLIMIT_AS): the fonts, libraries and thread arenas that WeasyPrint, Pango
and pdfium map are address space that is never data, and would put an address-space bound
either too close to a normal build or too far from a hostile one. A normal build of the
reference leaflet, every edition and the proof, peaks at about 210 MB resident and 125 MB
of data; a hostile one reaches the bound within seconds and gets a MemoryError, which
`out_of_memory` turns into one line.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import threading
import traceback
from collections.abc import Iterator
from types import TracebackType

from brochure.errors import BrochureError, InputError
from brochure.units import format_size, parse_file_size

MEMORY_VARIABLE = "BROCHURE_MEMORY_LIMIT"
TIME_VARIABLE = "BROCHURE_TIME_LIMIT"
DEFAULT_MEMORY = 1_500_000_000  # bytes of data: 7 times what a normal build holds, far from what hurts a machine
DEFAULT_SECONDS = 300  # a build takes seconds; a cold one on a slow machine a minute
TOO_MUCH = "a project's stylesheet or template may ask for too much (e.g. a huge font-size)"
TOO_LONG = "the content, a stylesheet or a template may ask for too much (e.g. a paragraph of very long words)"


class OutOfMemory(BrochureError):
    """A build needed more memory than the limit: the input asks for too much."""


class OutOfTime(BrochureError):
    """A build took longer than the time limit: the input asks for too much."""


@contextlib.contextmanager
def applied() -> Iterator[None]:
    """Bound this process (and the processes it forks meanwhile) by the limits of the environment or
    the defaults, until the end of the block: the command line's run, which tests make in-process."""
    limit = memory_limit()
    before = resource.getrlimit(resource.RLIMIT_DATA)
    soft, hard = before
    if limit is not None and hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if limit is not None and (soft == resource.RLIM_INFINITY or limit < soft):  # a tighter bound set outside stays
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    try:
        yield
    except MemoryError as exc:  # out of the limit outside a build (a check, a proof): one line too
        raise out_of_memory(exc) from None
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, before)


def memory_limit() -> int | None:
    """The bytes of data a build may hold: BROCHURE_MEMORY_LIMIT (`800 MB`, `2 GB`, `none`), or 1.5 GB."""
    text = os.environ.get(MEMORY_VARIABLE, "").strip()
    if not text:
        return DEFAULT_MEMORY
    if text.lower() == "none":
        return None
    size = parse_file_size(text)
    if size is None or size < 100_000_000:
        raise InputError(f"{MEMORY_VARIABLE}: not a memory limit: {text!r} (write e.g. 1.5 GB or 800 MB, or none)")
    return size


def time_limit_seconds() -> int:
    """The seconds a build may take: BROCHURE_TIME_LIMIT (a whole number; 0 for none), or 300."""
    text = os.environ.get(TIME_VARIABLE, "").strip()
    if not text:
        return DEFAULT_SECONDS
    if not text.isdigit():
        raise InputError(f"{TIME_VARIABLE}: not a number of seconds: {text!r} (write e.g. 300, or 0 for none)")
    return int(text)


def out_of_memory(exc: MemoryError) -> OutOfMemory:
    """The one-line error of a MemoryError: how much memory the build was allowed, and what it was doing."""
    soft, _ = resource.getrlimit(resource.RLIMIT_DATA)
    needed = (
        "ran out of memory" if soft == resource.RLIM_INFINITY else f"needed more than {format_size(soft)} of memory"
    )
    doing = _doing(exc.__traceback__)
    return OutOfMemory(f"brochure: the build {needed}{f': {doing}' if doing else ''}; {TOO_MUCH}")


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Stop what runs inside with OutOfTime once it has taken `seconds` (the session's: the command
    line sets them, see `time_limit_seconds`); nothing for 0 (a library's use), outside the main
    thread (signals reach only that one), or where a caller's own alarm is already running (it
    bounds the time itself)."""
    alarm_running = signal.getitimer(signal.ITIMER_REAL)[0] > 0
    if not seconds or threading.current_thread() is not threading.main_thread() or alarm_running:
        yield
        return

    def stop(signum: int, frame: object) -> None:
        doing = _doing_in_frame(frame)
        raise OutOfTime(f"brochure: the build took more than {seconds} s{f': {doing}' if doing else ''}; {TOO_LONG}")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# What a build was doing, told by the library whose code ran when it stopped (the innermost first).
_STAGES = (
    ("/weasyprint/", "laying out the pages"),
    ("/pypdfium2/", "drawing the previews"),
    ("/PIL/", "reading or drawing a picture"),
    ("/jinja2/", "filling in the templates"),
    (".j2", "filling in the templates"),
    ("/pypdf/", "reading a PDF back"),
)


def _doing(trace: TracebackType | None) -> str | None:
    files = [frame.filename for frame in traceback.extract_tb(trace)] if trace else []
    return _stage(files)


def _doing_in_frame(frame: object) -> str | None:
    files = [summary.filename for summary in traceback.extract_stack(frame)] if frame is not None else []
    return _stage(files)


def _stage(files: list[str]) -> str | None:
    for filename in reversed(files):
        for marker, doing in _STAGES:
            if marker in filename.replace(os.sep, "/"):
                return doing
    return None
