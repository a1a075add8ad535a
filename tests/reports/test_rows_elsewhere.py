"""The data sheet's rows made by a helper process give the very file made in place, or are made in place."""

from __future__ import annotations

import multiprocessing
import os
import zipfile

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font

from desk.errors import UserError
from desk.reports import rows_elsewhere
from desk.reports.bulk_rows import reserve_text, save_with_bulk_rows
from desk.reports.manifest import DATA_FIRST_ROW, DATA_SHEET, DataBlock, data_sheet_rows
from desk.reports.rows_elsewhere import RowsMadeElsewhere

# Formula look-alikes (written with the quotePrefix style, whose number is known only on saving), XML
# specials, Excel's escape syntax, spaces at the ends, line breaks, empty cells.
VALUES = ("=SUM(A1:A9)", "+84 912", "-", "@ghi chú", "A & B <c> \"d\"", "_x0041_ giữ", "  hai lề  ",
          "hai\ndòng", "", "Nguyễn Thị Ánh Tuyết")


def _blocks(n: int, extra: str = "") -> tuple[DataBlock, ...]:
    # The rows' texts as given (DataBlock.of would clean them): a file read back may hold anything
    rows = tuple((f"id-{i}", VALUES[i % len(VALUES)], extra if i == n // 2 else str(i)) for i in range(n))
    return (DataBlock.of("sources", ("file", "sha256"), [{"file": "a.xlsx", "sha256": "00"}]),
            DataBlock("obstacles", ("id", "title", "note"), rows))


def _save(blocks, path, elsewhere: bool) -> bool:
    """A workbook with a styled cell and the data sheet, its rows made by a helper or in place; whether
    the helper made them."""
    wb = Workbook()
    wb.active["A1"] = "Tổng hợp"
    wb.active["A1"].font = Font(bold=True)
    ws = wb.create_sheet(DATA_SHEET)
    rows = data_sheet_rows(blocks)
    made = RowsMadeElsewhere(rows, DATA_FIRST_ROW, rows.width, DATA_SHEET) if elsewhere else None
    try:
        save_with_bulk_rows(wb, path, [reserve_text(ws, DATA_FIRST_ROW, rows, cleaned=True, made=made)])
        return made is not None and made.made()
    finally:
        if made is not None:
            made.close()


def _parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist() if not name.startswith("docProps/")}


def test_rows_made_by_the_helper_give_the_same_file(tmp_path):
    blocks = _blocks(5000)
    assert _save(blocks, tmp_path / "helper.xlsx", elsewhere=True)
    _save(blocks, tmp_path / "here.xlsx", elsewhere=False)
    made, here = _parts(tmp_path / "helper.xlsx"), _parts(tmp_path / "here.xlsx")
    assert made == here
    assert b"quotePrefix" in here["xl/styles.xml"]      # the formula look-alikes took their style
    assert multiprocessing.active_children() == []


def test_a_text_the_helper_cannot_carry_is_made_in_place(tmp_path):
    # A NUL is where the helper marks the quoted style: it gives up and the rows are made here
    blocks = _blocks(300, extra="a\x00b")
    assert not _save(blocks, tmp_path / "helper.xlsx", elsewhere=True)
    _save(blocks, tmp_path / "here.xlsx", elsewhere=False)
    assert _parts(tmp_path / "helper.xlsx") == _parts(tmp_path / "here.xlsx")


def test_a_cell_too_long_is_refused_with_the_message_made_in_place(tmp_path):
    blocks = _blocks(300, extra="Trụ sở xuống cấp " * 2400)
    with pytest.raises(UserError) as in_place:
        _save(blocks, tmp_path / "here.xlsx", elsewhere=False)
    with pytest.raises(UserError) as by_helper:
        _save(blocks, tmp_path / "helper.xlsx", elsewhere=True)
    assert str(by_helper.value) == str(in_place.value) and "«_desk_data»" in str(in_place.value)
    assert not (tmp_path / "helper.xlsx").exists()
    assert multiprocessing.active_children() == []


def test_a_helper_ended_before_the_saving_leaves_no_process_and_no_file(tmp_path):
    rows = data_sheet_rows(_blocks(5000))
    made = RowsMadeElsewhere(rows, DATA_FIRST_ROW, rows.width, DATA_SHEET)
    path = made.path
    made.close()                  # the write failed before saving
    assert multiprocessing.active_children() == []
    assert not os.path.exists(path)


def test_only_a_long_table_is_given_to_a_helper():
    assert rows_elsewhere.make_elsewhere(data_sheet_rows(_blocks(10)), DATA_FIRST_ROW, 3, DATA_SHEET) is None
