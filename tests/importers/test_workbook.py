"""Reading a workbook into values with sheet/row/column coordinates; dates, merges, fonts, hidden sheets."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from tests.importers.books import write_book

from desk.domain.fields import FieldSpec, Kind
from desk.errors import UserError
from desk.importers.cells import display, field_input
from desk.importers.workbook import Merge, cell_fonts, read_book, serial_to_date


def test_values_keep_their_excel_coordinates(tmp_path):
    path = write_book(tmp_path / "a.xlsx", {"Dữ liệu": [
        ["Nội dung", "Ngày", "Số"],
        [None, None, None],
        ["=SUM(1,2)", date(2025, 11, 5), 45966],
        ["@ghi chú", datetime(2025, 11, 5, 10, 30), 12.5],
    ]}, merges={"Dữ liệu": ["A1:A2"]}, fonts={"Dữ liệu": {"A4": ".VnTime"}})
    book = read_book(path)
    sheet = book.sheet("Dữ liệu")
    assert sheet.value(1, 1) == "Nội dung"
    assert sheet.value(3, 1) == "=SUM(1,2)"          # text typed with "=" stays text, never computed
    assert sheet.value(3, 2) == date(2025, 11, 5)
    assert sheet.value(3, 3) == 45966
    assert sheet.value(4, 2) == datetime(2025, 11, 5, 10, 30)
    assert sheet.value(99, 99) == ""                  # outside the used area
    assert sheet.merges == (Merge(1, 1, 2, 1),)
    assert sheet.shown_value(2, 1) == "Nội dung"      # a merged range shows its value everywhere
    assert ".VnTime" in book.fonts
    assert book.sheet("dữ liệu ") is sheet            # sheet names compare loosely
    assert cell_fonts(path, "Dữ liệu")[(4, 1)] == ".VnTime"


def test_hidden_sheets_are_read_and_marked(tmp_path):
    path = write_book(tmp_path / "h.xlsx", {"Hiện": [["a"]], "Ẩn": [["b"]]}, hidden=["Ẩn"])
    book = read_book(path)
    assert [(s.name, s.visible) for s in book.sheets] == [("Hiện", True), ("Ẩn", False)]


def test_a_refused_file_never_reaches_the_reader(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"STT;Noi dung\n1;abc\n")
    with pytest.raises(UserError, match="tệp văn bản"):
        read_book(path)


def test_excel_serial_numbers():
    assert serial_to_date(45966) == date(2025, 11, 5)
    assert serial_to_date(45966.75) == date(2025, 11, 5)
    assert serial_to_date(1) == date(1900, 1, 1)
    assert serial_to_date(61) == date(1900, 3, 1)
    assert serial_to_date(44505, date1904=True) == date(2025, 11, 6)
    assert serial_to_date(0) is None
    assert serial_to_date(3_000_000) is None
    assert serial_to_date(True) is None


DATE = FieldSpec("raised_on", "Ngày phát sinh", "Raised on", Kind.DATE)
COUNT = FieldSpec("count", "Số lượng", "Count", Kind.INT)
TEXT = FieldSpec("doc", "Văn bản", "Document")


@pytest.mark.parametrize("value, expected", [
    (date(2025, 11, 5), date(2025, 11, 5)),
    (datetime(2025, 11, 5, 0, 0), date(2025, 11, 5)),
    (45966.0, date(2025, 11, 5)),                 # an Excel serial in a cell formatted as a number
    ("05/11/2025", "05/11/2025"),                 # text is parsed by records.validate
    ("5/11/2025 00:00:00", "5/11/2025"),          # the time another program appended is dropped
    ("", None), ("   ", None),
])
def test_date_cells(value, expected):
    assert field_input(value, DATE) == expected


@pytest.mark.parametrize("value", [True, -3.0, 99_999_999.0])
def test_numbers_that_are_no_dates_are_refused_with_the_field_named(value):
    with pytest.raises(ValueError, match="«Ngày phát sinh»: .* không phải là ngày"):
        field_input(value, DATE)


@pytest.mark.parametrize("value, expected", [(12.0, 12), (7, 7), ("2.615", "2.615")])
def test_whole_numbers(value, expected):
    assert field_input(value, COUNT) == expected


def test_a_fraction_is_not_a_whole_number():
    with pytest.raises(ValueError, match="«Số lượng»: «2,5» không phải số nguyên"):
        field_input(2.5, COUNT)


@pytest.mark.parametrize("value, expected", [
    (1234.0, "1234"), (2.5, "2,5"), (date(2025, 9, 5), "05/09/2025"), (True, "Có"), ("=A1", "=A1"),
])
def test_text_cells_that_excel_stored_as_other_kinds(value, expected):
    assert field_input(value, TEXT) == expected


@pytest.mark.parametrize("value, shown", [
    ("", ""), (45966.0, "45966"), (2.5, "2,5"), (date(2025, 1, 2), "02/01/2025"),
    (datetime(2025, 1, 2, 8, 5), "02/01/2025 08:05"), (True, "TRUE"), ("abc", "abc"),
])
def test_values_are_shown_as_in_excel(value, shown):
    assert display(value) == shown
