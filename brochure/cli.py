"""The `brochure` command line; the one place where errors become exit codes."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from . import __version__
from .build import build
from .errors import BrochureError, ExitStatus


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
    click.echo(f"wrote {result.print_pdf} ({result.pages} pages, {result.size / 1024:.0f} KiB)")


def main(argv: list[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    logging.basicConfig(format="brochure: %(levelname)s: %(message)s", level=logging.WARNING)
    args = sys.argv[1:] if argv is None else argv
    try:
        cli.main(args=args, prog_name="brochure", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return ExitStatus.INVALID_INPUT
    except click.Abort:
        click.echo("brochure: aborted", err=True)
        return ExitStatus.INVALID_INPUT
    except BrochureError as exc:
        if "--traceback" in args:
            raise
        click.echo(f"brochure: {exc}" if "\n" not in str(exc) else str(exc), err=True)
        return exc.exit_status
    return ExitStatus.OK
