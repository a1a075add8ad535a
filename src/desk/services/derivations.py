"""The store's side of a register's derivations and warnings: the Context they read (domain.register)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import func, or_, select
from sqlmodel import Session

from desk.domain.file_rows import FileRows
from desk.domain.register import Record, Register
from desk.domain.registers import REGISTERS
from desk.services import rule_settings
from desk.services.rule_settings import RuleSettings
from desk.store.dialect import IDS_AT_ONCE
from desk.store.models import sql_table, table_of


class StoreContext:
    """A register's Context read from the session, each register's rows read once; with `earlier`, the rows a
    file being imported holds before the one checked are among the records compared with."""

    def __init__(self, session: Session, unit_code: int, today: date, earlier: FileRows | None = None):
        self.session, self.unit_code, self.today = session, unit_code, today
        self._earlier = earlier
        self._rules: RuleSettings | None = None
        self._rows: dict[str, list[Record]] = {}

    @property
    def rules(self) -> RuleSettings:
        if self._rules is None:
            self._rules = rule_settings.load(self.session)
        return self._rules

    def rows(self, register: str) -> list[Record]:
        found = self._rows.get(register)
        if found is None:
            table = sql_table(table_of(REGISTERS[register]))
            query = select(table).where(table.c.unit_code == self.unit_code, table.c.voided.is_(False))
            found = self._rows[register] = [dict(r._mapping) for r in self.session.execute(query)]
        return found + self._earlier.of(register) if self._earlier else found

    def rows_with(self, register: str, any_of: Mapping[str, object]) -> list[Record]:
        table = sql_table(table_of(REGISTERS[register]))
        matches = [table.c[name] == value for name, value in any_of.items() if value is not None]
        if not matches:
            return []
        query = select(table).where(table.c.unit_code == self.unit_code, table.c.voided.is_(False), or_(*matches))
        found = [dict(r._mapping) for r in self.session.execute(query)]
        return found + self._earlier.with_any(register, any_of) if self._earlier else found

    def values(self, register: str, field: str, ids: Iterable[str | None]) -> dict[str, Any]:
        wanted = sorted({i for i in ids if i})
        table = sql_table(table_of(REGISTERS[register]))
        found: dict[str, Any] = {}
        for start in range(0, len(wanted), IDS_AT_ONCE):
            query = select(table.c.id, table.c[field]).where(table.c.unit_code == self.unit_code,
                                                             table.c.id.in_(wanted[start:start + IDS_AT_ONCE]))
            found.update((key, value) for key, value in self.session.execute(query))
        return found

    def count_referring(self, register: str, field: str) -> dict[str, int]:
        reg = REGISTERS[register]
        table = sql_table(table_of(reg))
        column = table.c[field]
        # A list of a past period counts what was recorded by its end, not what was found since.
        query = (select(column, func.count()).where(table.c.unit_code == self.unit_code, table.c.voided.is_(False),
                                                    column.is_not(None), table.c[reg.date_field] <= self.today)
                 .group_by(column))
        return {key: n for key, n in self.session.execute(query)}


def derive(session: Session, reg: Register, rows: list[Record], today: date, *, unit_code: int | None = None) -> None:
    """Add the register's computed columns to its rows, as they stand on `today`."""
    if reg.derive is None or not rows:
        return
    by_unit: dict[int, list[Record]] = {}
    for row in rows:
        by_unit.setdefault(row["unit_code"] if unit_code is None else unit_code, []).append(row)
    for code, unit_rows in by_unit.items():
        reg.derive(unit_rows, StoreContext(session, code, today))


def warnings(session: Session, reg: Register, values: Record, *, unit_code: int, record_id: str | None = None,
             today: date | None = None, earlier: FileRows | None = None) -> list[str]:
    """What the clerk should confirm before saving validated values (possible duplicates, limits); `earlier`:
    the rows before this one of the file being imported, compared with too."""
    if reg.warnings is None:
        return []
    return reg.warnings(values, StoreContext(session, unit_code, today or date.today(), earlier), record_id)
