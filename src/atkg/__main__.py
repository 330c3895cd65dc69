"""`python -m atkg` runs the command-line interface."""

import sys

from atkg.cli import main

sys.exit(main())
