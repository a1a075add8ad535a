"""Consolidation speed: HCM City's 168 communes, one periodic report of 500 obstacles each.

`python -m bench.consolidation [--communes N] [--obstacles N] [--keep DIR]` generates the
reports with Desk's own exporter (in two processes), then times `desk consolidate`'s work:
reading and checking every file, merging, and writing the consolidated workbook.
Target: under 5 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path

from bench.data import obstacle_rows
from bench.results import Result
from desk.store.models import table_of

HCM = 79            # Thành phố Hồ Chí Minh: 168 communes
PERIOD = "2025-Q3"
TARGET_SECONDS = 5.0


def _database(folder: Path, unit_codes: list[int], per_unit: int):
    from sqlalchemy import insert

    from desk.domain import periods
    from desk.domain.registers.obstacles import REGISTER as OBSTACLES
    from desk.services import office
    from desk.services.workspace import open_workspace

    ws = open_workspace(str(folder))
    with ws.session() as session:
        office.set_office_unit(session, unit_codes[0])
    period = periods.parse_period(PERIOD)
    span = (period.end - period.start).days + 1
    table = table_of(OBSTACLES).__table__
    known = {c.name for c in table.columns}
    with ws.engine.begin() as conn:
        for seed, code in enumerate(unit_codes, start=1):
            rows = obstacle_rows(per_unit, code, seed)
            for i, row in enumerate(rows):
                # Every obstacle inside the window: 500 rows per report, as the target says.
                row["raised_on"] = period.start + timedelta(days=i % span)
                row["deadline"] = row["raised_on"] + timedelta(days=30)
                # The state changed (if it did) within the period, after the obstacle was raised.
                if row["status_since"]:
                    row["status_since"] = min(period.end, row["raised_on"] + timedelta(days=10))
                    row["resolved_on"] = row["status_since"] if row["status"] == "resolved" else None
            conn.execute(insert(table), [{k: v for k, v in r.items() if k in known} for r in rows])
    ws.engine.dispose()


def _export_units(args: tuple[str, str, list[int]]) -> int:
    """In a worker process: write the submitted report of each unit (no number, lock or DB write)."""
    data_dir, out_dir, codes = args
    from desk.domain import periods, units
    from desk.reports.periodic_report import write_periodic_report
    from desk.services import periodic_report
    from desk.services.workspace import open_workspace

    ws = open_workspace(data_dir)
    period = periods.parse_period(PERIOD)
    sent = datetime(2025, 9, 16, 9, 0).astimezone()
    for n, code in enumerate(codes, start=1):
        unit = units.unit(code)
        with ws.session() as session:
            data = periodic_report.build(session, unit, period, signed_on=sent.date(),
                                         doc_number=f"Số: {n:02d}/BC-UBND", generated_at=sent, submitted=True)
        write_periodic_report(data, Path(out_dir) / f"bao-cao-{code}.xlsx")
    ws.engine.dispose()
    return len(codes)


def generate(folder: Path, communes: int, per_unit: int) -> Path:
    from desk.domain import units

    codes = [u.code for u in units.units_of(HCM)][:communes]
    data_dir, reports = folder / "data", folder / "reports"
    data_dir.mkdir(parents=True)
    reports.mkdir()
    _database(data_dir, codes, per_unit)
    workers = max(1, min(2, os.cpu_count() or 1))
    chunks = [(str(data_dir), str(reports), codes[i::workers]) for i in range(workers)]
    # spawn, not fork: the parent may already run Qt threads (the smoke test does), and fork copies them.
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_export_units, chunks))
    return reports


def measure(reports: Path, out: Path) -> tuple[float, float, int]:
    """Seconds to read and check every file, seconds to write the workbook, obstacles merged."""
    from desk.domain import periods
    from desk.services import consolidation, consolidation_report

    period = periods.parse_period(PERIOD)
    started = time.perf_counter()
    result = consolidation.consolidate([reports], period, province_code=HCM)
    read = time.perf_counter() - started
    if result.problems:
        raise AssertionError(f"generated files have problems: {result.problems[:3]}")
    started = time.perf_counter()
    consolidation_report.export(result, out, consolidation_report.load(None, result.province))
    return read, time.perf_counter() - started, len(result.obstacles)


def bare_read(reports: Path) -> int:
    """python-calamine reading every sheet of every report, nothing else: the baseline."""
    from bench.import_reader import bare_read as read

    return sum(read(path) for path in sorted(reports.glob("*.xlsx")))


def run(communes: int = 168, per_unit: int = 500, keep: Path | None = None, repeats: int = 5) -> Result:
    from bench.paired import paired

    with tempfile.TemporaryDirectory() as name:
        folder = keep or Path(name)
        started = time.perf_counter()
        reports = generate(folder, communes, per_unit)
        made = time.perf_counter() - started
        parts = []

        def ours():
            read, write, merged = measure(reports, folder / "tong-hop.xlsx")
            parts.append((read, write, merged))
            return read + write

        runs, base = paired(ours, lambda: bare_read(reports) and None, repeats)
    read, write, merged = parts[0]
    print(f"generated {communes} reports in {made:.1f} s; consolidated {merged:,} obstacles: "
          f"read+check {read:.2f} s, write {write:.2f} s (first run)")
    return Result(f"consolidate {communes} reports x {per_unit} obstacles", runs.median, "s",
                  f"< {TARGET_SECONDS:.0f} s", base.median, "python-calamine bare read of the same files",
                  ok=runs.median < TARGET_SECONDS, spread=runs.spread, baseline_spread=base.spread, runs=repeats)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.consolidation")
    parser.add_argument("--communes", type=int, default=168)
    parser.add_argument("--obstacles", type=int, default=500)
    parser.add_argument("--keep", type=Path, help="keep the generated files in this (new) folder")
    args = parser.parse_args()
    result = run(args.communes, args.obstacles, args.keep)
    print(f"{result.name}: median {result.value:.2f} {result.unit} (target {result.target}) "
          f"{'ok' if result.ok else 'MISSED'}")


if __name__ == "__main__":
    main()
