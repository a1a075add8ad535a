"""`python -m desk` runs the same entry point as the `desk` command."""

import sys

from desk.cli import main

sys.exit(main())
