"""Baselines in plain sqlite3 for the register and save measures: the same query or insert, without Desk."""

from __future__ import annotations

import sqlite3
import statistics
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

PAGE = 100      # rows the register reads for the first screen (services/record_list.py: _PAGE)


def _connect(database: Path) -> sqlite3.Connection:
    # What Desk sets on every connection that matters for speed (store/db.py).
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    return connection


def _median_seconds(run, times: int) -> float:
    taken = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        taken.append(time.perf_counter() - started)
    return statistics.median(taken)


def open_list(database: Path, unit: int) -> float:
    """Seconds to list a unit's rows newest first and read the first page: what opening the register shows."""
    with _connect(database) as connection:
        started = time.perf_counter()
        ids = [r for (r,) in connection.execute(
            "SELECT rowid FROM obstacle WHERE unit_code = ? AND voided = 0 ORDER BY raised_on DESC, rowid DESC",
            (unit,))]
        marks = ",".join("?" * min(PAGE, len(ids)))
        connection.execute(f"SELECT * FROM obstacle WHERE rowid IN ({marks})", ids[:PAGE]).fetchall()
        return time.perf_counter() - started


def sort_column(database: Path, unit: int, spec, title_field: str = "title") -> float:
    """Seconds to order a unit's rows by one column: ORDER BY the stored value (dates, numbers, codes) or
    the text's stored collation key, or a text without one read and sorted by Python's plain str order
    (no collation: the floor of any text sort)."""
    with _connect(database) as connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(obstacle)")}
        key = "title_sort" if spec.name == title_field else f"{spec.name}_sort"
        started = time.perf_counter()
        if spec.codec.ordered or spec.codec.listed or key in columns:
            column = key if key in columns else spec.name
            connection.execute(f'SELECT rowid FROM obstacle WHERE unit_code = ? AND voided = 0 '
                               f'ORDER BY "{column}", rowid', (unit,)).fetchall()
        else:
            rows = connection.execute(f'SELECT rowid, "{spec.name}" FROM obstacle WHERE unit_code = ? '
                                      'AND voided = 0', (unit,)).fetchall()
            rows.sort(key=lambda row: row[1] or "")
        return time.perf_counter() - started


def insert_one(database: Path, unit: int, times: int) -> float:
    """Median seconds to insert one obstacle row and commit it (fsync), in its own transaction."""
    with _connect(database) as connection:
        def run():
            now = datetime.now(UTC).isoformat(sep=" ")
            connection.execute("BEGIN")
            connection.execute(
                "INSERT INTO obstacle (id, unit_code, created_at, updated_at, voided, title, domain, level, "
                "raised_on, status, search_key, title_sort, title_fold, title_casefold) "
                "VALUES (?,?,?,?,0,?,?,?,?,?,?,?,?,?)",
                (str(uuid.uuid4()), unit, now, now, "Thiếu công chức", "PERSONNEL", "province", "2025-09-05",
                 "received", " thieu cong chuc", "", " thieu cong chuc", " thiếu công chức"))
            connection.execute("COMMIT")
        return _median_seconds(run, times)
