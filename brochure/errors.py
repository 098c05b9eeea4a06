"""The errors brochure raises for its users, and the exit status each one means."""

from __future__ import annotations

import enum


class ExitStatus(enum.IntEnum):
    """Process exit codes of the command line."""

    OK = 0
    CHECK_FAILED = 1
    INVALID_INPUT = 2
    INTERNAL_ERROR = 70  # a bug in brochure (EX_SOFTWARE of sysexits.h)


class BrochureError(Exception):
    """An error the user can act on; its message is one or more complete lines."""

    exit_status = ExitStatus.INVALID_INPUT


class InputError(BrochureError):
    """The content, a layout, an asset or the output folder is wrong; no PDF was handed over."""


class CheckFailed(BrochureError):
    """The rendered PDF failed an error-level page check."""

    exit_status = ExitStatus.CHECK_FAILED

    def __init__(self, report, rejected=None) -> None:
        self.report = report
        self.rejected = rejected
        lines = [f"checks failed: {report.summary()}", *report.lines()]
        if rejected is not None:
            lines.append(f"not written: the last good PDF is unchanged; this render is kept as {rejected}")
        else:
            lines.append("not rendered: the content cannot print as it is; the last good PDF is unchanged")
        super().__init__("\n".join(lines))


def capped_lines(lines: list[str], more: str, limit: int = 5, hidden: int = 0) -> str:
    """At most `limit` lines, then one that counts the rest and `hidden` others: `… and N more {more}`."""
    shown = lines[:limit]
    rest = len(lines) - len(shown) + hidden
    if rest:
        shown.append(f"… and {rest} more {more}")
    return "\n".join(shown)
