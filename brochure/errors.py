"""The errors brochure raises for its users, and the exit status each one means."""

from __future__ import annotations

import enum


class ExitStatus(enum.IntEnum):
    """Process exit codes of the command line."""

    OK = 0
    CHECK_FAILED = 1
    INVALID_INPUT = 2


class BrochureError(Exception):
    """An error the user can act on; its message is one or more complete lines."""

    exit_status = ExitStatus.INVALID_INPUT


class InputError(BrochureError):
    """The content, a layout or an asset is wrong; nothing was rendered."""


class CheckFailed(BrochureError):
    """The rendered PDF failed an error-level page check."""

    exit_status = ExitStatus.CHECK_FAILED
