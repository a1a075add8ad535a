"""The Excel lists of the registers and the staffing report, read back as the Sở Nội vụ receives them."""

from __future__ import annotations

import itertools
import re
from datetime import date, datetime

from openpyxl import load_workbook
from tests.services.registers_helpers import frame, initiative, movement, obstacle, official, visit

from desk.domain.periods import parse_period
from desk.domain.staffing import NET_LABEL
from desk.services import register_report, staffing, staffing_report

TODAY = date(2025, 11, 20)


def export(workspace, tmp_path, name, period=None):
    out = tmp_path / f"{name}.xlsx"
    with workspace.session() as session:
        if name == "staffing":
            staffing_report.export(session, workspace.require_unit(), period, out, today=TODAY, signed_on=TODAY)
        else:
            register_report.export(session, workspace.require_unit(), name, period, out, today=TODAY,
                                   signed_on=TODAY)
    return load_workbook(out)


def rows(ws) -> list[tuple]:
    return [tuple(c for c in row if c is not None) for row in ws.iter_rows(values_only=True)
            if any(c is not None for c in row)]


def table(ws, first_header: str = "STT") -> tuple[tuple, list[tuple]]:
    """The heading row and the data rows under the code row (A, B, 1, ...), up to the footer."""
    all_rows = rows(ws)
    top = next(i for i, r in enumerate(all_rows) if r and r[0] == first_header)
    body = []
    for r in all_rows[top + 2:]:
        if r[0] in ("NGƯỜI LẬP BIỂU", "TM. ỦY BAN NHÂN DÂN", "Nơi nhận:") or str(r[0]).startswith(("Ngô Quyền, ngày",
                                                                                                   "Hiện có")):
            break
        body.append(r)
    return all_rows[top], body


def test_the_officials_list_is_grouped_by_office_sorted_by_given_name_without_personal_data(workspace, tmp_path):
    official(workspace, name="Trần Văn Bình", birth_date="01/02/1980", citizen_id="031080012345", phone="0912345678")
    official(workspace, name="Lê Thị Anh", title="deputy", training_matches=True)
    official(workspace, name="Nguyễn Văn An")
    official(workspace, name="Đỗ Văn Toàn", status="left", start_date="01/07/2025", left_on="01/10/2025")
    official(workspace, name="Vũ Thị Yến", office="office", category="contract")
    ws = export(workspace, tmp_path, "officials").worksheets[0]
    everything = [c for r in rows(ws) for c in r]
    # Then: a Decree 30 document, as at today
    assert {"ỦY BAN NHÂN DÂN", "PHƯỜNG\xa0NGÔ\xa0QUYỀN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "DANH SÁCH",
            "Cán bộ, công chức, viên chức và người lao động", "(Tính đến ngày 20/11/2025)"} <= set(everything)
    heading, body = table(ws)
    assert "Họ và tên" in heading and "Số định danh cá nhân (CCCD)" not in heading
    assert "Số điện thoại" not in heading and "031080012345" not in everything
    # One running number; offices as bands in their order; given names An, Anh, Bình in the economic office
    names = [r[1] for r in body if isinstance(r[0], int)]
    assert names == ["Vũ Thị Yến", "Nguyễn Văn An", "Lê Thị Anh", "Trần Văn Bình"]
    bands = [r[0] for r in body if len(r) == 1]
    assert bands[:3] == ["I. HĐND (Thường trực HĐND, các Ban)", "Không có", "II. Lãnh đạo UBND"]
    assert "IV. Phòng Kinh tế, Hạ tầng và Đô thị" in bands
    anh = next(r for r in body if "Lê Thị Anh" in r)
    assert {"Công chức", "Cấp phó", "x", "Đang công tác"} <= set(anh)
    assert "Đỗ Văn Toàn" not in everything                     # left before today


def test_the_list_and_the_staffing_view_agree_on_who_is_here_on_a_leaving_day(workspace, tmp_path):
    # Given one official leaving today and one recorded as leaving tomorrow
    official(workspace, name="Đỗ Văn Toàn", status="left", start_date="01/07/2025", left_on="20/11/2025")
    official(workspace, name="Phan Thị Mai", status="left", start_date="01/07/2025", left_on="21/11/2025")
    everything = [c for r in rows(export(workspace, tmp_path, "officials").worksheets[0]) for c in r]
    # Then the list as at today shows the one still here, as the staffing view counts them
    assert "Phan Thị Mai" in everything and "Đỗ Văn Toàn" not in everything
    with workspace.session() as session:
        economy = next(line for line in staffing.view(session, workspace.require_unit(), TODAY).table.lines
                       if line.office == "economy")
    assert economy.actual == 1


def test_a_period_lists_the_people_who_were_here_during_it(workspace, tmp_path):
    official(workspace, name="Đỗ Văn Toàn", status="left", start_date="01/07/2025", left_on="01/10/2025")
    ws = export(workspace, tmp_path, "officials", parse_period("2025-Q3")).worksheets[0]
    everything = [c for r in rows(ws) for c in r]
    assert "Đỗ Văn Toàn" in everything and "(Từ ngày 15/06/2025 đến ngày 14/09/2025)" in everything
    # As he stood on the period's last day: still working (he left on 01/10/2025)
    toan = next(r for r in table(ws)[1] if "Đỗ Văn Toàn" in r)
    assert "Đang công tác" in toan and "Đã nghỉ việc, nghỉ hưu, chuyển công tác" not in toan


def test_movements_are_grouped_by_direction_with_their_state_on_the_period_end(workspace, tmp_path):
    person = official(workspace, name="Hoàng Văn Dũng")
    movement(workspace, official_id=person, start="01/07/2025", planned_end="30/09/2025",
             host_body="Sở Nội vụ Thành phố Hải Phòng", decision_number="100/QĐ-UBND")
    movement(workspace, kind="reinforcement", direction="in", person_name="Phạm Văn Hưng", start="01/10/2025",
             home_body="Sở Tài chính Thành phố Hải Phòng")
    movement(workspace, kind="reinforcement", direction="in", person_name="Lê Thị Hà", start="01/01/2025",
             planned_end="31/03/2025")
    ws = export(workspace, tmp_path, "movements", parse_period("2025-Q3")).worksheets[0]
    heading, body = table(ws)
    assert heading[1] == "Người được điều động, biệt phái"
    # Phường Ngô Quyền's list: its groups name the unit in words a phường (and a đặc khu) can send up
    assert body[0] == ("I. Cán bộ của đơn vị đi nơi khác",)
    dung = next(r for r in body if "Hoàng Văn Dũng" in r)
    # On 14/09/2025 (the period's end) the secondment ends within 30 days
    assert {"Biệt phái", "Sở Nội vụ Thành phố Hải Phòng", "100/QĐ-UBND", datetime(2025, 7, 1), "Sắp kết thúc"} \
        <= set(dung)
    everything = [c for r in body for c in r]
    assert "Phạm Văn Hưng" not in everything      # starts after the period
    assert "Lê Thị Hà" not in everything          # ended before it
    assert ("II. Người từ nơi khác đến đơn vị",) in body and ("Không có",) in body
    assert not [c for r in (heading, *body) for c in r if isinstance(c, str) and re.search(r"\bxã\b", c)]
    # A row is a movement, not a person (one person may move twice): counted in «lượt», as the cover counts them
    assert "Đơn vị tính: lượt" in [c for r in ws.iter_rows(values_only=True) for c in r if isinstance(c, str)]


def test_visits_come_with_the_obstacles_found_during_them(workspace, tmp_path):
    ministry = visit(workspace, start="10/09/2025", body="Bộ Nội vụ", basis="Quyết định 878/QĐ-BNV")
    visit(workspace, start="15/10/2025", body="Sở Nội vụ Thành phố Hải Phòng")
    obstacle(workspace, title="Trụ sở phân tán", domain="PREMISES", visit_id=ministry, source="visiting_team")
    obstacle(workspace, title="Không liên quan")
    wb = export(workspace, tmp_path, "visits")
    assert wb.sheetnames == ["Khảo sát, làm việc", "Khó khăn phát hiện"]
    heading, body = table(wb.worksheets[0])
    assert heading[-1] == "Số khó khăn phát hiện"
    assert [(r[1], r[-1]) for r in body] == [(datetime(2025, 9, 10), 1), (datetime(2025, 10, 15), 0)]
    heading, body = table(wb.worksheets[1])
    assert body[0] == ("I. 10/09/2025 – Bộ Nội vụ",)
    assert body[1][1] == "Trụ sở phân tán" and "Trụ sở làm việc, tài sản công (nhà, đất)" in body[1]
    assert "Không liên quan" not in [c for r in body for c in r]


def test_a_periods_visits_list_shows_what_was_found_by_its_end_as_it_stood_then(workspace, tmp_path):
    # Given a visit across Q3's cut-off (14/09/2025): one obstacle found before it, resolved in October,
    # and one found the day after the cut-off
    ministry = visit(workspace, start="10/09/2025", end_date="16/09/2025", body="Bộ Nội vụ")
    obstacle(workspace, title="Trụ sở phân tán", raised_on="12/09/2025", visit_id=ministry, status="resolved",
             result="Đã bố trí trụ sở", resolved_on="10/10/2025")
    obstacle(workspace, title="Thiếu máy scan", raised_on="15/09/2025", visit_id=ministry)
    # When the visits list of Q3 is made in November
    wb = export(workspace, tmp_path, "visits", parse_period("2025-Q3"))
    # Then the visit counts one obstacle found, listed in the state it was in at the cut-off
    _heading, body = table(wb.worksheets[0])
    assert [(r[1], r[-1]) for r in body] == [(datetime(2025, 9, 10), 1)]
    _heading, body = table(wb.worksheets[1])
    cells = [c for r in body for c in r]
    assert "Trụ sở phân tán" in cells and "Mới tiếp nhận" in cells and "Đã tháo gỡ" not in cells
    assert "Thiếu máy scan" not in cells
    # Today's list counts and shows both, as they are now
    wb = export(workspace, tmp_path, "visits")
    assert [r[-1] for r in table(wb.worksheets[0])[1]] == [2]
    assert "Đã tháo gỡ" in [c for r in table(wb.worksheets[1])[1] for c in r]


def test_initiative_channels_are_listed_by_name(workspace, tmp_path):
    initiative(workspace, channels=["zalo", "fanpage"], people_served=1250, participants="Đoàn Thanh niên phường")
    heading, body = table(export(workspace, tmp_path, "initiatives").worksheets[0])
    assert body[0][1:4] == ("Thứ bảy thân thiện", datetime(2025, 8, 2), "Trang Facebook (fanpage); Nhóm Zalo")
    assert 1250 in body[0] and "Đang triển khai" in body[0]


def test_the_staffing_report_has_totals_first_deputies_and_the_frames(workspace, tmp_path):
    frame(workspace, office=None, authorised=10)
    frame(workspace, office="economy", authorised=4)
    frame(workspace, office="economy", job_position="Địa chính – xây dựng", authorised=2, effective="01/10/2025")
    official(workspace, name="A", job_position="Địa chính – xây dựng")
    away = official(workspace, name="B", title="deputy")
    movement(workspace, official_id=away, start="01/11/2025", planned_end="31/01/2026")
    for name in "CDE":
        official(workspace, name=name, office="leadership", title="vice_chair", category="cadre")
    wb = export(workspace, tmp_path, "staffing")
    assert wb.sheetnames == ["Biên chế", "Cấp phó", "Khung biên chế"]
    heading, body = table(wb["Biên chế"])
    assert heading[1:] == ("Phòng, ban, vị trí việc làm", "Biên chế được giao", "Hiện có",
                           "Trong đó biệt phái, tăng cường đi", "Được biệt phái, tăng cường đến",
                           "Ngoài biên chế (hợp đồng, ...)", "Thừa", "Thiếu")
    # Totals first: frame 10 (the commune's), 5 on the quota, 1 away; short 2 in the economic office and 6
    # in the part no office holds: 8 (its land post's 1 is part of the office's 2)
    assert body[0] == ("Tổng cộng", 10, 5, 1, 0, 0, 0, 8)
    economy = next(r for r in body if "Phòng Kinh tế, Hạ tầng và Đô thị" in r)
    assert economy[2:] == (4, 2, 1, 0, 0, 0, 2)
    assert ("– Địa chính – xây dựng", 2, 1, 0, 0, 0, 0, 1) in body
    # Last, the unit's own: 5 on its quota against 10
    assert body[-1] == (NET_LABEL, 0, 5)
    heading, body = table(wb["Cấp phó"])
    pool = body[0]
    assert pool[1].startswith("Cấp phó của các phòng") and pool[2:5] == (8, 1, 0)
    vice = next(r for r in body if r[1] == "Phó Chủ tịch UBND")
    # The breach said in words, and by whose decision the number is given (Hải Phòng is a thành phố)
    assert vice[2:5] == (2, 3, 1)
    assert vice[5] == "Số được giao theo quyết định của Ủy ban nhân dân thành phố Hải Phòng; vượt số được giao"
    heading, body = table(wb["Khung biên chế"])
    assert body[0] == ("I. Chung toàn đơn vị",)     # a phường's frames for no one office


def test_the_staffing_reports_total_adds_up_its_rows_and_the_units_own_figure_is_its_last_line(workspace,
                                                                                              tmp_path):
    # Given one office over its frame and another under it, one of its job positions under its own
    frame(workspace, office="office", authorised=1)
    frame(workspace, office="economy", authorised=4)
    frame(workspace, office="economy", job_position="Kế toán", authorised=2)
    for name in "AB":
        official(workspace, name=name, office="office")
    official(workspace, name="C", job_position="Kế toán")
    wb = export(workspace, tmp_path, "staffing")
    cells = list(wb["Biên chế"].iter_rows(values_only=True))
    heading = next(i for i, r in enumerate(cells) if "Thừa" in r)
    surplus, shortage = cells[heading].index("Thừa"), cells[heading].index("Thiếu")
    body = list(itertools.takewhile(lambda r: r[1], cells[heading + 2:]))     # up to the notes under the table
    lines = {r[1]: (r[surplus], r[shortage]) for r in body}
    offices = [lines[r[1]] for r in body if isinstance(r[0], int)]      # a job position has no number
    assert lines["Văn phòng HĐND và UBND"] == (1, 0) and lines["Phòng Kinh tế, Hạ tầng và Đô thị"] == (0, 3)
    # Then «Tổng cộng» says 1 over and 3 short: its column's sum, the job position's 1 not counted twice
    assert lines["– Kế toán"] == (0, 1)
    assert lines["Tổng cộng"] == (sum(o[0] or 0 for o in offices), sum(o[1] or 0 for o in offices)) == (1, 3)
    # And the table's last line says, labelled, that the unit as a whole (3 against 5) is 2 short
    assert body[-1][1:] == (NET_LABEL, None, None, None, None, None, 0, 2)
    # And the note under the table says which is which
    notes = [c for r in rows(wb["Biên chế"]) for c in r if isinstance(c, str) and c.startswith("Thừa, thiếu ở")]
    assert notes == ["Thừa, thiếu ở dòng «Tổng cộng» là tổng của các dòng có số thứ tự; dòng cuối là thừa, thiếu tính "
                     "chung toàn đơn vị (tổng số hiện có so với tổng biên chế được giao), số thừa ở phòng, ban này "
                     "được bù trừ vào số thiếu ở phòng, ban khác."]


def test_exports_are_final_a4_landscape_documents(workspace, tmp_path):
    official(workspace)
    wb = export(workspace, tmp_path, "officials")
    ws = wb.worksheets[0]
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9   # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    assert wb.properties.contentStatus == "Final"
    assert {c.font.name for r in ws.iter_rows() for c in r if c.value is not None} == {"Times New Roman"}
