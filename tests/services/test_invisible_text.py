"""Saves and imports refuse invisible control and bidi-override characters instead of storing what export would drop."""

from __future__ import annotations

import openpyxl
import pytest
from tests.conftest import NGO_QUYEN

from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.errors import ValidationError
from desk.services import importing, records

BASE = {"domain": "PERSONNEL", "level": "province", "raised_on": "05/09/2025", "status": "received"}


@pytest.mark.parametrize("char, named", [("\x00", "U+0000 NUL"), ("\x07", "U+0007 BEL"), ("\x1b", "U+001B ESC"),
                                         ("\x0b", "U+000B VT"), ("\u202e", "U+202E, ký tự đảo chiều")])
def test_a_save_with_an_invisible_character_is_refused_naming_the_field_and_the_character(workspace, char, named):
    with pytest.raises(ValidationError) as caught:
        with workspace.session() as session:
            records.save(session, OBSTACLES, {**BASE, "title": f"Thiếu{char} máy tính"}, unit_code=NGO_QUYEN)
    assert "«Nội dung khó khăn, vướng mắc» chứa ký tự không nhìn thấy được" in str(caught.value)
    assert named in str(caught.value)


def test_line_breaks_and_tabs_in_long_text_are_kept(workspace):
    with workspace.session() as session:
        rid = records.save(session, OBSTACLES, {**BASE, "title": "Có mô tả", "description": "Dòng 1\n\tDòng 2"},
                           unit_code=NGO_QUYEN)
        assert records.get(session, OBSTACLES, rid).description == "Dòng 1\n\tDòng 2"


def test_an_import_with_a_control_character_names_sheet_row_and_column(workspace, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append(["Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Cấp có thẩm quyền giải quyết", "Ngày phát sinh",
               "Tình trạng"])
    ws.append(["Thiếu máy tính", "PERSONNEL", "province", "05/09/2025", "received"])
    ws.append(["Trụ sở \u202echật hẹp", "PERSONNEL", "province", "05/09/2025", "received"])
    path = tmp_path / "co-ky-tu-an.xlsx"
    wb.save(path)
    plan = importing.import_file(workspace, path)
    assert not plan.committed
    [problem] = plan.problems
    assert (problem.sheet, problem.row, problem.column) == ("Danh sách", 3, "A")
    assert "ký tự đảo chiều" in problem.message


def test_a_workbook_missing_a_required_column_names_the_column(workspace, tmp_path):
    # Every other cell is right: before, this ended in an AttributeError ("unexpected error")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Lĩnh vực", "Cấp có thẩm quyền giải quyết", "Ngày phát sinh", "Tình trạng"])
    ws.append(["PERSONNEL", "province", "05/09/2025", "Mới tiếp nhận"])
    path = tmp_path / "thieu-cot.xlsx"
    wb.save(path)
    plan = importing.import_file(workspace, path)
    assert not plan.committed
    assert any("thiếu cột bắt buộc «Nội dung khó khăn, vướng mắc»" in p.message for p in plan.problems)
