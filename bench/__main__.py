"""`python -m bench [--quick]`: run every benchmark, print a table, write bench/results.json."""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.measures import run_all
from bench.results import print_table, write_json


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: checks that the suite runs")
    parser.add_argument("--out", default=str(Path(__file__).with_name("results.json")))
    args = parser.parse_args()
    results = run_all(quick=args.quick)
    print_table(results)
    write_json(results, Path(args.out))


if __name__ == "__main__":
    main()
