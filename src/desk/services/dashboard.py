"""The figures of the home screen, computed from the store without Qt (so tests check them directly)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select
from sqlmodel import Session, col

from desk.domain.conditions import Condition, Value
from desk.domain.fields import Choice
from desk.domain.lang import t
from desk.domain.periods import Period, PeriodKind, recent
from desk.domain.register import Record
from desk.domain.registers import movements, obstacles
from desk.domain.registers.initiatives import REGISTER as INITIATIVES
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.units import Unit
from desk.services import movement_rules, staffing
from desk.services.staffing import StaffingView
from desk.store.conditions import flags_sql, to_sql, value_sql
from desk.store.dialect import DayAsText, DescNullsLast
from desk.store.models import ChoiceItem, sql_table, table_of
from desk.store.split_read import half_of, read_in_halves

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

    # The whole unit's figures, as the staffing view's total line shows them: net, against the
    # unit's frame (an office over its frame does not cancel another's shortage in its own line).
    @property
    def has_frames(self) -> bool:
        """Whether any staffing frame is entered (without one, shortage and surplus mean nothing)."""
        return any(line.frame is not None for line in self.staffing.table.lines)

    @property
    def is_empty(self) -> bool:
        """Nothing recorded yet (a fresh installation): no obstacle, frame, official, movement or initiative."""
        return (not self.by_domain and not self.has_frames
                and not any(line.actual for line in self.staffing.table.lines)
                and not self.ending_soon and not self.overdue_to_end and not self.initiatives_active
                and not self.staffing.deputies.deputies and not self.staffing.deputies.vice_chairs)

    @property
    def shortage(self) -> int:
        return self.staffing.table.total.shortage or 0

    @property
    def surplus(self) -> int:
        return self.staffing.table.total.surplus or 0


def is_open_on(row: Record, day: date) -> bool:
    """The obstacle (a register row, with its state history for days before its state began) was
    open on `day`: the register's own rule (domain.registers.obstacles.open_on)."""
    return not row.get("voided") and obstacles.open_on(day).holds(row)


def _obstacle_figures(session: Session, unit_code: int, on: date,
                      days: list[date]) -> tuple[list[tuple[str, str, int]], list[int], int]:
    """Counts by (domain, state on `on`), overdue on `on`, and open at each of `days`, in one SQL pass
    over the obstacles raised by `on` (made on both cores, half of them each: store.split_read). Every
    condition is the register's own (domain.registers.obstacles), compiled to SQL."""
    others = tuple(sorted(set(days) - {on}))
    by_pair: Counter[tuple[str, str]] = Counter()
    open_then = [0] * len(others)
    open_on_day = overdue = 0
    rows = read_in_halves(session, lambda half: _figures_query(unit_code, on, others, half))
    for domain, status, flags, n, open_now, late in rows:
        by_pair[domain, status] += n
        open_on_day += open_now or 0
        overdue += late or 0
        for i in range(len(others)):
            open_then[i] += n if flags >> i & 1 else 0
    open_on_days = [open_on_day if day == on else open_then[others.index(day)] for day in days]
    return [(domain, status, n) for (domain, status), n in by_pair.items()], open_on_days, overdue


# The overview is drawn again for the same day (each return to the home screen): its query, with its
# 31 lookups written out, is kept rather than written and keyed again each time (~10 ms in Python).
@lru_cache(maxsize=24)
def _figures_query(unit_code: int, on: date, others: tuple[date, ...], half: int | None) -> Select[Any]:
    """Grouped by domain, state on `on` and whether open on each of `others` (one bit each): the
    number of obstacles, and of those open and overdue on `on` (of one half of them: split_read)."""
    table = sql_table(table_of(OBSTACLES))
    c = table.c
    # The state on `on` is looked up once per obstacle, in a materialized step: it is grouped by and
    # counted twice more (written into each, SQLite would look it up again). Whether open on each
    # other day is one bit of a number (flags_sql: each obstacle's history looked up once per state
    # it had over those days, not once per day), grouped by and summed from the groups in Python: a
    # few hundred groups, where summing one column per day cost SQLite more than the lookups saved.
    state_on = case((DayAsText(c.raised_on) <= on, value_sql(obstacles.state_on(on), table))).label("state")
    opened = flags_sql([obstacles.open_on(day) for day in others], table).label("opened")
    chosen = [c.unit_code == unit_code, c.voided.is_(False), c.raised_on <= on]
    if half is not None:
        chosen.append(half_of(c.record_key) == half)
    rows = (select(c.domain, c.raised_on, c.deadline, state_on, opened).where(*chosen)
            .cte("obstacle_days").prefix_with("MATERIALIZED"))
    known: dict[Value, ColumnElement[Any]] = {obstacles.state_on(on): rows.c.state}

    def count(condition: Condition) -> ColumnElement[Any]:
        return func.sum(case((to_sql(condition, rows, known=known, selected=True), 1), else_=0))

    return (select(rows.c.domain, rows.c.state, rows.c.opened, func.count(), count(obstacles.open_on(on)),
                   count(obstacles.overdue_on(on)))
            .group_by(rows.c.domain, rows.c.state, rows.c.opened))


def _domain_labels(session: Session) -> dict[str, str]:
    rows = session.scalars(select(ChoiceItem).where(col(ChoiceItem.list_name) == "domain")
                           .order_by(col(ChoiceItem.position)))
    return {r.code: t(r.vi, r.en or r.vi) for r in rows}


def build(session: Session, unit: Unit, today: date) -> Dashboard:
    """The figures as they stood on `today` (a past period's end, to look back)."""
    periods = recent(PeriodKind.MONTH, today, PERIODS_SHOWN)
    by_pair, open_on_days, overdue = _obstacle_figures(session, unit.code, today,
                                                       [p.counted_on(today) for p in periods])
    labels = _domain_labels(session)
    by_domain: dict[str, dict[str, int]] = {}
    for domain, status, count in by_pair:
        counts = by_domain.setdefault(domain, {s.code: 0 for s in obstacles.STATUSES})
        counts[status] = counts.get(status, 0) + count
    domains = sorted((DomainCounts(code, labels.get(code, code), counts) for code, counts in by_domain.items()),
                     key=lambda d: (-d.total, list(labels).index(d.code) if d.code in labels else 999))
    points = tuple(PeriodPoint(p, n) for p, n in zip(periods, open_on_days))
    open_now = sum(n for _domain, status, n in by_pair if obstacles.is_open(status))

    current = movement_rules.current(session, unit.code, today)
    kinds = {c.code: c.label for c in movements.KINDS}

    def line(m: Record) -> MovementLine:
        kind: str = m["kind"]
        return MovementLine(m["id"], m["person"], kinds.get(kind, kind),
                            movements.end_of(m["start_date"], m["planned_end"], m["actual_end"]), m["state"])

    soon = sorted((line(m) for m in current if m["state"] == "ending_soon"), key=lambda m: (m.end, m.person))
    late = sorted((line(m) for m in current if m["state"] == "overdue"), key=lambda m: (m.end, m.person))
    initiative = sql_table(table_of(INITIATIVES)).c
    # An initiative keeps no dated history of its status: looking back, the ones running that day.
    running = (initiative.status == "active") if today >= date.today() else and_(
        initiative.start_date <= today, or_(initiative.end_date.is_(None), initiative.end_date >= today),
        initiative.status != "planned")
    active = session.execute(select(initiative.id, initiative.name).where(
        initiative.unit_code == unit.code, initiative.voided.is_(False), running)
        .order_by(DescNullsLast(initiative.start_date)))
    return Dashboard(
        today=today, statuses=obstacles.STATUSES, by_domain=tuple(domains),
        open_now=open_now, overdue=overdue,
        open_by_period=points, staffing=staffing.view(session, unit, today), ending_soon=tuple(soon),
        overdue_to_end=tuple(late), initiatives_active=tuple((r.id, r.name) for r in active))

