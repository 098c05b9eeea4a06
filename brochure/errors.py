"""The errors brochure raises for its users, and the exit status each one means."""

from __future__ import annotations

import enum


class ExitStatus(enum.IntEnum):
    """Process exit codes of the command line."""

    OK = 0
    CHECK_FAILED = 1
    INVALID_INPUT = 2
    INTERNAL_ERROR = 70  # a bug in brochure (EX_SOFTWARE of sysexits.h)
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as a shell reports a command that SIGINT ended


def internal_error(exc: BaseException | str) -> str:
    """How a bug in brochure is reported, on one line: 'internal error: KeyError: 'x''. Anything that
    is not a BrochureError is a bug, not a mistake in the input."""
    message = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    return "internal error: " + " ".join(message.split()).removesuffix(":")


class BrochureError(Exception):
    """An error the user can act on; its message is one or more complete lines."""

    exit_status = ExitStatus.INVALID_INPUT


class InputError(BrochureError):
    """The content, a layout, an asset or the output folder is wrong; no PDF was handed over."""


class CheckFailed(BrochureError):
    """A rendered edition failed an error-level page check (or the content failed one before rendering)."""

    exit_status = ExitStatus.CHECK_FAILED

    def __init__(self, report, rejected=None, results=()) -> None:
        self.report = report  # the first failing edition's findings
        self.rejected = rejected  # where its render was kept
        self.results = tuple(results)  # every edition's result, when editions were built
        if self.results:
            lines = []
            for result in self.results:
                lines.extend(_edition_lines(result))
        else:
            lines = [f"checks failed: {report.summary()}", *report.lines()]
            lines.append("not rendered: the content cannot print as it is; the last good PDF is unchanged")
        super().__init__("\n".join(lines))

    @classmethod
    def of_editions(cls, results) -> CheckFailed:
        """The failure of a build whose editions were made, some of them rejected."""
        failed = next(result for result in results if not result.ok)
        return cls(failed.report, failed.rejected, results)

    def rejected_render(self, edition: str):
        """The render of `edition` its checks rejected, kept beside the outputs; None if none was kept."""
        kept = next((result.rejected for result in self.results if result.edition == edition), None)
        return kept if kept is not None and kept.is_file() else None


def _edition_lines(result) -> list[str]:
    if result.skipped:
        return [f"{result.edition} edition: not made: {result.skipped}"]
    if result.ok:
        return []
    return [
        f"checks failed: {result.edition} edition: {result.report.summary()}",
        *result.report.lines(),
        f"not written: the last good file is unchanged; this render is kept as {result.rejected}",
    ]


def capped_lines(lines: list[str], more: str, limit: int = 5, hidden: int = 0) -> str:
    """At most `limit` lines, then one that counts the rest and `hidden` others: `… and N more {more}`."""
    shown = lines[:limit]
    rest = len(lines) - len(shown) + hidden
    if rest:
        shown.append(f"… and {rest} more {more}")
    return "\n".join(shown)
