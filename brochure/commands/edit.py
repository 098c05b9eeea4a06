"""`brochure edit`: the page of `serve` with a form beside the panels, which writes content.yaml.

`EditServer` is the preview server of `serve` (127.0.0.1 only, the event stream, the panels by name)
answering a few more requests: `/` the form (`editform`, in the page of `editpage`), `/state` the
panels, each printed text's room (`preflight.room`, measured in the last print PDF) and the findings
located in the content, `/image/<path>` an image of the project to choose from, and two POSTs, `/save`
(`editsave`) and `/upload`. The watch loop of `serve` rebuilds after each save.

What reaches the machine is bounded: a request must name this server by 127.0.0.1 or localhost and
its port (a web site that resolves its own name to 127.0.0.1 is refused), a POST must carry the
session's token (which only the page knows: another site's form cannot post), and come from this
page's origin where the browser says one; bodies have a size limit, read only up to it. No path sent
by the page reaches the file system: a save names fields of the content (checked as a build checks
them, images included, which must be in the project), an upload only a file name, tidied into assets/.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
import secrets
from collections.abc import Sequence
from html import escape
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from brochure.commands.editform import form, project_images, short_form
from brochure.commands.editpage import page
from brochure.commands.editsave import MAX_UPLOAD_BYTES, Refused, Saver, edits_of, store_upload
from brochure.commands.editwords import WORDS, page_language
from brochure.commands.livepage import failed_lines
from brochure.commands.serve import HOST, PageHandler, PreviewServer
from brochure.content.load import load_content
from brochure.errors import BrochureError, InputError
from brochure.files.imagefiles import IMAGE_TYPES, MAX_IMAGE_BYTES
from brochure.files.paths import read_file
from brochure.files.yamlfile import read_yaml
from brochure.preflight.room import rooms_of

if TYPE_CHECKING:
    from http.server import BaseHTTPRequestHandler

    from brochure.commands.watch import Rebuild

MAX_SAVE_BYTES = 1_000_000  # a save's JSON: a whole leaflet's text is a few tens of kB
_IMAGE_KINDS = {"SVG": "image/svg+xml", "PNG": "image/png", "JPEG": "image/jpeg"}
_FIELD_ERROR = re.compile(r"^.+?:\d+:\d+: (?P<field>[\w.\[\]-]+): (?P<message>.+)$")
_log = logging.getLogger("brochure")


class EditServer(PreviewServer):
    """The preview server, with the form, the rooms of the texts, saves and uploads."""

    def __init__(self, port: int, sources: Sequence[Path], outdir: Path) -> None:
        super().__init__(port, sources)
        self.content = Path(sources[0])
        self.outdir = outdir
        self.token = secrets.token_urlsafe(32)  # this session's: a new one each time the command starts
        self.saver = Saver(self.content)
        self.rooms: dict[str, dict[str, Any]] = {}

    def handler(self) -> type[BaseHTTPRequestHandler]:
        class Handler(EditHandler):
            live = self

        return Handler

    def publish(self, rebuild: Rebuild) -> int:
        """Show `rebuild`, with the room of each text measured in its print PDF, or in the print render its checks
        rejected (a text too long for its panel is measured there); a build that printed nothing keeps the last."""
        pdf = _print_pdf(rebuild)
        if pdf is not None:
            try:
                measured = rooms_of(pdf, load_content(self.content))
            except BrochureError as exc:  # the file changed again since: the next build measures it
                _log.debug("rooms not measured: %s", exc)
            else:
                self.rooms = {
                    short_form(name): {"length": room.length, "fits": room.fits, "overflows": room.overflows}
                    for name, room in measured.items()
                }
        return super().publish(rebuild)

    def state(self) -> dict[str, Any]:
        """What the page shows of the last build: its status, panels, rooms and findings."""
        shown = self.shown
        rebuild, previews = shown.rebuild, shown.previews
        panels = previews.panels if previews is not None else ()
        changed = set(shown.changed if shown.checking is not None else rebuild.changed_panels if rebuild else ())
        return {
            "generation": shown.generation,
            "final": rebuild is not None and shown.checking is None,
            "checking": shown.checking is not None,
            "ok": bool(rebuild and rebuild.ok),
            "status": rebuild.headline.removesuffix(":") if rebuild else "",
            "at": f"{rebuild.at:%H:%M:%S}" if rebuild else "",
            "banner": _banner(rebuild).replace(str(self.content), self.content.name) if shown.checking is None else "",
            "stale": shown.stale,
            "previews": [
                {
                    "panel": Path(name).stem.split("-", 2)[2],
                    "src": f"/previews/{name}?g={previews.drawn}",
                    "width": width,
                    "height": height,
                    "changed": Path(name).stem.split("-", 2)[2] in changed,
                }
                for name, (width, height) in zip(panels, previews.sizes if previews else (), strict=True)
            ],
            "rooms": self.rooms,
            "findings": [
                {
                    "field": short_form(item.location.field) if item.location else None,
                    "severity": item.finding.severity.value,
                    "panel": item.finding.panel,
                    "message": item.finding.message,
                }
                for item in (shown.findings if shown.checking is None else ())
            ]
            + (_input_errors(rebuild) if shown.checking is None else []),
        }

    def images(self) -> list[str]:
        return project_images(self.content.parent, self.outdir)


def _print_pdf(rebuild: Rebuild) -> Path | None:
    """The print PDF a build wrote, or the render of it that its checks rejected; None if neither."""
    if rebuild.result is not None:
        return rebuild.result.print_pdf
    return rebuild.failed.rejected_render("print") if rebuild.failed is not None else None


def _input_errors(rebuild: Rebuild | None) -> list[dict[str, Any]]:
    """The lines of a build's input error that name a field, as findings at that field."""
    if rebuild is None or rebuild.result is not None or rebuild.failed is not None or not rebuild.error:
        return []
    found = (_FIELD_ERROR.match(line) for line in rebuild.error.splitlines())
    return [
        {"field": short_form(match["field"]), "severity": "error", "panel": None, "message": match["message"]}
        for match in found
        if match
    ]


def _banner(rebuild: Rebuild | None) -> str:
    """What failed, in plain words; nothing after a good build."""
    if rebuild is None or rebuild.result is not None:
        return ""
    if rebuild.failed is not None:
        return "\n".join(failed_lines(rebuild.failed))
    return rebuild.error or ""


class EditHandler(PageHandler):
    """The requests of `serve`, and the form's: GET /, /state, /image/<path>; POST /save, /upload."""

    live: EditServer

    def do_GET(self) -> None:
        try:
            path = urlsplit(self.path).path
        except ValueError:
            path = ""
        if not self._from_this_machine():
            self._send(HTTPStatus.FORBIDDEN, "text/plain; charset=utf-8", b"only for 127.0.0.1 or localhost\n")
        elif path == "/":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", self._page().encode())
        elif path == "/state":
            self._json(HTTPStatus.OK, self.live.state())
        elif path.startswith("/image/"):
            self._send_image(unquote(path.removeprefix("/image/")))
        else:
            super().do_GET()

    def _page(self) -> str:
        lang = page_language(self.headers.get("Accept-Language"))
        words = WORDS[lang]
        try:
            root, _ = read_yaml(self.live.content, "content")
        except InputError as exc:  # broken by hand: the page says where, and shows no form to save over it
            said = escape(str(exc).replace(str(self.live.content), self.live.content.name))
            return page(form(None, (), words), words, self.live.token, lang).replace(
                '<section id="general" hidden>', f'<section id="general"><pre class="error">{said}</pre>', 1
            )
        return page(form(root, self.live.images(), words), words, self.live.token, lang)

    def _send_image(self, name: str) -> None:
        """An image of the project, only one of those the form lists (no other path is looked up)."""
        image_type = IMAGE_TYPES.get(Path(name).suffix.lower())
        if image_type is None or name not in self.live.images():
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n")
            return
        try:
            data = read_file(self.live.content.parent / name, MAX_IMAGE_BYTES[image_type])
        except OSError:  # gone since, or larger than a build takes
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"not found\n")
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", _IMAGE_KINDS[image_type])
        self.send_header("Content-Length", str(len(data)))
        # An SVG opened on its own would run its scripts as this page: it may not, nor load anything.
        self.send_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:
        path = urlsplit(self.path).path if self.path.startswith("/") else ""
        if not self._from_this_machine():
            self._refuse(HTTPStatus.FORBIDDEN, "only for 127.0.0.1 or localhost")
        elif not self._same_session():
            self._refuse(HTTPStatus.FORBIDDEN, "not from this page: reload it")
        elif path == "/save":
            body = self._body(MAX_SAVE_BYTES)
            if body is not None:
                self._save(body)
        elif path == "/upload":
            body = self._body(MAX_UPLOAD_BYTES)
            if body is not None:
                self._upload(body)
        else:
            self._refuse(HTTPStatus.NOT_FOUND, "not found")

    def _same_session(self) -> bool:
        """Whether the POST carries this session's token and, where the browser names one, comes from this page."""
        origin = self.headers.get("Origin")
        if origin is not None and origin not in (
            f"http://{HOST}:{self.live.port}",
            f"http://localhost:{self.live.port}",
        ):
            return False
        return hmac.compare_digest(self.headers.get("X-Brochure-Token", "").encode(), self.live.token.encode())

    def _body(self, limit: int) -> bytes | None:
        """The request's body, read only if it says its length and that is within `limit`; None once refused."""
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._refuse(HTTPStatus.LENGTH_REQUIRED, "the request does not say its length")
            return None
        if length < 0 or length > limit:
            self.close_connection = True  # the rest is not read
            self._refuse(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"too large: at most {limit:,} bytes")
            return None
        return self.rfile.read(length)

    def _save(self, body: bytes) -> None:
        try:
            edits, added = edits_of(json.loads(body))
            saved = self.live.saver.save(edits, added)
        except (ValueError, Refused) as exc:  # JSONDecodeError is a ValueError
            self._refuse(HTTPStatus.BAD_REQUEST, str(exc))
            return
        except InputError as exc:  # the file itself is broken (by hand): nothing is written over it
            first = str(exc).splitlines()[0].replace(str(self.live.content), self.live.content.name)
            self._json(HTTPStatus.UNPROCESSABLE_ENTITY, {"error": first, "field": None})
            return
        if saved.conflicts:
            self._json(HTTPStatus.CONFLICT, {"conflicts": list(saved.conflicts)})
        elif saved.error is not None:
            self._json(HTTPStatus.UNPROCESSABLE_ENTITY, {"error": saved.error, "field": saved.field})
        else:
            self._json(HTTPStatus.OK, {"saved": True})

    def _upload(self, body: bytes) -> None:
        name = unquote(self.headers.get("X-File-Name", ""))[:200]
        try:
            stored = store_upload(self.live.content.parent, name, body)
        except Refused as exc:
            self._refuse(HTTPStatus.UNPROCESSABLE_ENTITY, str(exc))
            return
        self._json(HTTPStatus.OK, {"path": stored})

    def _refuse(self, status: HTTPStatus, message: str) -> None:
        self._json(status, {"error": message})

    def _json(self, status: HTTPStatus, data: Any) -> None:
        self._send(status, "application/json", json.dumps(data, ensure_ascii=False).encode())
