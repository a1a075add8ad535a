"""The office this installation belongs to: its commune-level unit, kept in the database."""

from __future__ import annotations

from sqlmodel import Session

from desk.domain import units
from desk.domain.units import Unit
from desk.store.models import Setting

UNIT_KEY = "office.unit_code"


def get_setting(session: Session, key: str, default: str = "") -> str:
    row = session.get(Setting, key)
    return row.value if row else default


def put_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key) or Setting(key=key)
    row.value = value
    session.add(row)


def office_unit(session: Session) -> Unit | None:
    code = get_setting(session, UNIT_KEY)
    return units.unit(code) if code else None


def set_office_unit(session: Session, code: int | str) -> Unit:
    """Check the code against the official list, then save it (UserError on an unknown code)."""
    unit = units.unit(code)
    put_setting(session, UNIT_KEY, str(unit.code))
    return unit
