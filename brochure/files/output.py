"""Writing output files so that a reader never sees a half-written or lost file."""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
import time
from pathlib import Path

from brochure.errors import InputError

# A staged file younger than this may belong to a build that is running right now.
STALE_AFTER_SECONDS = 60


def write_staged(path: Path, data: bytes) -> Path:
    """Write `data` completely to a temporary file beside `path` and return that file.

    Staged files of `path` that a killed build left behind are removed first.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale(path)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise InputError(f"cannot write to {path.parent}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):  # a full disk, a quota
            raise InputError(f"cannot write to {path.parent}: {exc.strerror or exc}") from None
        raise
    return Path(temporary)


def _remove_stale(path: Path) -> None:
    now = time.time()
    for staged in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):  # gone already, or not ours to remove
            if now - staged.lstat().st_mtime > STALE_AFTER_SECONDS:
                staged.unlink()


def publish(staged: Path, path: Path) -> None:
    """Move a staged file into place in one step (a rename within the folder)."""
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(staged, 0o666 & ~umask)  # mkstemp made it private
        os.replace(staged, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            staged.unlink()
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename."""
    publish(write_staged(path, data), path)


def write_folder(folder: Path, files: dict[str, bytes], pattern: str = "*.png") -> list[Path]:
    """Write `files` (name → bytes) into `folder`, each atomically, and remove the files matching
    `pattern` that an earlier build left there and this one did not write."""
    written = []
    for name, data in files.items():
        write_atomic(folder / name, data)
        written.append(folder / name)
    for stale in folder.glob(pattern):
        if stale.name not in files:
            with contextlib.suppress(OSError):
                stale.unlink()
    return written
