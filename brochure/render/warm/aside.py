"""Work done aside, in a forked second process, while this one goes on: how a cold build uses a
core that would idle (the levelling measures the facing pages while the others are laid out; the
e-mail edition is made while the print edition is checked and drawn, see `editions.beside`).

Only a fresh process forks, and only before its first layout: no font file is open yet, and a
child shares nothing with its parent but what was imported and computed. The chance (`Aside`) is
held by the render session of the command line's process. A process with threads (`watch
--serve`), a batch worker, a library caller's process, a machine with one core or `build -j 1`
does the work itself; so does any process once its first chance has passed. The work's result comes back
pickled; if the child fails for any reason, the result is None and the caller does the work
itself, where its error, if any, is raised as usual.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import select
import signal
import threading
import time
from collections.abc import Callable
from typing import Any, BinaryIO, Generic, TypeVar

T = TypeVar("T")

WAIT_SECONDS = 120  # then the work is done in this process: it only costs time


class Aside:
    """A process's one chance to do work aside: open (`fresh`) only where the caller knows the
    process is its own and has laid out nothing yet (the command line's own process), and closed
    for good by its first layout (`close`) or its first work done aside (`run`). A library
    caller's process may have fonts open already: its sessions never fork."""

    def __init__(self, fresh: bool = False) -> None:
        self.open = fresh

    def close(self) -> None:
        """From now on this process does its work itself (`build -j 1`, or once it has laid out)."""
        self.open = False

    def possible(self) -> bool:
        """Whether work can be done aside now: a fresh process of one thread, with a core to spare."""
        return (
            self.open
            and hasattr(os, "fork")
            and cores() > 1
            and threading.active_count() == 1
            and multiprocessing.parent_process() is None
        )

    def run(self, work: Callable[[], T], meanwhile: Callable[[], object]) -> T | None:
        """Run `work` in a forked child while this process runs `meanwhile`; `work`'s result, or None:
        when work cannot be done aside now (then `meanwhile` has not run either), or the child failed
        or took more than WAIT_SECONDS. Either way, the chance is used: the next work is done in
        this process."""
        child = self.fork(lambda receive: work())
        self.close()
        if child is None:
            return None
        with child:
            meanwhile()
            return child.result()

    def fork(self, work: Callable[[Callable[[], Any]], T]) -> Forked[T] | None:
        """Start `work` in a forked child, now, if work can be done aside now; None if not. `work` is
        given a function that waits for what this process sends it (`Forked.send`). The chance stays
        open: this process has laid nothing out yet, and may fork again before it does."""
        if not self.possible():
            return None
        from_parent, to_child = os.pipe()  # (read, write)
        reading, writing = os.pipe()
        # What both processes hold from before the fork (the imports, the content) is left out of their
        # garbage collections: a collection writes to every object it looks at, and each page it writes
        # to would be copied, held by both processes instead of shared.
        gc.freeze()
        try:
            child = os.fork()
        except OSError:  # no process to spare (a limit, memory)
            for end in (to_child, from_parent, reading, writing):
                os.close(end)
            return None
        if child == 0:  # pragma: no cover - the child; coverage is not collected there
            os.close(to_child)
            _child(lambda: work(lambda: received(os.fdopen(from_parent, "rb"))), reading, writing)
        os.close(from_parent)
        os.close(writing)
        return Forked(child, reading, to_child)


class Forked(Generic[T]):
    """A child doing work aside: what this process sends it, and its result. Used as a context, it
    is killed and reaped when the context ends, done or not."""

    def __init__(self, pid: int, reading: int, writing: int) -> None:
        self.pid, self._reading, self._writing = pid, reading, writing

    def send(self, message: object) -> None:
        """Hand the child `message` (once): what its work waits for."""
        if self._writing < 0:
            return
        writing, self._writing = self._writing, -1
        with contextlib.suppress(OSError), os.fdopen(writing, "wb") as pipe:  # a child gone: its result says so
            send(pipe, message)

    def result(self) -> T | None:
        """The work's result, or None if the child failed or took more than WAIT_SECONDS."""
        answer = _answer(self._reading, time.monotonic() + WAIT_SECONDS)
        try:
            return pickle.loads(answer)[0] if answer else None
        except Exception:  # a child that died mid-write
            return None

    def __enter__(self) -> Forked[T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        for end in (self._reading, self._writing):
            if end >= 0:
                os.close(end)
        self._reading = self._writing = -1
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)  # done, or given up on: a child stuck on a lock
        os.waitpid(self.pid, 0)


def send(pipe: BinaryIO, message: object) -> None:
    """Write `message` to another process: pickled, after its length (see `received`)."""
    data = pickle.dumps(message)
    pipe.write(len(data).to_bytes(8, "big") + data)
    pipe.flush()


def received(pipe: BinaryIO) -> Any:
    """The next message another process `send`s; EOFError if it sent nothing, or went mid-way."""
    size = int.from_bytes(_exactly(pipe, 8), "big")
    return pickle.loads(_exactly(pipe, size))


def _exactly(pipe: BinaryIO, size: int) -> bytes:
    data = pipe.read(size)
    if data is None or len(data) != size:
        raise EOFError("the other process is gone")
    return data


def _answer(reading: int, deadline: float) -> bytes:
    """Everything the child writes, or nothing if it is not done by `deadline`."""
    chunks = []
    while True:
        ready, _, _ = select.select([reading], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            return b""
        chunk = os.read(reading, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _child(work: Callable[[], object], reading: int, writing: int) -> None:  # pragma: no cover - the child
    """Do `work`, send its result, and leave without running anything of the parent's (no exit
    handlers, no buffered output flushed twice), whatever happens."""
    try:
        os.close(reading)
        silent = os.open(os.devnull, os.O_WRONLY)  # what the work prints, the parent prints on its own
        os.dup2(silent, 1)
        os.dup2(silent, 2)
        answer = pickle.dumps((work(),))
        with os.fdopen(writing, "wb") as pipe:
            pipe.write(answer)
    finally:
        os._exit(0)
