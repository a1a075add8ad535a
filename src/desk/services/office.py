"""The office this installation belongs to: its commune-level unit, kept in the database."""

from __future__ import annotations

import json
from typing import overload

from sqlmodel import Session

from desk.domain import units
from desk.domain.units import Unit
from desk.errors import UserError
from desk.store.models import Setting

UNIT_KEY, UNIT_NAMES_KEY = units.UNIT_KEY, units.UNIT_NAMES_KEY


@overload
def get_setting(session: Session, key: str, default: str = "") -> str: ...


@overload
def get_setting(session: Session, key: str, default: None) -> str | None: ...


def get_setting(session: Session, key: str, default: str | None = "") -> str | None:
    row = session.get(Setting, key)
    return row.value if row else default


def put_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key) or Setting(key=key)
    row.value = value
    session.add(row)


def office_unit(session: Session) -> Unit | None:
    code = get_setting(session, UNIT_KEY)
    if not code:
        return None
    remembered = units.remembered(get_setting(session, UNIT_NAMES_KEY), code)
    return remembered if remembered is not None else units.unit(code)


def set_office_unit(session: Session, code: int | str) -> Unit:
    """Check the code against the official list, then save it (UserError on an unknown code)."""
    unit = units.unit(code)
    put_setting(session, UNIT_KEY, str(unit.code))
    version = units.list_version()
    if version is not None:
        put_setting(session, UNIT_NAMES_KEY, json.dumps(
            {"version": version, "code": unit.code, "name": unit.name, "unit_type": unit.unit_type,
             "province_code": unit.province.code, "province_name": unit.province.name}, ensure_ascii=False))
    return unit


def units_version() -> str | None:
    """The official unit list's version this Desk uses (a file made here names it)."""
    return units.list_version()


def refresh_unit_names(session: Session) -> None:
    """The unit's names saved anew where those saved came from another version of the official list, so that
    the next start can ask for the sign-in before the database opens again (store.glance needs them)."""
    code = get_setting(session, UNIT_KEY)
    if not code or units.list_version() is None or units.remembered(get_setting(session, UNIT_NAMES_KEY), code):
        return
    try:
        set_office_unit(session, code)
    except UserError:       # a code the installed list no longer has: the names stay as they were
        return
