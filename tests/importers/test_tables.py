"""Finding a register's table by its heading labels: tolerant matching, merged headings, bands, IDs."""

from __future__ import annotations

from datetime import date

import pytest
from tests.importers.books import write_book

from desk.domain.registers import obstacles
from desk.errors import UserError
from desk.importers.tables import Source, find_tables, header_key, label_index, match_heading
from desk.importers.workbook import read_book
from desk.services.importing import catalogue

INDEX = label_index(obstacles.FIELDS)


@pytest.mark.parametrize("heading, field", [
    ("Nội dung khó khăn, vướng mắc", "title"),
    ("NỘI DUNG KHÓ KHĂN, VƯỚNG MẮC", "title"),
    ("noi dung kho khan vuong mac", "title"),           # no accents, no comma
    ("  Nội   dung khó khăn,\nvướng mắc  ", "title"),     # spaces and a line break in the cell
    ("Lĩnh vực *", "domain"),                           # the template's required mark
    ("Ngày phát sinh (dd/mm/yyyy)", "raised_on"),       # a hint in parentheses
    ("Văn bản hướng dẫn (số, ký hiệu, ngày)", "guide_doc"),
    ("Văn bản hướng dẫn", "guide_doc"),
    ("Raised on", "raised_on"),                         # the English label
    ("deadline", "deadline"),                           # the field name
    ("Ghi chú", None), ("STT", None), ("", None),
])
def test_headings_match_loosely(heading, field):
    assert match_heading(heading, INDEX) == field


def test_header_key():
    assert header_key("Đơn vị cũ (trước sắp xếp)") == "don vi cu truoc sap xep"


def _obstacle_rows():
    return [
        ["Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Cấp có thẩm quyền giải quyết", "Ngày phát sinh", "Tình trạng"],
        ["Thiếu máy tính", "Khác", "Cấp xã", date(2025, 10, 1), "Mới tiếp nhận"],
        [None, None, None, None, None],                                   # a blank row in the middle
        ["Trụ sở chật", "Trụ sở làm việc, tài sản công (nhà, đất)", "Cấp tỉnh", "05/11/2025", "Đang xử lý"],
    ]


def test_a_plain_sheet_is_found_with_its_rows_and_blank_rows_skipped(tmp_path):
    path = write_book(tmp_path / "a.xlsx", {"Sheet1": _obstacle_rows()})
    found = find_tables(read_book(path), catalogue())
    assert found.source is Source.SHEET
    (table,) = found.tables
    assert table.register == "obstacles"
    assert table.header_rows == (1,)
    assert [r.number for r in table.rows] == [2, 4]
    assert table.rows[1].values["raised_on"] == "05/11/2025"
    assert table.columns["domain"].letter == "B"


def test_the_heading_row_may_sit_under_a_title_and_columns_may_be_in_any_order(tmp_path):
    rows = [["DANH SÁCH KHÓ KHĂN NĂM 2025"], [], [],
            ["Tình trạng", "STT", "Ngày phát sinh", "Ghi chú riêng", "Lĩnh vực", "Nội dung khó khăn, vướng mắc"],
            ["Mới tiếp nhận", 1, date(2025, 10, 1), "xem lại", "Khác", "Thiếu máy in"]]
    path = write_book(tmp_path / "b.xlsx", {"Báo cáo": rows})
    (table,) = find_tables(read_book(path), catalogue()).tables
    assert table.header_rows == (4,)
    assert table.columns["title"].letter == "F"
    assert [c.header for c in table.ignored] == ["Ghi chú riêng"]   # STT numbers rows, it is no data
    assert table.rows[0].values["title"] == "Thiếu máy in"


def test_a_merged_group_heading_over_two_rows(tmp_path):
    # "Thời gian" spans two columns; the dates are named in the row under it; STT spans both rows.
    rows = [["STT", "Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Thời gian", None, "Tình trạng"],
            [None, None, None, "Ngày phát sinh", "Hạn xử lý", None],
            [1, "Thiếu máy in", "Khác", date(2025, 10, 1), date(2025, 11, 1), "Mới tiếp nhận"]]
    path = write_book(tmp_path / "c.xlsx", {"S": rows},
                      merges={"S": ["A1:A2", "B1:B2", "C1:C2", "D1:E1", "F1:F2"]})
    (table,) = find_tables(read_book(path), catalogue()).tables
    assert table.header_rows[-1] == 2   # row 2 shows every heading once the merges are spread
    assert {name: c.letter for name, c in table.columns.items()} == {
        "title": "B", "domain": "C", "raised_on": "D", "deadline": "E", "status": "F"}
    assert [r.number for r in table.rows] == [3]


def test_headings_written_over_two_rows_without_merging(tmp_path):
    rows = [["Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Thời gian", None],
            [None, None, "Ngày phát sinh", "Hạn xử lý"],
            ["Thiếu máy in", "Khác", date(2025, 10, 1), date(2025, 11, 1)]]
    path = write_book(tmp_path / "c2.xlsx", {"S": rows})
    (table,) = find_tables(read_book(path), catalogue()).tables
    assert table.header_rows == (1, 2)
    assert sorted(table.columns) == ["deadline", "domain", "raised_on", "title"]
    assert [r.number for r in table.rows] == [3]


def test_a_merged_band_row_is_skipped_and_said(tmp_path):
    rows = [*_obstacle_rows()[:2], ["I. PHÁT SINH TRONG KỲ"], _obstacle_rows()[3]]
    path = write_book(tmp_path / "d.xlsx", {"S": rows}, merges={"S": ["A3:E3"]})
    (table,) = find_tables(read_book(path), catalogue()).tables
    assert [r.number for r in table.rows] == [2, 4]
    assert table.skipped and table.skipped[0][0] == 3 and "gộp ô" in table.skipped[0][1]


def test_the_id_column_is_recognised(tmp_path):
    rows = [["Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Mã bản ghi (Desk tự điền, không sửa)"],
            ["Thiếu máy in", "Khác", "0f8fad5b-d9cb-469f-a165-70867728950e"]]
    path = write_book(tmp_path / "e.xlsx", {"S": rows})
    (table,) = find_tables(read_book(path), catalogue()).tables
    assert table.id_column.letter == "C"
    assert table.rows[0].record_id == "0f8fad5b-d9cb-469f-a165-70867728950e"


def test_a_column_given_twice_is_reported(tmp_path):
    rows = [["Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Lĩnh vực"], ["Thiếu máy in", "Khác", "Khác"]]
    path = write_book(tmp_path / "f.xlsx", {"S": rows})
    (table,) = find_tables(read_book(path), catalogue()).tables
    assert [c.letter for c in table.duplicates["domain"]] == ["B", "C"]


def test_each_sheet_goes_to_the_register_whose_headings_it_has(tmp_path):
    officials = [["Họ và tên", "Ngày sinh", "Giới tính"], ["Nguyễn Thị Ánh Tuyết", date(1990, 1, 2), "Nữ"]]
    path = write_book(tmp_path / "g.xlsx", {"Khó khăn": _obstacle_rows(), "Cán bộ": officials, "Ghi chép": [["x"]]})
    found = find_tables(read_book(path), catalogue())
    assert [(t.sheet, t.register) for t in found.tables] == [("Khó khăn", "obstacles"), ("Cán bộ", "officials")]
    assert any("Ghi chép" in note for note in found.notes)


def test_a_workbook_without_any_table_or_data_is_explained(tmp_path):
    empty = write_book(tmp_path / "empty.xlsx", {"Sheet1": []})
    with pytest.raises(UserError, match="không có dữ liệu"):
        find_tables(read_book(empty), catalogue())
    other = write_book(tmp_path / "other.xlsx", {"Sheet1": [["Tên", "Tuổi"], ["An", 3]]})
    with pytest.raises(UserError, match="Không tìm thấy bảng dữ liệu .* «Nội dung khó khăn, vướng mắc»"):
        find_tables(read_book(other), catalogue())


def test_desk_report_rows_are_the_numbered_ones(tmp_path):
    # Desk's own report: a form header, headings and their code row, section bands, numbered rows,
    # carried-over rows noted "Chuyển từ kỳ trước", then the signature block.
    headings = ["STT", "Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Ngày phát sinh", "Tình trạng", "Ghi chú"]
    rows = [["Biểu số 01/KKVM", None, None, "Đơn vị báo cáo: UBND Phường Ngô Quyền"], [], [],
            headings, ["A", "B", "C", "D", "E", "F"],
            ["I. PHÁT SINH TRONG KỲ"],
            ["1", "Thiếu máy in", "Khác", date(2025, 10, 1), "Mới tiếp nhận", None],
            ["II. TỪ KỲ TRƯỚC CHUYỂN SANG"],
            ["1", "Trụ sở chật", "Khác", date(2025, 5, 1), "Đang xử lý", "Chuyển từ kỳ trước"],
            [], ["NGƯỜI LẬP BIỂU", None, None, "CHỦ TỊCH"]]
    path = write_book(tmp_path / "r.xlsx", {"Chi tiết": rows}, creator="Desk",
                      merges={"Chi tiết": ["A6:F6", "A8:F8", "A11:C11", "D11:F11"]})
    found = find_tables(read_book(path), catalogue())
    assert found.source is Source.DESK_REPORT
    (table,) = found.tables
    assert [r.number for r in table.rows] == [7]
    assert table.carried_over == 1
    assert [(c.name, c.where) for c in found.claims] == [("UBND Phường Ngô Quyền", "trang «Chi tiết»")]
