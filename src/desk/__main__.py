"""`python -m desk` runs the same entry point as the `desk` command."""

import multiprocessing
import sys

if __name__ == "__main__":
    # A frozen Desk started as a workbook-reading worker (importers/worker.py) runs that and exits
    # here; the guard keeps a spawned worker from running the command line again.
    multiprocessing.freeze_support()
    from desk.cli import main

    sys.exit(main())
