"""The e-mail edition made beside the print edition, on the second core.

In a cold build, a fresh process (the command line's own, with a core to spare) forks before it
lays anything out (see `render.warm.aside`). The child lays out the e-mail edition's panels at
once, as if no text needed setting, while the parent lays out the print edition; once the print
edition has decided how the text is set (`Decisions`: the levelling, the panels fitted, the words
kept whole), the parent sends them, and the child lays out again only the panels they change,
writes, checks and publishes the e-mail edition, and returns its result, and the warnings it
logged, to be logged by the parent. The parent checks the print edition and draws the previews
meanwhile. In `watch`, which cannot fork, a process it keeps warm does the same (see `helper`).

The PDF is the bytes the parent would have written itself. If the other process fails for any
reason (an error in the input, a bug, a signal), the parent makes the edition itself, where its
error, if any, is raised as usual.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from brochure.editions.email import EmailEdition
from brochure.editions.helper import Helper, Logged, kept_log, relog
from brochure.editions.registry import Decisions, Edition, EditionResult, Job
from brochure.render.warm.aside import Forked


class Beside:
    """The e-mail edition of a build made by another process: a forked child, or the session's helper
    (`Session.helper`); by this one where neither can."""

    def __init__(self, job: Job, editions: Sequence[Edition]) -> None:
        self.job = job
        self.edition = next((item for item in editions if isinstance(item, EmailEdition)), None)
        self.child: Forked[tuple[EditionResult, list[Logged]]] | None = None
        self.helper: Helper | None = None
        if self.edition is None or len(editions) < 2 or editions[0] is self.edition:
            return  # nothing to make beside another edition
        helper = job.session.helper
        if isinstance(helper, Helper) and helper.alive:
            self.helper = helper
            job.on_decided = lambda decisions: helper.ask(job, decisions)
        else:
            self.child = job.session.chance.fork(self._work)
            if self.child is not None:
                job.on_decided = self.child.send

    def makes(self, edition: Edition) -> bool:
        """Whether another process makes `edition`."""
        return (self.child is not None or self.helper is not None) and edition is self.edition

    def awaits(self, edition: Edition) -> bool:
        """Whether `edition` is made of the edition another process makes: it is made once that one is done."""
        return self.edition is not None and self.makes(self.edition) and self.edition.name in edition.needs

    def results(self) -> dict[str, EditionResult]:
        """What the other process made, by edition, once it is done; made here if it failed."""
        if self.edition is None or (self.child is None and self.helper is None):
            return {}
        done = self._done()
        if done is None:
            return {self.edition.name: self.edition.make(self.job)}
        result, logged = done
        relog(logged)
        return {self.edition.name: result}

    def _done(self) -> tuple[EditionResult, list[Logged]] | None:
        if self.helper is not None:
            helper, self.helper = self.helper, None
            return helper.answer()  # None if it was asked nothing (the print edition failed before)
        assert self.child is not None
        with self.child:
            self.child.send(None)  # no decisions were made (the print edition failed before): the child gives up
            done = self.child.result()
        self.child = None
        return done

    def __enter__(self) -> Beside:
        return self

    def __exit__(self, *exc_info: object) -> None:
        """A child whose results were not asked for (the build failed) is stopped; the helper's answer
        is waited for, so that the next build does not read it."""
        if self.child is not None:
            with self.child:
                pass
        if self.helper is not None:
            self.helper.answer()

    def _work(self, receive: Callable[[], Any]) -> tuple[EditionResult, list[Logged]]:  # pragma: no cover - child
        """In the child: the edition laid out ahead, then made with the decisions received."""
        job, edition = self.job, self.edition
        assert edition is not None
        job.session.chance.close()  # the child lays out: it never forks
        with kept_log() as logged:
            ahead, _ = edition.rendering(job, Decisions())  # the panels no decision changes are laid out once
            if ahead.pages is not None:
                # Kept now, though not yet drawn, for the rendering with the decisions to find: a page that
                # fails to draw fails that rendering's writing, and this process with it.
                ahead.pages.keep()
            decisions = receive()
            if not isinstance(decisions, Decisions):
                raise LookupError("no decisions: the edition is made by the parent")
            job.decisions = decisions
            return edition.make(job), logged
