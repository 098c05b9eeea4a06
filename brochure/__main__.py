"""`python -m brochure`, and the `brochure` program: the command line, with Ctrl-C ending it with
status 130 from its first moment.

The command line (`commands.cli.main`) turns a Ctrl-C into 130 once it runs; one pressed while
it is still being imported (click, the first tenth of a second) would end it with a traceback,
so the import happens here, inside the same rule.
"""

from __future__ import annotations

import sys

INTERRUPTED = 130  # ExitStatus.INTERRUPTED, written out: brochure.errors may be what is being imported


def run() -> int:
    """Run the command line on the arguments of the process; its exit status."""
    try:
        from brochure.commands.cli import main

        return main()
    except KeyboardInterrupt:  # in an import, or between two of main's own handlers
        sys.stderr.write("interrupted\n")
        return INTERRUPTED


if __name__ == "__main__":  # only as the program, not when imported
    sys.exit(run())
