"""The obstacle report and the periodic report at 100k obstacles, against the same work done bare: every query the
export sends, replayed through plain sqlite3, and a raw XML + zlib stream of the same cells."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from bench import raw_xlsx
from bench.paired import paired
from bench.results import Result

TARGET = 1.5
BASELINE = "sqlite3: the export's queries; raw sheet XML + zlib, same cells"


def _queries_of(ws, export: Callable[[], None]) -> list[tuple[str, object]]:
    """The statements and parameters one run of export sends to the database, as the driver gets them."""
    from sqlalchemy import event

    sent: list[tuple[str, object]] = []

    def record(_connection, _cursor, statement, parameters, _context, _many) -> None:
        sent.append((statement, parameters))

    event.listen(ws.engine, "before_cursor_execute", record)
    try:
        export()
    finally:
        event.remove(ws.engine, "before_cursor_execute", record)
    reads = [(s, p) for s, p in sent if s.lstrip().upper().startswith(("SELECT", "WITH"))]
    assert reads, "the export read nothing through the engine: the baseline would leave the reading out"
    return reads


def _bare(database: Path, queries: list[tuple[str, object]], write: Callable[[], None]) -> Callable[[], None]:
    """Reading what the export reads (plain sqlite3, rows as tuples), then writing the same cells raw."""
    def run() -> None:
        with sqlite3.connect(database) as connection:
            for statement, parameters in queries:
                connection.execute(statement, parameters).fetchall()
        write()
    return run


def obstacle_report(tmp: Path, ws, n: int, repeats: int) -> Result:
    from desk.domain import periods
    from desk.services import obstacle_report as service

    period = periods.date_range(date(2025, 1, 1), date(2027, 12, 31))
    with ws.session() as session:
        data = service.build(session, ws.require_unit(), period, date(2026, 1, 5))
    # The same cells: the report lists every row twice, on the list sheet and on the sheet of causes and
    # proposals (the columns that do not fit beside the list on A4), each with its row number.
    sheets = [(name, [[i, *(row[c.key] for c in columns)] for i, row in enumerate(data.rows, 1)])
              for name, columns in (("Chi tiết", data.columns), ("Nguyên nhân, kiến nghị", data.cause_columns))
              if columns]

    def ours():
        with ws.session() as session:
            service.export(session, ws.require_unit(), period, tmp / "report.xlsx", date(2026, 1, 5))

    bare = _bare(ws.folder / "desk.sqlite3", _queries_of(ws, ours),
                 lambda: raw_xlsx.write(tmp / "bare-report.xlsx", sheets))
    runs, base = paired(ours, bare, repeats)
    return Result(f"obstacle report, {n:,} rows", runs.median, "s", f"≤ {TARGET}x the same work bare", base.median,
                  BASELINE, ok=runs.median <= TARGET * base.median, spread=runs.spread,
                  baseline_spread=base.spread, runs=repeats)


def periodic_report(tmp: Path, ws, n: int, repeats: int) -> Result:
    from desk.domain import periods
    from desk.reports.manifest import BLOCK_MARK
    from desk.services import periodic_report as service

    # A period holding every generated obstacle: the detail form lists all n of them.
    period = periods.date_range(date(2025, 1, 1), date(2027, 12, 31))
    now = datetime(2026, 1, 5, 9, 0).astimezone()
    with ws.session() as session:
        data = service.build(session, ws.require_unit(), period, signed_on=now.date(), generated_at=now)
    # The same cells: every form's table rows and the hidden data sheet, from the data Desk built.
    sheets = [(annex.name, [[values.get(c.key) for c in annex.columns] for block in annex.blocks
                            for values in block.rows]) for annex in data.annexes]
    sheets.append(("_desk_data", [list(r) for b in data.blocks
                                  for r in ((BLOCK_MARK, b.name, str(len(b.rows))), b.columns, *b.rows)]))

    def ours():
        with ws.session() as session:
            result = service.export(session, ws.require_unit(), period, tmp / "periodic.xlsx", now=now)
        assert result.row_counts["obstacles"] == n

    bare = _bare(ws.folder / "desk.sqlite3", _queries_of(ws, ours),
                 lambda: raw_xlsx.write(tmp / "bare-periodic.xlsx", sheets))
    runs, base = paired(ours, bare, repeats)
    return Result(f"periodic report, {n:,} obstacle rows", runs.median, "s", f"≤ {TARGET}x the same work bare",
                  base.median, BASELINE, ok=runs.median <= TARGET * base.median,
                  spread=runs.spread, baseline_spread=base.spread, runs=repeats)
