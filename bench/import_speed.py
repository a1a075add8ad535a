"""Importing a 100k-row workbook as the window does it (check, then commit the checked plan), against a bare
read of the same file plus plain sqlite3 inserting the same rows into an empty copy of Desk's schema; and
"Nhập" after the clerk has read the check, against the insert alone."""

from __future__ import annotations

import pickle
import shutil
import sqlite3
import time
from pathlib import Path

from bench.import_reader import bare_read
from bench.paired import paired, timed
from bench.results import Result

TARGET = 1.5
TABLES = ("obstacle", "obstacle_state")      # what an import stores besides Desk's own audit trail
READING = 6.0       # seconds a clerk spends on the check (its counts and notes) before pressing "Nhập"


def _stored_rows(database: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    with sqlite3.connect(database) as connection:
        found = {}
        for table in TABLES:
            cursor = connection.execute(f'SELECT * FROM "{table}"')
            found[table] = ([d[0] for d in cursor.description], cursor.fetchall())
    return found


def import_workbook(tmp: Path, source_ws, empty: Path, n: int, repeats: int, open_copy) -> list[Result]:
    """open_copy(database file, name) -> a workspace on a copy of it."""
    from desk.domain.registers.obstacles import REGISTER as OBSTACLES
    from desk.services import importing, templates
    from desk.store import checkpoints

    path = tmp / "import.xlsx"
    with source_ws.session() as session:
        templates.export_template(session, OBSTACLES, source_ws.require_unit(), path, with_records=True)
    # The rows the baseline inserts (those Desk stored), kept in a file between its runs: held in this process,
    # their ~440 MB made Desk's import beside them ~0.4 s slower (3 pairs of runs), a cost no clerk's window has.
    stored_rows = tmp / "import-rows.pickle"
    checks: list[float] = []
    targets: list = []

    def prepare(i: int) -> None:
        targets.append(open_copy(empty, f"import-{len(targets)}"))
        shutil.copyfile(empty, tmp / "import-bare.sqlite3")

    def ours():
        target = targets[-1]

        def window():
            checks.append(timed(lambda: plans.append(importing.import_file(target, path, dry_run=True))))
            importing.commit_checked(target, plans[-1])
        plans: list = []
        seconds = timed(window)
        assert plans[-1].committed and plans[-1].new_count == n
        checkpoints.wait()      # the WAL's copy into the file, after the commit: not waited for, nor left running
        if not stored_rows.exists():
            stored_rows.write_bytes(pickle.dumps(_stored_rows(target.folder / "desk.sqlite3")))
        target.engine.dispose()
        return seconds

    def insert(stored: dict[str, tuple[list[str], list[tuple]]]) -> None:
        connection = sqlite3.connect(tmp / "import-bare.sqlite3")
        try:
            for table, (columns, rows) in stored.items():
                connection.executemany(f'INSERT INTO "{table}" ({", ".join(columns)}) '
                                       f'VALUES ({", ".join("?" for _ in columns)})', rows)
            connection.commit()
        finally:
            connection.close()

    def inserting(work):
        """The seconds of work(rows), the stored rows read beforehand (not timed) and let go after."""
        def run():
            rows = pickle.loads(stored_rows.read_bytes())
            return timed(lambda: work(rows))
        return run

    def bare_and_insert(rows) -> None:
        assert bare_read(path) > n
        insert(rows)

    def after_reading():
        target = targets[-1]
        plan = importing.import_file(target, path, dry_run=True)
        time.sleep(READING)
        seconds = timed(lambda: importing.commit_checked(target, plan))
        assert plan.committed and plan.new_count == n
        checkpoints.wait()
        target.engine.dispose()
        return seconds

    runs, base = paired(ours, inserting(bare_and_insert), repeats, prepare=prepare)
    pressed, inserted = paired(after_reading, inserting(insert), repeats, prepare=prepare)
    assert inserted is not None
    check = sorted(checks)[len(checks) // 2]
    return [Result(f"import {n:,}-row workbook: the check the window shows", check, "s", "(part of the next)",
                   runs=repeats, spread=(min(checks), max(checks))),
            Result(f"import {n:,}-row workbook (check, then commit the checked plan)", runs.median, "s",
                   f"≤ {TARGET}x baseline", base.median, "calamine bare read + sqlite3 insert of the same rows",
                   ok=runs.median <= TARGET * base.median, spread=runs.spread, baseline_spread=base.spread,
                   runs=repeats),
            Result(f"import {n:,}-row workbook: \"Nhập\" pressed after reading the check for {READING:g} s",
                   pressed.median, "s", "(what the clerk waits for once she has read the check)", inserted.median,
                   "sqlite3 insert of the same rows (no read)", spread=pressed.spread,
                   baseline_spread=inserted.spread, runs=repeats)]
