"""`python -m brochure`."""

import sys

from brochure.commands.cli import main

if __name__ == "__main__":  # only as the program, not when imported
    sys.exit(main())
