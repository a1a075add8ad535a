"""Locked periods against the audit trail: a lock lifted, moved or removed outside Desk reopens a submitted period."""

from __future__ import annotations

import sqlite3

from desk.domain.periods import PeriodError, parse_period
from desk.store.audit import LOCK, UNLOCK

TABLE = "period_lock"
UNRECORDED, GONE, UNLOCKED, RELOCKED, MOVED = "unrecorded", "gone", "unlocked", "relocked", "moved"


def _tables(connection: sqlite3.Connection) -> set[str]:
    return {r[0] for r in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'" if isinstance(connection, sqlite3.Connection)
        else "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}


def lock_findings(connection: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(lock id, period code, what) for each lock its trail does not account for: a lock row with no
    «lock» row (UNRECORDED), a «lock» row whose lock is gone (GONE), a lock lifted with no «unlock» row
    (UNLOCKED) or in force after one (RELOCKED), a period other than the one locked or dates not its (MOVED)."""
    if not {TABLE, "audit_log"} <= _tables(connection):
        return []
    said: dict[str, dict] = {}
    for action, record_id, new in connection.execute(
            "SELECT action, record_id, new_value FROM audit_log WHERE table_name = ? "
            "AND action IN (?, ?) ORDER BY id", (TABLE, LOCK, UNLOCK)):
        entry = said.setdefault(str(record_id), {"code": None, "unlocked": False})
        if action == LOCK:
            entry["code"] = new
        else:
            entry["unlocked"] = True
    found = []
    for lock_id, code, start, end, rule, unlocked_at in connection.execute(
            'SELECT id, period_code, start, "end", rule, unlocked_at FROM period_lock ORDER BY id'):
        entry = said.pop(str(lock_id), None)
        if entry is None or entry["code"] is None:
            found.append((str(lock_id), code, UNRECORDED))
            continue
        if (unlocked_at is not None) != entry["unlocked"]:
            found.append((str(lock_id), code, UNLOCKED if unlocked_at is not None else RELOCKED))
        if code != entry["code"] or not _its_dates(code, rule, start, end):
            found.append((str(lock_id), entry["code"], MOVED))
    found += [(lock_id, entry["code"] or "", GONE) for lock_id, entry in said.items() if entry["code"]]
    return found


def _its_dates(code: str, rule: str, start: object, end: object) -> bool:
    """Whether start and end are the period's own (its code read with its rule)."""
    try:
        period = parse_period(code, rule)
    except (PeriodError, ValueError):
        return False
    return (str(start)[:10], str(end)[:10]) == (period.start.isoformat(), period.end.isoformat())
