"""Writing output files so that a reader never sees a half-written or lost file, nor a folder of two builds."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
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
    """Publish `files` (name → bytes) as the folder `folder`, all together or not at all.

    They are written into a staging folder beside it, with the files of the old folder that do
    not match `pattern` (a build writes only those); then the old folder is renamed aside, the
    staged one put in its place, and the old one removed. A reader finds the whole old set or
    the whole new set, never a mix of two builds; a failure before the swap leaves the old
    folder whole, and leftovers of a killed build are removed by the next.
    """
    staging, old = _beside(folder, "staging"), _beside(folder, "old")
    for leftover in (staging, old):
        shutil.rmtree(leftover, ignore_errors=True)
    try:
        staging.mkdir(parents=True)
        for name, data in files.items():
            write_atomic(staging / name, data)
        _carry_over(folder, staging, files, pattern)
        _swap(folder, staging, old)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            raise InputError(f"cannot write {folder}: {exc.strerror or exc}") from None
        raise
    shutil.rmtree(old, ignore_errors=True)
    return [folder / name for name in files]


def _beside(folder: Path, role: str) -> Path:
    return folder.parent / f".{folder.name}.{role}"


def _carry_over(folder: Path, staging: Path, files: dict[str, bytes], pattern: str) -> None:
    """The old folder's files that no build writes (not matching `pattern`), linked into the staged one."""
    if not folder.is_dir():
        return
    for kept in folder.iterdir():
        if kept.is_file() and kept.name not in files and not kept.match(pattern):
            os.link(kept, staging / kept.name)


def _swap(folder: Path, staging: Path, old: Path) -> None:
    """Put `staging` in the place of `folder`, the old one renamed to `old`; put back if that fails."""
    had_one = folder.exists()
    if had_one:
        os.rename(folder, old)
    try:
        os.rename(staging, folder)
    except BaseException:
        if had_one:
            os.rename(old, folder)
        raise
