"""What real commune reports carry: the clerk's narrative in the usual outline, the public-service point's
figures, staffing needs by profession, proposals grouped by the body addressed; rules by their effective date."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl
import pytest
from tests.conftest import NGO_QUYEN
from tests.services.registers_helpers import frame, initiative, official, visit

from desk.domain import periods
from desk.domain.access import Actor, Role
from desk.domain.registers import needs, procedures
from desk.domain.registers.needs import REGISTER as NEEDS
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.registers.procedures import REGISTER as PROCEDURES
from desk.domain.staffing import NET_LABEL
from desk.errors import ValidationError
from desk.importers.desk_report import read_report
from desk.services import periodic_report, printed_check, records, report_settings, report_texts
from desk.services.period_lock import PeriodLockedError
from desk.store import audit

CLERK = Actor("lan", Role.CLERK)
LEADER = Actor("lanhdao", Role.LEADER)
Q3, Q4 = periods.quarter(2025, 3), periods.quarter(2025, 4)
NOW = datetime(2025, 12, 20, 9, 0).astimezone()


def cover(path) -> list[str]:
    ws = openpyxl.load_workbook(path)["Báo cáo"]
    return [c for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)]


def save(workspace, reg, **values) -> str:
    with workspace.session() as session:
        return records.save(session, reg, values, unit_code=NGO_QUYEN, actor=CLERK)


def test_the_narrative_prints_in_the_usual_outline_and_an_empty_section_is_left_out(workspace, tmp_path):
    with workspace.session() as session:
        report_texts.save(session, CLERK, NGO_QUYEN, Q3, {
            "general": "Bộ máy vận hành ổn định.", "shortcomings": "Thiếu công chức địa chính.\nTrụ sở phân tán.",
            "tasks": "", "recommendations": "Đề nghị ban hành hướng dẫn phân cấp."})
        periodic_report.export(session, workspace.require_unit(), Q3, tmp_path / "q3.xlsx", now=NOW)
    texts = cover(tmp_path / "q3.xlsx")
    parts = [t for t in texts if t[:3] in ("I. ", "II.", "III", "IV.", "V. ")]
    # I. results (the typed assessment, then each register's figures), II. obstacles, III. shortcomings,
    # then (no tasks typed) IV. recommendations: the numbers stay consecutive
    assert parts == ["I. TÌNH HÌNH CHUNG VÀ KẾT QUẢ ĐẠT ĐƯỢC", "II. KHÓ KHĂN, VƯỚNG MẮC",
                     "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "IV. KIẾN NGHỊ, ĐỀ XUẤT"]
    assert texts.index("1. Đánh giá chung") < texts.index("Bộ máy vận hành ổn định.") < texts.index(
        "2. Biên chế, cán bộ, công chức")
    assert "Thiếu công chức địa chính." in texts and "Trụ sở phân tán." in texts
    assert "Đề nghị ban hành hướng dẫn phân cấp." in texts


def test_points_under_a_numbered_subheading_take_vietnamese_letters_in_decree_30s_order(workspace, tmp_path):
    bodies = ("Sở Tài chính", "Bộ Xây dựng", "Sở Nội vụ", "Bộ Tư pháp", "Sở Xây dựng",
              "Ủy ban nhân dân tỉnh, thành phố")
    for n, body in enumerate(bodies):
        save(workspace, OBSTACLES, title=f"Vướng mắc số {n + 1}", domain="LEGAL", level="province",
             raised_on="01/08/2025", status="in_progress", requested_body=body, proposal=f"Hướng dẫn việc số {n + 1}")
    with workspace.session() as session:
        report_texts.save(session, CLERK, NGO_QUYEN, Q3, {"recommendations": "Đề nghị ban hành hướng dẫn chung."})
        periodic_report.export(session, workspace.require_unit(), Q3, tmp_path / "q3.xlsx", now=NOW)
    texts = cover(tmp_path / "q3.xlsx")
    # I.: the staffing figures are points a), b) under "N. Biên chế, cán bộ, công chức", never a second "1."
    staffing = next(i for i, t in enumerate(texts) if t.endswith(". Biên chế, cán bộ, công chức"))
    assert texts[staffing + 1].startswith("a) Biên chế được giao: ")
    assert texts[staffing + 2].startswith("b) Cấp phó của các phòng chuyên môn")
    assert texts[staffing + 3] == "Chi tiết tại các biểu số 05, 06/BCĐK kèm theo."
    # The last part: what the clerk typed is "1.", the proposals by body "2." with one point a body: a) to e),
    # with đ after d and no f (the Vietnamese alphabet)
    heading = texts.index("2. Kiến nghị về các khó khăn, vướng mắc theo cơ quan giải quyết")
    assert texts[heading - 2:heading] == ["1. Kiến nghị, đề xuất", "Đề nghị ban hành hướng dẫn chung."]
    points = [t.split(" ", 1)[0] for t in texts[heading + 1:] if t.startswith(tuple("abcdđefgh")) and ") Đề nghị" in t]
    assert points == ["a)", "b)", "c)", "d)", "đ)", "e)"]
    # The list's one entry for every province's People's Committee is printed as the commune's own
    asked = [t for t in texts if "Đề nghị Ủy ban nhân dân" in t]
    assert asked and all("Ủy ban nhân dân thành phố Hải Phòng (1 vụ việc)" in t for t in asked)


def test_a_register_with_nothing_in_the_period_is_said_in_words_not_counted_as_zero(workspace, tmp_path):
    visit(workspace)        # a visit in Q3 that found nothing
    with workspace.session() as session:
        periodic_report.export(session, workspace.require_unit(), Q3, tmp_path / "q3.xlsx", now=NOW)
    texts = cover(tmp_path / "q3.xlsx")
    assert "Trong kỳ không có lượt điều động, biệt phái, luân chuyển, tăng cường nào." in texts
    assert "Trong kỳ không có sáng kiến, mô hình nào được triển khai." in texts
    assert ("Trong kỳ có 1 đợt khảo sát, làm việc tại đơn vị; qua đó chưa ghi nhận khó khăn, vướng mắc nào. "
            "Chi tiết tại các biểu số 08, 09/BCĐK kèm theo.") in texts
    assert not any(" 0 lượt" in t or " 0 sáng kiến" in t or " 0 khó khăn" in t for t in texts)


def test_the_people_an_initiative_served_are_said_as_a_total_to_date_not_as_the_periods(workspace, tmp_path):
    # Given an initiative that has served 1,250 people since it began
    initiative(workspace, people_served="1250", dossiers_handled="30")
    with workspace.session() as session:
        periodic_report.export(session, workspace.require_unit(), Q3, tmp_path / "q3.xlsx", now=NOW)
    # Then the cover says it is the total to date (a reviewer adding up periods would count it twice)
    assert ("Trong kỳ có 1 sáng kiến, mô hình được triển khai; lũy kế từ khi triển khai đã phục vụ 1.250 lượt "
            "người dân, hỗ trợ 30 hồ sơ. Chi tiết tại biểu số 10/BCĐK kèm theo.") in cover(tmp_path / "q3.xlsx")
    # And so do the form's headings
    form = openpyxl.load_workbook(tmp_path / "q3.xlsx")["10 Sáng kiến, mô hình"]
    headings = {c for row in form.iter_rows(values_only=True) for c in row if isinstance(c, str)}
    assert {"Số lượt người dân được phục vụ (lũy kế)", "Số hồ sơ được hỗ trợ, giải quyết (lũy kế)"} <= headings


def test_the_signer_is_named_from_the_register_when_settings_do_not_name_one(workspace, tmp_path):
    # Given a chair and two vice-chairs in the officials' register, and no signer's name in Settings
    official(workspace, name="Đỗ Quang Hải", office="leadership", title="chair", category="cadre")
    for name in ("Lê Văn Bình", "Phạm Thị Cúc"):
        official(workspace, name=name, office="leadership", title="vice_chair", category="cadre")
    unit = workspace.require_unit()

    def signed(path, **settings) -> list[str]:
        with workspace.session() as session:
            if settings:
                report_settings.save(session, report_settings.load(session, unit).replace(**settings))
            periodic_report.export(session, unit, Q3, path, now=NOW)
        return cover(path)[-3:]

    # When the chair signs, Then her name is under the signature (the register knows who signs)
    assert signed(tmp_path / "chair.xlsx")[-1] == "Đỗ Quang Hải"
    # When a vice-chair signs and the register holds two, Then no one is guessed: the line stays empty
    assert "Lê Văn Bình" not in signed(tmp_path / "deputy.xlsx", signing="deputy")
    assert "Phạm Thị Cúc" not in cover(tmp_path / "deputy.xlsx")
    # And a name set in Settings is the one printed
    assert signed(tmp_path / "named.xlsx", signer_name="Lê Văn Bình")[-1] == "Lê Văn Bình"


def test_an_ad_hoc_report_says_its_dates_once_under_its_subject(workspace, tmp_path):
    unit = workspace.require_unit()
    with workspace.session() as session:
        periodic_report.export(session, unit, periods.date_range(date(2025, 8, 1), date(2025, 10, 31)),
                               tmp_path / "dot-xuat.xlsx", now=NOW)
        periodic_report.export(session, unit, Q3, tmp_path / "q3.xlsx", now=NOW)
    texts = cover(tmp_path / "dot-xuat.xlsx")
    assert "Tình hình vận hành chính quyền địa phương hai cấp" in texts
    assert "(Từ ngày 01/08/2025 đến ngày 31/10/2025)" in texts and not any("hai cấp từ" in t for t in texts)
    # A named period keeps its name in the subject
    assert "Tình hình vận hành chính quyền địa phương hai cấp quý III/2025" in cover(tmp_path / "q3.xlsx")


def staffing_form(path) -> list[tuple]:
    """Form 05's table rows, from «Tổng cộng» to its last line (the notes under it have no label)."""
    cells = list(openpyxl.load_workbook(path)["05 Biên chế"].iter_rows(values_only=True))
    top = next(i for i, r in enumerate(cells) if r[1] == "Tổng cộng")
    end = next(i for i in range(top, len(cells)) if not cells[i][1])
    return cells[top:end]


def test_form_05s_total_adds_up_its_rows_and_the_units_own_figure_is_a_labelled_last_line(workspace, tmp_path):
    # Given (the province reviewer's case) the office one over its frame and the economic office three short,
    # one of them on its accounting post
    frame(workspace, office="office", authorised=1)
    frame(workspace, office="economy", authorised=4)
    frame(workspace, office="economy", job_position="Kế toán", authorised=2)
    for name in ("Nguyễn Văn An", "Trần Văn Bình"):
        official(workspace, name=name, office="office")
    official(workspace, name="Lê Thị Cúc", job_position="Kế toán")
    with workspace.session() as session:
        periodic_report.export(session, workspace.require_unit(), Q3, tmp_path / "q3.xlsx", now=NOW)
    rows = staffing_form(tmp_path / "q3.xlsx")
    surplus, shortage = 6, 7        # STT, the label, frame, actual, away, seconded in, Thừa, Thiếu
    numbered = [r for r in rows if isinstance(r[0], int)]
    # Then «Tổng cộng» is the sum of the offices' rows above it (the post's 1 is inside its office's 3)
    assert rows[0][2:] == (5, 3, 0, 0, 1, 3)
    assert (sum(r[surplus] or 0 for r in numbered), sum(r[shortage] or 0 for r in numbered)) == (1, 3)
    # And the last line, labelled, has the unit's own: 3 against 5, 2 short; nothing else on it
    assert rows[-1] == (None, NET_LABEL, None, None, None, None, 0, 2)
    # And the cover says the sums, as the form's total, then the unit's own figure
    assert ("a) Biên chế được giao: 5; hiện có: 3 (trong đó biệt phái, tăng cường đi: 0); thừa: 1; thiếu: 3 "
            "(tính chung toàn đơn vị, sau bù trừ giữa các phòng, ban: thiếu 2).") in cover(tmp_path / "q3.xlsx")
    # And the province's check of the file finds nothing edited
    report = read_report(tmp_path / "q3.xlsx")
    assert printed_check.edits(report, Q3, []) == []


def test_with_no_office_over_its_frame_the_cover_says_the_shortage_once(workspace, tmp_path):
    frame(workspace, office="economy", authorised=4)
    official(workspace)
    with workspace.session() as session:
        periodic_report.export(session, workspace.require_unit(), Q3, tmp_path / "q3.xlsx", now=NOW)
    assert ("a) Biên chế được giao: 4; hiện có: 1 (trong đó biệt phái, tăng cường đi: 0); thừa: 0; thiếu: 3."
            in cover(tmp_path / "q3.xlsx"))
    # The form keeps its shape: the unit's own line is there, the same as the total
    rows = staffing_form(tmp_path / "q3.xlsx")
    assert rows[0][6:] == (0, 3) and rows[-1][1:] == (NET_LABEL, None, None, None, None, 0, 3)


def test_the_texts_are_kept_with_the_period_audited_and_locked_with_it(workspace, tmp_path):
    unit = workspace.require_unit()
    with workspace.session() as session:
        assert report_texts.save(session, CLERK, NGO_QUYEN, Q3, {"general": "  Ổn định.\r\n"}) == ["general"]
        assert report_texts.texts(session, NGO_QUYEN, Q3.code)["general"] == "Ổn định."
        assert report_texts.texts(session, NGO_QUYEN, Q4.code)["general"] == ""
        assert [(e.actor, e.new_value) for e in audit.history(session, "report_text", "2025-Q3/general")] == [
            ("lan", "Ổn định.")]
        periodic_report.export(session, unit, Q3, tmp_path / "nop.xlsx", submit=True, actor=LEADER, now=NOW)
    with workspace.session() as session, pytest.raises(PeriodLockedError, match="đã khóa"):
        report_texts.save(session, CLERK, NGO_QUYEN, Q3, {"general": "Sửa sau khi nộp."})
    with workspace.session() as session, pytest.raises(ValidationError):
        report_texts.save(session, CLERK, NGO_QUYEN, Q4, {"results": "x" * 20_001})


def test_the_service_point_figures_must_add_up(workspace):
    base = {"point": "Trung tâm Phục vụ hành chính công", "from_date": "01/07/2025", "to_date": "31/07/2025",
            "carried_over": "10", "received_in_person": "100", "received_online": "50"}
    with workspace.session() as session, pytest.raises(ValidationError) as caught:
        records.save(session, PROCEDURES, {**base, "resolved_on_time": "150", "pending": "11", "fully_online": "60"},
                     unit_code=NGO_QUYEN, actor=CLERK)
    assert caught.value.errors["pending"] == ("Đã giải quyết cộng đang giải quyết (161) không được vượt số tiếp "
                                              "nhận cộng kỳ trước chuyển sang (160).")
    assert "không được vượt «Tiếp nhận trực tuyến»" in caught.value.errors["fully_online"]


@pytest.mark.parametrize("typed", ["12a", "1,250"])
def test_a_count_typed_wrong_is_the_only_error_until_it_can_be_read(workspace, typed):
    """Read as nothing, «12a» would also blame «Đang giải quyết», left empty, for a sum that does not add up."""
    base = {"point": "Trung tâm Phục vụ hành chính công", "from_date": "01/11/2026", "to_date": "30/11/2026",
            "resolved_on_time": "5", "fully_online": "3", "digitised": "4"}
    with workspace.session() as session, pytest.raises(ValidationError) as caught:
        records.save(session, PROCEDURES, {**base, "received_in_person": typed, "received_online": "zz"},
                     unit_code=NGO_QUYEN, actor=CLERK)
    assert set(caught.value.errors) == {"received_in_person", "received_online"}
    assert "không phải số nguyên" in caught.value.errors["received_in_person"]
    # Once the count reads, the sums are checked again
    with workspace.session() as session, pytest.raises(ValidationError) as caught:
        records.save(session, PROCEDURES, {**base, "received_in_person": "2", "received_online": "1"},
                     unit_code=NGO_QUYEN, actor=CLERK)
    assert set(caught.value.errors) == {"pending", "fully_online", "digitised"}


def test_a_quarter_typed_month_by_month_adds_up_to_the_quarter():
    rows = [{"from_date": date(2025, 7, 1), "to_date": date(2025, 7, 31), "carried_over": 5, "received_online": 10,
             "resolved_on_time": 12, "pending": 3},
            {"from_date": date(2025, 8, 1), "to_date": date(2025, 8, 31), "carried_over": 3, "received_online": 20,
             "resolved_early": 15, "resolved_late": 2, "pending": 6},
            {"from_date": date(2025, 9, 15), "to_date": date(2025, 9, 30), "received_online": 99}]   # after Q3's end
    f = procedures.figures(rows, Q3.start, Q3.end)
    assert (f.carried_over, f.received, f.resolved, f.pending, f.records) == (5, 30, 29, 6, 2)
    assert procedures.percent_vi(f.share("in_time")) == "93,1%"


def test_staffing_needs_take_the_latest_figures_by_profession_on_the_period_end():
    rows = [{"profession": "it", "office": "service_centre", "job_position": "CNTT", "as_of": date(2025, 8, 1),
             "needed": 2, "present": 0, "solutions": "second,recruit"},
            {"profession": "it", "office": "service_centre", "job_position": "CNTT", "as_of": date(2025, 11, 1),
             "needed": 2, "present": 1, "solutions": "recruit"},
            {"profession": "land", "office": "economy", "job_position": "Địa chính", "as_of": date(2025, 8, 1),
             "needed": 4, "present": 2}]
    assert [(n.profession, n.shortage) for n in needs.needs_on(rows, Q3.end)] == [("land", 2), ("it", 2)]
    assert [(n.profession, n.shortage, n.solutions) for n in needs.needs_on(rows, Q4.end)] == [
        ("land", 2, ()), ("it", 1, ("recruit",))]


def test_procedure_figures_say_which_days_they_are_of_and_the_ratings_behind_the_satisfaction_rate(
        workspace, tmp_path):
    # Given the service point's figures typed month by month: July, August and September
    for start, end in (("01/07/2025", "31/07/2025"), ("01/08/2025", "31/08/2025"), ("01/09/2025", "30/09/2025")):
        save(workspace, PROCEDURES, point="Trung tâm Phục vụ hành chính công", from_date=start, to_date=end,
             received_in_person="100", resolved_on_time="100", rated="40", satisfied="30")
    # When Q3's report (15/06-14/09/2025) is made
    with workspace.session() as session:
        periodic_report.export(session, workspace.require_unit(), Q3, tmp_path / "q3.xlsx", now=NOW)
    # Then it says its figures are July's and August's (September ends after the cut-off: the next report's)
    said = "số liệu từ ngày 01/07/2025 đến ngày 31/08/2025"
    assert any(t.startswith(f"Tổng số hồ sơ thủ tục hành chính ({said}): 200 ") for t in cover(tmp_path / "q3.xlsx"))
    form = [list(r) for r in openpyxl.load_workbook(tmp_path / "q3.xlsx")["11 TTHC"].iter_rows(values_only=True)]
    assert any(row[0] == said[:1].upper() + said[1:] + "." for row in form)
    # And the satisfaction rate stands under the ratings it is a share of
    assert [r[1:4] for r in form if r[1] in ("Lượt đánh giá", "Trong đó: hài lòng")] == [
        ["Lượt đánh giá", 80, None], ["Trong đó: hài lòng", 60, "75,0%"]]


def test_the_forms_of_procedures_needs_and_proposals_by_body_are_annexed(workspace, tmp_path):
    save(workspace, PROCEDURES, point="Trung tâm Phục vụ hành chính công", from_date="15/06/2025",
         to_date="14/09/2025", received_in_person="26430", received_online="1200", fully_online="600",
         resolved_on_time="27000", pending="630", rated="100", satisfied="95")
    save(workspace, NEEDS, profession="land", office="economy", as_of="01/08/2025", needed="4", present="2",
         job_position="Địa chính", solutions="second")
    for title, body, level in (("Chưa có hướng dẫn quyết toán", "Sở Tài chính", "province"),
                               ("Chưa rõ thẩm quyền cấp phép", "Bộ Xây dựng", "central"),
                               ("Đường truyền chập chờn", None, "commune")):
        save(workspace, OBSTACLES, title=title, domain="LEGAL", level=level, raised_on="01/08/2025",
             status="in_progress", requested_body=body, proposal=f"Đề nghị giải quyết: {title.lower()}",
             cause="Chưa có văn bản hướng dẫn", impact="Hồ sơ bị ách tắc", impact_count="270")
    with workspace.session() as session:
        periodic_report.export(session, workspace.require_unit(), Q3, tmp_path / "q3.xlsx", now=NOW)
    wb = openpyxl.load_workbook(tmp_path / "q3.xlsx")
    names = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert names[-3:] == ["11 TTHC", "12 Nhu cầu nhân sự", "13 Kiến nghị theo cơ quan"]
    tthc = [r for r in wb["11 TTHC"].iter_rows(values_only=True)]
    total = next(r for r in tthc if r[1] == "Tổng số hồ sơ")
    assert total[2] == 27630 and wb["11 TTHC"].cell(tthc.index(total) + 1, 3).number_format.startswith("[>=1000000]")
    texts = cover(tmp_path / "q3.xlsx")
    assert any("tiếp nhận trong kỳ: 27.630" in t for t in texts)          # grouped with a dot
    # The proposals going up, grouped by the body addressed; the commune's own is not among them
    bodies = [r[0] for r in wb["13 Kiến nghị theo cơ quan"].iter_rows(values_only=True)
              if isinstance(r[0], str) and r[0][:3] in ("I. ", "II.")]
    assert bodies == ["I. Sở Tài chính", "II. Bộ Xây dựng"]
    # Alone in its part (nothing typed there), the bodies are its points "1.", "2." under the Roman heading
    assert "1. Đề nghị Sở Tài chính (1 vụ việc):" in texts and "2. Đề nghị Bộ Xây dựng (1 vụ việc):" in texts
    assert not any("đường truyền" in t for t in texts)
    need = [r for r in wb["12 Nhu cầu nhân sự"].iter_rows(values_only=True) if r[1] == "Đất đai, địa chính"]
    assert need[0][2:6] == (4, 2, 2, "Biệt phái, tăng cường")


def test_resolution_332_applies_to_periods_ending_from_15_october_2025(workspace, tmp_path):
    for name in ("A", "B", "C"):
        official(workspace, office="office", title="deputy", name=f"Phó Chánh Văn phòng {name}")
    unit = workspace.require_unit()
    with workspace.session() as session:
        periodic_report.export(session, unit, Q3, tmp_path / "q3.xlsx", now=NOW)
        periodic_report.export(session, unit, Q4, tmp_path / "q4.xlsx", now=NOW)

    def deputies(path):
        ws = openpyxl.load_workbook(path)["06 Cấp phó"]
        return next(r for r in ws.iter_rows(values_only=True) if r[1] and str(r[1]).startswith("Cấp phó của"))

    q3, q4 = deputies(tmp_path / "q3.xlsx"), deputies(tmp_path / "q4.xlsx")
    assert q3[2] is None and "áp dụng từ ngày 15/10/2025; chưa áp dụng cho kỳ này" in q3[5]
    assert q4[2] == 8 and q4[3] == 3 and "Nghị quyết 332/NQ-CP" in q4[5]


def test_the_obstacle_list_is_read_once_per_report_and_the_sections_agree_with_reading_it_apart(
        workspace, tmp_path, monkeypatch):
    from desk.services import obstacle_report, obstacle_sections, outline_sections

    # Given obstacles going up to a higher level and one kept at the commune
    for title, level in (("Chưa có hướng dẫn quyết toán", "province"), ("Đường truyền chập chờn", "commune")):
        save(workspace, OBSTACLES, title=title, domain="LEGAL", level=level, raised_on="01/08/2025",
             status="in_progress", requested_body="Sở Tài chính", proposal=f"Đề nghị: {title.lower()}")
    reads = []
    real = obstacle_report.rows_in_period
    monkeypatch.setattr(obstacle_report, "rows_in_period", lambda *a, **k: reads.append(1) or real(*a, **k))
    unit = workspace.require_unit()
    # When the whole report is built
    with workspace.session() as session:
        whole = periodic_report.build(session, unit, Q3, signed_on=NOW.date(), generated_at=NOW)
    # Then the obstacles and the proposals sections read the list once between them
    assert len(reads) == 1
    # And each section gives what it gives built on its own (a fresh read each)
    with workspace.session() as session:
        apart = [obstacle_sections.obstacle_section(session, unit, Q3),
                 outline_sections.recommendations_section(session, unit, Q3)]
    assert len(reads) == 3
    for content in apart:
        for annex in content.annexes:
            built = next(a for a in whole.annexes if a.title == annex.title)
            assert built.blocks == annex.blocks
        for block in content.blocks:
            assert block in whole.blocks


def test_proposals_by_body_on_a_long_generated_list_keep_the_list_order_and_every_obstacle_once(
        workspace, monkeypatch):
    import random

    from desk.services import obstacle_sections, outline_sections
    from desk.services.records import choices

    with workspace.session() as session:
        order = [c.code for c in choices(session, OBSTACLES, "requested_body", include_inactive=True)]
    # Given a long list (bodies from the list, one not in it, none) of obstacles open at the period's end
    rng = random.Random(5)
    bodies = [*order, "Cơ quan không có trong danh mục", "Another unknown", None]
    records = tuple({"id": str(i), "title": f"Vướng mắc {i}", "status": rng.choice(["in_progress", "referred"]),
                     "level": rng.choice(["commune", "province", "central"]), "requested_body": rng.choice(bodies),
                     "proposal": rng.choice(["Đề nghị A", "Đề nghị B", None]), "cause": None, "impact": None,
                     "impact_count": None, "raised_on": date(2025, 8, 1), "deadline": None}
                    for i in range(3000))
    monkeypatch.setattr(outline_sections, "obstacle_figures",
                        lambda session, unit, period: obstacle_sections.ObstacleFigures(period, records))
    with workspace.session() as session:
        content = outline_sections.recommendations_section(session, workspace.require_unit(), Q3)
    going_up = [r for r in records if r["level"] in outline_sections.HIGHER or r["status"] == "referred"]
    # Then the blocks come in the list's order, then the codes not in it (sorted), then the unaddressed
    present = {r["requested_body"] for r in going_up}
    expected = ([k for k in order if k in present] + sorted(b for b in present if b and b not in order)
                + ([None] if None in present else []))
    (annex,) = content.annexes
    assert len(annex.blocks) == len(expected)
    # And each block lists its body's obstacles in the list's order, numbered on across the blocks
    listed = [row for block in annex.blocks for row in block.rows]
    assert [row["_stt"] for row in listed] == list(range(1, len(going_up) + 1))
    by_key = [r["title"] for key in expected for r in going_up if r["requested_body"] == key]
    assert [row["title"] for row in listed] == by_key
