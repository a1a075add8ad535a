"""Figures as of a date at 100k obstacles: the overview at a period's end, and the migration that dates every state."""

from __future__ import annotations

import importlib
import json
import shutil
import sqlite3
from datetime import UTC, date, datetime
from datetime import time as clock
from pathlib import Path

from bench.data import obstacle_rows
from bench.paired import paired, timed
from bench.results import Result

DASHBOARD_SECONDS = 0.3
MIGRATION_RATIO = 2.0


def period_end(today: date) -> date:
    """The cut-off of the last quarter that ended before today (Decree 09: the 14th of its last month)."""
    from desk.domain import periods

    quarter = periods.recent(periods.PeriodKind.QUARTER, today, 2)
    return next(p.end for p in reversed(quarter) if p.end < today)


def dashboard(ws, folder: Path, n: int, repeats: int) -> Result:
    """The overview's figures (by domain and state, open, overdue, open at six month-ends) as they stood
    at a period's end, against plain sqlite3 counting the same groups from the records' current columns."""
    from desk.services import dashboard as service

    day = period_end(date.today())
    unit = ws.require_unit()
    months = [date(day.year - (day.month <= m), (day.month - m - 1) % 12 + 1, 14) for m in range(6)]
    sums = ", ".join(f"sum(raised_on <= '{m.isoformat()}' AND status IN ('received', 'in_progress', 'referred'))"
                     for m in months)
    sql = (f"SELECT domain, status, count(*), {sums}, sum(deadline < :day AND status IN "
           "('received', 'in_progress', 'referred')) FROM obstacle WHERE unit_code = :unit AND voided = 0 "
           "AND raised_on <= :day GROUP BY domain, status")

    def ours():
        with ws.session() as session:
            service.build(session, unit, day)

    def bare():
        with sqlite3.connect(folder / "desk.sqlite3") as connection:
            connection.execute(sql, {"day": day.isoformat(), "unit": unit.code}).fetchall()

    runs, base = paired(ours, bare, repeats)
    return Result(f"overview at a period's end ({day:%d/%m/%Y}), {n:,} obstacles", runs.median, "s",
                  f"< {DASHBOARD_SECONDS} s", base.median, "sqlite3: the same groups from current columns",
                  ok=runs.median < DASHBOARD_SECONDS, spread=runs.spread, baseline_spread=base.spread, runs=repeats)


def _before_migration(folder: Path, n: int, unit_code: int) -> Path:
    """A database as the version before dated histories left it: obstacles without status_since or state
    rows, and the audit trail of their saves (created, then one row per status change on its day)."""
    from desk.domain.registers.obstacles import REGISTER as OBSTACLES
    from desk.services import office
    from desk.services.workspace import open_workspace
    from desk.store import audit_chain
    from desk.store.models import table_of

    ws = open_workspace(str(folder))
    with ws.session() as session:
        office.set_office_unit(session, unit_code)
    rows, states = obstacle_rows(n, unit_code, seed=3, with_states=True)
    walks: dict[str, list[tuple[str, date | None]]] = {}
    for record_id, value, effective, *_rest in states:
        walks.setdefault(record_id, []).append((value, effective))
    known = {c.name for c in table_of(OBSTACLES).__table__.columns}
    trail = []
    for row in rows:
        row["status_since"] = None
        walk = walks[row["id"]]
        created = datetime.combine(row["raised_on"], clock(2, 0)).strftime("%Y-%m-%d %H:%M:%S.%f")
        values = {"title": row["title"], "domain": row["domain"], "raised_on": row["raised_on"].isoformat(),
                  "status": walk[0][0]}
        trail.append((created, "lan", "clerk", "create", "obstacle", row["id"], "*", None,
                      json.dumps(values, ensure_ascii=False), None))
        for value, effective in walk[1:]:
            at = datetime.combine(effective, clock(3, 0)).strftime("%Y-%m-%d %H:%M:%S.%f")
            trail.append((at, "lan", "clerk", "edit", "obstacle", row["id"], "status", None, value, None))
            if value == "resolved":
                trail.append((at, "lan", "clerk", "edit", "obstacle", row["id"], "resolved_on", None,
                              effective.isoformat(), None))
    columns = [c for c in rows[0] if c in known]
    ws.engine.dispose()
    database = folder / "desk.sqlite3"
    with sqlite3.connect(database) as connection:
        marks = ", ".join("?" for _ in columns)
        connection.executemany(f'INSERT INTO obstacle ({", ".join(columns)}) VALUES ({marks})',
                               [tuple(_stored(r[c]) for c in columns) for r in rows])
        last = connection.execute("SELECT id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        chained = audit_chain.chained(*(last or (0, audit_chain.GENESIS)), trail)
        connection.executemany(f"INSERT INTO audit_log ({', '.join(audit_chain.COLUMNS)}, prev_hash, row_hash) "
                               f"VALUES ({', '.join('?' for _ in range(len(audit_chain.COLUMNS) + 2))})", chained)
    return database


def _stored(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return int(value) if isinstance(value, bool) else value


def migration(tmp: Path, n: int, unit_code: int, repeats: int) -> Result:
    """Migration 0007's rebuild (every obstacle's dated states from the audit trail) on a copy of the
    database before it, against plain sqlite3 making the same reads and the same writes."""
    rebuild = importlib.import_module("desk.store.migrations.versions.0007_state_history").rebuild
    folder = tmp / "migration-source"
    folder.mkdir()
    source = _before_migration(folder, n, unit_code)
    copies = [tmp / "migration-desk.sqlite3", tmp / "migration-bare.sqlite3"]
    written: dict[str, list] = {}

    def ours():
        with sqlite3.connect(copies[0]) as raw:
            seconds = timed(lambda: (rebuild(raw), raw.commit()))
            if not written:     # what it wrote, for the baseline to write the same
                written["states"] = raw.execute("SELECT record_id, value, effective_on, note, origin, recorded_at, "
                                                "recorded_by, voided, void_reason FROM obstacle_state").fetchall()
                written["since"] = raw.execute("SELECT status_since, id FROM obstacle "
                                               "WHERE status_since IS NOT NULL").fetchall()
                written["audit"] = raw.execute("SELECT * FROM audit_log WHERE action = 'baseline'").fetchall()
        return seconds

    def bare():
        with sqlite3.connect(copies[1]) as raw:
            def work():
                raw.execute("SELECT record_id, at, field, new_value FROM audit_log WHERE table_name = 'obstacle' "
                            "ORDER BY id").fetchall()
                raw.execute("SELECT id, raised_on, status, resolved_on, updated_at FROM obstacle ORDER BY rowid"
                            ).fetchall()
                raw.executemany("INSERT INTO obstacle_state (record_id, value, effective_on, note, origin, "
                                "recorded_at, recorded_by, voided, void_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                written["states"])
                raw.executemany("UPDATE obstacle SET status_since = ? WHERE id = ?", written["since"])
                marks = ", ".join("?" for _ in written["audit"][0])
                raw.executemany(f"INSERT INTO audit_log VALUES ({marks})", written["audit"])
                raw.commit()
            return timed(work)

    def fresh(_i):
        for copy in copies:
            shutil.copyfile(source, copy)

    runs, base = paired(ours, bare, repeats, prepare=fresh)
    return Result(f"history migration (0007 rebuild), {n:,} obstacles, {len(written['states']):,} states",
                  runs.median, "s", f"≤ {MIGRATION_RATIO:g}x plain sqlite3", base.median,
                  "sqlite3: the same reads and writes", ok=runs.median <= MIGRATION_RATIO * base.median,
                  spread=runs.spread, baseline_spread=base.spread, runs=repeats)
