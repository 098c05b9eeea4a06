"""`brochure serve` (and `watch --serve`): a local page of the panel previews, the proof and the last build's
findings, each located in the content.

`PreviewServer` listens on 127.0.0.1 only, in a daemon thread. The watch loop hands it each
build's previews as soon as they are drawn, while the checks still run (`show_checking`: the
page says so), then each `Rebuild` with `publish`; the page's one open `/events` stream
(server-sent events) then says the new generation and the page reloads itself, so nothing
polls. A failed build keeps the previews of the last good one (the page marks them stale) and
shows the proof of its rejected render where one was drawn. The server serves the page
(`livepage`), that stream, and the pictures shown by their file names, nothing else: a name
the build did not make is not found, whatever path it spells.
"""

from __future__ import annotations

import io
import logging
import sys
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PIL import Image

from brochure.commands.livepage import Listed, listed, page
from brochure.editions import EDITIONS
from brochure.editions.previews import PANEL_FILE_PREFIX
from brochure.errors import InputError, internal_error

if TYPE_CHECKING:
    from brochure.commands.watch import Rebuild
    from brochure.editions import EditionResult

HOST = "127.0.0.1"  # never another interface: the page shows unpublished work
PREVIEWS, PROOF, PRINT = "previews", "proof", "print"  # editions
_HEARTBEAT_SECONDS = 15.0  # a comment on the event stream, to notice a page that went away
_log = logging.getLogger("brochure")


@dataclass(frozen=True)
class Pictures:
    """Pictures of one build: their file names, the panels' sizes in pixels (width, height: panels share
    one scale on the page), the generation and time that drew them, and where they are: a folder, or memory."""

    names: tuple[str, ...]
    sizes: tuple[tuple[int, int], ...]
    drawn: int  # the pictures' URLs carry it, so that no cache shows old ones
    at: str = ""  # HH:MM:SS
    folder: Path | None = None
    data: Mapping[str, bytes] | None = None  # drawn by a build whose checks still run: served from memory

    @property
    def panels(self) -> tuple[str, ...]:
        """The panels' pictures among them, `panel-NN-<panel id>.png`, in order."""
        return tuple(name for name in self.names if name.startswith(PANEL_FILE_PREFIX))

    def read(self, name: str) -> bytes | None:
        """A picture by its bare file name, only one of these (no path reaches further); None if not there."""
        if name not in self.names:
            return None
        if self.data is not None:
            return self.data.get(name)
        try:
            return (self.folder / name).read_bytes() if self.folder is not None else None
        except OSError:
            return None


@dataclass(frozen=True)
class Shown:
    """What the page shows: the last build, its findings located in the content, the previews of the last good
    build (or those of a build being checked) and the last proof drawn."""

    generation: int = 0  # how many builds were published; the page reloads when it changes
    rebuild: Rebuild | None = None
    good: Pictures | None = None  # the previews of the last good build
    checking: Pictures | None = None  # the previews of a build whose checks still run
    changed: tuple[str, ...] = ()  # the panels those pictures change
    proof: Pictures | None = None  # the proof of the last build that drew one, a rejected one too
    findings: tuple[Listed, ...] = ()

    @property
    def previews(self) -> Pictures | None:
        return self.checking or self.good

    @property
    def pictures(self) -> tuple[str, ...]:
        return self.previews.names if self.previews else ()

    @property
    def drawn(self) -> int:
        return self.previews.drawn if self.previews else 0

    @property
    def stale(self) -> bool:
        """Whether the previews shown are older than the last build: it failed."""
        return self.checking is None and self.rebuild is not None and not self.rebuild.ok and self.good is not None


def with_previews(only: Iterable[str] | None) -> list[str] | None:
    """The editions to build with the page on: those asked for, the previews it shows and, with the print
    edition, its proof (drawn from the print PDF and its checks: a fraction of a second)."""
    names = [name for name, edition in EDITIONS.items() if edition.by_default] if only is None else list(only)
    extra = [PREVIEWS, *([PROOF] if PRINT in names else [])]
    return [*names, *(name for name in extra if name not in names)]


def open_in_browser(url: str) -> bool:
    """Open `url` in the user's web browser; False where there is none. (Tests replace it.)"""
    import webbrowser

    try:
        return webbrowser.open(url)
    except webbrowser.Error:
        return False


def shown_after(before: Shown, rebuild: Rebuild, sources: Sequence[Path] = ()) -> Shown:
    """What the page shows after `rebuild`: a broken save keeps the pictures of the last good build, and the
    findings are located in `sources` (the content file, then an event's)."""
    generation = before.generation + 1
    shown = replace(
        before, generation=generation, rebuild=rebuild, checking=None, changed=(), findings=listed(rebuild, sources)
    )
    if rebuild.result is not None:
        editions = rebuild.result.editions
    else:  # a failed build: the editions made, the proof of a rejected render among them
        editions = rebuild.failed.results if rebuild.failed is not None else ()
    made = {result.edition: result for result in editions}
    at = f"{rebuild.at:%H:%M:%S}"
    if PROOF in made and made[PROOF].written:
        shown = replace(shown, proof=_written(made[PROOF], generation, at))
    if rebuild.result is not None and PREVIEWS in made and made[PREVIEWS].written:
        shown = replace(shown, good=_written(made[PREVIEWS], generation, at))
    return shown


def _written(result: EditionResult, generation: int, at: str) -> Pictures:
    paths = [item.path for item in result.written]
    sizes = tuple(_size(path) for path in paths if path.name.startswith(PANEL_FILE_PREFIX))
    return Pictures(tuple(path.name for path in paths), sizes, generation, at, folder=paths[0].parent)


def shown_checking(before: Shown, pictures: Mapping[str, bytes], changed: tuple[str, ...]) -> Shown:
    """What the page shows once a build's previews are drawn, before its checks: those pictures."""
    generation = before.generation + 1
    names = tuple(sorted(pictures))
    sizes = tuple(_size(io.BytesIO(pictures[name])) for name in names if name.startswith(PANEL_FILE_PREFIX))
    drawn = Pictures(names, sizes, generation, data=MappingProxyType(dict(pictures)))
    return replace(before, generation=generation, checking=drawn, changed=changed)


def _size(png: Path | io.BytesIO) -> tuple[int, int]:
    with Image.open(png) as picture:  # reads the header only
        return picture.size


class PreviewServer:
    """The page, its event stream and the preview pictures, served on 127.0.0.1 from a daemon thread."""

    def __init__(self, port: int, sources: Sequence[Path] = ()) -> None:
        self._sources = tuple(sources)  # where findings are located: the content file, then an event's
        self._changed = threading.Condition()
        self._shown = Shown()
        self._closing = False
        try:
            self._httpd = _Server((HOST, port), self.handler())
        except OSError as exc:
            raise InputError(f"--port {port}: cannot listen on {HOST}:{port}: {exc.strerror or exc}") from None
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="brochure-serve", daemon=True)

    def handler(self) -> type[BaseHTTPRequestHandler]:
        """The class that answers this server's requests (`brochure edit` answers more of them)."""

        class Handler(PageHandler):
            live = self

        return Handler

    @property
    def port(self) -> int:
        return self.address[1]

    @property
    def address(self) -> tuple[str, int]:
        """Where it listens: (host, port)."""
        host, port = self._httpd.server_address[:2]
        return str(host), int(port)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/"

    @property
    def shown(self) -> Shown:
        with self._changed:
            return self._shown

    def start(self) -> PreviewServer:
        self._thread.start()
        return self

    def show_checking(self, pictures: Mapping[str, bytes], changed: tuple[str, ...]) -> int:
        """Show the previews of a build whose checks still run, and tell every open page to reload."""
        return self._show(shown_checking(self.shown, pictures, changed))

    def publish(self, rebuild: Rebuild) -> int:
        """Show `rebuild` and tell every open page to reload; the new generation. One thread publishes: the watch."""
        # Reads the pictures and the content: not while the pages wait.
        return self._show(shown_after(self.shown, rebuild, self._sources))

    def _show(self, shown: Shown) -> int:
        with self._changed:
            self._shown = shown
            self._changed.notify_all()
        return shown.generation

    def wait_past(self, generation: int, timeout: float) -> int | None:
        """The generation once it differs from `generation`; the same after `timeout`; None once the server closes."""
        with self._changed:
            self._changed.wait_for(lambda: self._closing or self._shown.generation != generation, timeout)
            return None if self._closing else self._shown.generation

    def close(self) -> None:
        """End the event streams, stop serving and free the port."""
        with self._changed:
            self._closing = True
            self._changed.notify_all()
        if self._thread.is_alive():
            self._httpd.shutdown()
            self._thread.join()
        self._httpd.server_close()

    def __enter__(self) -> PreviewServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class _Server(ThreadingHTTPServer):
    """The HTTP server, whose failure to answer one request is one line of the log, never a traceback:
    serving goes on."""

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        error = sys.exc_info()[1]
        _log.warning("preview page: a request from %s was not answered: %s", client_address[0], internal_error(error))


class PageHandler(BaseHTTPRequestHandler):
    """GET /, /events, /previews/<name of a picture shown> and /proof/<name of a side of the proof shown>;
    anything else is not found."""

    live: PreviewServer
    server_version = "brochure"

    def do_GET(self) -> None:
        try:
            path = urlsplit(self.path).path
        except ValueError:  # not a URL (`http://[::1`): the asker's mistake, not a bug of the page
            self._send(HTTPStatus.BAD_REQUEST, "text/plain; charset=utf-8", b"bad request\n")
            return
        if not self._from_this_machine():
            self._send(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8", b"only for 127.0.0.1 or localhost\n")
        elif path == "/":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", page(self.live.shown).encode())
        elif path == "/events":
            self._stream_events()
        elif path.startswith(f"/{PREVIEWS}/"):
            self._send_picture(self.live.shown.previews, path.removeprefix(f"/{PREVIEWS}/"))
        elif path.startswith(f"/{PROOF}/"):
            self._send_picture(self.live.shown.proof, path.removeprefix(f"/{PROOF}/"))
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n")

    def _from_this_machine(self) -> bool:
        """Whether the page was asked for by this machine's name: another name that resolves to 127.0.0.1
        (DNS rebinding) would let any web site read the page."""
        port = self.live.port
        return self.headers.get("Host", "") in (f"{HOST}:{port}", f"localhost:{port}")

    def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _send_picture(self, pictures: Pictures | None, name: str) -> None:
        """A picture by its bare file name, and only one shown (no path reaches further)."""
        data = pictures.read(name) if pictures is not None else None
        if data is None:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n")
        else:
            self._send(HTTPStatus.OK, "image/png", data)

    def _stream_events(self) -> None:
        """Say the generation now, then again each time it changes, until the page or the server goes away."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        generation: int | None = self.live.shown.generation
        message = f"data: {generation}\n\n"
        try:
            while generation is not None:
                self.wfile.write(message.encode())
                self.wfile.flush()
                now = self.live.wait_past(generation, _HEARTBEAT_SECONDS)
                message = f"data: {now}\n\n" if now != generation else ": still here\n\n"
                generation = now
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page reloaded or closed

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the watch prints one line per build, not one per request."""
