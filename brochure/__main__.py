"""`python -m brochure`."""

import sys

from brochure.commands.cli import main

sys.exit(main())
