"""brochure's cache: what it can make again from a file, kept between processes (the parsed
hyphenation dictionaries, the code points of each font); and what a render session keeps in
memory between builds (`Kept`, bounded).

It lives in `$BROCHURE_CACHE`, else in the platform's cache folder for brochure (platformdirs:
`~/.cache/brochure` or `$XDG_CACHE_HOME/brochure`, `~/Library/Caches/brochure`,
`%LOCALAPPDATA%\\brochure\\Cache`), and may be removed at any time: the next build makes again what it
needs. It is held to MAX_CACHE_BYTES: after a copy is written, the least recently used go first
until the rest fit (a copy read is touched, so its time says when it was last used; only a write,
which is rare, looks at the whole folder). A value is kept by the name and the content (its
SHA-256) of the file it was made from, and the version of what made it, so a changed file is
read anew, even one swapped for another of the same size and time. A copy
that cannot be read is made anew, one that cannot be written is not kept, and one is written
whole or not at all (another build may be reading it).

What is kept is data, never code (no compiled templates: see `CompiledTemplates`), and it is
read as data another may have written: the cache folder is made private (0700) and not used if
another user owns it or others may write in it; a copy is read only if it is a regular file of
at most MAX_COPY_BYTES (a pipe, a device or a link is not read at all), and only if it holds the
SHA-256 of the rest; what it holds is checked (`valid`) before it is used.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import marshal
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

import platformdirs

from brochure.errors import InputError
from brochure.files.output import write_atomic
from brochure.version import __version__

T = TypeVar("T")
_log = logging.getLogger("brochure.cache")


_FORMAT = "sha256-then-marshal"  # how a copy is written: the digest of the rest, then the value
MAX_COPY_BYTES = 64_000_000  # the German hyphenation patterns, the largest copy, take 2 MB


MAX_CACHE_BYTES = 50_000_000  # all copies together: one project's take about 3 MB


def root() -> Path | None:
    """brochure's cache folder: $BROCHURE_CACHE, else the platform's; None without a home folder to keep it in."""
    if os.environ.get("BROCHURE_CACHE"):
        return Path(os.environ["BROCHURE_CACHE"])
    try:
        platform = Path(platformdirs.user_cache_dir("brochure", appauthor=False))
    except RuntimeError:  # no home folder (newer platformdirs say so)
        return None
    return platform if platform.is_absolute() else None  # relative: '~' had no home folder to stand for


def folder(kind: str) -> Path | None:
    """Where the cache keeps values of one kind; None without a cache folder brochure may use."""
    kept = root()
    return kept / kind if kept is not None and refusal(kept) is None else None


def refusal(kept: Path) -> str | None:
    """Why the cache folder `kept` is not used, as a one-line notice; None if it is (or may be made)."""
    try:
        state = os.stat(kept)
    except OSError:  # not there yet (it is made private), or not reachable (nothing is kept)
        return None
    if state.st_uid != os.geteuid():
        return f"cache folder {kept} belongs to another user; not used"
    if state.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"cache folder {kept} is writable by others; not used"
    return None


def notice_refusal() -> None:
    """Say, in one line, that brochure's cache folder is not used and why, if it is not."""
    kept = root()
    why = refusal(kept) if kept is not None else None
    if why is not None:
        _log.warning("%s", why)


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
    key = f"{source.resolve()}:{file_digest(source)}:{version}:{_FORMAT}:{marshal.version}:{__version__}"
    copy = kept / f"{source.stem}-{hashlib.sha256(key.encode()).hexdigest()[:16]}.marshal"
    data = read_copy(copy)
    if data is not None:
        try:
            value = marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            value = None
        if value is not None and valid(value):
            return value
        _log.warning("cache copy %s does not hold what it should; made anew", copy)
    value = make(source)
    with contextlib.suppress(ValueError, InputError):  # not a plain value; a cache that cannot be written
        payload = marshal.dumps(value)
        _make_private(kept)
        write_atomic(copy, hashlib.sha256(payload).digest() + payload)
        prune(kept.parent)
    return value


def read_copy(copy: Path) -> bytes | None:
    """What a copy in the cache holds after the SHA-256 it starts with; None if there is none, and
    (with a one-line notice) if it is no regular file, is larger than MAX_COPY_BYTES or does not
    hold the digest of the rest. A link is not followed, and a named pipe is opened without
    waiting for a writer, and not read."""
    try:
        handle = os.open(copy, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError as exc:  # a link (ELOOP), a copy it may not read
        return _refused(copy, f"cannot be read ({exc.strerror or exc})")
    with os.fdopen(handle, "rb") as file:
        try:
            state = os.fstat(file.fileno())
            if not stat.S_ISREG(state.st_mode):
                return _refused(copy, "is not a regular file")
            if state.st_size > MAX_COPY_BYTES:
                return _refused(copy, f"is larger than {MAX_COPY_BYTES // 1_000_000} MB")
            data = file.read(MAX_COPY_BYTES + 1)  # no more, even if it grew since
        except OSError as exc:
            return _refused(copy, f"cannot be read ({exc.strerror or exc})")
        digest, payload = data[:32], data[32:]
        if len(data) > MAX_COPY_BYTES or hashlib.sha256(payload).digest() != digest:
            return _refused(copy, "is no copy brochure wrote whole")
        with contextlib.suppress(OSError):  # used now: the last to be pruned
            # The file opened, not whatever the name leads to by now (by its name where a system cannot).
            os.utime(file.fileno() if os.utime in os.supports_fd else copy)
    return payload


def prune(kept: Path, most: int | None = None) -> None:
    """Remove the least recently used copies from the cache folder `kept` until the rest take at most
    `most` bytes (MAX_CACHE_BYTES). Only regular files in the folders of its kinds are counted and
    removed, never through a link; what cannot be looked at or removed is left as it is."""
    most = MAX_CACHE_BYTES if most is None else most
    copies = []
    with contextlib.suppress(OSError):
        for kind in os.scandir(kept):
            if kind.is_dir(follow_symlinks=False):
                for entry in os.scandir(kind.path):
                    with contextlib.suppress(OSError):
                        state = entry.stat(follow_symlinks=False)
                        if stat.S_ISREG(state.st_mode):
                            copies.append((state.st_mtime_ns, entry.path, state.st_size))
    total = sum(size for _, _, size in copies)
    for _, path, size in sorted(copies):  # the oldest use first
        if total <= most:
            break
        with contextlib.suppress(OSError):
            os.unlink(path)
            total -= size


def _refused(copy: Path, why: str) -> None:
    _log.warning("cache copy %s %s; made anew", copy, why)


def _make_private(kept: Path) -> None:
    """Make the cache folder and the folder of one kind in it, readable by their user alone."""
    with contextlib.suppress(OSError):  # then writing fails too, and nothing is kept
        kept.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        kept.mkdir(mode=0o700, exist_ok=True)


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
    """Values kept in memory by key, at most `most` of them: the least recently used go first (a
    value unchanged through many edits stays). With `most` 0, nothing is kept (a session that
    keeps nothing)."""

    def __init__(self, most: int) -> None:
        self.most = most
        self._values: dict[K, V] = {}

    def get(self, key: K) -> V | None:
        value = self._values.pop(key, None)
        if value is not None:
            self._values[key] = value  # used now: the last to go
        return value

    def put(self, key: K, value: V) -> None:
        self._values[key] = value
        while len(self._values) > self.most:
            del self._values[next(iter(self._values))]

    def values(self) -> list[V]:
        return list(self._values.values())

    def __len__(self) -> int:
        return len(self._values)
