"""Long tables streamed into the saved file look and read exactly like tables openpyxl writes."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from datetime import date, datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from python_calamine import CalamineWorkbook

from desk.errors import UserError
from desk.fileio import save_workbook
from desk.importers.desk_report import read_report
from desk.reports import bulk_rows, plain_rows
from desk.reports.bulk_rows import EXCEL_MAX_ROWS, reserve, save_with_bulk_rows, write_rows
from desk.reports.layout import (
    Column,
    DocumentHeader,
    TextMeasures,
    estimated_heights,
    prepare_sheet,
    row_height_estimator,
    write_row,
)
from desk.reports.manifest import DataBlock
from desk.reports.periodic_report import (
    BOLD,
    AnnexSheet,
    PeriodicReportData,
    TableBlock,
    write_annex,
    write_periodic_report,
)

HEADER = DocumentHeader(
    parent_body="ỦY BAN NHÂN DÂN", body="PHƯỜNG NGÔ QUYỀN", doc_number="Số: 05/BC-UBND",
    place="Ngô Quyền", signed_on=date(2025, 9, 16), title="BÁO CÁO", subject="Tình hình vận hành",
    period_line="(Từ ngày 15/06/2025 đến ngày 14/09/2025)", reporting_unit="UBND Phường Ngô Quyền",
    receiving_unit="Sở Nội vụ Thành phố Hải Phòng", recipients=("Sở Nội vụ Thành phố Hải Phòng",),
    signature=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), signer_name="Nguyễn Văn An",
    preparer_name="Trần Thị Ánh Tuyết", form_code="Biểu số 02/BCĐK",
)
COLUMNS = (
    Column("_stt", "STT", 6, "text", align="center"),
    Column("title", "Nội dung khó khăn, vướng mắc", 30),
    Column("domain", "Lĩnh vực", 18),
    Column("raised_on", "Ngày phát sinh", 12, "date"),
    Column("count", "Số lượt", 10, "int"),
    Column("note", "Ghi chú", 16),
)
# What clerks type, and what old files bring: formula look-alikes, decomposed accents, a stray
# control character, Excel's own escape syntax, XML specials, spaces at the ends, line breaks.
TRICKY = ("=SUM(A1:A9)", "+84 912 345 678", "-", "@ghi chú", "Nguye\u0302\u0303n\x0b Thi\u0323",
          "_x0041_ giữ nguyên", "A & B <c> \"d\"", "  lề hai bên  ", "dòng một\ndòng hai\r\ndòng ba")


def _rows(n: int, start: int = 0) -> tuple[dict, ...]:
    rows = []
    for i in range(start, start + n):
        rows.append({"_stt": i + 1,
                     "title": TRICKY[i // 3 % len(TRICKY)] if i % 3 == 0 else
                     f"Thiếu công chức địa chính tại tổ dân phố số {i} – Nguyễn Thị Ánh Tuyết",
                     "domain": ("Nhân sự (thừa, thiếu, chuyên môn không phù hợp)", "Khác", None, "")[i % 4],
                     "raised_on": date(2025, 7, 1 + i % 28) if i % 5 else datetime(2025, 7, 2, 8, 30),
                     "count": (i, 2.5, None)[i % 3], "note": (True, False, "Chuyển từ kỳ trước")[i % 3]})
    return tuple(rows)


def _annex(new: int, carried: int) -> AnnexSheet:
    """A data form like the obstacle list: a bold total, two sections (one may say "Không có")."""
    total = {BOLD: True, "title": "Tổng cộng", "count": new + carried}
    return AnnexSheet("02 KKVM chi tiết", "Biểu số 02/BCĐK", "DANH SÁCH KHÓ KHĂN, VƯỚNG MẮC", COLUMNS, (
        TableBlock(None, (total,)),
        TableBlock("I. PHÁT SINH TRONG KỲ", _rows(new)),
        TableBlock("II. TỪ KỲ TRƯỚC CHUYỂN SANG", _rows(carried, start=new)),
    ), unit="vụ việc", notes=("Tình trạng đến ngày chốt số liệu cuối kỳ.",))


def _write_both(annex: AnnexSheet, tmp_path):
    """The annex written cell by cell by openpyxl, and streamed; both read back."""
    written, streamed = tmp_path / "written.xlsx", tmp_path / "streamed.xlsx"
    wb = Workbook()
    write_annex(wb.active, annex, HEADER)
    save_workbook(wb, written)
    wb, stream = Workbook(), []
    write_annex(wb.active, annex, HEADER, stream)
    save_with_bulk_rows(wb, streamed, stream)
    return load_workbook(written).active, load_workbook(streamed).active


def _look(cell):
    return (cell.value, cell.data_type, cell.number_format, cell.font.name, cell.font.sz, cell.font.b,
            cell.font.i, cell.alignment.horizontal, cell.alignment.vertical, cell.alignment.wrap_text,
            cell.alignment.indent, cell.border.left.style, cell.border.right.style, cell.border.top.style,
            cell.border.bottom.style)


def _same_sheets(written, streamed):
    assert streamed.max_row == written.max_row and streamed.max_column == written.max_column
    for row in range(1, written.max_row + 1):
        assert streamed.row_dimensions[row].height == written.row_dimensions[row].height, f"row {row}"
        for col in range(1, written.max_column + 1):
            assert _look(streamed.cell(row, col)) == _look(written.cell(row, col)), (row, col)
    assert sorted(map(str, streamed.merged_cells.ranges)) == sorted(map(str, written.merged_cells.ranges))
    assert streamed.print_title_rows == written.print_title_rows
    assert [b.id for b in streamed.row_breaks.brk] == [b.id for b in written.row_breaks.brk]


def test_a_streamed_form_is_cell_for_cell_the_form_openpyxl_writes(tmp_path):
    # Given a form with a bold total, two sections of tricky rows, notes and signatures
    annex = _annex(new=40, carried=7)
    # When it is written cell by cell, and with its rows streamed into the saved file
    written, streamed = _write_both(annex, tmp_path)
    # Then every cell has the same value, type, font, alignment, border and number format, every
    # row the same height, and the merged cells, repeated headings and page breaks are the same
    _same_sheets(written, streamed)
    assert written.print_title_rows  # (47 rows: the heading repeats on every page)


def test_signatures_move_to_a_new_page_the_same_way_when_rows_are_streamed(tmp_path):
    # Given forms of growing length, one of which puts the signatures across a page end
    for n in range(20, 60):
        written, streamed = _write_both(_annex(new=n, carried=0), tmp_path)
        if written.row_breaks.brk:
            break
    else:
        raise AssertionError("no length between 20 and 60 rows needs a page break")
    # Then the streamed form breaks the page before the same row (its heights are the same)
    assert [b.id for b in streamed.row_breaks.brk] == [b.id for b in written.row_breaks.brk]


def test_a_form_of_many_short_tables_breaks_its_pages_as_when_written_cell_by_cell(tmp_path):
    # Given a form like the staffing annex: one bold line and a few rows per unit, for many units
    blocks = tuple(TableBlock(None, ({BOLD: True, "title": f"Đơn vị {n}", "count": n}, *_rows(n % 4, start=n)))
                   for n in range(60))
    annex = AnnexSheet("04 Biên chế", "Biểu số 04/TH", "TỔNG HỢP BIÊN CHẾ", COLUMNS, blocks, unit="người")
    # When it is written cell by cell, and with its rows streamed
    written, streamed = _write_both(annex, tmp_path)
    # Then its pages break before the same rows, each row as tall as openpyxl's
    assert len(written.row_breaks.brk) > 2
    _same_sheets(written, streamed)


def test_streamed_text_is_never_a_formula_and_reads_back_as_typed(tmp_path):
    # Given rows whose text looks like formulas, carries control characters or Excel escapes
    _, streamed = _write_both(_annex(new=len(TRICKY) * 3, carried=0), tmp_path)
    texts = {c.value for r in streamed.iter_rows() for c in r if isinstance(c.value, str)}
    # Then no cell is a formula, and each text reads back as typed (composed, control character
    # dropped, "_x0041_" literal, line breaks kept, spaces at the ends kept)
    assert not [c.coordinate for r in streamed.iter_rows() for c in r if c.data_type == "f"]
    for expected in ("=SUM(A1:A9)", "+84 912 345 678", "-", "@ghi chú", "Nguyễn Thị",
                     "A & B <c> \"d\"", "  lề hai bên  ", "dòng một\ndòng hai\ndòng ba"):
        assert expected in texts
    assert "_x005F_x0041_ giữ nguyên" in texts  # openpyxl shows the stored escape; Excel shows _x0041_
    # and another reader (the one Desk imports with, which decodes the escape as Excel does) agrees
    calamine = CalamineWorkbook.from_path(str(tmp_path / "streamed.xlsx"))
    read = {v for row in calamine.get_sheet_by_index(0).to_python() for v in row if isinstance(v, str)}
    assert {"=SUM(A1:A9)", "Nguyễn Thị", "_x0041_ giữ nguyên", "  lề hai bên  "} <= read


def test_streamed_dates_numbers_and_yes_no_are_typed_cells(tmp_path):
    _, ws = _write_both(_annex(new=6, carried=0), tmp_path)
    first = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == 1)
    stt, _, _, raised, count, note = (ws.cell(first, c) for c in range(1, 7))
    assert stt.value == 1 and stt.data_type == "n"
    assert raised.is_date and raised.value == datetime(2025, 7, 2, 8, 30)
    assert raised.number_format == "dd/mm/yyyy hh:mm"
    assert ws.cell(first + 1, 4).is_date and ws.cell(first + 1, 4).number_format == "dd/mm/yyyy"
    assert count.value == 0 and ws.cell(first + 1, 5).value == 2.5
    assert note.value == "Có" and ws.cell(first + 1, 6).value == "Không"


def test_the_used_range_covers_the_streamed_rows(tmp_path):
    # Excel and read-only readers size the sheet from its <dimension>, not from the rows.
    _write_both(_annex(new=30, carried=5), tmp_path)
    fast = load_workbook(tmp_path / "streamed.xlsx", read_only=True).active
    full = load_workbook(tmp_path / "written.xlsx").active
    assert (fast.max_row, fast.max_column) == (full.max_row, full.max_column)


def _refused(rows, path) -> str:
    """The message of saving rows streamed from row 10 of a list sheet, which must be refused."""
    wb, stream = Workbook(), []
    ws = wb.active
    ws.title = "KKVM chi tiết"
    prepare_sheet(ws, COLUMNS)
    write_rows(ws, COLUMNS, rows, 10, stream)
    with pytest.raises(UserError) as caught:
        save_with_bulk_rows(wb, path, stream)
    return str(caught.value)


def test_an_over_long_streamed_text_names_sheet_row_and_column_and_keeps_the_old_file(tmp_path):
    # Given last quarter's report on disk, and a title of 40,000 characters in row 3 of the list
    path = tmp_path / "bao_cao.xlsx"
    path.write_bytes(b"the signed report")
    rows = list(_rows(5))
    rows[2] = {**rows[2], "title": "Trụ sở xuống cấp " * 2400}
    # When it is saved
    message = _refused(rows, path)
    # Then the clerk learns where, in Vietnamese
    assert "«KKVM chi tiết»" in message and "dòng 12" in message and "cột B" in message
    assert "«Nội dung khó khăn, vướng mắc»" in message and "40.800 ký tự" in message
    # and the old report is untouched, with no temporary file left
    assert path.read_bytes() == b"the signed report"
    assert [p.name for p in tmp_path.iterdir()] == ["bao_cao.xlsx"]


def test_a_disk_that_fills_while_the_rows_are_written_stops_the_export_and_keeps_the_old_file(tmp_path, monkeypatch):
    # Given last quarter's report on disk, and a disk that fills after the first megabyte of the list's sheet
    path = tmp_path / "bao_cao.xlsx"
    path.write_bytes(b"the signed report")
    wb, stream = Workbook(), []
    prepare_sheet(wb.active, COLUMNS)
    write_rows(wb.active, COLUMNS, _rows(20_000), 10, stream)
    written = 0
    real_write = zipfile._ZipWriteFile.write

    def fills(self, data):
        nonlocal written
        if self._zinfo.filename.startswith("xl/worksheets/"):
            written += len(data)
            if written > 1_000_000:
                raise OSError(28, "No space left on device")
        return real_write(self, data)

    monkeypatch.setattr(zipfile._ZipWriteFile, "write", fills)
    # When it is saved
    with pytest.raises(UserError) as caught:
        save_with_bulk_rows(wb, path, stream)
    # Then the clerk is told the disk is full (the export does not hang, nor pass for saved)
    assert "ổ đĩa đã đầy" in str(caught.value)
    # and the old report is untouched, with no temporary file left
    assert path.read_bytes() == b"the signed report"
    assert [p.name for p in tmp_path.iterdir()] == ["bao_cao.xlsx"]


@pytest.mark.parametrize("streamed", [True, False])
def test_a_table_longer_than_an_excel_sheet_is_refused_in_vietnamese(streamed):
    # Given a table that would end past row 1,048,576
    wb = Workbook()
    ws = wb.active
    ws.title = "KKVM chi tiết"
    prepare_sheet(ws, COLUMNS)
    # When it is laid out (streamed or written)
    with pytest.raises(UserError) as caught:
        write_rows(ws, COLUMNS, _rows(60), EXCEL_MAX_ROWS - 50, [] if streamed else None)
    # Then the message names the sheet, the number of rows and the limit, and what to do
    message = str(caught.value)
    assert "«KKVM chi tiết»" in message and "60 dòng" in message and "1.048.576" in message
    assert "kỳ ngắn hơn" in message
    assert ws.max_row == 1  # nothing was written


def test_a_table_that_just_fits_is_planned():
    wb = Workbook()
    table = reserve(wb.active, COLUMNS, EXCEL_MAX_ROWS - bulk_rows.ROOM_AFTER - 59, _rows(60))
    assert table.last_row == EXCEL_MAX_ROWS - bulk_rows.ROOM_AFTER


def test_writing_into_the_rows_of_a_streamed_table_is_a_bug_caught_on_saving(tmp_path):
    wb, stream = Workbook(), []
    ws = wb.active
    write_rows(ws, COLUMNS, _rows(5), 3, stream)
    ws.cell(5, 2, "đè lên")
    with pytest.raises(AssertionError, match="row 5"):
        save_with_bulk_rows(wb, tmp_path / "x.xlsx", stream)
    assert not (tmp_path / "x.xlsx").exists()


def test_the_data_part_streamed_reads_back_exactly_and_its_hash_verifies(tmp_path):
    # Given a report whose data part holds text a spreadsheet would mangle
    values = ["=1+1", "+84", "_x0041_", "A & B <c>", "  hai lề  ", "hai\ndòng", "", "Nguyễn"]
    block = DataBlock.of("obstacles", ("id", "title"), [{"id": str(i), "title": v} for i, v in enumerate(values)])
    data = PeriodicReportData(header=HEADER, cover=(), closing="", annexes=(_annex(3, 1),),
                              manifest={"format": "desk-periodic-report", "format_version": 1,
                                        "unit_code": 11329}, blocks=(block,))
    # When it is written and read back the way the province reads it
    digest = write_periodic_report(data, tmp_path / "q3.xlsx")
    report = read_report(tmp_path / "q3.xlsx")
    # Then the hash verifies and every value is the one written
    assert report.intact and report.manifest.get("data_sha256") == digest
    assert [r["title"] for r in report.rows("obstacles")] == values
    # and an edited value is detected
    edited = replace(data, blocks=(replace(block, rows=((block.rows[0][0], "=2+2"), *block.rows[1:])),))
    write_periodic_report(edited, tmp_path / "edited.xlsx")
    assert read_report(tmp_path / "edited.xlsx").computed_hash != digest


def test_a_data_part_longer_than_one_chunk_reads_back_exactly(tmp_path, monkeypatch):
    # Given rows joined a few at a time, repeated short texts (made once, then reused) among them
    monkeypatch.setattr(plain_rows, "CHUNK_ROWS", 3)
    values = ["=1+1", "Nguyễn", "", "A & B", "=1+1", "hai\ndòng", "Nguyễn", "x" * 70, "x" * 70, "cuối"]
    block = DataBlock.of("obstacles", ("id", "title", "state"),
                         [{"id": str(i), "title": v, "state": "open" if i % 2 else ""} for i, v in enumerate(values)])
    data = PeriodicReportData(header=HEADER, cover=(), closing="", annexes=(_annex(3, 1),),
                              manifest={"format": "desk-periodic-report", "format_version": 1,
                                        "unit_code": 11329}, blocks=(block,))
    # When it is written and read back
    digest = write_periodic_report(data, tmp_path / "q3.xlsx")
    report = read_report(tmp_path / "q3.xlsx")
    # Then every row of every chunk is there, as written
    assert report.intact and report.manifest.get("data_sha256") == digest
    assert [(r["title"], r["state"]) for r in report.rows("obstacles")] == \
        [(v, "open" if i % 2 else "") for i, v in enumerate(values)]


_TEXT = st.text(alphabet=st.sampled_from("aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậ ĐĂÂƯƠABCNT0123456789,.()–\n"),
                max_size=160)


@settings(max_examples=60, deadline=None)
@given(st.lists(_TEXT, min_size=len(COLUMNS), max_size=len(COLUMNS)), st.booleans())
def test_short_tables_get_exactly_the_row_heights_write_row_gives(texts, bold):
    values = {c.key: text for c, text in zip(COLUMNS, texts)}
    wb = Workbook()
    write_row(wb.active, COLUMNS, values, 1, bold=bold)
    estimate = row_height_estimator(COLUMNS, exact=True)
    assert estimate(values, bold) == wb.active.row_dimensions[1].height


def test_long_tables_get_a_cheap_height_that_grows_with_the_text():
    # Given the estimate used for lists longer than EXACT_HEIGHTS rows
    height = row_height_estimator(COLUMNS)
    one_line = height({"title": "Thiếu công chức"})
    words = "Thiếu công chức địa chính tại tổ dân phố số 12 – Nguyễn Thị Ánh Tuyết"
    # Then a short text takes one line, a longer one more, and each line break one more
    assert height({"title": words}) > one_line
    assert height({"title": words + "\nmột dòng nữa"}) > height({"title": words})
    line = height({"title": "a\nb"}) - one_line
    assert height({"title": "a\nb\nc"}) == pytest.approx(one_line + 2 * line)
    # and the same text in capitals is measured wider
    assert height({"title": words.upper()}) > height({"title": words})
    # and no row grows past the 409 points Excel allows
    assert height({"title": "x\n" * 500}) == 409


# Labels a column repeats down a long list (domains, states), short and long, in capitals, on two lines.
_LABELS = ("Nội vụ", "ĐANG XỬ LÝ", "", "TỔ CHỨC BỘ MÁY, BIÊN CHẾ VÀ CHẾ ĐỘ CHÍNH SÁCH CẤP XÃ",
           "Đất đai, tài nguyên và môi trường, xây dựng đô thị", "Đã tháo gỡ\nmột phần")


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.lists(_TEXT, min_size=len(COLUMNS), max_size=len(COLUMNS)),
                          st.sampled_from(_LABELS), st.booleans(), st.booleans()), max_size=60))
def test_a_long_list_gets_each_row_the_height_the_row_by_row_estimate_gives(rows):
    # Given rows of texts (a column of repeated labels, capitals, line breaks, empty or missing cells, a row
    # without one of the columns at all), a few bold
    values = [{**{c.key: (None if missing and i % 2 else text) for i, (c, text) in enumerate(zip(COLUMNS, texts))
                  if not (missing and i == 1 and bold)},
               "domain": label, BOLD: bold} for texts, label, missing, bold in rows]
    # When the heights of a long list are worked out column by column
    heights = estimated_heights(COLUMNS, values, bold_key=BOLD)
    # Then each row's is the cheap estimate of that row alone
    estimate = row_height_estimator(COLUMNS)
    assert heights == [estimate(row, row[BOLD]) for row in values]


# A second table of the same rows: some columns again, narrower or wider, and others.
_OTHER_COLUMNS = (Column("title", "Nội dung", 14), Column("domain", "Lĩnh vực", 40), Column("note", "Kiến nghị", 9))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.lists(_TEXT, min_size=len(COLUMNS), max_size=len(COLUMNS)),
                          st.sampled_from(_LABELS), st.booleans()), max_size=60))
def test_two_tables_of_the_same_rows_get_the_heights_each_would_get_alone(rows):
    # Given rows listed in two tables whose columns overlap at other widths (the obstacle list, then causes)
    values = [{**{c.key: (None if missing and i % 2 else text) for i, (c, text) in enumerate(zip(COLUMNS, texts))},
               "domain": label} for texts, label, missing in rows]
    # When both tables' heights are worked out sharing what was measured of the texts
    measures = TextMeasures()
    first = estimated_heights(COLUMNS, values, measures=measures)
    second = estimated_heights(_OTHER_COLUMNS, values, measures=measures)
    # Then each table's rows are as tall as when that table is measured on its own
    assert first == estimated_heights(COLUMNS, values)
    assert second == estimated_heights(_OTHER_COLUMNS, values)
    estimate = row_height_estimator(_OTHER_COLUMNS)
    assert second == [estimate(row) for row in values]
    # and other rows measured with the same keeper are measured anew
    others = values[::-1]
    assert estimated_heights(COLUMNS, others, measures=measures) == estimated_heights(COLUMNS, others)


def test_text_that_starts_like_a_formula_is_marked_to_stay_text_in_excel(tmp_path):
    # Given rows whose text begins with = + - @ (and others that do not)
    written, streamed = _write_both(_annex(new=len(TRICKY) * 3, carried=0), tmp_path)
    for sheet in (written, streamed):
        cells = [c for r in sheet.iter_rows() for c in r if isinstance(c.value, str) and c.value]
        formula_like = [c for c in cells if c.value[0] in "=+-@"]
        # Then the style read back has quotePrefix on exactly those cells: editing one in Excel keeps it text
        assert {c.value for c in formula_like} >= {"=SUM(A1:A9)", "+84 912 345 678", "-", "@ghi chú"}
        assert all(c.quotePrefix for c in formula_like)
        assert not [c.coordinate for c in cells if c.quotePrefix and c.value[0] not in "=+-@"]


def test_the_data_part_marks_formula_like_text_too(tmp_path):
    values = ["=1+1", "+84", "-5", "@a", "Nguyễn"]
    block = DataBlock.of("obstacles", ("id", "title"), [{"id": str(i), "title": v} for i, v in enumerate(values)])
    data = PeriodicReportData(header=HEADER, cover=(), closing="", annexes=(_annex(3, 1),),
                              manifest={"format": "desk-periodic-report", "format_version": 1,
                                        "unit_code": 11329}, blocks=(block,))
    write_periodic_report(data, tmp_path / "q3.xlsx")
    from desk.reports.manifest import DATA_SHEET

    sheet = load_workbook(tmp_path / "q3.xlsx")[DATA_SHEET]
    marked = {c.value for r in sheet.iter_rows() for c in r if c.quotePrefix}
    assert marked == {"=1+1", "+84", "-5", "@a"}
    assert read_report(tmp_path / "q3.xlsx").intact


# Columns as reports have them: all plain text, all numbers, all days, or mixed (tricky texts among them).
# (Floats of up to 15 digits: openpyxl writes 17-digit ones rounded, the stream as Python prints them.)
_PLAIN = st.text(alphabet=st.sampled_from("aăâbcdđeêơưàảãáạ ĐABC0123456789,.()–=+-@"), min_size=1, max_size=40)
_DAYS = st.dates(min_value=date(1899, 12, 1), max_value=date(2100, 1, 1))
_ANY = st.one_of(st.none(), _PLAIN, st.sampled_from(TRICKY + ("", " lề", "lề ", "a  b")), st.integers(-5, 10**12),
                 st.floats(-1e6, 1e6).map(lambda x: round(x, 2)), st.booleans(), _DAYS,
                 st.datetimes(min_value=datetime(1901, 1, 1), max_value=datetime(2100, 1, 1)))
_COLUMN_OF = st.sampled_from([_PLAIN, st.integers(0, 10**6), _DAYS, _ANY, st.sampled_from(("Đã tháo gỡ", "Khác"))])


@settings(max_examples=25, deadline=None)
@example([("1", "Nguyễn Văn An", date(2025, 7, 1), 3, "Khác", "Chuyển từ kỳ trước"),
          ("2", "=1+1", date(2025, 7, 1), 4, "Khác", "-"), ("3", "Trần Thị Ánh", date(1900, 2, 28), 5, "Khác", "@a"),
          ("4", "Lê Hoa", date(2025, 7, 2), 6, "Khác", "")], 1) \
    .via("a chunk of plain texts, formula look-alikes among them; Excel's 1900 day")
@given(st.lists(_COLUMN_OF, min_size=len(COLUMNS), max_size=len(COLUMNS)).flatmap(
    lambda kinds: st.lists(st.tuples(*kinds), min_size=1, max_size=14)), st.integers(0, 13))
def test_streamed_rows_are_cell_for_cell_what_openpyxl_writes_whatever_the_columns_hold(rows, bold):
    # Given rows a few at a time (columns made at once where their values allow it), a bold line among them
    import tempfile
    from pathlib import Path
    bulk_rows.CHUNK_ROWS, chunk = 3, bulk_rows.CHUNK_ROWS
    try:
        values = [dict(zip((c.key for c in COLUMNS), row)) for row in rows]
        bold %= len(values)
        values[bold] = {**values[bold], BOLD: True}
        annex = AnnexSheet("02 KKVM chi tiết", "Biểu số 02/BCĐK", "DANH SÁCH", COLUMNS,
                           (TableBlock("I. PHÁT SINH TRONG KỲ", tuple(values)),))
        with tempfile.TemporaryDirectory() as tmp:
            # When they are written cell by cell, and streamed
            written, streamed = _write_both(annex, Path(tmp))
            # Then every cell reads back the same: value, type, style (formula look-alikes kept text), height
            _same_sheets(written, streamed)
            assert [c.quotePrefix for r in streamed.iter_rows() for c in r] == \
                [c.quotePrefix for r in written.iter_rows() for c in r]
    finally:
        bulk_rows.CHUNK_ROWS = chunk


def test_of_two_texts_too_long_the_first_in_row_order_is_named(tmp_path):
    # Given a list whose row 3 has a text too long in its third column, and row 4 one in its second
    rows = [dict(r) for r in _rows(6)]
    rows[2]["domain"] = "Trụ sở xuống cấp " * 2400
    rows[3]["title"] = "Trụ sở xuống cấp " * 2400
    # When it is saved
    message = _refused(rows, tmp_path / "bao_cao.xlsx")
    # Then the message names the cell a clerk reading row by row meets first: row 12, column C
    assert "dòng 12" in message and "cột C" in message


def test_no_page_holds_only_an_empty_section_s_band_and_its_none_line():
    # However many rows the first section has, the second's band and "Không có" never open a page alone:
    # the page that holds them holds the first section's last row too.
    seen = set()
    for new in range(10, 60):
        for stream in (None, []):
            wb = Workbook()
            write_annex(wb.active, _annex(new, 0), HEADER, stream)
            ws = wb.active
            band = next(row for row in range(1, ws.max_row + 1)
                        if ws.cell(row, 1).value == "II. TỪ KỲ TRƯỚC CHUYỂN SANG")
            starts = [b.id + 1 for b in ws.row_breaks.brk]
            assert band not in starts and band + 1 not in starts, (new, stream, starts, band)
            seen.update(start - band for start in starts if band - 1 <= start <= band + 1)
    assert -1 in seen           # a page did begin with the first section's last row, and its band after it
