"""The progress line of a long batch, `3/8 events built`: drawn over itself on a terminal as items are
done, once the batch has taken a second (a quick one never flickers), and erased when the batch ends.

It draws only as items are done, with no timer thread: the batch forks its workers, and a
process that forks should hold no other thread. It writes through the function the command
line gives it, which knows where stderr is.
"""

from __future__ import annotations

import time
from collections.abc import Callable

PROGRESS_AFTER_SECONDS = 1.0
_ERASE = "\r\033[K"  # back to the line's start, and clear it


class Progress:
    """`done/total <what>` on one terminal line, redrawn as each item is done, from a second on."""

    def __init__(self, total: int, write: Callable[[str], None], what: str = "events built") -> None:
        self.total, self.done = total, 0
        self._write, self._what = write, what
        self._after = PROGRESS_AFTER_SECONDS
        self._start = time.monotonic()
        self._drawn = False

    def __enter__(self) -> Progress:
        self._start = time.monotonic()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.erase()

    def advance(self) -> None:
        """One more item done: redraw the line, once the batch has taken long enough to show it."""
        self.done += 1
        if time.monotonic() - self._start >= self._after:
            self._draw()

    def erase(self) -> None:
        """Make way for another line on the terminal: `advance` draws the progress line again."""
        if self._drawn:
            self._write(_ERASE)
            self._drawn = False

    def _draw(self) -> None:
        self._write(f"{_ERASE}{self.done}/{self.total} {self._what}")
        self._drawn = True
