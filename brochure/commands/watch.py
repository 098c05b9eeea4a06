"""`brochure watch`: one warm process that rebuilds every edition after each save.

`Watcher.rebuild` is one iteration: it builds, never raises for a mistake in the input
(the error is in the returned `Rebuild`, and the last good outputs stay as they are), and
tells which panels' previews changed; a bug met in one build is returned likewise, and the
watch goes on. `watch` runs it after each batch of changes that watchfiles reports in the
project (content, events, assets, its own layouts) and in the layout's templates, skipping
the output folder. Only the project's own folders are watched, never through a link out of
it. Only the command line prints.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import logging
import os
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from brochure.commands.build import BuildResult, build
from brochure.content.load import load_content
from brochure.editions import BuildSettings
from brochure.errors import BrochureError, CheckFailed, ExitStatus, internal_error
from brochure.files.resources import BASE_TEMPLATES, LAYOUTS_DIR
from brochure.render.warm.session import Session

_PANEL_PREVIEW = "panel-*.png"
_EDITOR_LEFTOVERS = ("~", ".swp", ".swx", ".tmp", ".part")


_log = logging.getLogger("brochure.watch")


@dataclass(frozen=True)
class Rebuild:
    """One build of the watch loop: when, how long, what changed, and its result or its error."""

    at: dt.datetime
    seconds: float
    status: ExitStatus
    changed_panels: tuple[str, ...] = ()  # panels whose preview differs from the last good build's
    result: BuildResult | None = None
    error: str | None = None  # the message `build` prints for this error, line by line
    trace: str | None = None  # a bug's Python traceback, for --traceback
    failed: CheckFailed | None = None  # a build whose checks failed: each edition's findings, the proof drawn

    @property
    def ok(self) -> bool:
        return self.status == ExitStatus.OK

    @property
    def headline(self) -> str:
        """The line the watch prints for this build: `09:29:46 3.2 s: panels changed: cover; checks: …`,
        or, for a broken save, the line that comes before its error."""
        when = f"{self.at:%H:%M:%S} {self.seconds:.1f} s"
        if self.result is None:
            return f"{when}: not rebuilt, the last good outputs are kept:"
        return f"{when}: panels changed: {', '.join(self.changed_panels) or 'none'}; checks: {self.result.totals()}"


def _bug(at: dt.datetime, seconds: float, exc: Exception) -> Rebuild:
    """The rebuild a bug in brochure stopped: its one line, and its traceback for --traceback."""
    trace = "".join(traceback.format_exception(exc))
    return Rebuild(at, seconds, ExitStatus.INTERNAL_ERROR, error=internal_error(exc), trace=trace)


class Watcher:
    """A content file kept built: what to watch, and one rebuild at a time, all in one render
    session (`session`, by default a fresh one that keeps what it can), so that a rebuild lays
    out only what an edit touched."""

    def __init__(
        self,
        content_path: Path,
        outdir: Path,
        only: Iterable[str] | None = None,
        settings: BuildSettings | None = None,
        session: Session | None = None,
    ) -> None:
        self.session = session or Session()
        self.content_path = content_path
        self.outdir = outdir
        self.only = list(only) if only is not None else None
        self.settings = settings or BuildSettings()
        self.previews: dict[str, str] = {}  # panel id → digest of its preview, as last drawn
        self.links_out: set[Path] = set()  # the links out of the project met so far, each told once

    def roots(self) -> list[Path]:
        """The folders to watch: the project, and the built-in layouts its layout may come from."""
        return [self.content_path.resolve().parent, LAYOUTS_DIR.resolve()]

    def folders(self) -> list[Path]:
        """The folders to watch, each on its own: those of the roots, reached without going through a
        link, less the hidden ones and the output folder. (watchfiles, watching a folder with its
        subfolders, follows every link: one to / would have it walk the whole file system.)"""
        outdir = self.outdir.resolve()
        project = self.roots()[0]
        folders = []
        for root in (root for root in self.roots() if root.is_dir()):
            for folder, subfolders, _ in os.walk(root):  # os.walk does not go down a link
                folders.append(Path(folder))
                kept = []
                for name in subfolders:
                    path = Path(folder, name)
                    if name.startswith(".") or path == outdir:
                        continue
                    if path.is_symlink():
                        self._link(path, project)  # its target is watched where it lies, if in the project
                        continue
                    kept.append(name)
                subfolders[:] = kept
        return sorted(folders)

    def _link(self, link: Path, project: Path) -> None:
        """Warn, once, of a link to a folder out of the project: the files it leads to are not watched."""
        target = link.resolve()
        if target.is_relative_to(project) or link in self.links_out:
            return
        self.links_out.add(link)
        _log.warning("%s: a link out of the project (to %s): not watched", link, target)

    def relevant(self, path: str | Path) -> bool:
        """Whether a changed file can change the leaflet: not an output, not an editor's leftover."""
        path = Path(path).resolve()
        if path.is_relative_to(self.outdir.resolve()) or path.name.endswith(_EDITOR_LEFTOVERS):
            return False
        if path.is_relative_to(LAYOUTS_DIR.resolve()):  # brochure's own layouts: the shared templates count
            return path.is_relative_to(BASE_TEMPLATES.resolve()) or path.suffix in (".yaml", ".j2")
        project = self.roots()[0]
        return path.is_relative_to(project) and not any(
            part.startswith(".") for part in path.relative_to(project).parts
        )

    def saved_since(self, moment: float) -> bool:
        """Whether a relevant file in the watched folders was written after `moment` (a Unix time)."""
        for folder in self.folders():
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_file() and entry.stat().st_mtime > moment and self.relevant(entry.path):
                        return True
        return False

    def rebuild(self, drawn: Callable[[dict[str, bytes], tuple[str, ...]], object] | None = None) -> Rebuild:
        """Build once; a mistake in the input or a failed check is returned, never raised. With
        `drawn`, the previews' PNG files (by name) and the panels they change are handed to it as
        soon as they are drawn, before the checks (see `build`)."""
        at, start = dt.datetime.now(), time.perf_counter()
        early = (lambda pictures: drawn(pictures, self._changed_in(_digests(pictures)))) if drawn else None
        try:
            result = build(self.content_path, self.outdir, self.only, self.settings, self.session, early)
            changed = self._changed_panels(result)
        except BrochureError as exc:
            # Kept without its traceback, whose frames would hold the whole render until the next save.
            failed = exc.with_traceback(None) if isinstance(exc, CheckFailed) else None
            return Rebuild(at, time.perf_counter() - start, exc.exit_status, error=str(exc), failed=failed)
        except Exception as exc:  # a bug in brochure: this build's, not the watch's end
            return _bug(at, time.perf_counter() - start, exc)
        return Rebuild(at, time.perf_counter() - start, ExitStatus.OK, changed, result)

    def _changed_panels(self, result: BuildResult) -> tuple[str, ...]:
        """The panels whose preview picture differs from the last one drawn (all of them, the first time)."""
        previews = result.edition("previews")
        if previews is None or not previews.written:
            return ()
        folder = previews.written[0].path.parent
        now = _digests({path.name: path.read_bytes() for path in sorted(folder.glob(_PANEL_PREVIEW))})
        changed = self._changed_in(now)
        self.previews = now
        return changed

    def _changed_in(self, digests: dict[str, str]) -> tuple[str, ...]:
        """The panels whose preview's digest differs from the last one drawn."""
        return tuple(panel for panel, digest in digests.items() if self.previews.get(panel) != digest)


def _digests(pictures: dict[str, bytes]) -> dict[str, str]:
    """Each panel's preview digest, by panel id, from the previews' files by name (`panel-NN-<id>.png`)."""
    return {
        Path(name).stem.split("-", 2)[2]: hashlib.sha256(data).hexdigest()
        for name, data in sorted(pictures.items())
        if fnmatch.fnmatch(name, _PANEL_PREVIEW)
    }


def watch(
    watcher: Watcher,
    changes: Iterable[set[tuple[object, str]]],
    drawn: Callable[[dict[str, bytes], tuple[str, ...]], object] | None = None,
) -> Iterator[Rebuild]:
    """The first build, then one after each batch of `changes` that holds a relevant file; `drawn`
    is handed each build's previews before its checks (see `Watcher.rebuild`). A save made while
    the first build ran, before `changes` were watched, is built too."""
    started = time.time()
    yield watcher.rebuild(drawn)
    if watcher.saved_since(started):
        yield watcher.rebuild(drawn)
    for batch in changes:
        if any(watcher.relevant(path) for _, path in batch):
            yield watcher.rebuild(drawn)


def file_changes(watcher: Watcher, stop_event=None) -> Iterator[set[tuple[object, str]]]:
    """Batches of changed files in the watcher's folders, as watchfiles reports them (until `stop_event`).
    Each folder is watched on its own: after a batch that adds or removes a folder, the new set is watched."""
    import watchfiles

    folders = watcher.folders()
    while True:
        for batch in watchfiles.watch(
            *folders,
            watch_filter=lambda change, path: watcher.relevant(path),
            stop_event=stop_event,
            debounce=300,
            recursive=False,
        ):
            yield batch
            now = watcher.folders()
            if now != folders:
                folders = now
                break
        else:
            return  # stopped


def require_content(content_path: Path) -> None:
    """Raise the error `build` gives when the content file is not there at all (a folder that is no
    project): a watch of it would wait for ever. A content file that is there but broken is watched."""
    if not content_path.is_file():
        load_content(content_path)  # raises the InputError that build raises: the same words
