"""The data of the staffing report (as at a day: a period's last day, or today) and its export."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlmodel import Session

from desk.domain.formats import format_date_vi
from desk.domain.periods import Period
from desk.domain.registers import officials
from desk.domain.registers.frames import REGISTER as STAFFING_FRAMES
from desk.domain.staffing import NET_LABEL, Line
from desk.domain.units import Unit
from desk.reports.staffing_report import DeputyRow, NetRow, StaffingReportData, StaffingRow, write_staffing_report
from desk.services import register_report, report_settings, staffing
from desk.services.staffing import StaffingView

SUBJECT = "Tình hình biên chế, số lượng cán bộ, công chức"
FORM_CODE = ""                      # the staffing report is a document; its annexes are numbered forms
DEPUTIES_CODE = "Biểu số 07/CP"


def _row(label: str, line: Line, position: bool = False) -> StaffingRow:
    return StaffingRow(label=label, frame=line.frame, actual=line.actual, away=line.away, guests=line.guests,
                       others=line.others, surplus=line.surplus, shortage=line.shortage, position=position)


def staffing_rows(view: StaffingView) -> tuple[StaffingRow, tuple[StaffingRow, ...], NetRow]:
    """(total, office and job-position rows, the unit's net line) with Vietnamese labels: a section another
    report can reuse. The total's surplus and shortage add up the rows'; the net line has the unit's own."""
    table = view.table
    rows = tuple(_row(line.job_position or view.office_label(line.office, vietnamese=True), line,
                      position=bool(line.job_position)) for line in table.lines)
    total = replace(_row("Tổng cộng", table.total), surplus=table.rows_surplus, shortage=table.rows_shortage)
    return total, rows, NetRow(NET_LABEL, table.total.surplus, table.total.shortage)


def deputy_rows(view: StaffingView) -> tuple[DeputyRow, ...]:
    d = view.deputies
    if d.average is None:       # the period ended before the rule took effect: nothing to check it against
        since = view.rules.effective("deputy_average")
        note = (f"Quy định bình quân cấp phó (Nghị quyết 332/NQ-CP) áp dụng từ ngày {format_date_vi(since)}; "
                "chưa áp dụng cho kỳ này") if since else ""
    else:
        average = f"{d.average:g}".replace(".", ",")
        note = (f"Bình quân {average} cấp phó/đơn vị × {len(d.per_office)} đơn vị (Nghị quyết 332/NQ-CP)"
                + ("; vượt quy định" if d.breach else ""))
    pool = DeputyRow(label="Cấp phó của các phòng chuyên môn và Trung tâm Phục vụ hành chính công",
                     limit=d.cap, actual=d.deputies, excess=d.excess, note=note)
    details = tuple(DeputyRow(label=view.office_label(code, vietnamese=True), limit=None, actual=n, excess=None,
                              detail=True) for code, n in d.per_office)
    vice = DeputyRow(label="Phó Chủ tịch UBND", limit=d.vice_chairs_allotted, actual=d.vice_chairs,
                     excess=d.vice_chair_excess,
                     note=f"Số được giao theo quyết định của {view.unit.province.committee}"
                     + ("; vượt số được giao" if d.vice_chair_breach else ""))
    return (pool, *details, vice)


def notes(view: StaffingView) -> tuple[str, ...]:
    counted = ", ".join(c.vi.lower() for c in officials.STAFF_CATEGORIES if c.code in view.rules.counted_categories)
    # The numbered rows are the offices and the unallocated part; a job position's row has no number.
    return (f"Hiện có: {counted} đang giữ biên chế của đơn vị, kể cả người đang được biệt phái, tăng cường đi nơi "
            "khác; người từ nơi khác biệt phái, tăng cường đến được ghi riêng, không tính vào biên chế.",
            "Thừa, thiếu ở dòng «Tổng cộng» là tổng của các dòng có số thứ tự; dòng cuối là thừa, thiếu tính chung "
            "toàn đơn vị (tổng số hiện có so với tổng biên chế được giao), số thừa ở phòng, ban này được bù trừ vào "
            "số thiếu ở phòng, ban khác.")


def build(session: Session, unit: Unit, period: Period | None, today: date,
          signed_on: date | None = None) -> StaffingReportData:
    on = period.counted_on(today) if period else today
    signed_on = signed_on or today
    view = staffing.view(session, unit, on)
    head = register_report.header(session, unit, SUBJECT, register_report.period_line(None, on), signed_on,
                                  FORM_CODE, title="BÁO CÁO")
    total, rows, net = staffing_rows(view)
    spec = STAFFING_FRAMES.list_spec
    frame_rows = register_report.selected_rows(session, unit, STAFFING_FRAMES, spec, None, on)
    annex = replace(head, title="DANH SÁCH", subject=spec.subject, form_code=spec.form_code)
    frames = register_report.build_list(session, unit, STAFFING_FRAMES, frame_rows, annex, spec, document=False,
                                        reference=head.reference)
    return StaffingReportData(header=head, total=total, rows=rows, net=net, deputies=deputy_rows(view),
                              notes=notes(view), frames=frames, deputies_code=DEPUTIES_CODE,
                              preparer_forms=frozenset(report_settings.load(session, unit).preparer_forms))


def export(session: Session, unit: Unit, period: Period | None, out: Path, *, today: date | None = None,
           signed_on: date | None = None) -> StaffingReportData:
    data = build(session, unit, period, today or date.today(), signed_on)
    write_staffing_report(data, out)
    return data
