"""`python -m brochure`."""

import sys

from brochure.commands.cli import main

if __name__ == "__main__":  # a process spawned by brochure (see `editions.helper`) imports this module too
    sys.exit(main())
