"""A render session: everything a process keeps warm between builds, on one object.

A build makes a fresh session unless it is given one; `watch` keeps one for its whole process,
and each batch worker one for its own. The session owns the stylesheets parsed, the pages laid out and
the levelling measured (see `kept`), the images converted to CMYK, the templates compiled, and the process's
one chance to measure aside (see `aside`). The stages below it are handed what they need.

`Session(keep=False)` (`--no-cache`) keeps nothing: no reuse in the process, and nothing read
from or written to brochure's cache on disk. The outputs are the same bytes either way. A session
that keeps says once, when it starts, if brochure's cache folder is not used (see `cache.refusal`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterable, Iterator
from typing import Any

from brochure.errors import InputError
from brochure.files import cache
from brochure.files.cache import Kept
from brochure.html.templating import CompiledTemplates
from brochure.render.warm import hyphenation
from brochure.render.warm.aside import Aside
from brochure.sheet.pdfmeta import UNDATED

# How much a session keeps in memory: the oldest go first.
LAYOUTS_KEPT = 48  # pages and panels laid out (the panels of a few editions and events)
STYLESHEETS_KEPT = 4  # the leaflet's stylesheet parsed, for each edition
MEASUREMENTS_KEPT = 32  # levellings measured
IMAGES_KEPT = 64  # images converted to CMYK
PICTURES_KEPT = 32  # PNG files of pictures encoded: a leaflet's nine previews, a few builds over


class Session:
    """What one process keeps warm between renders. With `keep` off, nothing is kept and the disk
    cache is neither read nor written; with `fork`, this process is the command line's own and
    fresh, and may measure its first levelling in a forked second process (see `aside`)."""

    def __init__(self, keep: bool = True, *, fork: bool = False, seconds: int = 0) -> None:
        self.keep = keep
        self.seconds = seconds  # the most one build may take (the command line's limit); 0: no bound
        self.layouts: Kept[str, Any] = Kept(LAYOUTS_KEPT if keep else 0)
        self.stylesheets: Kept[str, Any] = Kept(STYLESHEETS_KEPT if keep else 0)
        self.measurements: Kept[str, Any] = Kept(MEASUREMENTS_KEPT if keep else 0)
        self.converted: Kept[tuple, bytes] = Kept(IMAGES_KEPT if keep else 0)
        self.pictures: Kept[bytes, bytes] = Kept(PICTURES_KEPT if keep else 0)  # PNG bytes by pixels' digest
        self.templates = CompiledTemplates() if keep else None
        self.chance = Aside(fresh=fork)
        self.helper: object | None = None  # a second process kept warm by `watch` (see `editions.helper`)
        if keep:
            cache.notice_refusal()

    def layouts_kept(self) -> int:
        """How many pages laid out are kept for the next render."""
        return len(self.layouts)

    def stylesheets_kept(self) -> int:
        """How many parsed stylesheets are kept for the next render."""
        return len(self.stylesheets)

    def measurements_kept(self) -> int:
        """How many levellings measured are kept for the next render."""
        return len(self.measurements)

    def images_converted(self) -> int:
        """How many images converted to CMYK are kept for the next render."""
        return len(self.converted)

    def templates_compiled(self) -> int:
        """How many compiled templates are kept in memory."""
        return len(self.templates) if self.templates is not None else 0

    def warm_hyphenation(self, languages: Iterable[str]) -> None:
        """Load the hyphenation dictionaries of `languages` from brochure's cache, unless the session
        keeps nothing. They go into pyphen's own process-wide cache (`pyphen.hdcache`): WeasyPrint
        asks pyphen for a dictionary by language and offers no way to hand one in, and pyphen would
        otherwise parse it (0.6 s for German) the first time a process hyphenates."""
        if self.keep:
            hyphenation.warm(languages)

    @staticmethod
    @contextlib.contextmanager
    def source_date(date: dt.date | None) -> Iterator[None]:
        """While a PDF is written: SOURCE_DATE_EPOCH set from the document's `date`, unless it is set.

        Without libharfbuzz-subset, WeasyPrint subsets fonts with fontTools, which stamps the current
        time into each font unless SOURCE_DATE_EPOCH is set; WeasyPrint makes the fontTools font
        itself and has no option for its timestamp, so the environment is the only way in. This is
        the one place brochure sets it, and it is put back as it was when the PDF is written."""
        if source_date_epoch() is not None:
            yield
            return
        previous = os.environ.get("SOURCE_DATE_EPOCH")  # unset or empty
        epoch = dt.datetime.combine(date or UNDATED, dt.time(), dt.timezone.utc).timestamp()
        os.environ["SOURCE_DATE_EPOCH"] = str(int(epoch))
        try:
            yield
        finally:
            if previous is None:
                del os.environ["SOURCE_DATE_EPOCH"]
            else:
                os.environ["SOURCE_DATE_EPOCH"] = previous


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as a Unix time, or None if it is not set; InputError if it is no Unix time."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not value:
        return None
    try:
        if not (value.isascii() and value.isdigit()):
            raise ValueError(value)
        epoch = int(value)
        dt.datetime.fromtimestamp(epoch, dt.timezone.utc)  # a date a PDF can hold: up to the year 9999
    except (ValueError, OverflowError, OSError):
        raise InputError(f"SOURCE_DATE_EPOCH: not a Unix time: {value!r}") from None
    return epoch
