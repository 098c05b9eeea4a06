"""`brochure watch --serve`: a local page of the last good panel previews and the last build's findings.

`PreviewServer` listens on 127.0.0.1 only, in a daemon thread. The watch loop hands it each
build's previews as soon as they are drawn, while the checks still run (`show_checking`: the
page says so), then each `Rebuild` with `publish`; the page's one open `/events` stream
(server-sent events) then says the new generation and the page reloads itself, so nothing
polls. The server serves the page, that stream, and the preview pictures shown by their file
names, nothing else: a name the build did not make is not found, whatever path it spells.
"""

from __future__ import annotations

import io
import logging
import sys
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PIL import Image

from brochure.errors import InputError, internal_error

if TYPE_CHECKING:
    from brochure.commands.watch import Rebuild

HOST = "127.0.0.1"  # never another interface: the page shows unpublished work
PREVIEWS = "previews"
_HEARTBEAT_SECONDS = 15.0  # a comment on the event stream, to notice a page that went away
_PANEL_PREFIX = "panel-"
_log = logging.getLogger("brochure")


@dataclass(frozen=True)
class Shown:
    """What the page shows: the last build, and the previews of the last good one (drawn at `drawn`)."""

    generation: int = 0  # how many builds were published; the page reloads when it changes
    rebuild: Rebuild | None = None
    folder: Path | None = None  # the previews folder of the last good build
    pictures: tuple[str, ...] = ()  # the file names it wrote there
    drawn: int = 0  # the generation that wrote them: the pictures' URLs carry it, so no cache shows old ones
    widths: tuple[int, ...] = ()  # in pixels, of each panel picture among them: panels share one scale on the page
    checking: Mapping[str, bytes] | None = None  # pictures drawn, by name, whose checks still run: shown from memory
    changed: tuple[str, ...] = ()  # the panels those pictures change


def with_previews(only: Iterable[str] | None) -> list[str] | None:
    """The editions to build with the page on: those asked for, and the previews it shows."""
    if only is None:
        return None  # every default edition, previews among them
    names = list(only)
    return names if PREVIEWS in names else [*names, PREVIEWS]


def shown_after(before: Shown, rebuild: Rebuild) -> Shown:
    """What the page shows after `rebuild`: a broken save keeps the pictures of the last good build."""
    generation = before.generation + 1
    previews = rebuild.result.edition(PREVIEWS) if rebuild.result is not None else None
    if previews is None or not previews.written:
        return Shown(generation, rebuild, before.folder, before.pictures, before.drawn, before.widths)
    names = tuple(item.path.name for item in previews.written)
    widths = tuple(_width(item.path) for item in previews.written if item.path.name.startswith(_PANEL_PREFIX))
    return Shown(generation, rebuild, previews.written[0].path.parent, names, generation, widths)


def shown_checking(before: Shown, pictures: Mapping[str, bytes], changed: tuple[str, ...]) -> Shown:
    """What the page shows once a build's previews are drawn, before its checks: those pictures."""
    generation = before.generation + 1
    names = tuple(sorted(pictures))
    widths = tuple(_width(io.BytesIO(pictures[name])) for name in names if name.startswith(_PANEL_PREFIX))
    return Shown(generation, before.rebuild, None, names, generation, widths, MappingProxyType(dict(pictures)), changed)


def _width(png: Path | io.BytesIO) -> int:
    with Image.open(png) as picture:
        return picture.width


class PreviewServer:
    """The page, its event stream and the preview pictures, served on 127.0.0.1 from a daemon thread."""

    def __init__(self, port: int) -> None:
        self._changed = threading.Condition()
        self._shown = Shown()
        self._closing = False
        try:
            self._httpd = _Server((HOST, port), _handler(self))
        except OSError as exc:
            raise InputError(f"--port {port}: cannot listen on {HOST}:{port}: {exc.strerror or exc}") from None
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="brochure-serve", daemon=True)

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
        return self._show(shown_after(self.shown, rebuild))  # reads the pictures: not while the pages wait

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


def _handler(server: PreviewServer) -> type[BaseHTTPRequestHandler]:
    class Handler(_PageHandler):
        live = server

    return Handler


class _PageHandler(BaseHTTPRequestHandler):
    """GET /, /events and /previews/<name of a picture the last good build wrote>; anything else is not found."""

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
            self._send_picture(path.removeprefix(f"/{PREVIEWS}/"))
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

    def _send_picture(self, name: str) -> None:
        """A picture by its bare file name, and only one the last good build wrote (no path reaches further)."""
        shown = self.live.shown
        if shown.checking is not None and name in shown.checking:
            self._send(HTTPStatus.OK, "image/png", shown.checking[name])
            return
        if shown.folder is None or name not in shown.pictures:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n")
            return
        try:
            data = (shown.folder / name).read_bytes()
        except OSError:
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n")
            return
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


def page(shown: Shown) -> str:
    """The page: the status line, the error or the findings of the last build, and the panel previews."""
    rebuild = shown.rebuild
    status = rebuild.headline.removesuffix(":") if rebuild else "building…"
    changed = set(rebuild.changed_panels) if rebuild else set()
    report = _report(rebuild)
    if shown.checking is not None:  # the new pictures, the last build's findings no longer
        status, changed, report = "laid out, checking…", set(shown.changed), '<p id="findings">checking…</p>'
    panels = [name for name in shown.pictures if name.startswith(_PANEL_PREFIX)]
    figures = "\n".join(
        _figure(name, width, shown.drawn, changed) for name, width in zip(panels, shown.widths, strict=True)
    )
    return _PAGE.format(
        generation=shown.generation,
        status=escape(status),
        report=report,
        figures=figures or "<p>no previews yet</p>",
    )


def _report(rebuild: Rebuild | None) -> str:
    """The error of a broken save, as `build` prints it, or the findings of a good build."""
    if rebuild is None:
        return ""
    if rebuild.result is None:
        return f'<pre id="error">{escape(rebuild.error or "")}</pre>'
    lines = rebuild.result.finding_lines()
    return f'<pre id="findings">{escape(chr(10).join(lines))}</pre>' if lines else '<p id="findings">no findings</p>'


def _figure(name: str, width: int, drawn: int, changed: set[str]) -> str:
    panel = Path(name).stem.split("-", 2)[2]  # panel-NN-<panel id>.png
    mark = ' class="changed"' if panel in changed else ""
    src = f"/{PREVIEWS}/{escape(name)}?g={drawn}"
    return (
        f'<figure data-panel="{escape(panel)}"{mark} style="flex-grow: {width}">'
        f'<img src="{src}" alt="{escape(panel)}">'
        f"<figcaption>{escape(panel)}</figcaption></figure>"
    )


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>brochure watch</title>
<style>
body {{ font: 14px/1.4 system-ui, sans-serif; margin: 1rem; background: #e2e2de; color: #222; }}
#status {{ font-family: ui-monospace, monospace; }}
pre {{ background: #fff; padding: .5rem; white-space: pre-wrap; }}
#error {{ border-left: 4px solid #b00020; }}
main {{ display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-start; }}
figure {{ margin: 0; flex: 1 1 0; min-width: 9rem; }}
figure img {{ display: block; width: 100%; box-shadow: 0 1px 4px #0004; }}
figure.changed figcaption {{ font-weight: bold; }}
figure.changed figcaption::after {{ content: " (changed)"; }}
</style>
</head>
<body data-generation="{generation}">
<p id="status">{status}</p>
{report}
<main>
{figures}
</main>
<script>
const shown = {generation};
new EventSource("/events").onmessage = (event) => {{
  if (Number(event.data) !== shown) location.reload();
}};
</script>
</body>
</html>
"""
