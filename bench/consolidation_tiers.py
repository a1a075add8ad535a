"""Consolidation at every tier: 168 / 1,000 / 3,321 communes' reports, cloned from one report Desk wrote.

`python -m bench.consolidation_tiers [--sizes 168,1000,3321] [--obstacles 200] [--repeats 5] [--again]`
writes one report through Desk (one database, one unit), then clones it for the first N real units of
the official list (by province): the unit in the manifest and in every data row, the record IDs, and
the data check recomputed with Desk's own function, so every clone passes every check. Each size is
timed in a process of its own (its peak memory is that process's, plus its largest reading worker's),
alternated with a bare python-calamine read of the same sheets of the same files.
--again: the national consolidation of the largest size is consolidated again (the ministry adding a
late province), alternated with a bare python-calamine read of its sheets, and its figures compared
with the first consolidation's. `--measure-again WORKBOOK` measures that row alone, for a workbook at hand.
Targets: 168 x 500 < 5 s; 3,321 x 200 < 60 s with peak memory < 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from bench.results import Result

PERIOD = "2025-Q3"
HCM = 79
TARGETS = {168: 5.0, 3321: 60.0}         # seconds, by communes
MEMORY_TARGET_MB = 1500
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# The sheets consolidation reads: its bare-read baseline reads the same.
READ_SHEETS = ("_desk_manifest", "_desk_data", "Báo cáo")
READ_ENDINGS = ("KKVM tổng hợp", "KKVM chi tiết")


# --- inputs -----------------------------------------------------------------------------------

def template(folder: Path, per_unit: int, code: int) -> Path:
    """One submitted report of `per_unit` obstacles, written by Desk."""
    from bench.consolidation import _database
    from desk.domain import periods, units
    from desk.reports.periodic_report import write_periodic_report
    from desk.services import periodic_report
    from desk.services.workspace import open_workspace

    data_dir = folder / f"data-{per_unit}"
    data_dir.mkdir(parents=True)
    _database(data_dir, [code], per_unit)
    ws = open_workspace(str(data_dir))
    sent = datetime(2025, 9, 16, 9, 0).astimezone()
    with ws.session() as session:
        data = periodic_report.build(session, units.unit(code), periods.parse_period(PERIOD), signed_on=sent.date(),
                                     doc_number="Số: 01/BC-UBND", generated_at=sent, submitted=True)
    ws.engine.dispose()
    path = folder / f"template-{per_unit}.xlsx"
    write_periodic_report(data, path)
    return path


def _parts(path: Path) -> tuple[dict[str, bytes], str, str]:
    """The template's zip parts, and which are the manifest and data sheets."""
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    manifest = next(n for n, b in parts.items() if n.startswith("xl/worksheets/") and b"<t>data_sha256</t>" in b)
    data = next(n for n, b in parts.items() if n.startswith("xl/worksheets/") and b"<t>#block</t>" in b)
    return parts, manifest, data


def _clone_chunk(args: tuple[str, str, list[tuple[int, int]]]) -> int:
    """In a worker: write the clones (index, unit code) of the template into out_dir."""
    template_path, out_dir, jobs = args
    from desk.domain import units
    from desk.importers.desk_report import read_report
    from desk.reports.manifest import HASH_KEY, DataBlock, data_hash

    report = read_report(Path(template_path))
    old_code = report.manifest.get("unit_code")
    parts, manifest_part, data_part = _parts(Path(template_path))
    head, _, rest = parts[manifest_part].decode("utf-8").partition("<sheetData>")
    _, _, tail = rest.partition("</sheetData>")
    data_xml = parts[data_part].decode("utf-8")
    blocks = list(report.blocks.values())
    for index, code in jobs:
        unit = units.unit(code)

        def new_id(match, index=index):
            return match.group(0)[:24] + f"{index:012x}"

        def cell(text: str, code=code, new_id=new_id) -> str:
            return str(code) if text == old_code else _UUID.sub(new_id, text)

        new_blocks = [DataBlock(b.name, b.columns, tuple(tuple(cell(v) for v in row) for row in b.rows))
                      for b in blocks]
        values = dict(report.manifest.values, unit_code=str(code), unit_name=unit.name,
                      province_code=str(unit.province.code), province_name=unit.province.name)
        values[HASH_KEY] = data_hash(values, new_blocks)
        rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{escape(k)}</t></is></c>'
                       f'<c r="B{n}" t="inlineStr"><is><t>{escape(v)}</t></is></c></row>'
                       for n, (k, v) in enumerate(values.items(), start=1))
        new_data = _UUID.sub(new_id, data_xml.replace(f"<t>{old_code}</t>", f"<t>{code}</t>"))
        out = Path(out_dir) / f"bao-cao-{code}.xlsx"
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            for name, payload in parts.items():
                if name == manifest_part:
                    payload = f"{head}<sheetData>{rows}</sheetData>{tail}".encode()
                elif name == data_part:
                    payload = new_data.encode()
                zf.writestr(name, payload)
    return len(jobs)


def unit_codes(communes: int) -> list[int]:
    """HCM City's 168 communes for the province's row; beyond that, the country's units by province."""
    from desk.domain import units

    if communes <= len(units.units_of(HCM)):
        return [u.code for u in units.units_of(HCM)][:communes]
    order = {p.code: i for i, p in enumerate(units.provinces())}
    return [u.code for u in sorted(units.all_units(), key=lambda u: order[u.province.code])][:communes]


def clone(template_path: Path, out_dir: Path, codes: list[int]) -> Path:
    out_dir.mkdir(parents=True)
    jobs = list(enumerate(codes, start=1))
    workers = max(1, min(2, os.cpu_count() or 1))
    chunks = [(str(template_path), str(out_dir), jobs[i::workers]) for i in range(workers)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_clone_chunk, chunks))
    return out_dir


# --- one size, in a process of its own ---------------------------------------------------------

def bare_read(folder: Path) -> int:
    """python-calamine reading the sheets consolidation reads, in every file, nothing else."""
    from python_calamine import CalamineWorkbook

    rows = 0
    for path in sorted(folder.glob("*.xlsx")):
        wb = CalamineWorkbook.from_path(str(path))
        try:
            for name in wb.sheet_names:
                if name in READ_SHEETS or name.endswith(READ_ENDINGS):
                    rows += len(wb.get_sheet_by_name(name).to_python())
        finally:
            wb.close()
    return rows


def _measure(folder: Path, national: bool, repeats: int) -> dict:
    from functools import partial

    from bench.paired import paired
    from desk.domain import periods
    from desk.importers import worker
    from desk.services import consolidation, consolidation_report

    period = periods.parse_period(PERIOD)
    parts = []

    def ours():
        started = time.perf_counter()
        result = consolidation.consolidate([folder / "in"], period, province_code=None if national else HCM,
                                           national=national)
        read = time.perf_counter() - started
        if result.problems:
            raise AssertionError(f"cloned files have problems: {result.problems[:3]}")
        consolidation_report.export(result, folder / "tong-hop.xlsx", consolidation_report.load(None, result.province))
        total = time.perf_counter() - started
        parts.append((read, total - read, len(result.used), len(result.obstacles)))
        if national:      # untimed: what consolidating this workbook again must give (see _measure_again)
            (folder / "figures.json").write_text(json.dumps(_totals(result, period)))
        del result
        return total

    runs, base = paired(ours, lambda: bare_read(folder / "in") and None, repeats)
    own = worker._peak_bytes() / 1024 ** 2      # VmHWM: this process's own peak
    # A reading worker's own peak, as it reports it (RUSAGE_CHILDREN would count the parent's pages
    # a child had between fork and exec).
    files = sorted((folder / "in").glob("*.xlsx"))[:20]
    peaks = [r.peak_bytes for r in worker.read_all(partial(consolidation.examine, period=period), files)]
    return {"runs": runs.seconds, "base": base.seconds, "parts": parts, "peak_mb": own,
            "worker_peak_mb": max(peaks) / 1024 ** 2}


def _totals(result, period) -> list:
    from dataclasses import astuple

    from desk.services.consolidation_report import figures

    return [len(result.used), len(result.obstacles), len(result.staffing), len(result.procedures),
            len(result.needs), list(astuple(figures(result.obstacles, period)))]


def bare_again(workbook: Path) -> int:
    """python-calamine reading the sheets re-consolidation reads in a consolidated workbook, row by row."""
    from python_calamine import CalamineWorkbook

    from desk.importers.desk_report import read_here

    rows = 0
    wb = CalamineWorkbook.from_path(str(workbook))
    try:
        for name in wb.sheet_names:
            if read_here(name):
                rows += sum(1 for _ in wb.get_sheet_by_name(name).iter_rows())
    finally:
        wb.close()
    return rows


def _measure_again(workbook: Path, repeats: int) -> dict:
    """The national workbook consolidated again and written, in this process; the bare read in another
    (python-calamine holds a sheet's cells: ~1.5 GB at its peak, which is not the consolidation's)."""
    from concurrent.futures import ProcessPoolExecutor

    from bench.paired import paired
    from desk.domain import periods
    from desk.importers import worker
    from desk.services import consolidation, consolidation_report

    period = periods.parse_period(PERIOD)
    readers: list[int] = []
    parts = []
    reading = worker.read_all

    def recorded(*args, **kwargs):      # the reader's own peak, as it reports it with its file
        for outcome in reading(*args, **kwargs):
            readers.append(outcome.peak_bytes)
            yield outcome

    worker.read_all = recorded

    def ours():
        started = time.perf_counter()
        result = consolidation.consolidate([workbook], period, national=True)
        read = time.perf_counter() - started
        if result.problems:
            raise AssertionError(f"the national workbook has problems: {result.problems[:3]}")
        totals = _totals(result, period)
        consolidation_report.export(result, workbook.with_name("lai.xlsx"), consolidation_report.load(None, None))
        total = time.perf_counter() - started
        parts.append((read, total - read, totals, os.getloadavg()))
        del result
        return total

    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        runs, base = paired(ours, lambda: pool.submit(bare_again, workbook).result() and None, repeats)
    expected = workbook.with_name("figures.json")
    return {"runs": runs.seconds, "base": base.seconds, "parts": parts, "peak_mb": worker._peak_bytes() / 1024 ** 2,
            "worker_peak_mb": max(readers) / 1024 ** 2,
            "expected": json.loads(expected.read_text()) if expected.exists() else None}


def run_again(workbook: Path, repeats: int) -> Result:
    """The national workbook consolidated again (read, checked, merged, written), in a process of its own."""
    from bench.paired import Runs

    before = os.getloadavg()
    out = subprocess.run([sys.executable, "-m", "bench.consolidation_tiers", "--measure-again", str(workbook),
                          "--in-process", "--repeats", str(repeats)], check=True, capture_output=True, text=True)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    runs, base = Runs(got["runs"]), Runs(got["base"])
    totals = {json.dumps(totals) for _, _, totals, _ in got["parts"]}
    same = got["expected"] is not None and totals == {json.dumps(got["expected"])}
    size = workbook.stat().st_size / 1024 ** 2
    used, merged = got["parts"][0][2][:2]
    verdict = "the same as the first consolidation's" if same else \
        "not compared (no figures.json beside it)" if got["expected"] is None else "DIFFERENT"
    print(f"consolidated again ({size:.0f} MB): {used} reports, {merged:,} obstacles; read+check "
          f"{', '.join(f'{r:.1f}' for r, _, _, _ in got['parts'])} s, write "
          f"{', '.join(f'{w:.1f}' for _, w, _, _ in got['parts'])} s; median {runs.median:.1f} s "
          f"({runs.spread[0]:.1f}–{runs.spread[1]:.1f}); bare read {base.median:.1f} s; peak memory "
          f"{got['peak_mb']:.0f} MB + 1 reader x {got['worker_peak_mb']:.0f} MB; figures {verdict} "
          f"{sorted(totals)}; load before {before[0]:.1f}, after each run "
          f"{', '.join(f'{load[0]:.1f}' for _, _, _, load in got['parts'])}", flush=True)
    peak = got["peak_mb"] + got["worker_peak_mb"]
    return Result(f"consolidate the national workbook again ({merged:,} rows, peak {peak:.0f} MB)", runs.median, "s",
                  "reads (was: too heavy)", base.median, "python-calamine bare read of the same sheets",
                  ok=same, spread=runs.spread, baseline_spread=base.spread, runs=len(runs.seconds))


def run_size(folder: Path, template_path: Path, communes: int, per_unit: int, repeats: int) -> Result:
    from bench.paired import Runs

    size_dir = folder / f"n{communes}x{per_unit}"
    started = time.perf_counter()
    clone(template_path, size_dir / "in", unit_codes(communes))
    made = time.perf_counter() - started
    national = communes > 168
    out = subprocess.run([sys.executable, "-m", "bench.consolidation_tiers", "--measure", str(size_dir),
                          "--repeats", str(repeats)] + (["--national"] if national else []),
                         check=True, capture_output=True, text=True)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    runs, base = Runs(got["runs"]), Runs(got["base"])
    read, write, used, merged = got["parts"][0]
    peak = got["peak_mb"] + 2 * got["worker_peak_mb"]       # the consolidating process and its two readers
    print(f"{communes} communes x {per_unit}: cloned in {made:.1f} s; {used} reports, {merged:,} obstacles; "
          f"first run read+check {read:.1f} s, write {write:.1f} s; median {runs.median:.1f} s "
          f"({runs.spread[0]:.1f}–{runs.spread[1]:.1f}); bare read {base.median:.1f} s; "
          f"peak memory {got['peak_mb']:.0f} MB + 2 readers x {got['worker_peak_mb']:.0f} MB", flush=True)
    target = TARGETS.get(communes)
    ok = None
    if target is not None:
        ok = runs.median < target and (communes < 3321 or peak < MEMORY_TARGET_MB)
    goal = (f"< {target:.0f} s" + (f", < {MEMORY_TARGET_MB} MB" if communes >= 3321 else "")) if target else "linear"
    return Result(f"consolidate {communes} reports x {per_unit} obstacles ({'national' if national else 'province'}"
                  f", peak {peak:.0f} MB)", runs.median, "s", goal, base.median,
                  "python-calamine bare read of the same sheets", ok=ok, spread=runs.spread,
                  baseline_spread=base.spread, runs=len(runs.seconds))


def run(sizes: tuple[int, ...] = (168, 1000, 3321), per_unit: int = 200, repeats: int = 5,
        province_row: bool = True, again: bool = False) -> list[Result]:
    results = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        made: dict[int, Path] = {}       # one template per number of obstacles
        if province_row:       # the province's view: HCM City, 168 communes x 500 obstacles
            made[500] = template(folder, 500, unit_codes(1)[0])
            results.append(run_size(folder, made[500], 168, 500, repeats))
        big = made.get(per_unit) or template(folder, per_unit, unit_codes(1)[0])
        for communes in sizes:
            if province_row and (communes, per_unit) == (168, 500):
                continue       # that is the province's row, measured above
            results.append(run_size(folder, big, communes, per_unit, repeats))
        if again and max(sizes) > 168:
            results.append(run_again(folder / f"n{max(sizes)}x{per_unit}" / "tong-hop.xlsx", repeats))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.consolidation_tiers")
    parser.add_argument("--sizes", default="168,1000,3321")
    parser.add_argument("--obstacles", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-province-row", action="store_true")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--national", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--again", action="store_true", help="consolidate the largest size's workbook again")
    parser.add_argument("--measure-again", type=Path, metavar="WORKBOOK",
                        help="measure consolidating this national workbook again, alone")
    parser.add_argument("--in-process", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(_measure(args.measure, args.national, args.repeats)))
        return
    from bench.results import print_table

    if args.measure_again and args.in_process:
        print(json.dumps(_measure_again(args.measure_again, args.repeats)))
        return
    if args.measure_again:
        print_table([run_again(args.measure_again, args.repeats)])
        return
    results = run(tuple(int(s) for s in args.sizes.split(",")), args.obstacles, args.repeats,
                  not args.no_province_row, args.again)
    print_table(results)


if __name__ == "__main__":
    main()
