"""The periodic report's sections on people and work: staffing, staff movements, field visits, initiatives.

Each is built from the registers' and report services (staffing.view, register_report's
lists), so the report shows exactly what those registers' own exports show for the period.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from desk.domain import staffing as staffing_rules
from desk.domain.activity_figures import INITIATIVES_PHRASE, MOVEMENTS_PHRASE, VISITS_PHRASE
from desk.domain.formats import format_number_vi
from desk.domain.periods import Period
from desk.domain.register import Record, Register
from desk.domain.registers.initiatives import REGISTER as INITIATIVES
from desk.domain.registers.movements import REGISTER as MOVEMENTS
from desk.domain.registers.visits import REGISTER as VISITS
from desk.domain.units import Unit
from desk.reports.layout import Column
from desk.reports.manifest import DataBlock
from desk.reports.periodic_report import BOLD, AnnexSheet, TableBlock
from desk.reports.register_report import RegisterListData
from desk.reports.staffing_report import StaffingRow
from desk.services import register_report, staffing, staffing_report
from desk.services.report_sections import STT, Point, Section, SectionContent, register_section

# The staffing data the province consolidates: one row for the commune ("" office), then each office.
STAFFING_DATA_COLUMNS = ("office_code", "office", "frame", "actual", "surplus", "shortage", "deputies",
                         "deputy_cap", "away", "guests")


def _on(period: Period) -> date:
    """The day a period's figures are taken: its last day, or today while it is still running."""
    return period.counted_on(date.today())


def _n(value: object) -> str:
    return "–" if value is None else str(value)


def staffing_section(session: Session, unit: Unit, period: Period) -> SectionContent:
    view = staffing.view(session, unit, _on(period))
    total, rows, net = staffing_report.staffing_rows(view)
    widths = {"frame": 12, "actual": 10, "away": 14, "guests": 14, "surplus": 9, "shortage": 9}
    columns = (STT, Column("label", "Cơ quan, đơn vị / vị trí việc làm", 40),
               *(Column(key, staffing_rules.FORM_HEADINGS[key], width, "int") for key, width in widths.items()))

    def values(row: StaffingRow) -> Record:
        return {"label": row.label, "frame": row.frame, "actual": row.actual, "away": row.away,
                "guests": row.guests, "surplus": row.surplus, "shortage": row.shortage}

    number = 0
    table_rows = [{BOLD: True, **values(total)}]
    for row in rows:
        if not row.position:
            number += 1
        table_rows.append({**values(row), "_stt": None if row.position else number, BOLD: not row.position})
    table_rows.append({"label": net.label, "surplus": net.surplus, "shortage": net.shortage, BOLD: True})
    deputy_columns = (STT, Column("label", "Nội dung", 48), Column("limit", "Tối đa / được giao", 12, "int"),
                      Column("actual", "Hiện có", 10, "int"), Column("excess", "Vượt", 9, "int"),
                      Column("note", "Ghi chú", 40))
    deputy_rows = []
    number = 0
    for deputy in staffing_report.deputy_rows(view):
        if not deputy.detail:
            number += 1
        deputy_rows.append({"_stt": None if deputy.detail else number,
                            "label": ("- " if deputy.detail else "") + deputy.label, "limit": deputy.limit,
                            "actual": deputy.actual, "excess": deputy.excess, "note": deputy.note or None,
                            BOLD: not deputy.detail})
    d = view.deputies
    annexes = (
        AnnexSheet("Biên chế", "", "BIÊN CHẾ ĐƯỢC GIAO, HIỆN CÓ, THỪA, THIẾU", columns,
                   (TableBlock(None, tuple(table_rows)),), unit="người",
                   notes=staffing_report.notes(view), repeat_heading=False),
        AnnexSheet("Cấp phó", "", "SỐ LƯỢNG CẤP PHÓ SO VỚI QUY ĐỊNH", deputy_columns,
                   (TableBlock(None, tuple(deputy_rows)),), unit="người", repeat_heading=False),
    )
    # Thừa and thiếu as the form's «Tổng cộng» row adds them up; then, where it differs, the unit's own.
    net_said = staffing_rules.net_words((total.surplus, total.shortage), (net.surplus, net.shortage))
    paragraphs = (
        Point(f"{staffing_rules.COVER_OPENING} {_n(total.frame)}; hiện có: {total.actual} (trong đó biệt phái, "
              f"tăng cường đi: {total.away}); thừa: {_n(total.surplus)}; thiếu: {_n(total.shortage)}"
              + (f" ({staffing_rules.COVER_NET}: {net_said})" if net_said else "") + "."),
        Point("Cấp phó của các phòng chuyên môn và Trung tâm Phục vụ hành chính công: "
              + (f"{d.deputies} (chưa áp dụng quy định bình quân cấp phó)" if d.cap is None
                 else f"{d.deputies}/{d.cap}")
              + (f" (vượt {d.excess})" if d.breach else "")
              + f"; Phó Chủ tịch UBND: {d.vice_chairs}/{d.vice_chairs_allotted}"
              + (f" (vượt {d.vice_chair_excess})" if d.vice_chair_breach else "") + "."),
        "Chi tiết tại các biểu {forms} kèm theo.",
    )
    per_office = dict(d.per_office)
    # The commune's row keeps the unit's own (net) surplus and shortage, as files sent before carry them; the
    # rows' sums are the office rows' (staffing_rules.rows_sum).
    data = [{"office_code": "", "office": "Tổng cộng", "frame": total.frame, "actual": total.actual,
             "surplus": net.surplus, "shortage": net.shortage, "deputies": d.deputies, "deputy_cap": d.cap,
             "away": total.away, "guests": total.guests}]
    data += [{"office_code": line.office, "office": row.label, "frame": row.frame, "actual": row.actual,
              "surplus": row.surplus, "shortage": row.shortage, "deputies": per_office.get(line.office),
              "away": row.away, "guests": row.guests}
             for line, row in zip(view.table.lines, rows, strict=True) if not line.job_position]
    return SectionContent(paragraphs, annexes, (DataBlock.of("staffing", STAFFING_DATA_COLUMNS, data),))


def _list_annex(session: Session, unit: Unit, reg: Register, period: Period, title: str,
                rows: list[Record] | None = None) -> tuple[AnnexSheet, RegisterListData, list[Record]]:
    spec = reg.list_spec
    rows = register_report.selected_rows(session, unit, reg, spec, period, date.today()) if rows is None else rows
    head = register_report.header(session, unit, spec.subject, period.period_line, date.today(), "")
    data = register_report.build_list(session, unit, reg, rows, head, spec, document=False)
    grouped = any(g.heading for g in data.groups)
    blocks, number = [], 0
    for index, group in enumerate(data.groups):
        numbered = []
        for values in group.rows:
            number += 1
            numbered.append({**values, "_stt": number})
        blocks.append(TableBlock(f"{_roman(index)}. {group.heading}" if grouped else None, tuple(numbered)))
    annex = AnnexSheet(spec.sheet_name, "", title, (STT, *data.columns), tuple(blocks), unit=spec.unit)
    return annex, data, rows


def _roman(index: int) -> str:
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")[index] if index < 10 else str(index + 1)


def movements_section(session: Session, unit: Unit, period: Period) -> SectionContent:
    annex, data, rows = _list_annex(session, unit, MOVEMENTS, period,
                                    "CÁN BỘ, CÔNG CHỨC ĐƯỢC ĐIỀU ĐỘNG, BIỆT PHÁI, LUÂN CHUYỂN, TĂNG CƯỜNG TRONG KỲ")
    by_group = "; ".join(f"{g.heading.lower()}: {len(g.rows)}" for g in data.groups if g.heading)
    paragraphs = ((f"Trong kỳ có {data.count} {MOVEMENTS_PHRASE}"
                   + (f" ({by_group})" if by_group else "") + ". Chi tiết tại biểu {forms} kèm theo.") if data.count
                  else "Trong kỳ không có lượt điều động, biệt phái, luân chuyển, tăng cường nào.",)
    block = DataBlock.of("movements", ("id", "kind", "direction", "start_date", "planned_end", "actual_end"), rows)
    return SectionContent(paragraphs, (annex,), (block,))


def visits_section(session: Session, unit: Unit, period: Period) -> SectionContent:
    annex, data, rows = _list_annex(session, unit, VISITS, period,
                                    "CÁC ĐỢT KHẢO SÁT, LÀM VIỆC TẠI ĐƠN VỊ TRONG KỲ")
    head = register_report.header(session, unit, "", period.period_line, date.today(), "")
    found = register_report.found_during(session, unit, [r["id"] for r in rows], head, _on(period))
    number, blocks = 0, []
    for group in found.groups:
        numbered = []
        for values in group.rows:
            number += 1
            numbered.append({**values, "_stt": number})
        blocks.append(TableBlock(group.heading or None, tuple(numbered)))
    findings = AnnexSheet("Phát hiện qua khảo sát", "", "KHÓ KHĂN, VƯỚNG MẮC PHÁT HIỆN QUA KHẢO SÁT, LÀM VIỆC",
                          (STT, *found.columns), tuple(blocks) or (TableBlock(None, ()),), unit="vụ việc")
    findings_text = (f"qua đó ghi nhận {found.count} khó khăn, vướng mắc" if found.count
                     else "qua đó chưa ghi nhận khó khăn, vướng mắc nào")
    paragraphs = ((f"Trong kỳ có {data.count} {VISITS_PHRASE}; {findings_text}. "
                   "Chi tiết tại các biểu {forms} kèm theo.") if data.count
                  else "Trong kỳ không có đợt khảo sát, làm việc nào tại đơn vị.",)
    block = DataBlock.of("visits", ("id", "kind", "team_body", "start_date", "end_date"), rows)
    return SectionContent(paragraphs, (annex, findings), (block,))


def initiatives_section(session: Session, unit: Unit, period: Period) -> SectionContent:
    annex, data, rows = _list_annex(session, unit, INITIATIVES, period,
                                    "SÁNG KIẾN, MÔ HÌNH PHỤC VỤ NGƯỜI DÂN TRONG KỲ")
    served = sum(r.get("people_served") or 0 for r in rows)
    dossiers = sum(r.get("dossiers_handled") or 0 for r in rows)
    # The counts are each initiative's total since it began (initiatives.FIELDS), not the period's own.
    paragraphs = ((f"Trong kỳ có {data.count} {INITIATIVES_PHRASE}; lũy kế từ khi triển khai đã phục vụ "
                   f"{format_number_vi(served)} lượt người dân, hỗ trợ {format_number_vi(dossiers)} hồ sơ. "
                   "Chi tiết tại biểu {forms} kèm theo.") if data.count
                  else "Trong kỳ không có sáng kiến, mô hình nào được triển khai.",)
    block = DataBlock.of("initiatives", ("id", "name", "start_date", "end_date", "status", "people_served",
                                         "dossiers_handled"), rows)
    return SectionContent(paragraphs, (annex,), (block,))


register_section(Section("staffing", "BIÊN CHẾ, CÁN BỘ, CÔNG CHỨC", "Staffing", staffing_section, position=2))
register_section(Section("movements", "ĐIỀU ĐỘNG, BIỆT PHÁI, LUÂN CHUYỂN, TĂNG CƯỜNG", "Staff movements",
                         movements_section, position=3))
register_section(Section("visits", "KHẢO SÁT, LÀM VIỆC VÀ KẾT QUẢ", "Field visits", visits_section, position=4))
register_section(Section("initiatives", "SÁNG KIẾN, MÔ HÌNH PHỤC VỤ NGƯỜI DÂN", "Initiatives", initiatives_section,
                         position=5))
