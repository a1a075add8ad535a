"""The import template a clerk fills in Excel: headings, drop-down lists, date format, instructions, marker."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest

from desk.domain.registers import obstacles
from desk.reports.import_problems import ProblemLine, write_problem_report
from desk.reports.import_template import (
    DATA_SHEET,
    GUIDE_SHEET,
    ID_HEADER,
    LISTS_SHEET,
    MARKER_SHEET,
    TemplateSpec,
    write_template,
)

SPEC = TemplateSpec(
    register="obstacles", register_vi="Khó khăn, vướng mắc", fields=obstacles.FIELDS,
    choices={"domain": tuple((c.code, c.vi) for c in obstacles.DEFAULT_DOMAINS),
             "level": tuple((c.code, c.vi) for c in obstacles.LEVELS),
             "source": tuple((c.code, c.vi) for c in obstacles.SOURCES),
             "status": tuple((c.code, c.vi) for c in obstacles.STATUSES)},
    unit_code=11329, unit_name="Phường Ngô Quyền", app_version="1.0")


@pytest.fixture
def template(tmp_path):
    path = tmp_path / "mau.xlsx"
    write_template(SPEC, path, [{"id": "0f8fad5b-d9cb-469f-a165-70867728950e", "title": "=Thiếu máy in",
                                 "domain": "PREMISES", "level": "commune", "raised_on": date(2025, 10, 1),
                                 "status": "received"}])
    return openpyxl.load_workbook(path)


def column_of(ws, heading: str) -> str:
    return next(c.column_letter for c in ws[1] if c.value == heading)


def test_sheets_in_the_order_a_clerk_needs_them(template):
    assert template.sheetnames == [DATA_SHEET, GUIDE_SHEET, LISTS_SHEET, MARKER_SHEET]
    assert template.active.title == DATA_SHEET
    assert template[MARKER_SHEET].sheet_state == "veryHidden"


def test_headings_are_the_vietnamese_labels_with_required_marked(template):
    ws = template[DATA_SHEET]
    headings = [c.value for c in ws[1] if c.value]
    assert headings[:3] == ["Nội dung khó khăn, vướng mắc *", "Lĩnh vực *", "Mô tả chi tiết"]
    assert headings[-1] == ID_HEADER
    assert ws.freeze_panes == "A2"
    prompts = {str(v.sqref): v for v in ws.data_validations.dataValidation if v.showInputMessage}
    assert "Bắt buộc." in prompts["A1"].prompt and prompts["A1"].promptTitle == "Nội dung khó khăn, vướng mắc"


def test_choice_columns_offer_the_vietnamese_labels(template):
    ws = template[DATA_SHEET]
    lists = template[LISTS_SHEET]
    validations = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    domain = validations[f"{column_of(ws, 'Lĩnh vực *')}2:{column_of(ws, 'Lĩnh vực *')}1002"]
    # Stored as Excel stores it: no leading "=".
    assert domain.type == "list" and domain.formula1 == "'Danh mục'!$A$2:$A$13"
    assert [lists.cell(r, 1).value for r in range(2, 14)] == [c.vi for c in obstacles.DEFAULT_DOMAINS]
    assert lists.cell(2, 2).value == "ORG_STRUCTURE"        # the code beside each label
    assert "Chọn một giá trị trong danh sách «Lĩnh vực»" in domain.error


def test_dates_are_formatted_and_checked_as_dates(template):
    ws = template[DATA_SHEET]
    letter = column_of(ws, "Ngày phát sinh *")
    assert ws.column_dimensions[letter].number_format == "dd/mm/yyyy"
    assert ws[f"{letter}2"].value == datetime(2025, 10, 1) and ws[f"{letter}2"].number_format == "dd/mm/yyyy"
    kinds = {str(v.sqref).split(":")[0]: v.type for v in ws.data_validations.dataValidation}
    assert kinds[f"{letter}2"] == "date"


def test_records_are_written_as_a_clerk_reads_them(template):
    ws = template[DATA_SHEET]
    assert (ws["A2"].value, ws["A2"].data_type) == ("=Thiếu máy in", "s")   # text, never a formula
    assert ws[f"{column_of(ws, 'Lĩnh vực *')}2"].value == "Trụ sở làm việc, tài sản công (nhà, đất)"
    assert ws[f"{column_of(ws, ID_HEADER)}2"].value == "0f8fad5b-d9cb-469f-a165-70867728950e"


def test_instructions_and_marker(template):
    guide = [c for row in template[GUIDE_SHEET].iter_rows(values_only=True) for c in row if c]
    assert guide[0] == "HƯỚNG DẪN NHẬP LIỆU – SỔ «KHÓ KHĂN, VƯỚNG MẮC»"
    assert any("dd/mm/yyyy" in str(c) for c in guide)
    assert any("TCVN3" in str(c) for c in guide)
    marker = dict(template[MARKER_SHEET].iter_rows(values_only=True))
    assert marker["format"] == "desk-import-template" and marker["template_version"] == "1"
    assert (marker["register"], marker["unit_code"], marker["data_sheet"]) == ("obstacles", "11329", DATA_SHEET)


def test_the_problem_report_keeps_file_values_as_text(tmp_path):
    out = tmp_path / "loi.xlsx"
    write_problem_report(out, "nhap.xlsx", datetime(2025, 11, 5, 9, 30), [
        ProblemLine("Dữ liệu", 3, "B", "Lĩnh vực *", "=cmd|' /C calc'!A0", "«Lĩnh vực»: không có trong danh mục."),
        ProblemLine("", None, "", "", "", "Thiếu cột bắt buộc «Tình trạng».")], ["Ghi chú một"])
    ws = openpyxl.load_workbook(out).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "KẾT QUẢ KIỂM TRA TỆP NHẬP «nhap.xlsx»"
    assert rows[1][0].startswith("Kiểm tra lúc 09:30 ngày 05/11/2025: 2 lỗi.")
    assert rows[2][0] == "Ghi chú một"
    header = rows.index(("STT", "Trang", "Dòng", "Cột", "Tên cột", "Giá trị trong tệp", "Lỗi"))
    assert rows[header + 1] == (1, "Dữ liệu", 3, "B", "Lĩnh vực *", "=cmd|' /C calc'!A0",
                                "«Lĩnh vực»: không có trong danh mục.")
    assert ws.cell(header + 2, 6).data_type == "s"
    assert rows[header + 2][6] == "Thiếu cột bắt buộc «Tình trạng»."
