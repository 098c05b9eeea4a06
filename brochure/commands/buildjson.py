"""`build --json`: what a build did, as one JSON document for scripts.

Its editions with the files each wrote (path and size in bytes), every finding as `check --json`
words it (`Report.as_dict`) with its edition, the warnings logged meanwhile, the notes, and the exit
status; for input brochure could not use, the error's lines. It is made from what the build returns
or raises: a build that fails its checks still says what it wrote and why the rest was refused.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from brochure.editions import EditionResult
from brochure.errors import BrochureError, CheckFailed, ExitStatus
from brochure.preflight import Report

if TYPE_CHECKING:
    from brochure.commands.batch import EventOutcome
    from brochure.commands.build import BuildResult


def json_text(document: dict[str, Any]) -> str:
    """A document as the command line prints it: indented, UTF-8 as it is."""
    return json.dumps(document, ensure_ascii=False, indent=2)


def run_as_document(run: Callable[[], BuildResult]) -> dict[str, Any]:
    """Run a build and say what it did; a BrochureError it raises is part of the answer, not raised."""
    with _warnings_logged() as warned:
        try:
            result = run()
        except CheckFailed as exc:  # some editions written, some refused; or nothing rendered at all
            document = build_document(exc.results, exc.exit_status, before=None if exc.results else exc.report)
        except BrochureError as exc:
            document = build_document((), exc.exit_status, error=str(exc))
        else:
            document = build_document(result.editions, ExitStatus.OK)
    return {**document, "warnings": warned}


def build_document(
    results: tuple[EditionResult, ...], status: ExitStatus, before: Report | None = None, error: str | None = None
) -> dict[str, Any]:
    """What the editions of one build did, with the exit status; `before`, the content's checks that
    stopped the build before any rendering; `error`, what stopped it otherwise."""
    findings = [
        {"edition": result.edition, **finding}
        for result in results
        if result.report is not None
        for finding in result.report.as_dict()["findings"]
    ]
    findings += [{"edition": None, **finding} for finding in (before.as_dict()["findings"] if before else ())]
    document: dict[str, Any] = {
        "status": int(status),
        "editions": [_edition(result) for result in results],
        "findings": findings,
        "notes": list(dict.fromkeys(note for result in results for note in result.notes)),
    }
    if error is not None:
        document["error"] = error.splitlines()
    return document


def _edition(result: EditionResult) -> dict[str, Any]:
    return {
        "edition": result.edition,
        "ok": result.ok,
        "pages": result.pages,
        "size": result.size,
        "files": [{"path": written.path.as_posix(), "size": written.size} for written in result.written],
        "skipped": result.skipped,  # why nothing was made
        "rejected": result.rejected.as_posix() if result.rejected else None,  # where a refused render was kept
    }


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _warnings_logged() -> Iterator[list[str]]:
    """The warnings brochure logs meanwhile (still written to stderr as well), in the order logged."""
    kept = _Kept()
    logger = logging.getLogger("brochure")
    logger.addHandler(kept)
    try:
        yield kept.messages
    finally:
        logger.removeHandler(kept)


def events_document(outcomes: list[EventOutcome], status: ExitStatus) -> dict[str, Any]:
    """`build --all-events --json`: each event's document, in the order they were done, and the worst status."""
    events = []
    for outcome in outcomes:
        results = outcome.result.editions if outcome.result is not None else ()
        events.append({"event": outcome.event.stem, **build_document(results, outcome.status, error=outcome.error)})
    return {"status": int(status), "events": events}
