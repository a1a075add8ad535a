"""The data of the obstacle report for a period, and its export to an .xlsx file."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import ColumnElement, Table, func, select
from sqlmodel import Session

from desk.domain.periods import Period
from desk.domain.register import Record
from desk.domain.registers import obstacles
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.units import Unit
from desk.reports.layout import Column, DocumentHeader
from desk.reports.obstacle_report import ObstacleReportData, write_obstacle_report
from desk.services import report_settings
from desk.services.full_collections import rare_collections
from desk.services.records import choice_labels, choices
from desk.store.conditions import to_sql, value_sql
from desk.store.models import sql_table, table_of

SUBJECT = "Tình hình khó khăn, vướng mắc trong vận hành chính quyền địa phương hai cấp"


def header(session: Session, unit: Unit, period: Period, subject: str, signed_on: date | None, *,
           year: int | None = None) -> DocumentHeader:
    """The office's document header and signature (signed_on None: a draft, the date left blank)."""
    settings = report_settings.load(session, unit)
    parent, body = unit.committee_lines
    return DocumentHeader(
        parent_body=parent, body=body, doc_number=report_settings.unnumbered(settings),
        place=settings.place_line, signed_on=signed_on, title="BÁO CÁO", subject=subject,
        period_line=period.period_line, reporting_unit=f"UBND {unit.in_sentence}",
        receiving_unit=settings.receiving_unit, recipients=report_settings.recipient_lines(settings),
        signature=settings.signature, signer_name=report_settings.signer_name(session, unit, settings),
        preparer_name=settings.preparer_name,
        form_code="Biểu số 01/KKVM", year=year or (signed_on.year if signed_on else period.end.year),
        issuer=unit.committee)


def detail_columns() -> tuple[Column, ...]:
    """The obstacle list's columns: the listing's, in its order (they fit A4 landscape)."""
    spec = OBSTACLES.spec
    return tuple(Column.of(spec[name]) for name in OBSTACLES.list_spec.columns or ()
                 if name in spec) or tuple(Column.of(f) for f in OBSTACLES.fields if f.in_export)


def cause_columns() -> tuple[Column, ...]:
    """The second list: each obstacle's cause and legal basis, impact, the body asked and the proposal."""
    spec = OBSTACLES.spec
    return tuple(Column.of(spec[name]) for name in OBSTACLES.list_spec.more_columns)


# What a report reads of each record: its keys, its two times and every field; no search or sort keys,
# no void details (voided rows are left out).
RECORD_KEYS = ("id", "unit_code")
RECORD_TIMES = ("created_at", "updated_at")
RECORD_FIELDS = tuple(spec.name for spec in obstacles.FIELDS)
REPORT_COLUMNS = (*RECORD_KEYS, *RECORD_TIMES, *RECORD_FIELDS)


def rows_in_period(session: Session, unit: Unit, period: Period,
                   columns: Sequence[str] = REPORT_COLUMNS) -> list[Record]:
    """The obstacles a period's report lists (raised in it, or carried over into it), each as it
    stood at the period's end: its state then, the day that state began, resolved-on only if it was
    resolved then, and what it says of its handling only if that was so then (History.handled_after).
    Each row is a dict of `columns` (some of REPORT_COLUMNS: a report that shows fewer reads fewer, and
    100,000 rows of long texts it does not print cost their reading).

    The same rules as the register and the dashboard (domain.registers.obstacles), in SQL.
    """
    table = sql_table(table_of(OBSTACLES))
    return rows_as_of(session, table, period.end, _listed(table, unit, period), columns)


def rows_as_of(session: Session, table: Table, day: date, chosen: Sequence[ColumnElement[bool]],
               columns: Sequence[str] = REPORT_COLUMNS) -> list[Record]:
    """The chosen obstacles as they stood on `day` (rows_in_period's rule), oldest raised first."""
    c = table.c
    at_end = {"status": value_sql(obstacles.state_on(day), table),
              "status_since": value_sql(obstacles.state_since(day), table)}
    read = _columns_read(columns)
    handling = [name for name in obstacles.HISTORY.handling if name in read]
    query = (select(*(at_end[name].label(name) if name in at_end else c[name] for name in read),
                    *((c.status_since.label(_SINCE_NOW),) if handling else ()))
             .where(*chosen).order_by(c.raised_on, c.created_at))
    result = session.execute(query)
    keys = tuple(result.keys())
    rows = [dict(zip(keys, row)) for row in result]  # 3x faster than dict(row._mapping)
    if "status_since" in read:
        for row in rows:
            row["status_since"] = _day(row["status_since"])
    if handling:
        handled_after = obstacles.HISTORY.handled_after
        for row in rows:
            if handled_after(row["status"], row.pop(_SINCE_NOW), day):
                row.update(dict.fromkeys(handling))
    if "resolved_on" in read:
        for row in rows:
            row["resolved_on"] = row["status_since"] if row["status"] == "resolved" else None
    for helper in read.keys() - set(columns):
        for row in rows:
            del row[helper]
    return rows


_SINCE_NOW = "_status_since_now"       # the day the current state began, beside the one on the day asked


def count_in_period(session: Session, unit: Unit, period: Period) -> int:
    """How many rows rows_in_period gives, counted without reading them."""
    table = sql_table(table_of(OBSTACLES))
    return session.scalar(select(func.count()).select_from(table).where(*_listed(table, unit, period))) or 0


def _listed(table: Table, unit: Unit, period: Period) -> tuple[ColumnElement[bool], ...]:
    """The obstacles a period's report lists: the unit's, not voided, raised in the period or carried into it."""
    c = table.c
    return c.unit_code == unit.code, c.voided.is_(False), to_sql(obstacles.in_period(period.start, period.end), table)


def _columns_read(columns: Sequence[str]) -> dict[str, None]:
    """The columns to select for `columns`, in their order: resolved-on at the period's end is made
    from the state then and the day it began, so it needs both; the handling's fields need the state."""
    unknown = set(columns) - set(REPORT_COLUMNS)
    if unknown:
        raise ValueError(f"not columns of an obstacle report: {sorted(unknown)}")
    read = dict.fromkeys(columns)
    if "resolved_on" in read:
        read.update(dict.fromkeys(("status", "status_since")))
    if any(name in read for name in obstacles.HISTORY.handling):     # shown by the state then
        read.update(dict.fromkeys(("status",)))
    return read


def _day(value: date | str | None) -> date | None:
    # A CASE in SQL loses the column's type: SQLite hands the stored ISO text back.
    return date.fromisoformat(value) if isinstance(value, str) else value


def build(session: Session, unit: Unit, period: Period, signed_on: date) -> ObstacleReportData:
    labels = choice_labels(session, OBSTACLES, vietnamese=True)  # a report is always in Vietnamese
    columns = detail_columns()
    more = cause_columns()
    shown = tuple(dict.fromkeys(c.key for c in (*columns, *more)))
    records = rows_in_period(session, unit, period, tuple(dict.fromkeys((*shown, *_CODES_READ))))
    rows = _labelled_rows(records, {key: labels[key] for key in shown if key in labels}, shown, period.start)
    # Every active domain is listed (zeros included); a retired one only when it has rows.
    listed = {c.code for c in choices(session, OBSTACLES, "domain")} | {r["domain_code"] for r in rows}
    domains = tuple((c.code, c.vi) for c in choices(session, OBSTACLES, "domain", include_inactive=True)
                    if c.code in listed)
    statuses = tuple((c.code, c.vi) for c in obstacles.STATUSES)
    settings = report_settings.load(session, unit)
    return ObstacleReportData(header=header(session, unit, period, SUBJECT, signed_on), domains=domains,
                              statuses=statuses, columns=columns, rows=tuple(rows), cause_columns=more,
                              preparer_forms=frozenset(settings.preparer_forms))


# What each row of the report needs besides the columns it shows: the codes it is counted by, and
# the day that tells a carried-over row.
_CODES_READ = ("domain", "status", "raised_on")


def _labelled_rows(records: list[Record], labels: dict[str, dict[str, str]], shown: tuple[str, ...],
                   start: date) -> list[Record]:
    """The report's rows, made from the records in place (they are read for this report alone): each
    shown code replaced by its label, plus the codes it is counted by and whether it was carried over."""
    hidden = [key for key in _CODES_READ if key not in shown]
    named = tuple(labels.items())
    for row in records:
        domain, status, carried = row["domain"], row["status"], obstacles.listed_as_carried_over(row, start)
        for key, label_of in named:
            value = row[key]
            row[key] = label_of.get(value, value)
        for key in hidden:
            del row[key]
        row["domain_code"], row["status_code"], row["carried_over"] = domain, status, carried
    return records


def export(session: Session, unit: Unit, period: Period, out: Path,
           signed_on: date | None = None) -> ObstacleReportData:
    # As the periodic report: what is read and made all stays until the file is saved (nothing to free).
    with rare_collections():
        data = build(session, unit, period, signed_on or date.today())
        write_obstacle_report(data, out)
    return data
