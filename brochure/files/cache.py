"""brochure's cache: what it can make again from a file, kept between processes (the parsed
hyphenation dictionaries, the code points of each font, compiled templates); and what a render
session keeps in memory between builds (`Kept`, bounded).

It lives in `$BROCHURE_CACHE`, else in the user's cache folder, and may be removed at any time:
the next build makes again what it needs. A value is kept by the name and the content (its
SHA-256) of the file it was made from, and the version of what made it, so a changed file is
read anew, even one swapped for another of the same size and time. A copy
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
from typing import Any, Generic, TypeVar

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


def made_from(
    kind: str,
    source: Path,
    make: Callable[[Path], T],
    version: str,
    valid: Callable[[Any], bool],
    *,
    keep: bool = True,
) -> T:
    """What `make` (of this `version`) makes of the file `source`: kept in `marshal`'s format,
    so only of its plain types (a value it cannot hold is not kept). A kept value that is not
    `valid` is made anew. Without `keep` (`--no-cache`), nothing is read or written."""
    kept = folder(kind) if keep else None
    if kept is None:
        return make(source)
    key = f"{source.resolve()}:{file_digest(source)}:{version}:{marshal.version}:{__version__}"
    copy = kept / f"{source.stem}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.marshal"
    with contextlib.suppress(OSError, EOFError, ValueError, TypeError):
        value = marshal.loads(copy.read_bytes())
        if valid(value):
            return value
    value = make(source)
    with contextlib.suppress(ValueError, InputError):  # not a plain value; a cache that cannot be written
        write_atomic(copy, marshal.dumps(value))
    return value


def file_digest(path: Path) -> str | None:
    """The SHA-256 of a file's bytes; None if it cannot be read. Brochure's inputs are small (a
    font, an image: at most 50 MB), and hashing them is what tells one file from another of the
    same name, size and time."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as file:
            for block in iter(lambda: file.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


K = TypeVar("K")
V = TypeVar("V")


class Kept(Generic[K, V]):
    """Values kept in memory by key, at most `most` of them: the oldest go first. With `most` 0,
    nothing is kept (a session that keeps nothing)."""

    def __init__(self, most: int) -> None:
        self.most = most
        self._values: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        return self._values.get(key)

    def put(self, key: K, value: V) -> None:
        self._values[key] = value
        while len(self._values) > self.most:
            del self._values[next(iter(self._values))]

    def values(self) -> list[V]:
        return list(self._values.values())

    def __len__(self) -> int:
        return len(self._values)
