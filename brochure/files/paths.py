"""The rule for a path written in a project's files (relative, with '/', and inside its folder),
the rule for the symbolic links a project holds (none may lead out of it: a project is its
folder, and travels as one), and reading a file without hanging on a named pipe or a device,
within a size."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path, PurePosixPath

from brochure.errors import InputError
from brochure.units import format_size, format_size_over

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class OutsideProject(ValueError):
    """A path in the content that does not name a file inside the project folder."""


def project_file(project_dir: Path, value: str) -> Path:
    """The file that `value`, a path relative to the project folder, names; OutsideProject if none."""
    if _SCHEME.match(value):
        raise OutsideProject("is a URL; give the path of a file inside the project folder")
    if "\\" in value:
        raise OutsideProject("has a backslash; write paths with '/'")
    if value.startswith(("/", "~")):
        raise OutsideProject("is an absolute path; give a path relative to the project folder")
    root = project_dir.resolve()
    # Judged on the text first, so that '../x' is refused even where ../x does not exist.
    normalized = os.path.normpath(PurePosixPath(value))
    if normalized == ".." or normalized.startswith("../"):
        raise OutsideProject("is outside the project folder")
    try:
        path = (root / value).resolve()
    except (OSError, RuntimeError, ValueError) as exc:  # symlink loops, NUL bytes, overlong names
        raise OutsideProject(f"cannot be resolved: {exc}") from None
    if not path.is_relative_to(root):
        raise OutsideProject("leads outside the project folder (a symbolic link)")
    return path


def refuse_links_out(path: Path, project_dir: Path) -> None:
    """InputError if a symbolic link in the project folder, on the way to `path`, leads out of it.

    Links outside the project (a project folder reached through one, say) are not the project's."""
    root = project_dir.resolve()
    named = Path(os.path.abspath(path))
    current = Path(named.anchor)
    for part in named.parts[1:]:
        current = current / part
        if current.is_symlink():
            where = current.parent.resolve() / current.name
            if where.is_relative_to(root):
                _refuse_if_out(where, root)


def refuse_links_out_of(folder: Path, project_dir: Path) -> None:
    """InputError if a symbolic link on the way to `folder`, or anywhere inside it, leads out of the project folder."""
    refuse_links_out(folder, project_dir)
    root = project_dir.resolve()
    seen: set[Path] = set()
    for parent, folders, files in os.walk(folder, followlinks=True):
        here = Path(parent)
        if here.resolve() in seen:  # a link back to a folder already walked: no endless walk
            folders.clear()
            continue
        seen.add(here.resolve())
        for name in sorted(folders + files):
            if (here / name).is_symlink():
                _refuse_if_out(here / name, root)


def _refuse_if_out(link: Path, root: Path) -> None:
    try:
        target = link.resolve()
    except (OSError, RuntimeError) as exc:  # a loop of links
        raise InputError(f"{link}: a symbolic link that cannot be followed: {exc}") from None
    if not target.is_relative_to(root):
        message = "leads out of the project folder (a symbolic link"
        raise InputError(f"{link}: {message} to {target}); a project is its folder: copy what it needs into it")


MAX_FILE_BYTES = 50_000_000  # any one file a build reads: a font is about 300 kB, a photo a few MB
_NOT_FILES = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


# What a file a user named by mistake starts with: the kinds that lie about a build's folder.
_SIGNATURES = (
    (b"%PDF-", "a PDF"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive"),
)


def file_kind(data: bytes) -> str | None:
    """What a file's first bytes say it is ('a PDF', 'a PNG image'…), whatever its name says; None for others."""
    return next((kind for signature, kind in _SIGNATURES if data.startswith(signature)), None)


def read_input(path: Path, limit: int, kind: str, what: str | None = None) -> bytes:
    """The bytes of the `kind` file a user named (content, PDF…), within `limit`; InputError in one
    line naming the file otherwise. `what` words the limit (default: `a <kind> file`)."""
    try:
        return read_file(path, limit)
    except FileNotFoundError:
        raise InputError(f"{path}: no such {kind} file") from None
    except FileTooLarge as exc:
        raise InputError(f"{path}: {exc.describe(what or f'a {kind} file')}") from None
    except NotAFile as exc:
        raise InputError(f"{path}: {exc.strerror}; give the path of a {kind} file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: a folder, not a {kind} file; give the path of a {kind} file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


class NotAFile(OSError):
    """A path that names a named pipe, a device or a socket: reading it could wait forever or never end."""

    def __init__(self, kind: str, path: Path) -> None:
        self.kind = kind  # "a named pipe (FIFO)", "a device", "a socket"
        super().__init__(errno.EINVAL, f"not a regular file but {kind}", str(path))


class FileTooLarge(OSError):
    """A file larger than what brochure reads of it; `size` is its size as far as it is known."""

    def __init__(self, limit: int, size: int, path: Path) -> None:
        self.limit = limit
        self.size = size
        super().__init__(errno.EFBIG, self.describe("a file"), str(path))

    def describe(self, what: str) -> str:
        """'too large: 5.12 MB (`what` is at most 256 kB)'."""
        # A size on disk within the limit: the file grew while it was read, by an amount unknown.
        shown = (
            format_size_over(self.size, self.limit)
            if self.size > self.limit
            else f"more than {format_size(self.limit)}"
        )
        return f"too large: {shown} ({what} is at most {format_size(self.limit)})"


def read_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at `path`, of at most `limit` bytes.

    The file is opened without blocking and judged by what it is before a byte is read,
    so that a named pipe with no writer or a device is refused at once instead of hanging.
    Raises FileNotFoundError, IsADirectoryError, NotAFile, FileTooLarge or another OSError.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as handle:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
        if not stat.S_ISREG(mode):
            raise NotAFile(next((name for test, name in _NOT_FILES if test(mode)), "a socket"), path)
        if os.fstat(descriptor).st_size > limit:  # known too large before a byte is read (a sparse file)
            raise FileTooLarge(limit, os.fstat(descriptor).st_size, path)
        data = handle.read(limit + 1)
        if len(data) > limit:  # the size on disk says by how much, unless the file is still growing
            raise FileTooLarge(limit, os.fstat(descriptor).st_size, path)
    return data
