"""What a build may read: files inside the project folder, brochure's own data, `data:` URLs.

`ProjectFetcher` applies the rule of `brochure.paths` for paths written in the content
to every URL WeasyPrint asks for while rendering (images, fonts, stylesheets,
and whatever an SVG image refers to). Nothing here opens a network connection.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import DataHandler, Request, url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

from brochure.errors import InputError, capped_lines
from brochure.files.imagefiles import IMAGE_TYPES, MAX_BUILD_PIXELS, InvalidImage, check_image, image_type_of
from brochure.files.paths import read_file
from brochure.files.photos import crop_to_frame
from brochure.files.resources import ASSETS_DIR, LAYOUTS_DIR
from brochure.html.urls import VIRTUAL_ROOT, frame_of

_MIME_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}
_NOT_IMAGES = frozenset({".css", ".otf", ".ttf", ".woff", ".woff2", ".html", ".htm"})  # what else a build reads


class ProjectFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves only the project's files, brochure's data and `data:` URLs.

    WeasyPrint catches a fetcher's exceptions and only logs them (SVG images even catch
    BaseException while drawing), so a refusal alone would not stop a build: every refused
    URL is recorded, and `raise_refusals` turns them into an InputError after rendering.
    """

    def __init__(self, project_dir: Path, convert: Callable[[str, bytes], bytes] | None = None) -> None:
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
        self.files: list[Path] = []  # every local file asked for, found or not, in the order asked

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            response = DataHandler().data_open(Request(url))
            data, headers = response.read(), dict(response.headers.items())
            named = "SVG" if "svg" in headers.get("Content-type", "") else None
            self._check_served(data, named)
            data, mime_type = self._converted(data, named or image_type_of(data), headers.get("Content-type", ""))
            return URLFetcherResponse(url, data, {**headers, "Content-type": mime_type})
        path = self._allowed_file(url) if scheme == "file" else None
        if path is not None:
            self.files.append(path)
            # A missing file inside the project is an ordinary failure (WeasyPrint logs it), not a refusal.
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            data = read_file(path)  # a named pipe or a device is an OSError, logged by WeasyPrint
            if path.suffix.lower() not in _NOT_IMAGES:
                self._check_served(data, IMAGE_TYPES.get(path.suffix.lower()))
                frame = frame_of(urlsplit(url).query)
                if frame is not None and IMAGE_TYPES.get(path.suffix.lower()) in ("JPEG", "PNG"):
                    data = crop_to_frame(data, *frame)  # a photo cut to its frame: only what prints is kept
            data, mime_type = self._converted(data, IMAGE_TYPES.get(path.suffix.lower()), mime_type)
            return URLFetcherResponse(url, data, {"Content-Type": mime_type})
        if url not in self.refused:
            self.refused.append(url)
        raise PermissionError("refused: brochure loads only files inside the project folder")

    def _converted(self, data: bytes, image_type: str | None, mime_type: str) -> tuple[bytes, str]:
        """An image as the press edition prints it (converted to CMYK), with its MIME type; else as it is."""
        if self.convert is None or image_type is None:
            return data, mime_type
        converted = self.convert(image_type, data)
        if converted is not data and image_type != "SVG":
            mime_type = _MIME_TYPES[image_type_of(converted)]  # a JPEG in CMYK, a PNG in grey
        return converted, mime_type

    def _allowed_file(self, url: str) -> Path | None:
        """The local path a file: URL names, symbolic links resolved, if it lies under an allowed root."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        try:
            path = self.real_path(url2pathname(parts.path)).resolve()
        except (OSError, RuntimeError, ValueError):
            return None
        return path if any(path.is_relative_to(root) for root in self.roots) else None

    def real_path(self, path: str) -> Path:
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
