"""A second process that `watch` keeps warm: it makes each build's e-mail edition beside the print one.

`watch` cannot fork (its process has fonts open and, with `--serve`, threads), so it starts one
process anew (multiprocessing's "spawn") with a render session of its own, kept warm across
saves like the watch's. For each build, once the print edition has decided how the text is set,
the watch hands it the content and the decisions (`ask`); it lays out the panels those change,
writes, checks and publishes the e-mail edition while the watch checks the print edition and
draws the previews, and answers with its result and the warnings it logged (`answer`). If it
fails, is stuck or is gone, the watch makes the edition itself (see `beside`), where its error,
if any, is raised as usual. Ctrl-C is the watch's: the helper ignores it and is ended with it.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
from typing import Any

from brochure.editions.email import EmailEdition
from brochure.editions.registry import Decisions, EditionResult, Job
from brochure.render.warm.aside import WAIT_SECONDS
from brochure.render.warm.session import Session

# A record logged in another process, as this one logs it again: logger name, level, message.
Logged = tuple[str, int, str]


class Helper:
    """The second process, started at once; `alive` until it fails or is closed."""

    def __init__(self, keep: bool = True, seconds: int = 0) -> None:
        context = multiprocessing.get_context("spawn")
        self._connection, theirs = context.Pipe()
        self._process = context.Process(target=_help, args=(theirs, keep, seconds), name="brochure-helper", daemon=True)
        self._process.start()
        theirs.close()
        self.asked = False  # a build's edition asked for and not answered yet

    @property
    def alive(self) -> bool:
        return self._process.is_alive()

    def ask(self, job: Job, decisions: Decisions) -> None:
        """Hand it the build's content, settings and decisions: it makes the e-mail edition of them."""
        try:
            self._connection.send((job.content, job.date, job.outdir, job.settings, decisions))
            self.asked = True
        except (OSError, ValueError):  # gone
            self.close()

    def answer(self) -> tuple[EditionResult, list[Logged]] | None:
        """What it made of what it was asked, once done; None if it failed, took more than WAIT_SECONDS
        (it is then ended) or was asked nothing."""
        if not self.asked:
            return None
        self.asked = False
        try:
            if self._connection.poll(WAIT_SECONDS):
                return self._connection.recv()
        except (EOFError, OSError):
            pass
        self.close()
        return None

    def close(self) -> None:
        """End it (a watch that stops, or a helper that failed)."""
        self._process.terminate()
        self._process.join(5)
        self._connection.close()


def _help(connection: Any, keep: bool, seconds: int) -> None:  # pragma: no cover - the other process
    """The helper's life: one e-mail edition for each build it is asked, until the watch goes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the watch, which ends this process
    session, edition = Session(keep, seconds=seconds), EmailEdition()
    while True:
        try:
            content, date, outdir, settings, decisions = connection.recv()
        except (EOFError, OSError):
            return
        try:
            with kept_log() as logged:
                session.warm_hyphenation(content.languages)
                job = Job(content, content.layout, date, outdir, settings, session=session, decisions=decisions)
                answer: tuple[EditionResult, list[Logged]] | None = (edition.make(job), logged)
        except Exception:  # the watch makes the edition itself, and says what is wrong
            answer = None
        connection.send(answer)


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[Logged] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class kept_log:  # noqa: N801 - a context, named for what it gives
    """The warnings logged in a second process, kept to be logged by the first (whose output is the user's)."""

    def __enter__(self) -> list[Logged]:
        self.handler = _Kept()
        logging.getLogger().addHandler(self.handler)
        return self.handler.records

    def __exit__(self, *exc_info: object) -> None:
        logging.getLogger().removeHandler(self.handler)


def relog(logged: list[Logged]) -> None:
    """Log here what another process logged."""
    for name, level, message in logged:
        logging.getLogger(name).log(level, "%s", message)
