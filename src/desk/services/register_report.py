"""The Excel list of a register (officials, movements, visits, initiatives, frames), for a period or today.

build_list() returns a data object, so a periodic report can put the same list in a section of
its own; export() writes the file.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session

from desk.domain.fields import FieldSpec
from desk.domain.kinds import Labels
from desk.domain.periods import Period, date_range, format_date_vi
from desk.domain.register import UNKNOWN_BAND, WHOLE_UNIT_BAND, ListSpec, Record, Register
from desk.domain.registers import register
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.registers.visits import REGISTER as VISITS
from desk.domain.units import Unit
from desk.reports.layout import Column, DocumentHeader
from desk.reports.register_report import ListGroup, RegisterListData, write_register_list
from desk.services import derivations, obstacle_report, report_settings
from desk.services.records import choice_labels
from desk.store.models import sql_table, table_of

# The visits list's annex: the obstacles recorded during those visits, one band per visit.
FOUND_DURING = replace(OBSTACLES.list_spec, sheet_name="Khó khăn phát hiện",
                       subject="Khó khăn, vướng mắc phát hiện qua khảo sát, làm việc", form_code="Biểu số 05a/KS",
                       file_stem="Kho-khan-qua-khao-sat", group_by="visit_id")


def spec_of(name: str) -> ListSpec:
    return register(name).list_spec


def columns_of(reg: Register, spec: ListSpec) -> tuple[FieldSpec, ...]:
    exported = [f for f in (*reg.fields, *reg.computed) if f.in_export and f.name != spec.group_by]
    if spec.columns:
        by_name = {f.name: f for f in exported}
        return tuple(by_name[n] for n in spec.columns if n in by_name)
    return tuple(exported)


def header(session: Session, unit: Unit, subject: str, period_line: str, signed_on: date, form_code: str,
           title: str = "DANH SÁCH") -> DocumentHeader:
    base = obstacle_report.header(session, unit, date_range(signed_on, signed_on), subject, signed_on)
    return replace(base, title=title, period_line=period_line, form_code=form_code)


def period_line(period: Period | None, on: date) -> str:
    return period.period_line if period else f"(Tính đến ngày {format_date_vi(on)})"


def selected_rows(session: Session, unit: Unit, reg: Register, spec: ListSpec, period: Period | None,
                  today: date) -> list[Record]:
    """The register's records a period selects (those overlapping it), annotated on its last day."""
    table = sql_table(table_of(reg))
    c = table.c
    rows = [dict(r._mapping) for r in session.execute(
        select(table).where(c.unit_code == unit.code, c.voided.is_(False)))]
    on = period.counted_on(today) if period else today
    derivations.derive(session, reg, rows, on, unit_code=unit.code)
    if spec.as_on is not None:
        spec.as_on(rows, on, derivations.StoreContext(session, unit.code, on))
    window = (period.start, period.end) if period else ((today, today) if spec.current_only else None)
    if window is None:
        return rows
    start, end = window

    def overlaps(row: Record) -> bool:
        first = row.get(spec.start_field)
        last = spec.end_of(row) if spec.end_of else row.get(spec.end_field) if spec.end_field else first
        return (first is None or first <= end) and (last is None or last >= start)

    return [r for r in rows if overlaps(r)]


# The form (domain.forms) each register's list is, where its name differs.
FORM_OF = {"staffing": "frames", "needs": "staffing_needs", "obstacles": "obstacle_list"}


def build_list(session: Session, unit: Unit, reg: Register, rows: list[Record], header_: DocumentHeader,
               spec: ListSpec, *, document: bool = True, note: str = "", form: str = "",
               reference: str = "") -> RegisterListData:
    """A register's list as a document of its own, or (document=False) as a form annexed to one
    whose reference it prints."""
    labels = choice_labels(session, reg, vietnamese=True, unit_code=unit.code)
    form = form or FORM_OF.get(reg.name, reg.name)
    preparer = form in report_settings.load(session, unit).preparer_forms
    fields = columns_of(reg, spec)
    rows = sorted(rows, key=spec.order) if spec.order else list(rows)

    def labelled(row: Record) -> Record:
        return {f.name: f.codec.export(f, row.get(f.name), labels) for f in fields}

    if spec.group_by:
        group_field = reg.spec[spec.group_by]
        order = list(labels.get(spec.group_by, {}))          # the choice list's order (references: as entered)
        present = [r.get(spec.group_by) for r in rows]
        listed = order if spec.all_groups else [k for k in order if k in present]
        keys = ([None] if None in present else []) + listed + list(dict.fromkeys(
            k for k in present if k is not None and k not in order))
        groups = tuple(ListGroup(_group_heading(group_field, key, labels),
                                 tuple(labelled(r) for r in rows if r.get(spec.group_by) == key)) for key in keys)
    else:
        groups = (ListGroup("", tuple(labelled(r) for r in rows)),)
    return RegisterListData(sheet_name=spec.sheet_name, header=header_, unit=spec.unit,
                            columns=tuple(Column.of(f) for f in fields), groups=groups, note=note, document=document,
                            form=form, preparer=preparer, reference=reference)


def _group_heading(field: FieldSpec, key: str | None, labels: Labels) -> str:
    if key is None or key == "":
        return WHOLE_UNIT_BAND if field.name == "office" else UNKNOWN_BAND
    return labels.get(field.name, {}).get(key, key)


def build(session: Session, unit: Unit, name: str, period: Period | None, today: date,
          signed_on: date | None = None) -> tuple[RegisterListData, ...]:
    """The sheets of a register's export: the list, and for visits the obstacles found during them."""
    reg = register(name)
    spec = reg.list_spec
    on = period.counted_on(today) if period else today
    signed_on = signed_on or today
    head = header(session, unit, spec.subject, period_line(period, on), signed_on, spec.form_code)
    rows = selected_rows(session, unit, reg, spec, period, today)
    sheets = [build_list(session, unit, reg, rows, head, spec)]
    if reg is VISITS:
        sheets.append(found_during(session, unit, [r["id"] for r in rows], head, on, reference=head.reference))
    return tuple(sheets)


def found_during(session: Session, unit: Unit, visit_ids: list[str], head: DocumentHeader, on: date, *,
                 reference: str = "") -> RegisterListData:
    """The annex of the visits list: the obstacles recorded from those visits by the list's day, as they
    stood that day (a period's list is not told of what was found or resolved after its end), one band per
    visit."""
    table = sql_table(table_of(OBSTACLES))
    c = table.c
    rows = obstacle_report.rows_as_of(session, table, on, (
        c.unit_code == unit.code, c.voided.is_(False), c.visit_id.in_(visit_ids), c.raised_on <= on)) \
        if visit_ids else []
    annex = replace(head, title="DANH SÁCH", subject=FOUND_DURING.subject, form_code=FOUND_DURING.form_code)
    return build_list(session, unit, OBSTACLES, rows, annex, FOUND_DURING, document=False, form="findings",
                      reference=reference)


def export(session: Session, unit: Unit, name: str, period: Period | None, out: Path, *, today: date | None = None,
           signed_on: date | None = None) -> tuple[RegisterListData, ...]:
    sheets = build(session, unit, name, period, today or date.today(), signed_on)
    write_register_list(sheets, out)
    return sheets


def export_shown(session: Session, unit: Unit, name: str, rows: list[Record], out: Path, *, on: date,
                 signed_on: date | None = None, selection: str = "") -> RegisterListData:
    """The rows a clerk sees in the register (filtered, searched, sorted as on screen) as a Decree 30 list,
    the selection said under the table ("Tình trạng: Đang xử lý; tìm «máy tính»")."""
    reg = register(name)
    spec = replace(reg.list_spec, order=None, group_by=None)          # the screen's order, no bands
    head = header(session, unit, spec.subject, period_line(None, on), signed_on or on, spec.form_code)
    note = f"Danh sách lọc theo: {selection}." if selection else ""
    data = build_list(session, unit, reg, rows, head, spec, note=note)
    write_register_list((data,), out)
    return data


def suggested_file_name(name: str, period: Period | None, today: date) -> str:
    stem = "Bao-cao-bien-che" if name == "staffing" else spec_of(name).file_stem
    suffix = period.code.replace("..", "_") if period else today.strftime("%Y-%m-%d")
    return f"{stem}_{suffix}.xlsx"

