"""PostgreSQL on localhost beside SQLite in the same run: open a register, search keystrokes, save one record
(alone and with 10 writers at once), import-sized bulk writes, an import through the import screen's
service, the quarterly report a commune sends up for consolidation.

    PYTHONPATH=src .venv/bin/python -m bench.server [--records 100000] [--url postgresql://...]

Without --url a throw-away cluster is started (tests/pg_cluster.py). Prints one Markdown row per measure.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC
from pathlib import Path

from sqlalchemy import insert

from bench.data import obstacle_rows
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import office, records
from desk.services.record_list.sql import SqlList
from desk.services.records import title_columns
from desk.services.workspace import open_workspace
from desk.store.models import history_table_of, table_of

UNIT = 11329
TYPED = "thiếu công chức"
WRITERS, WRITER_SAVES = 10, 40
# An office's pace: ten clerks each saving about once a second is already a busy morning (a record takes a
# clerk tens of seconds to type); back to back, ten Python processes and the server share two cores.
CLERK_PACE = 1.0
ROOT = Path(__file__).resolve().parents[1]


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def fill(ws, n: int) -> float:
    """n obstacles with their state histories, in one transaction; returns the seconds taken."""
    table = table_of(OBSTACLES).__table__
    history = history_table_of(OBSTACLES).__table__
    known = {c.name for c in table.columns}
    rows, states = obstacle_rows(n, UNIT, with_states=True)
    started = time.perf_counter()
    with ws.engine.begin() as conn:
        for start in range(0, len(rows), 20_000):
            chunk = [{**{k: v for k, v in r.items() if k in known}, **title_columns(OBSTACLES, r)}
                     for r in rows[start:start + 20_000]]
            conn.execute(insert(table), chunk)
        names = ("record_id", "value", "effective_on", "note", "origin", "recorded_at", "recorded_by", "voided",
                 "void_reason")
        for start in range(0, len(states), 50_000):
            conn.execute(insert(history), [{**dict(zip(names, s, strict=True)), "recorded_at": s[5].replace(tzinfo=UTC)}
                                           for s in states[start:start + 50_000]])
    return time.perf_counter() - started


def open_register(ws, repeats: int = 3) -> float:
    """A fresh list shown with no search (the register opening): median seconds."""
    spans = []
    for _ in range(repeats):
        listed = SqlList(ws.session, OBSTACLES, UNIT, prepare_search=False)
        started = time.perf_counter()
        listed.show(records.RecordQuery(unit_code=UNIT))
        listed.record(0)
        spans.append(time.perf_counter() - started)
    return statistics.median(spans)


def keystrokes(ws) -> float:
    """p95 seconds of one keystroke: the list searched again for each prefix typed."""
    listed = SqlList(ws.session, OBSTACLES, UNIT, prepare_search=False)
    query = records.RecordQuery(unit_code=UNIT)
    listed.show(query)
    spans = []
    for end in range(1, len(TYPED) + 1):
        started = time.perf_counter()
        listed.show(replace(query, search=TYPED[:end]))
        if len(listed):
            listed.record(0)
        spans.append(time.perf_counter() - started)
    return p95(spans)


def saves(ws, count: int = 60) -> list[float]:
    """Seconds of each save of one record (read, changed, saved with its version), one writer."""
    with ws.session() as session:
        ids = [r[0] for r in session.connection().exec_driver_sql(
            f"SELECT id FROM obstacle ORDER BY id LIMIT {count}").all()]
    spans = []
    for i, record_id in enumerate(ids):
        started = time.perf_counter()
        with ws.session() as session:
            record = records.get(session, OBSTACLES, record_id)
            values = {**records.stored_values(record, OBSTACLES), "impact_count": i}
            records.save(session, OBSTACLES, values, unit_code=UNIT, record_id=record_id, version=record.version)
        spans.append(time.perf_counter() - started)
    return spans


WRITER = r"""
import json, random, sys, time
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import records
from desk.services.workspace import open_workspace
url, folder, offset, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
pace = float(sys.argv[5])           # mean seconds between one clerk's saves; 0: back to back
ws = open_workspace(folder, database=url)
with ws.session() as session:
    ids = [r[0] for r in session.connection().exec_driver_sql(
        f"SELECT id FROM obstacle ORDER BY id OFFSET {offset} LIMIT {count}").all()]
print("ready", flush=True)
sys.stdin.readline()                # every writer started: the saves run together, not beside start-ups
spans = []
time.sleep(random.uniform(0, pace))  # clerks do not press Save in step
for i, record_id in enumerate(ids):
    started = time.perf_counter()
    with ws.session() as session:
        record = records.get(session, OBSTACLES, record_id)
        values = {**records.stored_values(record, OBSTACLES), "impact_count": i}
        records.save(session, OBSTACLES, values, unit_code=11329, record_id=record_id, version=record.version)
    spans.append(time.perf_counter() - started)
    if pace:
        time.sleep(random.uniform(0.5 * pace, 1.5 * pace))
print(json.dumps(spans))
"""


def concurrent_saves(url: str, folder: Path, pace: float = 0.0, first: int = 1000) -> list[float]:
    """Seconds of each save with WRITERS processes saving at once (each its own records), back to back
    (pace 0) or each about every `pace` seconds, as clerks do. The writers
    start (Python, imports, the workspace: about a second of CPU each) before any of them saves: a save
    measured beside another process's start-up would measure the start-up."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    running = []
    for i in range(WRITERS):
        sub = folder / f"w{i}-{pace}"
        sub.mkdir(exist_ok=True)
        command = [sys.executable, "-c", WRITER, url, str(sub), str(first + i * WRITER_SAVES), str(WRITER_SAVES),
                   str(pace)]
        running.append(subprocess.Popen(command, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True))
    for process in running:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    for process in running:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    spans: list[float] = []
    for process in running:
        out, _err = process.communicate(timeout=600)
        spans.extend(json.loads(out.strip().splitlines()[-1]))
    return spans


def workbook(ws, folder: Path) -> Path:
    """The register's template with every record in it: the workbook a clerk would import."""
    from desk.services import templates

    path = folder / "import.xlsx"
    with ws.session() as session:
        templates.export_template(session, OBSTACLES, ws.require_unit(), path, with_records=True)
    return path


def import_seconds(ws, path: Path, n: int) -> float:
    """The window's import: the check the clerk is shown, then the checked plan written (one transaction)."""
    from desk.services import importing

    started = time.perf_counter()
    plan = importing.import_file(ws, path, dry_run=True)
    plan = importing.commit_checked(ws, plan)
    seconds = time.perf_counter() - started
    assert plan.committed and plan.new_count == n, (plan.committed, plan.new_count)
    return seconds


def report_seconds(ws, folder: Path) -> float:
    """The quarterly report a commune sends up for consolidation, written from the register."""
    from desk.domain import periods
    from desk.services import periodic_report

    started = time.perf_counter()
    with ws.session() as session:
        periodic_report.export(session, ws.require_unit(), periods.quarter(2025, 3), folder / "bao-cao.xlsx")
    return time.perf_counter() - started


def measure(ws, n: int) -> dict[str, float]:
    with ws.session() as session:
        office.set_office_unit(session, UNIT)
    found = {"fill": fill(ws, n)}
    found["open"] = open_register(ws)
    found["keystroke_p95"] = keystrokes(ws)
    spans = saves(ws)
    found["save_p50"], found["save_p95"] = statistics.median(spans), p95(spans)
    found["report"] = report_seconds(ws, ws.folder)
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--url", help="an empty PostgreSQL database (default: a throw-away cluster)")
    parser.add_argument("--import-url", help="a second empty PostgreSQL database, for the import (default: made "
                                             "on the throw-away cluster; none given with --url: not measured)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="desk-bench-server-"))
    cluster = None
    url = args.url
    if url is None:
        from tests.pg_cluster import Cluster

        cluster = Cluster().start()
        cluster.admin("CREATE DATABASE desk_bench", "CREATE DATABASE desk_bench_import")
        url = cluster.url("desk_bench")
    import_url = args.import_url or (cluster.url("desk_bench_import") if cluster is not None else None)
    try:
        (folder / "sqlite").mkdir()
        lite = open_workspace(str(folder / "sqlite"))
        on_sqlite = measure(lite, args.records)
        path = workbook(lite, folder)
        lite.engine.dispose()
        (folder / "server").mkdir()
        pg = open_workspace(str(folder / "server"), database=url)
        on_server = measure(pg, args.records)
        together = concurrent_saves(url, folder)
        paced = concurrent_saves(url, folder, CLERK_PACE, first=1000 + WRITERS * WRITER_SAVES)
        pg.engine.dispose()
        # The import: into an empty register on each engine, the same workbook
        for name, database, found in (("import-sqlite", None, on_sqlite), ("import-server", import_url, on_server)):
            if name == "import-server" and database is None:
                continue
            (folder / name).mkdir()
            target = open_workspace(str(folder / name), database=database)
            with target.session() as session:
                office.set_office_unit(session, UNIT)
            found["import"] = import_seconds(target, path, args.records)
            target.engine.dispose()
    finally:
        if cluster is not None:
            cluster.stop()
    n = f"{args.records:,}".replace(",", " ")
    print("| Measure | SQLite | PostgreSQL (localhost) |")
    print("|---|---|---|")
    print(f"| Write {n} obstacles with their states (one transaction) | {on_sqlite['fill']:.1f} s "
          f"| {on_server['fill']:.1f} s |")
    print(f"| Open the register ({n} records), median of 3 | {on_sqlite['open']:.2f} s | {on_server['open']:.2f} s |")
    print(f"| Search keystroke, p95 of typing «{TYPED}» | {on_sqlite['keystroke_p95'] * 1000:.0f} ms "
          f"| {on_server['keystroke_p95'] * 1000:.0f} ms |")
    print(f"| Save one record, one writer, p50 / p95 | {on_sqlite['save_p50'] * 1000:.0f} / "
          f"{on_sqlite['save_p95'] * 1000:.0f} ms | {on_server['save_p50'] * 1000:.0f} / "
          f"{on_server['save_p95'] * 1000:.0f} ms |")
    print(f"| Save one record, {WRITERS} clerks at once, each saving about every {CLERK_PACE:.0f} s, p50 / p95 "
          f"| (one PC only) | {statistics.median(paced) * 1000:.0f} / {p95(paced) * 1000:.0f} ms |")
    print(f"| Save one record, {WRITERS} writers back to back (all on this PC's 2 cores), p50 / p95 | (one PC only) "
          f"| {statistics.median(together) * 1000:.0f} / {p95(together) * 1000:.0f} ms |")
    server_import = f"{on_server['import']:.1f} s" if "import" in on_server else "(not measured)"
    print(f"| Import a {n}-row workbook (check, then write), into an empty register | {on_sqlite['import']:.1f} s "
          f"| {server_import} |")
    print(f"| Write the quarterly report sent up for consolidation ({n} records) | {on_sqlite['report']:.2f} s "
          f"| {on_server['report']:.2f} s |")


if __name__ == "__main__":
    main()
