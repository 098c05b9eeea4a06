"""brochure's cache: what it can make again from a file, kept between processes (the parsed
hyphenation dictionaries, the code points of each font, compiled templates); and the bound
of what a process keeps in memory between builds (`keep`).

It lives in `$BROCHURE_CACHE`, else in the user's cache folder, and may be removed at any time:
the next build makes again what it needs. A value is kept by the name, size and time of the
file it was made from, and the version of what made it, so a changed file is read anew. A copy
that cannot be read is made anew, one that cannot be written is not kept, and one is written
whole or not at all (another build may be reading it).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from brochure.errors import InputError
from brochure.files.output import write_atomic
from brochure.version import __version__

T = TypeVar("T")


def folder(kind: str) -> Path | None:
    """Where the cache keeps values of one kind; None without a home folder to keep them in."""
    if os.environ.get("BROCHURE_CACHE"):
        return Path(os.environ["BROCHURE_CACHE"]) / kind
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "brochure" / kind
    home = os.path.expanduser("~")
    return Path(home) / ".cache" / "brochure" / kind if home != "~" else None


def made_from(kind: str, source: Path, make: Callable[[Path], T], version: str, valid: Callable[[Any], bool]) -> T:
    """What `make` (of this `version`) makes of the file `source`: kept in `marshal`'s format,
    so only of its plain types (a value it cannot hold is not kept). A kept value that is not
    `valid` is made anew."""
    kept = folder(kind)
    if kept is None:
        return make(source)
    state = source.stat()
    key = f"{source.resolve()}:{state.st_size}:{state.st_mtime_ns}:{version}:{marshal.version}:{__version__}"
    copy = kept / f"{source.stem}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.marshal"
    with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
        value = marshal.loads(copy.read_bytes())
        if valid(value):
            return value
    value = make(source)
    with contextlib.suppress(ValueError, InputError):  # not a plain value; a cache that cannot be written
        write_atomic(copy, marshal.dumps(value))
    return value


def keep(kept: dict, key: object, value: object, most: int) -> None:
    """Keep `value` in the process's `kept`, and at most `most` values: the oldest go first."""
    kept[key] = value
    while len(kept) > most:
        del kept[next(iter(kept))]
