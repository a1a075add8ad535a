"""An obstacle's dated state history (obstacle_state) and the day its current state began (status_since).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

- obstacle gains status_since: the day its current state took effect (NULL while it is still in
  its first state, "received", which holds from its raised-on date on).
- obstacle_state holds every state an obstacle ever had with the day it took effect, who recorded
  it, when, and a note. Rows are never deleted; only their voided mark may change.
- The history of existing obstacles is rebuilt from the audit trail, which holds every status an
  obstacle was given and when: each change is dated by its resolved-on date where the change was
  a resolution that carried one, else by the (local) day it was recorded; never before the raised-on
  date, never before the previous change. Where the trail does not end in the obstacle's current
  status (records written around Desk), the current status is added, dated by its resolved-on
  date or its last edit. status_since is written with a baseline audit row, so `desk check` finds
  the records as their trail describes them and the hash chain goes on.
"""
import json
from datetime import date, datetime, timezone

import sqlalchemy as sa
import sqlmodel
from alembic import op

from desk.store import audit_chain
from desk.store.dialect import driver_connection, refuse

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

STR = sqlmodel.sql.sqltypes.AutoString
FIRST = "received"
# States an obstacle entered in them is taken to have held since it was raised (as Desk does now).
FROM_START = frozenset({"received", "in_progress", "referred"})
REASON = "lịch sử tình trạng dựng lại từ nhật ký (lược đồ 0007)"
ORIGIN = "dựng lại từ nhật ký khi nâng cấp"
_CHUNK = 5_000


def upgrade() -> None:
    op.add_column("obstacle", sa.Column("status_since", sa.Date(), nullable=True))
    op.create_table(
        "obstacle_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", STR(length=36), nullable=False),
        sa.Column("value", STR(length=60), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=True),
        sa.Column("note", STR(), nullable=True),
        sa.Column("origin", STR(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", STR(length=100), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.Column("void_reason", STR(), nullable=True),
        sa.ForeignKeyConstraint(["record_id"], ["obstacle.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_obstacle_state_record_id", "obstacle_state", ["record_id"])
    refuse(op, "obstacle_state_no_delete", "obstacle_state", "DELETE", "Desk never deletes records: void them instead")
    refuse(op, "obstacle_state_no_update", "obstacle_state", "UPDATE",
           "a state change is kept as recorded: void it instead",
           ("record_id", "value", "effective_on", "note", "origin", "recorded_at", "recorded_by"))
    raw = driver_connection(op.get_bind())
    rebuild(raw)


def rebuild(raw) -> int:
    """Fill obstacle_state and status_since from the audit trail; returns how many obstacles it dated."""
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
    events: dict[str, list[tuple]] = {}
    for record_id, at, field, new_value in raw.execute(
            "SELECT record_id, at, field, new_value FROM audit_log WHERE table_name = 'obstacle' ORDER BY id"):
        events.setdefault(record_id, []).append((at, field, new_value))
    history, since_rows, baseline = [], [], []
    for record_id, raised, status, resolved, updated in raw.execute(
            "SELECT id, raised_on, status, resolved_on, updated_at FROM obstacle ORDER BY rowid").fetchall():
        raised_on = _day(raised)
        first, entries = _entries(events.get(record_id, ()), raised_on)
        current = entries[-1][0] if entries else first
        if status and status != current:
            fallback = _day(resolved) if status == "resolved" and resolved else _local_day(updated)
            entries.append((status, _not_before(fallback, raised_on, entries)))
        for value, effective in [(first, None), *entries]:
            history.append((record_id, value, effective.isoformat() if effective else None, None, ORIGIN, now,
                            "desk", 0, None))
        if entries:
            since = entries[-1][1].isoformat()
            since_rows.append((since, record_id))
            baseline.append((now, "desk", "admin", "baseline", "obstacle", record_id, "status_since", None, since,
                             REASON))
    raw.executemany("INSERT INTO obstacle_state (record_id, value, effective_on, note, origin, recorded_at, "
                    "recorded_by, voided, void_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", history)
    raw.executemany("UPDATE obstacle SET status_since = ? WHERE id = ?", since_rows)
    last = raw.execute("SELECT id, row_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    chained = audit_chain.chained(*(last or (0, audit_chain.GENESIS)), baseline)
    sql = (f"INSERT INTO audit_log ({', '.join(audit_chain.COLUMNS)}, prev_hash, row_hash) "
           f"VALUES ({', '.join('?' for _ in range(len(audit_chain.COLUMNS) + 2))})")
    for start in range(0, len(chained), _CHUNK):
        raw.executemany(sql, chained[start:start + _CHUNK])
    return len(since_rows)


def _entries(rows, raised_on: date | None) -> tuple[str, list[tuple[str, date]]]:
    """The first state of one obstacle and the dated changes of its status the trail holds."""
    entries: list[tuple[str, date]] = []
    first = current = None
    resolved_on = None
    for at, changes in _saves(rows):
        if changes.get("resolved_on"):
            resolved_on = _day(changes["resolved_on"])
        status = changes.get("status")
        if first is None and status:
            first = current = status if status in FROM_START else FIRST
        if status and status != current:
            effective = resolved_on if status == "resolved" and resolved_on else _local_day(at)
            entries.append((status, _not_before(effective, raised_on, entries)))
            current = status
    return first or FIRST, entries


def _saves(rows):
    """(time, {field: new value}) of each save: a save writes one audit row per field, all at one time."""
    merged: list[tuple[str, dict]] = []
    for at, field, new_value in rows:
        changes = json.loads(new_value) if field == "*" and new_value else {field: new_value}
        if merged and merged[-1][0] == at:
            merged[-1][1].update(changes)
        else:
            merged.append((at, dict(changes)))
    return merged


def _not_before(day: date | None, raised_on: date | None, entries) -> date:
    """Never before the obstacle was raised, nor before the change recorded before it."""
    floor = [d for d in (raised_on, entries[-1][1] if entries else None) if d is not None]
    day = day or (max(floor) if floor else date.today())
    return max([day, *floor])


def _day(text) -> date | None:
    return date.fromisoformat(str(text)[:10]) if text else None


def _local_day(stamp) -> date | None:
    """The clerk's day of a UTC time as SQLite stores it ("2025-09-14 02:30:00.000000")."""
    if not stamp:
        return None
    moment = datetime.fromisoformat(str(stamp).replace(" ", "T")).replace(tzinfo=timezone.utc)
    return moment.astimezone().date()


def downgrade() -> None:
    raise NotImplementedError("the state history cannot be taken back; restore the before-migration backup")
