"""The e-mail edition made beside the print edition, on the second core, in a cold build.

A fresh process (the command line's own, with a core to spare) forks before it lays anything
out (see `render.warm.aside`). The child lays out the e-mail edition's panels at once, as if no
text needed setting, while the parent lays out the print edition; once the print edition has
decided how the text is set (`Decisions`: the levelling, the panels fitted, the words kept whole),
the parent sends them, and the child lays out again only the panels they change, writes, checks
and publishes the e-mail edition, and returns its result, and the warnings it logged, to be
logged by the parent. The parent checks the print edition and draws the previews meanwhile.

The PDF is the bytes the parent would have written itself. If the child fails for any reason
(an error in the input, a bug, a signal), the parent makes the edition itself, where its error,
if any, is raised as usual.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from brochure.editions.email import EmailEdition
from brochure.editions.registry import Decisions, Edition, EditionResult, Job
from brochure.render.warm.aside import Forked

_log = logging.getLogger("brochure")

# A record logged by the child, as the parent logs it again: logger name, level, message.
Logged = tuple[str, int, str]


class Beside:
    """The editions of a build made by a forked child (none where no child could be forked)."""

    def __init__(self, job: Job, editions: Sequence[Edition]) -> None:
        self.job = job
        self.edition = next((item for item in editions if isinstance(item, EmailEdition)), None)
        self.child: Forked[tuple[EditionResult, list[Logged]]] | None = None
        if self.edition is not None and len(editions) > 1 and editions[0] is not self.edition:
            self.child = job.session.chance.fork(self._work)
        if self.child is not None:
            job.on_decided = self.child.send

    def makes(self, edition: Edition) -> bool:
        """Whether the child makes `edition`."""
        return self.child is not None and edition is self.edition

    def results(self) -> dict[str, EditionResult]:
        """What the child made, by edition, once it is done; made here if the child failed."""
        if self.child is None or self.edition is None:
            return {}
        with self.child:
            self.child.send(None)  # no decisions were made (the print edition failed before): the child gives up
            done = self.child.result()
        self.child = None
        if done is None:
            return {self.edition.name: self.edition.make(self.job)}
        result, logged = done
        for name, level, message in logged:
            logging.getLogger(name).log(level, "%s", message)
        return {self.edition.name: result}

    def __enter__(self) -> Beside:
        return self

    def __exit__(self, *exc_info: object) -> None:
        """A child whose results were not asked for (the build failed) is stopped."""
        if self.child is not None:
            with self.child:
                pass

    def _work(self, receive: Callable[[], Any]) -> tuple[EditionResult, list[Logged]]:  # pragma: no cover - child
        """In the child: the edition laid out ahead, then made with the decisions received."""
        job, edition = self.job, self.edition
        assert edition is not None
        job.session.chance.close()  # the child lays out: it never forks
        with _kept_log() as logged:
            edition.rendering(job, Decisions())  # ahead: the panels no decision changes are laid out once
            decisions = receive()
            if not isinstance(decisions, Decisions):
                raise LookupError("no decisions: the edition is made by the parent")
            job.decisions = decisions
            return edition.make(job), logged


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[Logged] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


class _kept_log:  # noqa: N801 - a context, named for what it gives
    """The warnings logged in the child, kept to be logged by the parent (the child's own output is closed)."""

    def __enter__(self) -> list[Logged]:
        self.handler = _Kept()
        logging.getLogger().addHandler(self.handler)
        return self.handler.records

    def __exit__(self, *exc_info: object) -> None:
        logging.getLogger().removeHandler(self.handler)
