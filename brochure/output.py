"""Writing output files so that a reader never sees a half-written or lost file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_staged(path: Path, data: bytes) -> Path:
    """Write `data` completely to a temporary file beside `path` and return that file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def publish(staged: Path, path: Path) -> None:
    """Move a staged file into place in one step (a rename within the folder)."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(staged, 0o666 & ~umask)  # mkstemp made it private
    os.replace(staged, path)


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename."""
    publish(write_staged(path, data), path)
