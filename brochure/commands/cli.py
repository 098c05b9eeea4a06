"""The `brochure` command line; the one place where errors become exit codes."""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from brochure.commands import limits
from brochure.errors import BrochureError, ExitStatus, InputError, internal_error
from brochure.files.layouts import known_layouts
from brochure.units import SIZE_FORMS, format_size, parse_file_size
from brochure.version import __version__

# What each command runs is imported when it runs, inside the command: `brochure --help`, or the
# help of any command, loads no renderer, no schema and no server (tests/test_imports.py).
if TYPE_CHECKING:
    from brochure.commands.batch import EventOutcome
    from brochure.commands.build import BuildResult
    from brochure.commands.progress import Progress
    from brochure.commands.watch import Rebuild
    from brochure.editions import BuildSettings, EditionResult
    from brochure.preflight import Report


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog="\b\nExample, a first leaflet:\n  brochure new my-leaflet\n  cd my-leaflet\n  brochure build",
)
@click.version_option(__version__, prog_name="brochure")
@click.option("--traceback", is_flag=True, help="Show the Python traceback of an error (for debugging).")
@click.pass_context
def cli(ctx: click.Context, traceback: bool) -> None:
    """Turn bilingual content into print-ready folded leaflets."""
    ctx.obj = {"fresh": False, **(ctx.obj or {}), "traceback": traceback}


QUIET, NORMAL, VERBOSE = 0, 1, 2


def _verbosity(command):
    """--quiet and --verbose, folded into one `verbosity` argument; --quiet also keeps the log to errors."""

    def fold(ctx: click.Context, param: click.Parameter, value: bool) -> int:
        quiet = ctx.params.pop("quiet", False)  # --quiet is eager: it is read before --verbose
        if quiet and value:
            raise click.UsageError("--quiet and --verbose: give one or the other")
        if quiet:
            logging.getLogger().setLevel(logging.ERROR)
        return QUIET if quiet else VERBOSE if value else NORMAL

    command = click.option(
        "-v", "--verbose", "verbosity", is_flag=True, callback=fold, help="Also say how long each build took."
    )(command)
    return click.option("-q", "--quiet", is_flag=True, is_eager=True, help="Print errors only: no closing line.")(
        command
    )


_no_cache = click.option(
    "--no-cache",
    is_flag=True,
    help="Keep nothing between builds and neither read nor write brochure's cache on disk "
    "($BROCHURE_CACHE); slower, the same output.",
)


def _default_editions() -> list[str]:
    from brochure.editions import EDITIONS

    return [name for name, edition in EDITIONS.items() if edition.by_default]


# The editions a build makes when none is named, as `build --help` says them: written out, since
# naming them from `editions.EDITIONS` would load the renderer for the help. A test holds the two alike.
DEFAULT_EDITIONS_HELP = "print, email, previews, mailing"
OUTDIR_HELP = "Output folder (default: out/ beside CONTENT)."


def _outdir(outdir: Path | None, content: Path) -> Path:
    """The output folder asked for, else `out/` beside the content file, wherever the command runs from."""
    return outdir if outdir is not None else content.parent / "out"


@cli.command(
    "build",
    epilog="\b\nExamples:\n  brochure build\n  brochure build my-leaflet/content.yaml --only print --marks crop,fold"
    "\n  brochure build --event events/open-day.yaml\n  brochure build --all-events",
)
@click.argument("content", default="content.yaml", type=click.Path(path_type=Path))
@click.option("-o", "--outdir", type=click.Path(path_type=Path, file_okay=False), help=OUTDIR_HELP)
@click.option("--only", help=f"Editions to build, comma-separated (default: {DEFAULT_EDITIONS_HELP}).")
@click.option("--proof", is_flag=True, help="Also draw the proof: the print sheet with guides and findings.")
@click.option("--email-max-size", help="Size budget of the e-mail PDF, e.g. 1 MB or 800 kB (default: the content's).")
@click.option(
    "--marks", default="none", help="Printer's marks on the print PDF: crop, fold, crop,fold or none (default: none)."
)
@click.option(
    "--event",
    type=click.Path(path_type=Path, dir_okay=False),
    help="An event file (events/<slug>.yaml) to print over the content: writes <name>-<slug>-… (default: none).",
)
@click.option("--all-events", is_flag=True, help="Build the leaflet of every event file in events/, in parallel.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Processes to use (default: every core): builds at once with --all-events; 1 keeps a build in one.",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print what the build did as JSON on stdout, and nothing else there: editions, files and sizes "
    "in bytes, findings, warnings, exit status.",
)
@_no_cache
@_verbosity
@click.pass_context
def build_command(
    ctx: click.Context,
    content: Path,
    outdir: Path | None,
    only: str | None,
    proof: bool,
    email_max_size: str | None,
    marks: str,
    event: Path | None,
    all_events: bool,
    jobs: int | None,
    as_json: bool,
    no_cache: bool,
    verbosity: int,
) -> None:
    """Build every edition of CONTENT (default: content.yaml): print, e-mail, previews."""
    from brochure.commands.build import build
    from brochure.editions import BuildSettings
    from brochure.render.marks import parse_marks
    from brochure.render.warm.session import Session

    outdir = _outdir(outdir, content)
    editions = [name.strip() for name in only.split(",")] if only is not None else _default_editions()
    if proof:
        editions.append("proof")
    settings = BuildSettings(
        email_max_bytes=_file_size(email_max_size) if email_max_size else None,
        marks=parse_marks(_no_none_among(marks)),
        event=event,
    )
    if all_events:
        if event is not None:
            raise InputError("--event and --all-events: give one or the other")
        raise click.exceptions.Exit(
            _build_all_events(content, outdir, editions, settings, jobs, verbosity, keep=not no_cache, as_json=as_json)
        )
    # Only brochure's own process (not a caller's, in-process) is known to be fresh enough to fork.
    seconds = limits.time_limit_seconds()
    session = Session(keep=not no_cache, fork=ctx.obj["fresh"] and jobs != 1, seconds=seconds)
    if as_json:
        raise click.exceptions.Exit(_json_of(lambda: build(content, outdir, editions, settings, session)))
    start = time.perf_counter()
    result = build(content, outdir, editions, settings, session)
    if verbosity >= NORMAL:
        click.echo(_closing_line(result, time.perf_counter() - start, verbosity))
        for note in _notes(result.editions):
            click.echo(f"note: {note}")
        for line in result.finding_lines():
            click.echo(line, err=True)


def _closing_line(result: BuildResult, seconds: float, verbosity: int) -> str:
    """What a build wrote and its check totals; with --verbose, how long it took."""
    took = f" in {seconds:.1f} s" if verbosity > NORMAL else ""
    count = len(result.content_warnings)  # said above: the closing line must not claim none
    content = f"; content: {count} warning{'s' if count != 1 else ''}" if count else ""
    return f"wrote {', '.join(_written(r) for r in result.editions)}; checks: {result.totals()}{content}{took}"


def _build_all_events(
    content: Path,
    outdir: Path,
    editions: list[str],
    settings: BuildSettings,
    jobs: int | None,
    verbosity: int,
    keep: bool,
    as_json: bool = False,
) -> ExitStatus:
    """Build every event of the project, one line each as it is done; the worst exit status of them all.
    With `as_json`, one JSON document of them all instead of the lines on stdout."""
    from brochure.commands.batch import build_events, worker_count
    from brochure.content.events import EVENTS_FOLDER, event_files

    if as_json:
        verbosity, done = QUIET, []  # a failure's lines still go to stderr

    events = event_files(content)
    if not events:
        raise InputError(f"{content.parent / EVENTS_FOLDER}: no event files (*.yaml) to build")
    total, workers = len(events), worker_count(jobs, len(events))
    if verbosity >= NORMAL:
        click.echo(f"building {total} events on {workers} process{'es' if workers > 1 else ''}", err=True)
    worst, failed = ExitStatus.OK, 0
    outcomes = build_events(content, outdir, events, editions, settings, jobs, keep, limits.time_limit_seconds())
    with _progress(total, verbosity) as progress:
        for index, outcome in enumerate(outcomes, start=1):
            progress.erase()
            _echo_event(f"[{index}/{total}] {outcome.event.stem}", outcome, verbosity)
            if as_json:
                done.append(outcome)
            progress.advance()
            if outcome.result is None:
                failed += 1
                worst = max(worst, outcome.status)
    if verbosity >= NORMAL or failed:
        click.echo(f"{total - failed} of {total} events built" + (f", {failed} failed" if failed else ""), err=True)
    if as_json:
        from brochure.commands.buildjson import events_document, json_text

        click.echo(json_text(events_document(done, worst)))
    return worst


def _json_of(run: Callable[[], BuildResult]) -> ExitStatus:
    """`build --json`: the build's document on stdout, its error's lines (if any) on stderr too; its exit status."""
    from brochure.commands.buildjson import json_text, run_as_document

    document = run_as_document(run)
    click.echo(json_text(document))
    for line in document.get("error", ()):
        click.echo(line, err=True)
    return ExitStatus(document["status"])


def _echo_event(where: str, outcome: EventOutcome, verbosity: int) -> None:
    """One event's line: what it wrote, or its error (the first line, and with no --quiet the rest)."""
    if outcome.result is not None:
        if verbosity >= NORMAL:
            click.echo(f"{where}: {_closing_line(outcome.result, outcome.seconds, verbosity)}")
            for note in _notes(outcome.result.editions):
                click.echo(f"{where}: note: {note}")
        return
    first, *rest = (outcome.error or "").splitlines() or [""]
    click.echo(f"{where}: failed: {first}", err=True)
    for line in rest if verbosity >= NORMAL else ():
        click.echo(f"  {line}", err=True)


def _progress(total: int, verbosity: int) -> Progress:
    from brochure.commands.progress import Progress

    """`3/8 events built` on a terminal's stderr; nothing with --quiet, or where stderr is a file or a pipe
    (the lines of the events done say as much there)."""
    if verbosity < NORMAL or not _on_a_terminal():
        return Progress(total, lambda text: None)
    return Progress(total, lambda text: click.echo(text, err=True, nl=False, color=True))  # color: keep the erase


def _on_a_terminal() -> bool:
    return sys.stderr.isatty()


def _file_size(text: str) -> int:
    size = parse_file_size(text)
    if size is None:
        raise InputError(f"--email-max-size: not a file size: {text!r} (write it in {SIZE_FORMS})")
    return size


def _no_none_among(marks: str) -> str:
    """--marks as given, unless it names `none` beside a mark: asking for none and some at once."""
    names = [name.strip() for name in marks.split(",") if name.strip()]
    others = [name for name in names if name != "none"]
    if "none" in names and others:
        raise InputError(
            f"--marks: none cannot be combined with {', '.join(others)}; give none alone, or the marks wanted"
        )
    return marks


def _written(result: EditionResult) -> str:
    """One edition's files as the closing line names them: a PDF with its pages, a file with those named after
    it beside it (the mailing's draft), a folder with its files."""
    if not result.written:
        return f"no {result.edition} edition ({result.skipped or 'rejected'})"
    size, first = format_size(result.size), result.written[0].path
    if len(result.written) == 1:
        return f"{first} ({result.pages} pages, {size})"
    if all(item.path.parent == first.parent and item.path.name.startswith(first.stem) for item in result.written):
        return f"{first} and {len(result.written) - 1} files beside it ({size})"
    return f"{result.written[0].path.parent}/ ({len(result.written)} files, {size})"


def _notes(results: tuple[EditionResult, ...]) -> list[str]:
    """What the editions did that a person should know (a panel fitted), once each: editions share decisions."""
    return list(dict.fromkeys(note for result in results for note in result.notes))


def _judging(command):
    """The PDF to judge and what to judge it against: the options `check` and `proof` share."""
    command = click.option(
        "--event",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="The event file the PDF was built with (events/<slug>.yaml), printed over --content.",
    )(command)
    command = click.option(
        "--content",
        "content_path",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="The content file, to also check that every text is printed where it belongs.",
    )(command)
    command = click.option(
        "--layout", "layout_name", help="Layout to check against (default: the one the PDF records)."
    )(command)
    # Any path: read_pdf says in one line what is wrong with it (missing, a folder, a PNG).
    return click.argument("pdf", type=click.Path(path_type=Path))(command)


def _judge(
    pdf: Path, layout_name: str | None, content_path: Path | None, event: Path | None, edition: str | None = None
) -> Report:
    from brochure.content import load_content
    from brochure.content.events import event_content
    from brochure.preflight import check_pdf
    from brochure.sheet.layout import load_layout

    if event is not None and content_path is None:
        raise InputError("--event: give the content it prints over too (--content FILE)")
    content = load_content(content_path) if content_path else None
    project_dir = content.project_dir if content else None
    layout = load_layout(layout_name, project_dir) if layout_name else None
    if layout is None and content is not None:
        layout = content.layout  # with the content's placement: which panel prints which of its sections
    elif layout is not None and content is not None:  # the content's theme and placing hold for any layout
        layout = layout.themed(content.data.get("theme")).placed(content.data["panels"])
    if event is not None:  # the event's texts on its panel, in place of the sections it displaces
        content = event_content(content if layout is None else dataclasses.replace(content, layout=layout), event)
        layout = content.layout
    for warning in content.warnings if content else ():  # as `build` says them: what builds, but may be a mistake
        logging.getLogger("brochure").warning("%s", warning)
    return check_pdf(pdf, layout, content, project_dir, edition=edition)


@cli.command(
    "check",
    epilog="\b\nExamples:\n  brochure check out/quattropole-print.pdf\n"
    "  brochure check out/quattropole-email.pdf --content content.yaml --json",
)
@_judging
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON (default: one line each).")
def check_command(
    pdf: Path, layout_name: str | None, content_path: Path | None, event: Path | None, as_json: bool
) -> None:
    """Check PDF against its layout: boxes, panels, overflow, safe zone, fonts, images; for an e-mail PDF
    also its size, tags, links and reading order."""
    report = _judge(pdf, layout_name, content_path, event)
    if as_json:
        click.echo(report.to_json())
    else:
        click.echo(f"{pdf}: {report.summary()}")
        for line in report.lines():
            click.echo(line)
    if not report.ok:
        raise click.exceptions.Exit(ExitStatus.CHECK_FAILED)


@cli.command(
    "proof",
    epilog="\b\nExample:\n  brochure proof out/quattropole-print.pdf --content content.yaml\n"
    "  (draws out/quattropole-print-proof/side-1.png and side-2.png)",
)
@_judging
@click.option("-o", "--outdir", type=click.Path(path_type=Path, file_okay=False), help="Folder (default: beside PDF).")
def proof_command(
    pdf: Path, layout_name: str | None, content_path: Path | None, event: Path | None, outdir: Path | None
) -> None:
    """Draw the proof of a PDF: its pages with trim, bleed, folds, safe zones and every finding (an e-mail
    PDF judged by the e-mail edition's rules)."""
    from brochure.editions.proofsheet import write_proof

    report = _judge(pdf, layout_name, content_path, event)  # an e-mail PDF by the e-mail edition's rules
    folder = (outdir or pdf.parent) / f"{pdf.stem}-proof"
    written = write_proof(pdf.read_bytes(), report, folder)
    click.echo(f"wrote {folder}/ ({len(written)} pages); checks: {report.summary()}")
    if not report.ok:
        raise click.exceptions.Exit(ExitStatus.CHECK_FAILED)


def _report_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A library's Python warning as one line of brochure's log, never with a line of the library's source."""
    parts = Path(filename).parts
    origin = parts[parts.index("site-packages") + 1] if "site-packages" in parts[:-1] else Path(filename).stem
    text = " ".join(str(message).split())
    logging.getLogger("brochure").warning("%s says: %s (%s)", origin, text, category.__name__)


DEFAULT_PORT = 8450  # of the page `serve` and `watch --serve` show


_page_port = click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=DEFAULT_PORT,
    help=f"The page's port on 127.0.0.1 (default {DEFAULT_PORT}; 0 picks a free one).",
)
_open_page = click.option("--open", "open_page", is_flag=True, help="Open the page in your web browser.")


@cli.command(
    "watch",
    epilog="\b\nExamples:\n  brochure watch\n  brochure watch --serve    (then open http://127.0.0.1:8450/)\n"
    "Stop it with Ctrl-C.",
)
@click.argument("content", default="content.yaml", type=click.Path(path_type=Path))
@click.option("-o", "--outdir", type=click.Path(path_type=Path, file_okay=False), help=OUTDIR_HELP)
@click.option("--only", help="Editions to build, comma-separated (default: as build; previews show what changed).")
@click.option(
    "--event",
    type=click.Path(path_type=Path, dir_okay=False),
    help="An event file to print over CONTENT (default: none, the base leaflet).",
)
@click.option("--serve", is_flag=True, help="Also show the previews and findings on a local page that reloads itself.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    help=f"The page's port on 127.0.0.1, with --serve (default {DEFAULT_PORT}; 0 picks a free one).",
)
@_no_cache
@_verbosity
@click.pass_context
def watch_command(
    ctx: click.Context,
    content: Path,
    outdir: Path | None,
    only: str | None,
    event: Path | None,
    serve: bool,
    port: int | None,
    no_cache: bool,
    verbosity: int,
) -> None:
    """Rebuild CONTENT after each save of it, an event, an asset or the layout, in one warm process."""
    if port is not None and not serve:
        raise click.UsageError("--port: give it with --serve")
    port = (DEFAULT_PORT if port is None else port) if serve else None
    _watch(ctx, content, outdir, only, event, port, no_cache, verbosity)


@cli.command("serve")
@click.argument("content", default="content.yaml", type=click.Path(path_type=Path))
@click.option("-o", "--outdir", type=click.Path(path_type=Path, file_okay=False), help=OUTDIR_HELP)
@click.option("--only", help="Editions to build, comma-separated (default: as build, and the proof with print).")
@click.option(
    "--event",
    type=click.Path(path_type=Path, dir_okay=False),
    help="An event file to print over CONTENT (default: none, the base leaflet).",
)
@_page_port
@_open_page
@_no_cache
@_verbosity
@click.pass_context
def serve_command(
    ctx: click.Context,
    content: Path,
    outdir: Path | None,
    only: str | None,
    event: Path | None,
    port: int,
    open_page: bool,
    no_cache: bool,
    verbosity: int,
) -> None:
    """Rebuild CONTENT (default: content.yaml) after each save, as `watch` does, and show it on a local
    page that reloads itself: each panel (click one to enlarge it), the proof, and after a failed build
    what failed, each finding with its panel, its field and its line in CONTENT.

    \b
    Example:
      brochure serve --open      # builds content.yaml into out/ beside it, opens http://127.0.0.1:8450/
    """
    _watch(ctx, content, outdir, only, event, port, no_cache, verbosity, open_page)


@cli.command(
    "edit",
    epilog="\b\nExamples:\n  brochure edit --open\n  brochure edit my-leaflet/content.yaml --port 8500\n"
    "Stop it with Ctrl-C.",
)
@click.argument("content", default="content.yaml", type=click.Path(path_type=Path))
@_page_port
@_open_page
@click.pass_context
def edit_command(ctx: click.Context, content: Path, port: int, open_page: bool) -> None:
    """Edit CONTENT (default: content.yaml) in a form beside the live leaflet, on a local page: every text
    in every language side by side, with the room it has, the checks' findings at their field, the
    pictures to choose or upload. Each save writes CONTENT (its comments kept) and rebuilds into out/.
    """
    _watch(ctx, content, None, None, None, port, False, NORMAL, open_page, editing=True)


def _watch(
    ctx: click.Context,
    content: Path,
    outdir: Path | None,
    only: str | None,
    event: Path | None,
    port: int | None,
    no_cache: bool,
    verbosity: int,
    open_page: bool = False,
    editing: bool = False,
) -> None:
    """Watch CONTENT and, with a `port`, serve its page there (and open it in the browser with `open_page`);
    `editing`, the page of `brochure edit`."""
    from brochure.commands import serve as serving
    from brochure.commands.watch import Watcher, file_changes, require_content, watch
    from brochure.editions import BuildSettings
    from brochure.editions.helper import Helper
    from brochure.render.warm.aside import cores
    from brochure.render.warm.session import Session

    require_content(content)
    outdir = _outdir(outdir, content)
    show_traceback = click.get_current_context().obj["traceback"]
    editions = [name.strip() for name in only.split(",")] if only is not None else None
    # One session for the whole watch: it keeps what it can, and bounds each rebuild's time.
    session = Session(keep=not no_cache, fork=ctx.obj["fresh"], seconds=limits.time_limit_seconds())
    shown = serving.with_previews(editions) if port is not None else editions
    watcher = Watcher(content, outdir, shown, BuildSettings(event=event), session)
    sources = (content, *((event,) if event else ()))  # where the page locates each finding
    server = _page_server(port, sources, outdir, editing)
    if cores() > 1:  # each save's e-mail edition is made on the second core, by a process kept warm
        session.helper = Helper(session.keep, session.seconds)  # after what may refuse to start: closed below
    if server is not None:
        click.echo(f"{'editing' if editing else 'serving the previews'} at {server.url}", err=True)
        if open_page and not serving.open_in_browser(server.url):
            click.echo(f"no web browser found: open {server.url}", err=True)
    click.echo(f"watching {', '.join(str(root) for root in watcher.roots())} (Ctrl-C stops)", err=True)
    try:
        drawn = server.show_checking if server is not None else None  # the previews, while the checks run
        for rebuild in watch(watcher, file_changes(watcher), drawn):
            _echo_rebuild(rebuild, verbosity, show_traceback)
            if server is not None:
                server.publish(rebuild)
    except KeyboardInterrupt:  # Ctrl-C, the usual way to end a watch: still the status of an interrupted command
        click.echo("stopped", err=True)
        raise click.exceptions.Exit(ExitStatus.INTERRUPTED) from None
    finally:
        if server is not None:
            server.close()
        if isinstance(session.helper, Helper):
            session.helper.close()


def _page_server(port: int | None, sources: tuple[Path, ...], outdir: Path, editing: bool):
    """The page's server, started: the previews' (`serve`), the form's (`edit`), or none without a port."""
    from brochure.commands import serve as serving

    if port is None:
        return None
    if editing:
        from brochure.commands.edit import EditServer

        return EditServer(port, sources, outdir).start()
    return serving.PreviewServer(port, sources).start()


def _echo_rebuild(rebuild: Rebuild, verbosity: int, show_traceback: bool = False) -> None:
    """One line per build: the time, the panels whose preview changed and the check totals; an error as `build`
    prints it."""
    if rebuild.result is None:
        click.echo(rebuild.headline, err=True)
        if rebuild.status != ExitStatus.INTERNAL_ERROR:
            click.echo(rebuild.error, err=True)
        elif show_traceback:
            click.echo(rebuild.trace.rstrip("\n"), err=True)
        else:
            click.echo(f"brochure: {rebuild.error} (run with --traceback for details)", err=True)
        return
    if verbosity >= NORMAL:
        click.echo(rebuild.headline)
        for note in _notes(rebuild.result.editions):
            click.echo(f"note: {note}")
    for line in rebuild.result.finding_lines() if verbosity > NORMAL else ():
        click.echo(line, err=True)


@cli.command(
    "new",
    epilog="\b\nExamples:\n  brochure new my-leaflet\n  brochure new --list\n"
    "  brochure new summer-fest --example festival && cd summer-fest && brochure build",
)
@click.argument("folder", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option("--example", metavar="NAME", help="The example to start from (default: city-network); see --list.")
@click.option("--list", "list_examples", is_flag=True, help="Name the examples, one a line, and stop.")
def new_command(folder: Path | None, example: str | None, list_examples: bool) -> None:
    """Start a leaflet project in FOLDER from an example: content.yaml, assets/, events/, layouts/README.md,
    and the JSON Schemas an editor checks content.yaml and the events with."""
    from brochure.commands.new import DEFAULT_EXAMPLE, example_names, new_project

    if list_examples:
        if folder is not None or example is not None:
            raise click.UsageError("--list takes neither FOLDER nor --example")
        for name in example_names():
            click.echo(name)
        return
    if folder is None:
        raise click.UsageError("Missing argument 'FOLDER'.")
    written = new_project(folder, example or DEFAULT_EXAMPLE)
    click.echo(f"created {folder}/: {', '.join(path.as_posix() for path in written)}")
    click.echo(f"next: cd {folder} && brochure build")


@cli.command(
    "schema",
    epilog="\b\nExamples:\n  brochure schema > content.schema.json\n"
    "  brochure schema --event > events/event.schema.json",
)
@click.option(
    "--event", is_flag=True, help="The schema of an event file (events/<slug>.yaml) instead (default: content.yaml's)."
)
def schema_command(event: bool) -> None:
    """Print the JSON Schema of content.yaml (or of an event file), with which an editor completes
    and checks the file as it is typed; `brochure new` writes it into the project."""
    from brochure.schema.jsonschema import schema_text

    click.echo(schema_text("event" if event else "content"), nl=False)


@cli.command(
    "layouts",
    epilog="\b\nExamples:\n  brochure layouts\n  brochure layouts --project my-leaflet",
)
@click.option(
    "--project",
    "project_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Project folder whose own layouts and templates are listed too (default: the current folder).",
)
@click.option(
    "--content",
    "content_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The project's content file, in place of --project: its folder is the project.",
)
def layouts_command(project_dir: Path | None, content_path: Path | None) -> None:
    """List the layouts a project can use (sheet size, bleed, the panels of each side), then the
    files of brochure's the project replaces with its own: its layouts and its templates/."""
    from brochure.files.overrides import project_overrides
    from brochure.sheet.layout import load_layout
    from brochure.sheet.theme import load_theme

    if project_dir is not None and content_path is not None:
        raise click.UsageError("--project and --content: give one or the other")
    project_dir = content_path.resolve().parent if content_path is not None else project_dir or Path()
    theme = load_theme(project_dir)  # the same under every layout: read once
    for name in known_layouts(project_dir):
        layout = load_layout(name, project_dir, theme=theme)
        sides = " | ".join(
            f"side {number}: "
            + ", ".join(
                f"{panel.id} {panel.width:g}" + (f" ({panel.role})" if panel.role != panel.id else "") for panel in page
            )
            for number, page in enumerate(layout.pages, start=1)
        )
        click.echo(
            f"{name}: {layout.sheet_width:g} × {layout.sheet_height:g} mm, bleed {layout.bleed:g} mm, "
            f"{len(layout.panels)} panels; {sides}"
        )
    overrides = project_overrides(project_dir)
    if overrides:
        click.echo(f"{project_dir}/ replaces brochure's files:")
    for override in overrides:
        if override.replaces is not None:
            click.echo(f"  {override.file.as_posix()} replaces {override.replaces.as_posix()}")
        else:
            click.echo(f"  {override.file.as_posix()}: replaces nothing ({override.hint})")


@cli.group(
    "translate",
    epilog="\b\nExamples:\n  brochure translate export --to de\n  brochure translate import out/quattropole-de.xlf",
)
def translate_group() -> None:
    """Hand the texts to a translator as an XLIFF 1.2 file, with where each is printed and how much room
    it has, and write the translation back into the content."""


_translated_event = click.option(
    "--event",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Translate this event file's texts (events/<slug>.yaml) instead (default: the content's).",
)


@translate_group.command(
    "export",
    short_help="Write the texts to translate as an XLIFF file.",
    epilog="\b\nExamples:\n  brochure translate export --to de\n"
    "  brochure translate export --to fr --from de -o fr.xlf",
)
@click.argument("content", default="content.yaml", type=click.Path(path_type=Path))
@click.option("--to", "target", required=True, help="The language to translate into, one of the content's.")
@click.option("--from", "source", help="The language to translate from (default: the content's first).")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="The file (default: out/<name>-<to>.xlf)."
)
@_translated_event
@_no_cache
def translate_export_command(
    content: Path, target: str, source: str | None, output: Path | None, event: Path | None, no_cache: bool
) -> None:
    """Write the texts of CONTENT (default: content.yaml) as an XLIFF file to translate, each with where it
    is printed and about how many characters fit there, measured in the print PDF (built first if it is
    missing or older than the content)."""
    from brochure.commands.translate import export, load_project
    from brochure.render.warm.session import Session

    project = load_project(content, event, keep=not no_cache)
    session = Session(keep=not no_cache, seconds=limits.time_limit_seconds())
    written, count = export(project, _outdir(None, content), target, source, output, session)
    click.echo(f"wrote {written} ({count} texts to translate into {target})")


@translate_group.command(
    "import",
    short_help="Write a translated XLIFF file into the content, and build.",
    epilog="\b\nExamples:\n  brochure translate import out/quattropole-de.xlf\n"
    "  brochure translate import de.xlf my-leaflet/content.yaml",
)
@click.argument("xliff", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("content", default="content.yaml", type=click.Path(path_type=Path))
@_translated_event
@_no_cache
def translate_import_command(xliff: Path, content: Path, event: Path | None, no_cache: bool) -> None:
    """Check the translated XLIFF file against CONTENT (default: content.yaml), write its translations
    into it (comments kept; nothing written if the file has a problem), build, and name each overflow by
    the unit whose text is on that panel."""
    from brochure.commands.translate import import_file, load_project
    from brochure.render.warm.session import Session

    project = load_project(content, event, keep=not no_cache)
    session = Session(keep=not no_cache, seconds=limits.time_limit_seconds())
    imported = import_file(xliff, project, _outdir(None, content), session)
    count = len(imported.changed)
    if count:
        click.echo(f"wrote {count} translation{'s' if count != 1 else ''} into {project.file.name}")
    else:
        click.echo(f"no translation differs from {project.file.name}'s: it is unchanged")
    if imported.result is not None:
        click.echo(_closing_line(imported.result, 0, NORMAL))
    for line in imported.overflows:
        click.echo(line, err=True)
    if imported.failed is not None:
        click.echo(str(imported.failed), err=True)
        raise click.exceptions.Exit(ExitStatus.CHECK_FAILED)


_BOUNDED_COMMANDS = (
    "build",
    "watch",
    "serve",
    "edit",
    "check",
    "proof",
    "translate",
)  # those that read a project's files or a PDF


def _limits(args: list[str]) -> contextlib.AbstractContextManager[None]:
    """The memory and time limits of a command that works on what others wrote (see `limits`); none for the others."""
    command = next((arg for arg in args if not arg.startswith("-")), None)
    if command not in _BOUNDED_COMMANDS:
        return contextlib.nullcontext()
    return limits.applied()


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status. Without `argv`, it runs as brochure's own
    program (the arguments of the process): then a build may fork once to measure aside (see
    `aside`), which a caller's process, given `argv`, never does."""
    logging.basicConfig(format="brochure: %(levelname)s: %(message)s", level=logging.WARNING)
    logging.getLogger().setLevel(logging.WARNING)  # as --quiet or --verbose of an earlier run in this process left it
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repairs of odd files are not the user's concern
    warnings.showwarning = _report_warning
    args = list(sys.argv[1:] if argv is None else argv)
    # --traceback belongs to the whole command line: accept it anywhere in it.
    show_traceback = "--traceback" in args
    if show_traceback:
        args = ["--traceback", *(arg for arg in args if arg != "--traceback")]
    try:
        with _limits(args):
            status = cli.main(args=args, prog_name="brochure", standalone_mode=False, obj={"fresh": argv is None})
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return ExitStatus.INVALID_INPUT
    except (click.Abort, KeyboardInterrupt) as exc:
        if isinstance(exc, KeyboardInterrupt) or isinstance(exc.__context__, KeyboardInterrupt):  # Ctrl-C
            click.echo("interrupted", err=True)
            return ExitStatus.INTERRUPTED
        click.echo("brochure: aborted", err=True)
        return ExitStatus.INVALID_INPUT
    except BrochureError as exc:
        if show_traceback:
            raise
        click.echo(str(exc), err=True)  # each line starts with where: FILE:LINE:COL, a path or a check
        return exc.exit_status
    except Exception as exc:
        # Anything that is not a BrochureError is a bug in brochure, not a mistake in the input.
        if show_traceback:
            raise
        click.echo(f"brochure: {internal_error(exc)} (run with --traceback for details)", err=True)
        return ExitStatus.INTERNAL_ERROR
    # Without standalone mode, click hands back a command's Exit code as the result.
    return status if isinstance(status, int) else ExitStatus.OK
