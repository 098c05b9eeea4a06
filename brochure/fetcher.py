"""What a build may read: files inside the project folder, brochure's own data, `data:` URLs.

`project_file` is the rule for paths written in the content; `ProjectFetcher` is the
same rule for every URL WeasyPrint asks for while rendering (images, fonts, stylesheets,
and whatever an SVG image refers to). Nothing here opens a network connection.
"""

from __future__ import annotations

import errno
import mimetypes
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit
from urllib.request import DataHandler, Request, url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from .errors import InputError, capped_lines
from .imagefiles import IMAGE_TYPES, MAX_BUILD_PIXELS, InvalidImage, check_image, image_type_of
from .resources import ASSETS_DIR, LAYOUTS_DIR

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")

# The HTML names files by these folder-independent URLs, so that nothing in the PDF
# (WeasyPrint names raster images after their URL, the /ID hashes the HTML) depends on
# where the project or brochure lives; the fetcher maps them back to real files.
VIRTUAL_ROOT = "/.brochure/"
PROJECT_URL = f"file://{VIRTUAL_ROOT}project/"  # + a path relative to the project folder
ASSETS_URL = f"file://{VIRTUAL_ROOT}assets/"  # + a path in the assets: the project's, else brochure's
LAYOUTS_URL = f"file://{VIRTUAL_ROOT}layouts/"  # + a path in the layouts: the project's, else brochure's


MAX_FILE_BYTES = 50_000_000  # any one file a build reads: a font is about 300 kB, a photo a few MB
_NOT_IMAGES = frozenset({".css", ".otf", ".ttf", ".woff", ".woff2", ".html", ".htm"})  # what else a build reads
_NOT_FILES = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


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
        """'too large: 5.0 MB (`what` is at most 256 kB)'."""
        shown = file_size(self.size)
        if self.size <= self.limit or shown == file_size(self.limit):  # still growing, or too close to say
            shown = f"more than {file_size(self.limit)}"
        return f"too large: {shown} ({what} is at most {file_size(self.limit)})"


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
        data = handle.read(limit + 1)
        if len(data) > limit:  # the size on disk says by how much, unless the file is still growing
            raise FileTooLarge(limit, os.fstat(descriptor).st_size, path)
    return data


def file_size(size: int) -> str:
    """A size in bytes as a person reads it: 12 kB, 3.4 MB."""
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{size // 1000} kB"


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


class ProjectFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves only the project's files, brochure's data and `data:` URLs.

    WeasyPrint catches a fetcher's exceptions and only logs them (SVG images even catch
    BaseException while drawing), so a refusal alone would not stop a build: every refused
    URL is recorded, and `raise_refusals` turns them into an InputError after rendering.
    """

    def __init__(self, project_dir: Path, convert: Callable[[Path, bytes], bytes] | None = None) -> None:
        # The parent's urllib handlers are never reached: every way in (fetch, open, call) ends in `fetch`.
        super().__init__()
        project = project_dir.resolve()
        self.roots = tuple(dict.fromkeys(root.resolve() for root in (project, ASSETS_DIR, LAYOUTS_DIR)))
        # What each virtual folder stands for, in the order the folders are tried.
        self.virtual = {
            f"{VIRTUAL_ROOT}project/": (project,),
            f"{VIRTUAL_ROOT}assets/": (project / "assets", ASSETS_DIR),
            f"{VIRTUAL_ROOT}layouts/": (project / "layouts", LAYOUTS_DIR),
        }
        self.refused: list[str] = []
        self.convert = convert  # applied to every image served: the press edition's conversion to CMYK
        self.pixels = 0  # of every raster image served: an SVG can name many, each within the limit

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            response = DataHandler().data_open(Request(url))
            data, headers = response.read(), dict(response.headers.items())
            self._check_served(data, "SVG" if "svg" in headers.get("Content-type", "") else None)
            return URLFetcherResponse(url, data, headers)
        path = self._allowed_file(url) if scheme == "file" else None
        if path is not None:
            # A missing file inside the project is an ordinary failure (WeasyPrint logs it), not a refusal.
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            data = read_file(path)  # a named pipe or a device is an OSError, logged by WeasyPrint
            if path.suffix.lower() not in _NOT_IMAGES:
                self._check_served(data, IMAGE_TYPES.get(path.suffix.lower()))
            if self.convert is not None and IMAGE_TYPES.get(path.suffix.lower()) is not None:
                converted = self.convert(path, data)
                if converted is not data and IMAGE_TYPES[path.suffix.lower()] != "SVG":
                    mime_type = "image/jpeg"  # a raster image in CMYK is a JPEG
                data = converted
            return URLFetcherResponse(url, data, {"Content-Type": mime_type})
        if url not in self.refused:
            self.refused.append(url)
        raise PermissionError("refused: brochure loads only files inside the project folder")

    def _allowed_file(self, url: str) -> Path | None:
        """The local path a file: URL names, symbolic links resolved, if it lies under an allowed root."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        try:
            path = self._real_path(url2pathname(parts.path)).resolve()
        except (OSError, RuntimeError, ValueError):
            return None
        return path if any(path.is_relative_to(root) for root in self.roots) else None

    def _real_path(self, path: str) -> Path:
        """The file a virtual path stands for (the first folder that has it); other paths as they are."""
        for prefix, folders in self.virtual.items():
            if path.startswith(prefix):
                rest = path[len(prefix) :]
                candidates = [folder / rest for folder in folders]
                return next((candidate for candidate in candidates if candidate.exists()), candidates[-1])
        return Path(path)

    def _check_served(self, data: bytes, named_type: str | None) -> None:
        """Check an image the way its name says, or the way its bytes say if its name says nothing.

        WeasyPrint tries as an image whatever an <img> or an SVG's <image> names, and draws as
        an SVG what looks like one, so a file named x.txt must not slip past the SVG checks.
        InvalidImage is logged by WeasyPrint and raised after the render.
        """
        found_type = image_type_of(data)
        if found_type == "SVG" and named_type != "SVG":
            raise InvalidImage("it is an SVG, but its name or type does not say so; name it .svg")
        image_type = named_type or found_type
        if image_type is not None:
            self.pixels += check_image(data, image_type)
            if self.pixels > MAX_BUILD_PIXELS:
                raise InvalidImage(f"the images drawn add up to more than {MAX_BUILD_PIXELS / 1e6:g} Mpx")

    def raise_refusals(self) -> None:
        """Raise an InputError naming every URL refused so far, if any."""
        if self.refused:
            lines = [
                f"refused to load {short_url(url)}: only files inside the project folder and data: URLs are allowed"
                for url in self.refused
            ]
            raise InputError(capped_lines(lines, "refused URLs"))


def short_url(url: str, limit: int = 120) -> str:
    """A URL fit for a one-line message: printable and at most `limit` characters."""
    url = "".join(char if char.isprintable() else f"\\x{ord(char):02x}" for char in url[:limit])
    return url if len(url) < limit else url[: limit - 1] + "…"
