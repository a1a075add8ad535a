"""The staffing view from the store: frames in force, people on the quota, guests, deputy caps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlmodel import Session, col

from desk.domain.fields import Choice
from desk.domain.lang import t
from desk.domain.registers import officials
from desk.domain.registers.frames import REGISTER as FRAMES
from desk.domain.registers.officials import REGISTER as OFFICIALS
from desk.domain.staffing import (
    UNALLOCATED,
    DeputyCheck,
    Frame,
    Guest,
    Person,
    StaffingTable,
    deputy_check,
    staffing_table,
)
from desk.domain.units import Unit
from desk.services import movement_rules, rule_settings
from desk.services.rule_settings import RuleSettings
from desk.store.models import sql_table, table_of


@dataclass(frozen=True)
class StaffingView:
    """Everything the staffing screen, the dashboard and the staffing report show."""

    unit: Unit
    on: date
    offices: tuple[Choice, ...]
    table: StaffingTable
    deputies: DeputyCheck
    rules: RuleSettings

    def office_label(self, code: str, *, vietnamese: bool = False) -> str:
        if code == UNALLOCATED:
            vi = "Chưa phân bổ cho phòng, ban (toàn đơn vị)"
            return vi if vietnamese else t(vi, "Not allocated to an office (whole unit)")
        choice = next((c for c in self.offices if c.code == code), None)
        if choice is None:
            return code
        return choice.vi if vietnamese else choice.label


def _frames(session: Session, unit_code: int) -> list[Frame]:
    table = table_of(FRAMES)
    rows = session.scalars(select(table).where(col(table.unit_code) == unit_code, col(table.voided).is_(False)))
    return [Frame(r.office, r.job_position or "", r.authorised or 0, r.effective_date) for r in rows
            if r.effective_date is not None]


# What the staffing table reads of an official: a few columns of each of the unit's, not the whole record.
_PERSON_COLUMNS = ("id", "start_date", "left_on", "status", "office", "staff_category", "title", "job_position")


def people(session: Session, unit_code: int, on: date) -> list[Person]:
    """The unit's officials as they stood on `on` (officials.status_on: start and leaving dates, and the
    movements out, decide)."""
    away = movement_rules.away_on(session, unit_code, on)
    found = []
    table = sql_table(table_of(OFFICIALS))
    query = select(*(table.c[name] for name in _PERSON_COLUMNS)).where(table.c.unit_code == unit_code,
                                                                        table.c.voided.is_(False))
    for official_id, start_date, left_on, status, office, category, title, job_position in session.execute(query):
        status = officials.status_on(status, start_date, left_on, on, away.get(official_id))
        if status is None:
            continue                                  # not yet here
        found.append(Person(office=office, category=category, title=title, status=status,
                            job_position=job_position or "", away=status == "seconded_out"))
    return found


def guests(session: Session, unit_code: int, on: date) -> list[Guest]:
    """People from elsewhere working here on `on` (movements in, not officials of this commune)."""
    return [Guest(office=m["host_office"], job_position=m["person_position"] or "")
            for m in movement_rules.current(session, unit_code, on)
            if m["direction"] == "in" and not m["official_id"]]


def view(session: Session, unit: Unit, on: date) -> StaffingView:
    rules = rule_settings.load(session, on=on)     # the rules in force on that day
    offices = officials.offices(unit.unit_type)
    staff = people(session, unit.code, on)
    table = staffing_table([c.code for c in offices], staff, _frames(session, unit.code),
                           guests(session, unit.code, on), on, frozenset(rules.counted_categories))
    deputies = deputy_check(staff, rules.deputy_average, rules.vice_chairs_allotted)
    return StaffingView(unit=unit, on=on, offices=offices, table=table, deputies=deputies, rules=rules)
