"""The figures of the home screen, computed from the store without Qt (so tests check them directly)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlmodel import Session

from desk.domain import movements, obstacles
from desk.domain.fields import Choice
from desk.domain.lang import t
from desk.domain.periods import Period, PeriodKind, recent
from desk.domain.units import Unit
from desk.services import movement_rules, staffing
from desk.services.staffing import StaffingView
from desk.store.models import ChoiceItem, Initiative, Obstacle

PERIODS_SHOWN = 6


@dataclass(frozen=True)
class DomainCounts:
    code: str
    label: str
    counts: dict[str, int]          # status code -> number of obstacles

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class PeriodPoint:
    period: Period
    open: int                       # obstacles open at the end of the period

    @property
    def short_label(self) -> str:
        return f"{self.period.end.month:02d}/{self.period.end.year}"


@dataclass(frozen=True)
class MovementLine:
    id: str
    person: str
    kind: str
    end: date | None
    state: str


@dataclass(frozen=True)
class Dashboard:
    today: date
    statuses: tuple[Choice, ...]
    by_domain: tuple[DomainCounts, ...]     # domains with obstacles, the most first
    open_now: int
    overdue: int
    open_by_period: tuple[PeriodPoint, ...]
    staffing: StaffingView
    ending_soon: tuple[MovementLine, ...]   # soonest first
    overdue_to_end: tuple[MovementLine, ...]
    initiatives_active: tuple[tuple[str, str], ...]     # (id, name)

    @property
    def shortage(self) -> int:
        return sum(line.shortage or 0 for line in self.staffing.table.lines if not line.job_position)

    @property
    def surplus(self) -> int:
        return sum(line.surplus or 0 for line in self.staffing.table.lines if not line.job_position)


def _obstacles(session: Session, unit_code: int) -> list[dict]:
    table = Obstacle.__table__
    query = select(table).where(table.c.unit_code == unit_code, table.c.voided.is_(False))
    return [dict(r._mapping) for r in session.execute(query)]


def _closed_on(row: dict) -> date | None:
    """When an obstacle stopped being open; a closed one carries no date of its own but its last edit."""
    if obstacles.is_open(row["status"]):
        return None
    if row.get("resolved_on"):
        return row["resolved_on"]
    return row["updated_at"].date() if row.get("updated_at") else None


def is_open_on(row: dict, day: date) -> bool:
    """The obstacle (a row of the register) had been raised by `day` and was not yet resolved or closed."""
    if row.get("voided") or row.get("raised_on") is None or row["raised_on"] > day:
        return False
    closed = _closed_on(row)
    return closed is None or closed > day


def open_at(rows: list[dict], day: date) -> int:
    return sum(1 for row in rows if is_open_on(row, day))


def _domain_labels(session: Session) -> dict[str, str]:
    rows = session.scalars(select(ChoiceItem).where(ChoiceItem.list_name == "domain").order_by(ChoiceItem.position))
    return {r.code: t(r.vi, r.en or r.vi) for r in rows}


def build(session: Session, unit: Unit, today: date) -> Dashboard:
    items = _obstacles(session, unit.code)
    labels = _domain_labels(session)
    by_domain: dict[str, dict[str, int]] = {}
    for o in items:
        counts = by_domain.setdefault(o["domain"], {s.code: 0 for s in obstacles.STATUSES})
        counts[o["status"]] = counts.get(o["status"], 0) + 1
    domains = sorted((DomainCounts(code, labels.get(code, code), counts) for code, counts in by_domain.items()),
                     key=lambda d: (-d.total, list(labels).index(d.code) if d.code in labels else 999))
    points = tuple(PeriodPoint(p, open_at(items, min(p.end, today))) for p in recent(PeriodKind.MONTH, today, PERIODS_SHOWN))

    current = movement_rules.current(session, unit.code, today)
    kinds = {c.code: c.label for c in movements.KINDS}

    def line(m: dict) -> MovementLine:
        return MovementLine(m["id"], m["person"], kinds.get(m["kind"], m["kind"]),
                            movements.end_of(m["start_date"], m["planned_end"], m["actual_end"]), m["state"])

    soon = sorted((line(m) for m in current if m["state"] == "ending_soon"), key=lambda m: (m.end, m.person))
    late = sorted((line(m) for m in current if m["state"] == "overdue"), key=lambda m: (m.end, m.person))
    active = session.execute(select(Initiative.id, Initiative.name).where(
        Initiative.unit_code == unit.code, Initiative.voided.is_(False), Initiative.status == "active")
        .order_by(Initiative.start_date.desc()))
    return Dashboard(
        today=today, statuses=obstacles.STATUSES, by_domain=tuple(domains),
        open_now=sum(1 for o in items if obstacles.is_open(o["status"])),
        overdue=sum(1 for o in items if obstacles.is_overdue(o["status"], o["deadline"], today)),
        open_by_period=points, staffing=staffing.view(session, unit, today), ending_soon=tuple(soon),
        overdue_to_end=tuple(late), initiatives_active=tuple((r.id, r.name) for r in active))

