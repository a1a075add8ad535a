"""The Decree 30 blocks: what a reviewer at the province checks on every report."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from desk.errors import UserError
from desk.reports.layout import (
    NBSP,
    NUMBER_FORMAT,
    PORTRAIT_UNITS,
    Column,
    DocumentHeader,
    _inside,
    _span_points,
    _text_points,
    column_codes,
    date_line,
    fit_columns,
    paginate,
    prepare_sheet,
    recipient_lines,
    set_properties,
    setup_print,
    unbroken_name,
    write_document_header,
    write_paragraph,
    write_preparer,
    write_row,
    write_signature,
    write_table_header,
    write_text,
    write_title,
    write_value,
)

HEADER = DocumentHeader(
    parent_body="Ủy ban nhân dân", body="Phường Ngô Quyền", doc_number="Số: 05/BC-UBND",
    place="Ngô Quyền", signed_on=date(2026, 2, 5), title="Báo cáo",
    subject="Tình hình khó khăn, vướng mắc trong vận hành chính quyền địa phương hai cấp",
    period_line="(Từ ngày 15/12/2025 đến ngày 14/01/2026)",
    reporting_unit="UBND Phường Ngô Quyền", receiving_unit="Sở Nội vụ Thành phố Hải Phòng",
    recipients=("Sở Nội vụ Thành phố Hải Phòng", "Thường trực Đảng ủy phường;"),
    signature=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), issuer="Ủy ban nhân dân phường Ngô Quyền",
    signer_name="Nguyễn Văn An", preparer_name="Trần Thị Ánh Tuyết", form_code="Biểu số 01/KKVM",
)
COLUMNS = (
    Column("stt", "STT", 6, align="center"),
    Column("name", "Nội dung", 44),
    Column("raised_on", "Ngày phát sinh", 12, "date"),
    Column("open", "Đang xử lý", 14, "int"),
    Column("done", "Đã tháo gỡ", 14, "int"),
    Column("total", "Tổng số", 12, "int"),
)


def _sheet():
    wb = Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    prepare_sheet(ws, COLUMNS)
    return wb, ws


def _reload(wb, tmp_path):
    wb.save(tmp_path / "r.xlsx")
    return load_workbook(tmp_path / "r.xlsx")


def _find(ws, text):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell
    raise AssertionError(f"{text!r} is not on sheet {ws.title}")


@pytest.mark.parametrize("day, expected", [
    (date(2026, 2, 5), "Ngô Quyền, ngày 05 tháng 02 năm 2026"),
    (date(2026, 1, 1), "Ngô Quyền, ngày 01 tháng 01 năm 2026"),
    (date(2025, 10, 15), "Ngô Quyền, ngày 15 tháng 10 năm 2025"),
    (date(2026, 3, 5), "Ngô Quyền, ngày 05 tháng 3 năm 2026"),
    (date(2025, 12, 31), "Ngô Quyền, ngày 31 tháng 12 năm 2025"),
])
def test_date_line_pads_days_below_10_and_months_1_and_2(day, expected):
    assert date_line("Ngô Quyền", day) == expected


def test_column_codes_letter_text_and_dates_and_number_numbers():
    # Given STT, a text, a date and three number columns
    # When the code row is computed
    # Then text and dates get A, B, C and numbers 1, 2, 3 (DOMAIN.md §5)
    assert column_codes(COLUMNS) == ("A", "B", "C", "1", "2", "3")


def test_document_header_has_quoc_hieu_tieu_ngu_body_number_and_date(tmp_path):
    # Given a sheet
    wb, ws = _sheet()
    # When the document header is written and the file read back
    next_row = write_document_header(ws, COLUMNS, HEADER)
    ws = _reload(wb, tmp_path).active
    # Then the left side names the body in bold capitals with the number under it
    # (the unit's name held together on one line: non-breaking spaces)
    parent, body = _find(ws, "ỦY BAN NHÂN DÂN"), _find(ws, "PHƯỜNG\xa0NGÔ\xa0QUYỀN")
    assert parent.font.b and body.font.b and body.row == parent.row + 1
    assert _find(ws, "Số: 05/BC-UBND").row > body.row
    # and the right side has the Quốc hiệu (bold, 12–13 pt), the Tiêu ngữ (bold, 13–14 pt)
    quoc_hieu = _find(ws, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    tieu_ngu = _find(ws, "Độc lập - Tự do - Hạnh phúc")
    assert quoc_hieu.font.b and 12 <= quoc_hieu.font.sz <= 13
    assert tieu_ngu.font.b and 13 <= tieu_ngu.font.sz <= 14
    assert tieu_ngu.row == quoc_hieu.row + 1 and tieu_ngu.column > body.column
    # and the date line in italics, with the leading zeros
    dated = _find(ws, "Ngô Quyền, ngày 05 tháng 02 năm 2026")
    assert dated.font.i and dated.column == tieu_ngu.column
    assert next_row > dated.row


def test_rules_are_drawn_under_the_body_and_the_motto_the_body_one_shorter(tmp_path):
    # Given a written header
    wb, ws = _sheet()
    write_document_header(ws, COLUMNS, HEADER)
    # When looking just under the body name and the motto
    body, motto = _find(ws, "PHƯỜNG\xa0NGÔ\xa0QUYỀN"), _find(ws, "Độc lập - Tự do - Hạnh phúc")
    body_rule = ws.cell(body.row + 1, body.column).value
    motto_rule = ws.cell(motto.row + 1, motto.column).value
    # Then both are solid rules, the one under the body a short one (Decree 30: 1/3 to 1/2)
    assert set(body_rule) == {"─"} and set(motto_rule) == {"─"}
    assert len(body_rule) < len(motto_rule)


def test_a_text_report_has_one_signature_block_with_the_distribution_beside_it(tmp_path):
    # Given a sheet with its text
    wb, ws = _sheet()
    # When the document's signature is written
    first, end = write_signature(ws, COLUMNS, HEADER, 10)
    ws = _reload(wb, tmp_path).active
    # Then the chair signs on the right for the committee, and nothing for a preparer is there
    signer = _find(ws, "CHỦ TỊCH")
    assert signer.font.b and _find(ws, "TM. ỦY BAN NHÂN DÂN").row == signer.row - 1
    texts = {c.value for r in ws.iter_rows() for c in r if c.value}
    assert not texts & {"NGƯỜI LẬP BIỂU", "(Ký, họ tên)", "(Ký, đóng dấu, họ tên)"}
    assert _find(ws, "Nguyễn Văn An").column == signer.column
    # and "Nơi nhận:" 12 pt bold italic at the bottom left, beside the block (same first row),
    # one recipient a line (11 pt), ending with the registry copy
    noi_nhan = _find(ws, "Nơi nhận:")
    assert noi_nhan.font.b and noi_nhan.font.i and noi_nhan.font.sz == 12
    assert noi_nhan.row == first == _find(ws, "TM. ỦY BAN NHÂN DÂN").row and noi_nhan.column < signer.column
    lines = [v for v in (ws.cell(r, 1).value for r in range(noi_nhan.row + 1, end)) if v]
    assert lines == ["- Sở Nội vụ Thành\xa0phố\xa0Hải\xa0Phòng;", "- Thường trực Đảng ủy phường;", "- Lưu: VT."]
    assert ws.cell(noi_nhan.row + 1, 1).font.sz == 11


def test_a_vice_chair_signs_for_the_chair_under_the_committee():
    wb, ws = _sheet()
    write_signature(ws, COLUMNS, replace(HEADER, signature=("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")), 5)
    rows = [_find(ws, text).row for text in ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")]
    assert rows == [6, 7, 8]


def test_a_form_that_asks_for_its_preparer_has_three_blocks_side_by_side():
    wb, ws = _sheet()
    first, end = write_signature(ws, COLUMNS, replace(HEADER, preparer=True), 5)
    sent, preparer, signer = _find(ws, "Nơi nhận:"), _find(ws, "NGƯỜI LẬP BIỂU"), _find(ws, "Nguyễn Văn An")
    assert sent.column < preparer.column < signer.column
    assert _find(ws, "Trần Thị Ánh Tuyết").row == signer.row
    assert _find(ws, "(Ký, họ tên)").font.i and _find(ws, "(Ký, đóng dấu, họ tên)").font.i


def test_an_annexed_form_signs_only_for_its_preparer():
    wb, ws = _sheet()
    write_preparer(ws, COLUMNS, HEADER, 5)
    texts = {c.value for r in ws.iter_rows() for c in r if c.value}
    assert {"NGƯỜI LẬP BIỂU", "(Ký, họ tên)", "Trần Thị Ánh Tuyết"} == texts


def test_an_annex_names_the_report_it_belongs_to_and_a_draft_leaves_number_and_date_blank():
    assert HEADER.reference == ("(Kèm theo Báo cáo số 05/BC-UBND ngày 05/02/2026 của Ủy ban nhân dân "
                                "phường Ngô Quyền)")
    draft = replace(HEADER, doc_number="Số:      /BC-UBND", signed_on=None, year=2026, draft=True)
    assert draft.reference == ("(Kèm theo Báo cáo số /BC-UBND ngày      /     /2026 "
                               "của Ủy ban nhân dân phường Ngô Quyền)")
    assert draft.date_text == "Ngô Quyền, ngày      tháng      năm 2026"
    wb, ws = _sheet()
    write_document_header(ws, COLUMNS, draft)
    assert _find(ws, "DỰ THẢO").font.b and _find(ws, "Số:      /BC-UBND").row < _find(ws, "DỰ THẢO").row


def test_the_trich_yeu_has_a_short_rule_under_it():
    wb, ws = _sheet()
    end = write_title(ws, COLUMNS, "Báo cáo", HEADER.subject, HEADER.period_line, 1)
    rule = ws.cell(end - 2, 1).value
    assert set(rule) == {"─"} and _find(ws, HEADER.period_line).row == end - 3


def test_an_issuing_body_breaks_before_the_unit_s_name_never_inside_it():
    assert unbroken_name("UBND THÀNH PHỐ HẢI PHÒNG") == "UBND THÀNH\xa0PHỐ\xa0HẢI\xa0PHÒNG"
    assert unbroken_name("SỞ NỘI VỤ") == "SỞ NỘI VỤ"
    # Inside a sentence the kind is in lower case; the name is still held together, a council's level is not
    assert unbroken_name("Sở Nội vụ thành phố Hồ Chí Minh") == "Sở Nội vụ thành\xa0phố\xa0Hồ\xa0Chí\xa0Minh"
    assert unbroken_name("UBND phường 1") == "UBND phường\xa01"
    assert unbroken_name("Thường trực Đảng ủy xã") == "Thường trực Đảng ủy xã"
    assert unbroken_name("Các xã, phường trên địa bàn") == "Các xã, phường trên địa bàn"


def test_a_department_s_governing_body_is_upright_and_a_tight_name_breaks_with_the_row_tall_enough(tmp_path):
    # Given the Department of Home Affairs under the city's People's Committee, on a narrow sheet
    narrow = (Column("stt", "STT", 6, align="center"), Column("name", "Nội dung", 30), Column("n", "Số", 10, "int"),
              Column("m", "Số", 10, "int"))
    header = replace(HEADER, parent_body="UBND Thành phố Hải Phòng", body="Sở Nội vụ", governing_body=True)
    wb, ws = _sheet()
    write_document_header(ws, narrow, header)
    ws = _reload(wb, tmp_path).active
    # Then the governing body is in capitals but not bold (Decree 30), the department bold under it
    parent = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("UBND"))
    body = _find(ws, "SỞ NỘI VỤ")
    assert not parent.font.b and body.font.b and body.row == parent.row + 1
    # and a name near its half's width breaks before the unit's name, the row counted for two lines
    assert parent.value == "UBND\nTHÀNH\xa0PHỐ\xa0HẢI\xa0PHÒNG"
    assert ws.row_dimensions[parent.row].height >= 2 * 12 * 1.2


# A text report's page: six equal columns, the issuing body in the left two (a third of the width).
PORTRAIT = tuple(Column(f"c{i}", "", PORTRAIT_UNITS / 6) for i in range(6))


@pytest.mark.parametrize("parent, body, parent_lines, body_lines", [
    # A commune's name wider than its cell: two lines, its kind alone above the name held together
    ("Ủy ban nhân dân", "Phường Đông Hưng Thuận", ["ỦY BAN NHÂN DÂN"], ["PHƯỜNG", "ĐÔNG HƯNG THUẬN"]),
    # never before a dash, which ends the first line
    ("Ủy ban nhân dân", "Phường Văn Miếu - Quốc Tử Giám", ["ỦY BAN NHÂN DÂN"], ["PHƯỜNG VĂN MIẾU -", "QUỐC TỬ GIÁM"]),
    # a department under its city: never inside "THÀNH PHỐ"
    ("UBND Thành phố Hồ Chí Minh", "Sở Nội vụ", ["UBND THÀNH PHỐ", "HỒ CHÍ MINH"], ["SỞ NỘI VỤ"]),
    # a name that fits stays on one line, as before
    ("Ủy ban nhân dân", "Phường Ngô Quyền", ["ỦY BAN NHÂN DÂN"], ["PHƯỜNG NGÔ QUYỀN"]),
])
def test_an_issuing_body_too_long_for_its_cell_breaks_between_words_never_inside_one(parent, body, parent_lines,
                                                                                   body_lines, tmp_path):
    # Given a text report's page and a unit whose name may not fit the issuing body's third of it
    wb = Workbook()
    prepare_sheet(wb.active, PORTRAIT)
    header = replace(HEADER, parent_body=parent, body=body, governing_body=parent.startswith("UBND"))
    # When its header is written
    write_document_header(wb.active, PORTRAIT, header)
    ws = _reload(wb, tmp_path).active
    # Then each line is as a clerk would break it by hand; the words of a line never part (held by
    # non-breaking spaces: a reader that must wrap a held line too wide breaks it inside a word)
    printed = [ws.cell(1, 1).value.split("\n"), ws.cell(2, 1).value.split("\n")]
    assert [[line.replace(NBSP, " ") for line in lines] for lines in printed] == [parent_lines, body_lines]
    assert all(" " not in line for lines in printed for line in lines if len(lines) > 1)
    # and the rows are tall enough for their lines
    assert ws.row_dimensions[2].height >= len(body_lines) * 12 * 1.2


def test_no_unit_s_name_is_held_together_wider_than_its_cell():
    # Every commune and province of the official list, as the issuing body of a text report: each line
    # held together (a reader cannot break it between words) fits the cell by the width estimate, which
    # the LibreOffice page test checks against a real print (tests/reports/test_printed_pages.py).
    from desk.domain import units
    from desk.reports import layout

    inside = layout._span_points(PORTRAIT, 1, 2) - layout._PADDING
    bodies = [(line, bold) for u in units.all_units() for line, bold in zip(u.committee_lines, (False, True))]
    bodies += [(f"UBND {p.name}", False) for p in units.provinces()]
    too_wide = [line for text, bold in bodies for line in layout._held_line(text.upper(), 12, bold,
                                                                            inside + layout._PADDING).split("\n")
                if NBSP in line and layout._text_points(line, 12, bold) > inside]
    assert too_wide == []


def test_a_long_recipient_is_broken_between_words(tmp_path):
    wb, ws = _sheet()
    header = replace(HEADER, recipients=("UBND phường Văn Miếu - Quốc Tử Giám",))
    narrow = PORTRAIT[:4]           # "Nơi nhận" half as wide as on the text report
    first, _end = write_signature(ws, narrow, header, 10)
    recipient = ws.cell(first + 1, 1).value
    assert recipient.replace(NBSP, " ").split("\n") == ["- UBND phường Văn Miếu -", "Quốc Tử Giám;"]


def test_the_text_report_s_recipients_have_half_the_page_and_print_on_one_line_each(tmp_path):
    # At 40% of the width, "- Sở Nội vụ thành phố Hải Phòng;" broke after "vụ".
    wb, ws = _sheet()
    header = replace(HEADER, recipients=("Sở Nội vụ thành phố Hải Phòng", "UBND phường Văn Miếu - Quốc Tử Giám",
                                         "Thường trực Đảng ủy phường"))
    first, _end = write_signature(ws, PORTRAIT, header, 10)
    lines = [ws.cell(first + offset, 1).value.replace(NBSP, " ") for offset in range(1, 5)]
    assert lines == ["- Sở Nội vụ thành phố Hải Phòng;", "- UBND phường Văn Miếu - Quốc Tử Giám;",
                     "- Thường trực Đảng ủy phường;", "- Lưu: VT."]
    from desk.reports import layout

    assert f"A{first}:C{first}" in {str(r) for r in ws.merged_cells.ranges}       # half the page: 3 of 6 columns
    assert f"D{first}:F{first}" in {str(r) for r in ws.merged_cells.ranges}       # the signer's half
    held = [ws.cell(first + offset, 1).value for offset in range(1, 5)]
    assert [layout._lines(line, 11, False, layout._span_points(PORTRAIT, 1, 3)) for line in held] == [1, 1, 1, 1]


@pytest.mark.parametrize("typed, expected", [
    ((), ["- Lưu: VT."]),
    (("- Sở Nội vụ Thành phố Hải Phòng;", "  Đảng ủy phường.  "),
     ["- Sở Nội vụ Thành phố Hải Phòng;", "- Đảng ủy phường;", "- Lưu: VT."]),
    (("Sở Nội vụ", "Lưu: VT, VP"), ["- Sở Nội vụ;", "- Lưu: VT, VP."]),
])
def test_recipient_lines_are_normalised_and_end_with_the_registry_copy(typed, expected):
    assert recipient_lines(typed) == expected


def test_table_header_has_a_code_row_and_borders(tmp_path):
    # Given a sheet
    wb, ws = _sheet()
    # When a table header and a row are written
    row = write_table_header(ws, COLUMNS, 5)
    write_row(ws, COLUMNS, {"stt": 1, "name": "Thiếu công chức kế toán", "open": 1, "done": 0,
                            "total": 1}, row)
    ws = _reload(wb, tmp_path).active
    # Then the headings are bold, the code row under them, and every cell boxed
    assert [c.value for c in ws[5]] == [c.header for c in COLUMNS]
    assert all(c.font.b for c in ws[5])
    assert [c.value for c in ws[6]] == ["A", "B", "C", "1", "2", "3"]
    for r in (5, 6, 7):
        assert all(c.border.left.style == "thin" and c.border.bottom.style == "thin" for c in ws[r])
    assert all(c.alignment.wrap_text for c in ws[7])


@pytest.mark.parametrize("text", ["=1+1", "+84 912 345 678", "-", "@SUM(A1)", "=HYPERLINK(\"x\")",
                                  "-1", "=", "_x0041_ giữ nguyên"])
def test_user_text_is_never_a_formula(tmp_path, text):
    # Given user text that a spreadsheet would take for a formula
    wb, ws = _sheet()
    # When it is written
    write_text(ws["B3"], text)
    # Then it is stored as text and reads back exactly
    assert ws["B3"].data_type == "s"
    back = _reload(wb, tmp_path).active["B3"]
    assert back.data_type == "s"
    assert back.value == text.replace("_x0041_", "_x005F_x0041_")  # Excel shows "_x0041_"
    # And its style tells Excel to keep it text when the clerk edits the cell (quotePrefix)
    assert back.quotePrefix is (text[0] in "=+-@")


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")),
               min_size=1, max_size=40).map(lambda s: "=" + s))
def test_any_text_starting_with_equals_stays_text(text):
    wb, ws = _sheet()
    write_text(ws["A1"], text)
    assert ws["A1"].data_type == "s"
    assert ws["A1"].value.startswith("=")


def test_text_is_stored_in_nfc_without_control_characters():
    # Given text pasted from an old file: decomposed (NFD) and with a stray control character
    wb, ws = _sheet()
    # When written
    write_text(ws["A1"], "Nguye\u0302\u0303n\x0b Thi\u0323")
    # Then it is composed, and the invisible character that Excel cannot store is gone
    assert ws["A1"].value == "Nguyễn Thị"


def test_an_over_long_text_is_refused_naming_the_place():
    # Given a proposal of 40,000 characters (more than an Excel cell holds)
    wb, ws = _sheet()
    # When it is written
    with pytest.raises(UserError) as caught:
        write_text(ws["D12"], "Kiến nghị " * 4000, label="Kiến nghị, đề xuất")
    # Then the clerk learns where, instead of a silently cut text
    message = str(caught.value)
    assert "«Tổng hợp»" in message and "dòng 12" in message and "cột D" in message
    assert "«Kiến nghị, đề xuất»" in message and "40.000" in message
    assert ws["D12"].value is None


def test_the_longest_text_excel_allows_is_kept_whole(tmp_path):
    wb, ws = _sheet()
    write_text(ws["A1"], "x" * 32_767)
    assert len(_reload(wb, tmp_path).active["A1"].value) == 32_767


def test_dates_are_real_dates_shown_day_first(tmp_path):
    # Given a date
    wb, ws = _sheet()
    # When written
    write_value(ws["C3"], date(2025, 9, 5))
    back = _reload(wb, tmp_path).active["C3"]
    # Then it is a date cell displayed dd/mm/yyyy
    assert back.is_date and back.value == datetime(2025, 9, 5)
    assert back.number_format == "dd/mm/yyyy"


def test_print_setup_is_a4_landscape_one_page_wide_with_repeated_headers(tmp_path):
    # Given a sheet
    wb, ws = _sheet()
    # When the print setup is applied
    setup_print(ws, "8:9")
    ws = _reload(wb, tmp_path).active
    # Then it prints on A4 landscape, one page wide, rows 8–9 on every page
    assert int(ws.page_setup.paperSize) == 9
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
    assert ws.print_title_rows == "$8:$9"
    # with Decree 30 margins (20 mm top and bottom, 30 mm left, 15 mm right)
    margins = ws.page_margins
    assert [round(m * 25.4) for m in (margins.top, margins.bottom, margins.left, margins.right)] \
        == [20, 20, 30, 15]
    assert ws.print_options.horizontalCentered


def test_the_signature_goes_over_with_the_last_line_of_the_table_never_alone():
    # Given a sheet whose table fills the first page to where the signature no longer fits
    wb, ws = _sheet()
    setup_print(ws)
    ws.row_dimensions[1].height = 30
    write_table_header(ws, COLUMNS, 2)
    ws.row_dimensions[2].height = 40
    for r in range(4, 22):                  # 30 + 40 + 19.4 + 18 x 20 points: the page is full
        ws.row_dimensions[r].height = 20
    first, end = write_signature(ws, COLUMNS, HEADER, 22)
    # When the pages are broken
    starts = paginate(ws, end - 1, table=(2, 21), keep=(22, end - 1), lead=1)
    # Then the next page starts with the table's last row, under its repeated heading
    assert starts == [21] and [b.id for b in ws.row_breaks.brk] == [20]
    assert ws.print_title_rows == "$2:$3"


def test_a_table_that_fits_its_page_gets_no_break_and_no_repeated_heading():
    wb, ws = _sheet()
    setup_print(ws)
    write_table_header(ws, COLUMNS, 2)
    first, end = write_signature(ws, COLUMNS, HEADER, 6)
    assert paginate(ws, end - 1, table=(2, 5), keep=(6, end - 1)) == []
    assert ws.row_breaks.brk == [] and ws.print_title_rows is None


@pytest.mark.parametrize("taller, fitted", [(1.05, True), (1.2, False)])
def test_a_form_a_little_taller_than_its_page_is_fitted_to_it_never_below_90_percent(taller, fitted):
    # A short form whose last row would be alone on a second page prints on one page, shrunk as Excel's
    # "fit sheet on one page" does, only while that keeps it at 90% or more.
    from desk.reports import layout

    wb, ws = _sheet()
    setup_print(ws)
    write_table_header(ws, COLUMNS, 2)
    rows = 30
    height = (layout._page_height(ws) * taller - sum(layout._sizes(ws, 3, None)[1:])) / (rows - 3)
    for r in range(4, rows + 1):
        ws.row_dimensions[r].height = height
    starts = paginate(ws, rows, table=(2, rows))
    assert (starts == [], int(ws.page_setup.fitToHeight) == 1, ws.row_breaks.brk == []) == (fitted, fitted, fitted)


def test_a_text_a_little_taller_than_its_page_is_never_shrunk():
    # Decree 30 sets a text report's size: it goes on to a second page.
    from desk.reports import layout

    wb, ws = _sheet()
    setup_print(ws, portrait=True)
    for r in range(1, 31):
        ws.row_dimensions[r].height = layout._page_height(ws) * 1.05 / 30
    assert paginate(ws, 30) != [] and int(ws.page_setup.fitToHeight) == 0


def test_a_tables_heading_and_unit_line_go_over_with_its_first_row_never_alone():
    # Given a list whose one tall row and signature do not fit under the document's header
    from desk.reports import layout

    wb, ws = _sheet()
    setup_print(ws)
    page = layout._page_height(ws)
    for r in range(1, 10):
        ws.row_dimensions[r].height = page * 0.45 / 9   # the document's header
    layout.write_unit_line(ws, COLUMNS, "đợt", 10)
    write_table_header(ws, COLUMNS, 11)
    ws.row_dimensions[13].height = page * 0.25
    first, end = write_signature(ws, COLUMNS, HEADER, 14)
    # When the pages are broken
    starts = paginate(ws, end - 1, table=(11, 13), keep=(14, end - 1), lead=1)
    # Then the second page begins with the unit line: no heading is printed over nothing, nor twice
    assert starts == [10] and ws.print_title_rows is None


def test_a_heading_is_not_left_at_the_foot_of_a_page():
    wb, ws = _sheet()
    setup_print(ws)
    for r in range(1, 41):
        ws.row_dimensions[r].height = 20
    # row 23 is a band heading; the page would end after it
    assert paginate(ws, 40, glued=[23]) == [23]


def test_wide_columns_are_narrowed_to_print_at_full_size_numbers_and_dates_keep_their_width():
    columns = (Column("stt", "STT", 6, align="center"), *(Column(f"t{i}", "Chữ", 30) for i in range(5)),
               Column("d", "Ngày", 11, "date"), Column("n", "Số", 10, "int"))
    fitted = fit_columns(columns)
    assert sum(c.width for c in fitted) <= 126 + 1e-6
    assert [c.width for c in fitted][-2:] == [11, 10] and fitted[0].width == 6
    assert fit_columns(columns[:3]) == columns[:3]          # what fits is left alone


def test_numbers_group_thousands_with_a_dot_whatever_the_locale_and_sit_right(tmp_path):
    wb, ws = _sheet()
    write_table_header(ws, COLUMNS, 1)
    write_row(ws, COLUMNS, {"open": 26430, "done": 7, "total": 1234567}, 3)
    back = _reload(wb, tmp_path).active
    assert back.cell(3, 4).number_format == NUMBER_FORMAT == "[>=1000000]#\\.###\\.###;[>=1000]#\\.###;0"
    assert back.cell(3, 4).alignment.horizontal == "right" and back.cell(3, 3).alignment.horizontal == "center"


def test_workbook_is_made_by_desk_and_its_status_is_final(tmp_path):
    # Given a workbook
    wb, ws = _sheet()
    # When its properties are set
    set_properties(wb, "Báo cáo khó khăn, vướng mắc")
    back = _reload(wb, tmp_path)
    # Then Excel shows who made it and opens it as a final document
    assert back.properties.creator == "Desk"
    assert back.properties.title == "Báo cáo khó khăn, vướng mắc"
    assert back.properties.contentStatus == "Final" and not list(back.custom_doc_props)


def test_every_written_cell_is_times_new_roman_in_black(tmp_path):
    # Given a header, a table and a footer
    wb, ws = _sheet()
    row = write_document_header(ws, COLUMNS, HEADER)
    row = write_table_header(ws, COLUMNS, row)
    row = write_row(ws, COLUMNS, {"stt": 1, "name": "Trụ sở xuống cấp",
                                  "raised_on": date(2025, 8, 1)}, row)
    write_signature(ws, COLUMNS, replace(HEADER, preparer=True), row)
    ws = _reload(wb, tmp_path).active
    # Then every cell holding something uses Times New Roman, black
    used = [c for r in ws.iter_rows() for c in r if c.value is not None]
    assert used
    assert {c.font.name for c in used} == {"Times New Roman"}
    assert {c.font.color.rgb for c in used} == {"FF000000"}


def test_a_heading_that_would_leave_its_last_word_alone_is_broken_at_a_separator_near_its_middle():
    columns = tuple(Column(f"c{i}", "", PORTRAIT_UNITS / 6) for i in range(6))      # a cover's, A4 portrait
    line = _inside(_span_points(columns, 1, len(columns)))
    ws = Workbook().active
    heading = "IV. ĐIỀU ĐỘNG, BIỆT PHÁI; KHẢO SÁT, LÀM VIỆC; SÁNG KIẾN, MÔ HÌNH"
    assert _text_points(heading, 13, True) > line        # one word too many for a line: «HÌNH» would be alone
    write_paragraph(ws, columns, heading, 1, bold=True)
    first, second = ws.cell(1, 1).value.split("\n")
    assert first.endswith(";") and f"{first} {second}" == heading
    assert max(_text_points(first, 13, True), _text_points(second, 13, True)) < 0.95 * line
    # A heading that fits its line, and a paragraph of several lines, are as written
    for text in ("III. BIÊN CHẾ, NHU CẦU NHÂN SỰ VÀ THỦ TỤC HÀNH CHÍNH", heading * 2):
        write_paragraph(ws, columns, text, 3, bold=True)
        assert ws.cell(3, 1).value == text
    write_paragraph(ws, columns, heading, 5)              # not a heading: the reader wraps it
    assert ws.cell(5, 1).value == heading
