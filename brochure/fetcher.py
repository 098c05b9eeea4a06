"""What a build may read: files inside the project folder, brochure's own data, `data:` URLs.

`ProjectFetcher` applies the rule of `brochure.paths` for paths written in the content
to every URL WeasyPrint asks for while rendering (images, fonts, stylesheets,
and whatever an SVG image refers to). Nothing here opens a network connection.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import DataHandler, Request, url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from .errors import InputError, capped_lines
from .imagefiles import IMAGE_TYPES, check_image
from .resources import ASSETS_DIR, LAYOUTS_DIR

# The HTML names files by these folder-independent URLs, so that nothing in the PDF
# (WeasyPrint names raster images after their URL, the /ID hashes the HTML) depends on
# where the project or brochure lives; the fetcher maps them back to real files.
VIRTUAL_ROOT = "/.brochure/"
PROJECT_URL = f"file://{VIRTUAL_ROOT}project/"  # + a path relative to the project folder
ASSETS_URL = f"file://{VIRTUAL_ROOT}assets/"  # + a path in the assets: the project's, else brochure's
LAYOUTS_URL = f"file://{VIRTUAL_ROOT}layouts/"  # + a path in the layouts: the project's, else brochure's


class ProjectFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves only the project's files, brochure's data and `data:` URLs.

    WeasyPrint catches a fetcher's exceptions and only logs them (SVG images even catch
    BaseException while drawing), so a refusal alone would not stop a build: every refused
    URL is recorded, and `raise_refusals` turns them into an InputError after rendering.
    """

    def __init__(self, project_dir: Path) -> None:
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

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            response = DataHandler().data_open(Request(url))
            return URLFetcherResponse(url, response.read(), dict(response.headers.items()))
        path = self._allowed_file(url) if scheme == "file" else None
        if path is not None:
            # A missing file inside the project is an ordinary failure (WeasyPrint logs it), not a refusal.
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            data = path.read_bytes()
            image_type = IMAGE_TYPES.get(path.suffix.lower())
            if image_type is not None:
                check_image(data, image_type)  # InvalidImage: logged by WeasyPrint, raised after the render
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
