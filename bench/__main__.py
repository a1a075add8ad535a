"""`python -m bench [--quick]`: run every benchmark, print a table, write bench/results.json."""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.results import print_table, write_json


def main() -> None:
    # Imported here, not above: every process Desk spawns (a report's sheet helper, an import's reading worker
    # and staging helper, a consolidation's readers) imports the main module first, and this one would load
    # sqlmodel and every measure (~0.5 s idle, ~1.9 s beside a busy export) where Desk's own entry points load
    # next to nothing (`desk` imports desk.cli, which imports lazily; the frozen Desk runs freeze_support first).
    from bench.measures import run_all

    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: checks that the suite runs")
    parser.add_argument("--out", default=str(Path(__file__).with_name("results.json")))
    args = parser.parse_args()
    results = run_all(quick=args.quick)
    print_table(results)
    write_json(results, Path(args.out))


if __name__ == "__main__":
    main()
