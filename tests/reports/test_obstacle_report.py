"""The obstacle report as the Sở Nội vụ receives it: summary by domain and status, then the list."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from desk.errors import UserError
from desk.reports.layout import Column, DocumentHeader
from desk.reports.obstacle_report import (
    ObstacleReportData,
    build_workbook,
    write_obstacle_report,
)

HEADER = DocumentHeader(
    parent_body="ỦY BAN NHÂN DÂN", body="PHƯỜNG NGÔ QUYỀN", doc_number="Số: 05/BC-UBND",
    place="Ngô Quyền", signed_on=date(2025, 9, 16), title="BÁO CÁO",
    subject="Tình hình khó khăn, vướng mắc trong vận hành chính quyền địa phương hai cấp",
    period_line="(Từ ngày 15/06/2025 đến ngày 14/09/2025)",
    reporting_unit="UBND Phường Ngô Quyền", receiving_unit="Sở Nội vụ Thành phố Hải Phòng",
    recipients=("Sở Nội vụ Thành phố Hải Phòng", "Thường trực Đảng ủy phường"),
    signature=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), signer_name="Nguyễn Văn An",
    preparer_name="Trần Thị Ánh Tuyết", form_code="Biểu số 01/KKVM", issuer="Ủy ban nhân dân phường Ngô Quyền",
)
DOMAINS = (
    ("ORG_STRUCTURE", "Tổ chức bộ máy"),
    ("PERSONNEL", "Nhân sự (thừa, thiếu, chuyên môn không phù hợp)"),
    ("PREMISES", "Trụ sở làm việc, tài sản công (nhà, đất)"),
    ("ACCOUNTING", "Cơ cấu kế toán, tài khoản kho bạc"),
)
STATUSES = (
    ("received", "Mới tiếp nhận"),
    ("in_progress", "Đang xử lý"),
    ("referred", "Đã báo cáo, kiến nghị cấp trên"),
    ("resolved", "Đã tháo gỡ"),
)
COLUMNS = (
    Column("domain", "Lĩnh vực", 26),
    Column("title", "Nội dung khó khăn, vướng mắc", 40),
    Column("proposal", "Kiến nghị, đề xuất", 36),
    Column("raised_on", "Ngày phát sinh", 12, "date"),
    Column("status", "Tình trạng", 18),
)
LABEL = dict(DOMAINS) | dict(STATUSES)


def _row(domain, status, title, raised_on, proposal="", carried=False):
    return {"domain": LABEL[domain], "title": title, "proposal": proposal, "raised_on": raised_on,
            "status": LABEL[status], "domain_code": domain, "status_code": status,
            "carried_over": carried}


ROWS = (
    _row("PERSONNEL", "referred", "Thiếu công chức công nghệ thông tin tại Trung tâm Phục vụ "
         "hành chính công", date(2025, 7, 3), "Đề nghị Sở Nội vụ tăng cường 02 công chức"),
    _row("PERSONNEL", "in_progress", "Công chức địa chính chưa được đào tạo lại", date(2025, 8, 11)),
    _row("PREMISES", "resolved", "=Trụ sở phường Máy Chai cũ bỏ trống", date(2025, 8, 1),
         "+84 225 3836 123: liên hệ Ban quản lý"),
    _row("ACCOUNTING", "resolved", "Chưa mở tài khoản tại Kho bạc Nhà nước", date(2025, 6, 20),
         "-", carried=True),
    _row("PERSONNEL", "in_progress", "@SUM(A1) thừa 03 cấp phó Văn phòng HĐND và UBND",
         date(2025, 5, 12), carried=True),
)
DATA = ObstacleReportData(HEADER, DOMAINS, STATUSES, COLUMNS, ROWS)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "bao_cao_quy_3.xlsx"
    write_obstacle_report(DATA, path)
    return load_workbook(path)


def _find(ws, text):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell
    raise AssertionError(f"{text!r} is not on sheet {ws.title}")


def _values(ws, row, first=1, last=None):
    return [ws.cell(row, c).value for c in range(first, (last or ws.max_column) + 1)]


def test_the_workbook_has_the_summary_then_the_list(report):
    assert report.sheetnames == ["Tổng hợp", "Chi tiết"]


def test_summary_opens_with_the_decree_30_header(report):
    # Given the report as received
    ws = report["Tổng hợp"]
    # Then it carries the body, number, Quốc hiệu, Tiêu ngữ and the dated place line
    for text in ("ỦY BAN NHÂN DÂN", "PHƯỜNG\xa0NGÔ\xa0QUYỀN", "Số: 05/BC-UBND",
                 "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "Ngô Quyền, ngày 16 tháng 9 năm 2025"):
        _find(ws, text)
    # and the title, subject and cut-off window, in that order
    title, subject = _find(ws, "BÁO CÁO"), _find(ws, HEADER.subject)
    period = _find(ws, "(Từ ngày 15/06/2025 đến ngày 14/09/2025)")
    assert title.font.b and title.row < subject.row < period.row
    assert period.font.i
    assert _find(ws, "Đơn vị tính: vụ việc").row > period.row


def _summary(ws):
    """The rows of the summary table: the total row first, then one per domain."""
    heading = _find(ws, "Lĩnh vực")
    total = ws.cell(heading.row + 2, heading.column)
    assert total.value == "Tổng cộng"
    n = 2 + len(STATUSES) + 1
    return [_values(ws, r, 1, n) for r in range(total.row, total.row + 1 + len(DOMAINS))]


def test_summary_table_has_headings_and_a_code_row(report):
    ws = report["Tổng hợp"]
    heading = _find(ws, "STT")
    assert _values(ws, heading.row, 1, 7) == ["STT", "Lĩnh vực", *(s for _, s in STATUSES),
                                              "Tổng số"]
    assert _values(ws, heading.row + 1, 1, 7) == ["A", "B", "1", "2", "3", "4", "5"]


def test_summary_lists_every_domain_with_zeros_and_totals_first(report):
    # Given the summary
    domains = _summary(report["Tổng hợp"])[1:]
    # Then every domain is listed in order, numbered, zeros included
    assert [r[1] for r in domains] == [label for _, label in DOMAINS]
    assert [r[0] for r in domains] == [1, 2, 3, 4]
    assert domains[0][2:] == [0, 0, 0, 0, 0]
    # and the counts are right: Nhân sự has 1 referred and 2 in progress
    assert domains[1][2:] == [0, 2, 1, 0, 3]


def test_summary_totals_add_up_both_ways(report):
    rows = _summary(report["Tổng hợp"])
    total, domains = rows[0], rows[1:]
    # Then each row's total is the sum of its cells
    for r in rows:
        assert r[-1] == sum(r[2:-1])
    # and the total row is the sum of the domain rows, column by column
    assert total[2:] == [sum(r[c] for r in domains) for c in range(2, len(total))]
    # and the grand total is the number of obstacles reported
    assert total[-1] == len(ROWS)
    assert report["Tổng hợp"].cell(_find(report["Tổng hợp"], "Tổng cộng").row, 2).font.b


def test_summary_says_how_many_were_carried_over(report):
    ws = report["Tổng hợp"]
    note = _find(ws, "Trong đó: 2 vụ việc từ kỳ trước chuyển sang.")
    assert note.row == _find(ws, "Tổng cộng").row + len(DOMAINS) + 1


def test_summary_ends_with_the_signature_and_the_recipients_beside_it(report):
    ws = report["Tổng hợp"]
    # the report is signed once, by the chair for the committee; no preparer unless the province asks
    noi_nhan, signer = _find(ws, "Nơi nhận:"), _find(ws, "TM. ỦY BAN NHÂN DÂN")
    assert noi_nhan.row == signer.row and noi_nhan.column < signer.column
    assert "NGƯỜI LẬP BIỂU" not in {c.value for r in ws.iter_rows() for c in r}
    assert _values(ws, noi_nhan.row + 1, 1, 1) == ["- Sở Nội vụ Thành\xa0phố\xa0Hải\xa0Phòng;"]
    assert _values(ws, noi_nhan.row + 3, 1, 1) == ["- Lưu: VT."]


def test_the_list_is_an_annex_that_names_the_report_and_carries_no_second_signature(report):
    ws = report["Chi tiết"]
    _find(ws, "(Kèm theo Báo cáo số 05/BC-UBND ngày 16/09/2025 của Ủy ban nhân dân phường Ngô Quyền)")
    texts = {c.value for r in ws.iter_rows() for c in r}
    assert not texts & {"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "NGƯỜI LẬP BIỂU", "Nguyễn Văn An"}


def _detail_rows(ws):
    """(section heading, [rows]) pairs of the list, each row as its cell values."""
    sections, current = [], None
    first = _find(ws, "I. PHÁT SINH TRONG KỲ").row
    for r in range(first, ws.max_row + 1):
        values = _values(ws, r, 1, len(COLUMNS) + 2)
        if values[0] and str(values[0]).startswith(("I.", "II.")):
            current = (values[0], [])
            sections.append(current)
        elif any(v is not None for v in values) and ws.cell(r, 1).border.left.style:
            current[1].append(values)
        else:
            break
    return sections


def test_detail_has_the_form_corner_and_the_list_title(report):
    ws = report["Chi tiết"]
    form = _find(ws, "Biểu số 01/KKVM")
    reporting = _find(ws, "Đơn vị báo cáo: UBND Phường Ngô Quyền")
    receiving = _find(ws, "Đơn vị nhận báo cáo: Sở Nội vụ Thành phố Hải Phòng")
    assert form.column < reporting.column and receiving.row == reporting.row + 1
    title = _find(ws, "DANH SÁCH KHÓ KHĂN, VƯỚNG MẮC")
    assert title.font.b
    assert _find(ws, "(Từ ngày 15/06/2025 đến ngày 14/09/2025)").row == title.row + 2     # under the reference


def test_detail_headings_come_from_the_columns(report):
    ws = report["Chi tiết"]
    heading = _find(ws, "STT")
    assert _values(ws, heading.row) == ["STT", *(c.header for c in COLUMNS), "Ghi chú"]
    assert _values(ws, heading.row + 1) == ["A", "B", "C", "D", "E", "F", "G"]


def test_detail_splits_new_and_carried_over_obstacles(report):
    # Given the list
    (new_heading, new), (old_heading, old) = _detail_rows(report["Chi tiết"])
    # Then the obstacles raised in the period come first, numbered from 1
    assert new_heading == "I. PHÁT SINH TRONG KỲ"
    assert [r[0] for r in new] == [1, 2, 3]
    assert [r[2] for r in new] == [ROWS[0]["title"], ROWS[1]["title"], ROWS[2]["title"]]
    assert all(r[-1] is None for r in new)
    # and those carried over follow, numbered again from 1, each with its note
    assert old_heading == "II. TỪ KỲ TRƯỚC CHUYỂN SANG (CHƯA THÁO GỠ HOẶC THÁO GỠ TRONG KỲ)"
    assert [r[0] for r in old] == [1, 2]
    assert [r[2] for r in old] == [ROWS[3]["title"], ROWS[4]["title"]]
    assert all(r[-1] == "Chuyển từ kỳ trước" for r in old)


def test_a_row_given_twice_is_numbered_at_each_of_its_places(tmp_path):
    # Given a report whose list holds the same rows three times over (one object each time)
    path = tmp_path / "lap.xlsx"
    write_obstacle_report(replace(DATA, rows=ROWS * 3), path)
    (_new_heading, new), (_old_heading, old) = _detail_rows(load_workbook(path)["Chi tiết"])
    # Then each place has its own number, in both sections
    assert [r[0] for r in new] == list(range(1, 10)) and [r[0] for r in old] == list(range(1, 7))
    assert [r[2] for r in new] == [r["title"] for r in ROWS if not r["carried_over"]] * 3
    assert all(r[-1] == "Chuyển từ kỳ trước" for r in old) and all(r[-1] is None for r in new)


def test_an_empty_section_says_khong_co(tmp_path):
    # Given a period with nothing carried over
    data = replace(DATA, rows=tuple(r for r in ROWS if not r["carried_over"]))
    # When the report is built
    ws = build_workbook(data)["Chi tiết"]
    # Then section II shows one row "Không có"
    heading = _find(ws, "II. TỪ KỲ TRƯỚC CHUYỂN SANG (CHƯA THÁO GỠ HOẶC THÁO GỠ TRONG KỲ)")
    assert ws.cell(heading.row + 1, 2).value == "Không có"
    assert ws.cell(heading.row + 2, 2).value != "Không có"


def test_an_empty_period_still_lists_every_domain_with_zeros():
    ws = build_workbook(replace(DATA, rows=()))["Tổng hợp"]
    rows = _summary(ws)
    assert all(r[2:] == [0] * (len(STATUSES) + 1) for r in rows)
    _find(ws, "Trong đó: 0 vụ việc từ kỳ trước chuyển sang.")


def test_dates_in_the_list_are_real_dates_day_first(report):
    ws = report["Chi tiết"]
    raised_col = 1 + [c.key for c in COLUMNS].index("raised_on") + 1
    cell = ws.cell(_find(ws, ROWS[0]["title"]).row, raised_col)
    assert cell.is_date and cell.value == datetime(2025, 7, 3)
    assert cell.number_format == "dd/mm/yyyy"


def test_no_cell_is_a_formula_and_user_text_stays_literal(report):
    # Given user text starting with "=", "+", "-" and "@"
    # Then no cell anywhere is a formula
    for ws in report.worksheets:
        assert [c.coordinate for r in ws.iter_rows() for c in r if c.data_type == "f"] == []
    # and the texts read back exactly as typed
    ws = report["Chi tiết"]
    for text in ("=Trụ sở phường Máy Chai cũ bỏ trống", "+84 225 3836 123: liên hệ Ban quản lý",
                 "-", "@SUM(A1) thừa 03 cấp phó Văn phòng HĐND và UBND"):
        assert _find(ws, text).data_type == "s"


def test_every_used_cell_is_times_new_roman(report):
    for ws in report.worksheets:
        used = [c for r in ws.iter_rows() for c in r if c.value is not None]
        assert {c.font.name for c in used} == {"Times New Roman"}, ws.title


def test_both_sheets_print_a4_landscape_one_page_wide(report):
    for ws in report.worksheets:
        assert int(ws.page_setup.paperSize) == 9
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert int(ws.page_setup.fitToWidth) == 1
        # as many pages tall as needed; or, a little taller than one page, fitted to it without a break
        assert int(ws.page_setup.fitToHeight) == 0 or (int(ws.page_setup.fitToHeight) == 1 and not ws.row_breaks.brk)
    assert int(report["Chi tiết"].page_setup.fitToHeight) == 1        # 5 obstacles: one page


def test_the_list_repeats_its_headings_on_every_printed_page(tmp_path):
    path = tmp_path / "dai.xlsx"
    write_obstacle_report(replace(DATA, rows=ROWS * 12), path)
    ws = load_workbook(path)["Chi tiết"]
    heading = _find(ws, "STT").row
    assert ws.print_title_rows == f"${heading}:${heading + 1}"
    assert int(ws.page_setup.fitToHeight) == 0 and len(ws.row_breaks.brk) >= 2


def test_column_widths_print_at_full_size_and_follow_what_the_columns_hold(report):
    ws = report["Chi tiết"]
    widths = [ws.column_dimensions[letter].width for letter in "ABCDEFG"]
    assert sum(widths) <= 126 + 1e-6 and widths[4] == 12               # the date keeps its width
    title, note = widths[2], widths[6]
    assert title == max(widths) and note < title                        # the longest texts get the most room


def test_workbook_is_by_desk_and_final(report):
    assert report.properties.creator == "Desk"
    assert "Tình hình khó khăn, vướng mắc" in report.properties.title
    assert report.properties.contentStatus == "Final"


def test_an_over_long_proposal_is_refused_and_the_old_report_kept(tmp_path):
    # Given last quarter's report on disk, and a proposal of 40,000 characters
    path = tmp_path / "bao_cao.xlsx"
    path.write_bytes(b"the signed report")
    long_row = _row("PREMISES", "received", "Trụ sở xuống cấp", date(2025, 9, 1), "Đề nghị " * 5000)
    data = replace(DATA, rows=(*ROWS, long_row))
    # When the report is written
    with pytest.raises(UserError) as caught:
        write_obstacle_report(data, path)
    # Then the clerk is told where the text is too long
    message = str(caught.value)
    assert "«Chi tiết»" in message and "«Kiến nghị, đề xuất»" in message
    # and the old report is untouched, with no temporary file left
    assert path.read_bytes() == b"the signed report"
    assert [p.name for p in tmp_path.iterdir()] == ["bao_cao.xlsx"]


def test_writing_into_a_missing_folder_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="không tồn tại"):
        write_obstacle_report(DATA, tmp_path / "Báo cáo quý 3" / "bao_cao.xlsx")


def test_a_row_with_an_unknown_domain_is_a_bug_not_a_silent_miscount():
    data = replace(DATA, rows=(*ROWS, {**ROWS[0], "domain_code": "VEHICLES_EQUIPMENT"}))
    with pytest.raises(ValueError, match="VEHICLES_EQUIPMENT"):
        build_workbook(data)


def test_the_number_column_is_wide_enough_for_the_list_s_last_number(tmp_path):
    # Given a list of 10,000 obstacles raised in the period (a whole year of a big ward)
    many = replace(DATA, rows=tuple({**ROWS[0], "title": f"Vướng mắc {i}"} for i in range(10_000)))
    # When the report is built
    ws = build_workbook(many)["Chi tiết"]
    # Then the STT column holds "10.000" as printed (at 6 characters LibreOffice and Excel print "###")
    last = _find(ws, "Vướng mắc 9999")
    assert ws.cell(last.row, 1).value == 10_000
    assert ws.column_dimensions["A"].width >= len("10.000") + 1
    # while a list of a few obstacles keeps its narrow column
    assert build_workbook(DATA)["Chi tiết"].column_dimensions["A"].width == 6
