"""The data of the obstacle report for a period, and its export to an .xlsx file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import and_, or_, select
from sqlmodel import Session

from desk.domain.registers import obstacles
from desk.domain.periods import Period
from desk.domain.units import Unit
from desk.reports.layout import Column, DocumentHeader
from desk.reports.obstacle_report import ObstacleReportData, write_obstacle_report
from desk.services import report_settings
from desk.services.records import choice_labels, choices
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.store.models import table_of

SUBJECT = "Tình hình khó khăn, vướng mắc trong vận hành chính quyền địa phương hai cấp"


def header(session: Session, unit: Unit, period: Period, subject: str, signed_on: date) -> DocumentHeader:
    settings = report_settings.load(session, unit)
    parent, body = unit.committee_lines
    return DocumentHeader(
        parent_body=parent, body=body, doc_number=report_settings.unnumbered(settings),
        place=unit.short_name, signed_on=signed_on, title="BÁO CÁO", subject=subject,
        period_line=period.period_line, reporting_unit=f"UBND {unit.name}",
        receiving_unit=settings.receiving_unit, recipients=report_settings.recipient_lines(settings),
        signer_authority=settings.signer_authority, signer_title=settings.signer_title,
        signer_name=settings.signer_name, preparer_name=settings.preparer_name,
        form_code="Biểu số 01/KKVM")


def detail_columns() -> tuple[Column, ...]:
    return tuple(Column.of(spec) for spec in OBSTACLES.fields if spec.in_export)


# What a report reads of each record: no search or sort keys, no void details (voided rows are left out).
REPORT_COLUMNS = ("id", "unit_code", "created_at", "updated_at", *(spec.name for spec in obstacles.FIELDS))


def rows_in_period(session: Session, unit: Unit, period: Period) -> list[dict]:
    """Raised in the period, plus older ones still open or resolved during it (carried over).

    Each row is a dict of REPORT_COLUMNS.
    """
    table = table_of(OBSTACLES).__table__
    c = table.c
    open_codes = sorted(obstacles.OPEN_STATUSES)
    carried = and_(c.raised_on < period.start,
                   or_(c.status.in_(open_codes), c.resolved_on >= period.start))
    raised_in = and_(c.raised_on >= period.start, c.raised_on <= period.end)
    query = (select(*(c[name] for name in REPORT_COLUMNS))
             .where(c.unit_code == unit.code, c.voided.is_(False), or_(raised_in, carried))
             .order_by(c.raised_on, c.created_at))
    result = session.execute(query)
    keys = tuple(result.keys())
    return [dict(zip(keys, row)) for row in result]  # 3x faster than dict(row._mapping)


def build(session: Session, unit: Unit, period: Period, signed_on: date) -> ObstacleReportData:
    labels = choice_labels(session, OBSTACLES, vietnamese=True)  # a report is always in Vietnamese
    columns = detail_columns()
    rows = []
    for record in rows_in_period(session, unit, period):
        row = {col.key: labels.get(col.key, {}).get(record[col.key], record[col.key]) if col.key in labels
               else record[col.key] for col in columns}
        row.update(domain_code=record["domain"], status_code=record["status"],
                   carried_over=record["raised_on"] < period.start)
        rows.append(row)
    # Every active domain is listed (zeros included); a retired one only when it has rows.
    shown = {c.code for c in choices(session, OBSTACLES, "domain")} | {r["domain_code"] for r in rows}
    domains = tuple((c.code, c.vi) for c in choices(session, OBSTACLES, "domain", include_inactive=True)
                    if c.code in shown)
    statuses = tuple((c.code, c.vi) for c in obstacles.STATUSES)
    return ObstacleReportData(header=header(session, unit, period, SUBJECT, signed_on), domains=domains,
                              statuses=statuses, columns=columns, rows=tuple(rows))


def export(session: Session, unit: Unit, period: Period, out: Path, signed_on: date | None = None) -> ObstacleReportData:
    data = build(session, unit, period, signed_on or date.today())
    write_obstacle_report(data, out)
    return data
