"""The `brochure` command line; the one place where errors become exit codes."""

from __future__ import annotations

import logging
import sys
import warnings
from pathlib import Path

import click

from . import __version__
from .build import build
from .content import load_content
from .errors import BrochureError, ExitStatus
from .layout import load_layout
from .preflight import check_pdf


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="brochure")
@click.option("--traceback", is_flag=True, help="Show the Python traceback of an error (for debugging).")
@click.pass_context
def cli(ctx: click.Context, traceback: bool) -> None:
    """Turn bilingual content into print-ready folded leaflets."""
    ctx.obj = {"traceback": traceback}


@cli.command("build")
@click.argument("content", default="content.yaml", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--outdir", default="out", type=click.Path(path_type=Path, file_okay=False), help="Output folder.")
def build_command(content: Path, outdir: Path) -> None:
    """Build the print PDF of CONTENT (default: content.yaml)."""
    result = build(content, outdir)
    click.echo(
        f"wrote {result.print_pdf} ({result.pages} pages, {result.size / 1024:.0f} KiB); "
        f"checks: {result.report.summary()}"
    )
    for line in result.report.lines():
        click.echo(line, err=True)


@cli.command("check")
@click.argument("pdf", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--layout", "layout_name", help="Layout to check against (default: the one the PDF records).")
@click.option(
    "--content",
    "content_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The content file, to also check that every text is printed where it belongs.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def check_command(pdf: Path, layout_name: str | None, content_path: Path | None, as_json: bool) -> None:
    """Check PDF against its layout: boxes, panels, overflow, safe zone, fonts, images."""
    content = load_content(content_path) if content_path else None
    project_dir = content.project_dir if content else None
    layout = load_layout(layout_name, project_dir) if layout_name else None
    report = check_pdf(pdf, layout, content, project_dir)
    if as_json:
        click.echo(report.to_json())
    else:
        click.echo(f"{pdf}: {report.summary()}")
        for line in report.lines():
            click.echo(line)
    if not report.ok:
        raise click.exceptions.Exit(ExitStatus.CHECK_FAILED)


def _report_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """A library's Python warning as one line of brochure's log, never with a line of the library's source."""
    parts = Path(filename).parts
    origin = parts[parts.index("site-packages") + 1] if "site-packages" in parts[:-1] else Path(filename).stem
    text = " ".join(str(message).split())
    logging.getLogger("brochure").warning("%s says: %s (%s)", origin, text, category.__name__)


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    logging.basicConfig(format="brochure: %(levelname)s: %(message)s", level=logging.WARNING)
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repairs of odd files are not the user's concern
    warnings.showwarning = _report_warning
    args = list(sys.argv[1:] if argv is None else argv)
    # --traceback belongs to the whole command line: accept it anywhere in it.
    show_traceback = "--traceback" in args
    if show_traceback:
        args = ["--traceback", *(arg for arg in args if arg != "--traceback")]
    try:
        status = cli.main(args=args, prog_name="brochure", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return ExitStatus.INVALID_INPUT
    except click.Abort:
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
        message = " ".join(f"{type(exc).__name__}: {exc}".split()).removesuffix(":")
        click.echo(f"brochure: internal error: {message} (run with --traceback for details)", err=True)
        return ExitStatus.INTERNAL_ERROR
    # Without standalone mode, click hands back a command's Exit code as the result.
    return status if isinstance(status, int) else ExitStatus.OK
