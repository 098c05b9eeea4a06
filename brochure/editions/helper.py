"""A second process that `watch` keeps warm: it makes each build's e-mail edition beside the print one.

`watch` cannot fork (its process has fonts open and, with `--serve`, threads), so it starts one
Python process anew, with a render session of its own, kept warm across
saves like the watch's. For each build, once the print edition has decided how the text is set,
the watch hands it the content and the decisions (`ask`); it lays out the panels those change,
writes, checks and publishes the e-mail edition while the watch checks the print edition and
draws the previews, and answers with its result and the warnings it logged (`answer`). If it
fails, is stuck or is gone, the watch makes the edition itself (see `beside`), where its error,
if any, is raised as usual. Ctrl-C is the watch's: the helper, in a session of its own, does not
get it, and is ended with the watch.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import select
import subprocess
import sys
from pathlib import Path

from brochure.editions.email import EmailEdition
from brochure.editions.registry import Decisions, EditionResult, Job
from brochure.render.warm.aside import WAIT_SECONDS, received, send
from brochure.render.warm.session import Session

# A record logged in another process, as this one logs it again: logger name, level, message.
Logged = tuple[str, int, str]


class Helper:
    """The second process, started at once; `alive` until it fails or is closed. It talks over its
    own standard input and output (pickles, each after its length), nothing else: it shares no
    file with this process, and whatever it prints goes nowhere."""

    def __init__(self, keep: bool = True, seconds: int = 0) -> None:
        package = Path(__file__).resolve().parent.parent.parent  # where this brochure is imported from
        path = os.pathsep.join(filter(None, (str(package), os.environ.get("PYTHONPATH"))))
        self._process = subprocess.Popen(
            [sys.executable, "-c", f"from brochure.editions.helper import serve; serve({keep!r}, {seconds!r})"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=os.environ | {"PYTHONPATH": path},
            start_new_session=True,  # Ctrl-C is the watch's, which ends this process
        )
        self.asked = False  # a build's edition asked for and not answered yet

    @property
    def alive(self) -> bool:
        return self._process.poll() is None

    def ask(self, job: Job, decisions: Decisions) -> None:
        """Hand it the build's content, settings and decisions: it makes the e-mail edition of them."""
        try:
            send(self._process.stdin, (job.content, job.date, job.outdir, job.settings, decisions))
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
            ready, _, _ = select.select([self._process.stdout], [], [], WAIT_SECONDS)
            if ready:
                return received(self._process.stdout)
        except (EOFError, OSError, pickle.UnpicklingError):
            pass
        self.close()
        return None

    def close(self) -> None:
        """End it (a watch that stops, or a helper that failed)."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        for pipe in (self._process.stdin, self._process.stdout):
            with contextlib.suppress(OSError):
                pipe.close()


def serve(keep: bool, seconds: int) -> None:  # pragma: no cover - the other process
    """The helper's life: one e-mail edition for each build it is asked, until the watch goes."""
    requests, answers = sys.stdin.buffer, os.fdopen(os.dup(1), "wb")
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # what the work prints must not reach the answers
    session, edition = Session(keep, seconds=seconds), EmailEdition()
    while True:
        try:
            content, date, outdir, settings, decisions = received(requests)
        except (EOFError, OSError):
            return
        try:
            with kept_log() as logged:
                session.warm_hyphenation(content.languages)
                job = Job(content, content.layout, date, outdir, settings, session=session, decisions=decisions)
                answer: tuple[EditionResult, list[Logged]] | None = (edition.make(job), logged)
        except Exception:  # the watch makes the edition itself, and says what is wrong
            answer = None
        send(answers, answer)


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
