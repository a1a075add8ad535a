"""The office this installation belongs to: its commune-level unit, kept in the database."""

from __future__ import annotations

import functools
import json
from importlib import metadata
from typing import overload

from sqlmodel import Session

from desk.domain import units
from desk.domain.units import Unit
from desk.store.models import Setting

UNIT_KEY = "office.unit_code"
# The unit's names as the official list gave them, with that list's version: the window's title and
# home screen need them at every start, and reading the list itself costs ~50 ms.
UNIT_NAMES_KEY = "office.unit_names"
UNITS_PACKAGE = "vietnam-provinces"


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
    remembered = _remembered_unit(get_setting(session, UNIT_NAMES_KEY), code)
    return remembered if remembered is not None else units.unit(code)


def set_office_unit(session: Session, code: int | str) -> Unit:
    """Check the code against the official list, then save it (UserError on an unknown code)."""
    unit = units.unit(code)
    put_setting(session, UNIT_KEY, str(unit.code))
    version = _units_version()
    if version is not None:
        put_setting(session, UNIT_NAMES_KEY, json.dumps(
            {"version": version, "code": unit.code, "name": unit.name, "unit_type": unit.unit_type,
             "province_code": unit.province.code, "province_name": unit.province.name}, ensure_ascii=False))
    return unit


# The installed package cannot change while Desk runs: asked once (reading its metadata costs ~7 ms, and the
# unit is looked up several times on the way to the window).
@functools.cache
def _units_version() -> str | None:
    try:
        return metadata.version(UNITS_PACKAGE)
    except metadata.PackageNotFoundError:     # a build without the package's metadata: no shortcut
        return None


def units_version() -> str | None:
    """The official unit list's version this Desk uses (a file made here names it)."""
    return _units_version()


def _remembered_unit(stored: str, code: str) -> Unit | None:
    """The unit saved with its code, if saved from the official list's installed version (else None:
    look it up again, the list may have renamed it)."""
    try:
        saved = json.loads(stored) if stored else None
        if not saved or str(saved["code"]) != code.strip() or saved["version"] != _units_version():
            return None
        return Unit(int(saved["code"]), saved["name"], saved["unit_type"],
                    units.ProvinceInfo(int(saved["province_code"]), saved["province_name"]))
    except (ValueError, KeyError, TypeError):
        return None
