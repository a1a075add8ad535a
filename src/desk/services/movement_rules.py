"""Movements under way on a day, and who was away on one (as the staffing view and the dashboard count them)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from desk.domain.register import Record
from desk.domain.registers import movements
from desk.domain.registers.movements import REGISTER as MOVEMENTS
from desk.services import derivations
from desk.store.models import sql_table, table_of


def current(session: Session, unit_code: int, today: date) -> list[Record]:
    """Movements under way on `today` (active, ending soon or overdue to end), with their derived columns."""
    table = sql_table(table_of(MOVEMENTS))
    query = select(table).where(table.c.unit_code == unit_code, table.c.voided.is_(False),
                                table.c.start_date <= today)
    rows = [dict(r._mapping) for r in session.execute(query)]
    derivations.derive(session, MOVEMENTS, rows, today, unit_code=unit_code)
    return [r for r in rows if r["state"] in movements.CURRENT_STATES]


def away_on(session: Session, unit_code: int, day: date) -> dict[str, bool]:
    """official id -> whether a movement out had them away on `day`, for each official a movement out names
    (domain.registers.movements.away_on)."""
    c = sql_table(table_of(MOVEMENTS)).c
    query = select(c.official_id, c.direction, c.start_date, c.planned_end, c.actual_end).where(
        c.unit_code == unit_code, c.voided.is_(False), c.direction == "out", c.official_id.is_not(None))
    return movements.away_on((dict(r._mapping) for r in session.execute(query)), day)
