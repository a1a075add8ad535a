"""The periodic report against the store: its sections, its number, its machine-readable part."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, date, datetime, timedelta, timezone

import openpyxl
import pytest
from sqlalchemy import select
from tests.conftest import NGO_QUYEN

from desk import helper_pools
from desk.domain import periods
from desk.domain.access import Actor, Role
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.errors import UserError
from desk.importers.desk_report import read_report
from desk.reports import sheet_helper
from desk.reports.manifest import DATA_SHEET, MANIFEST_SHEET
from desk.services import (
    demo_registers,
    obstacle_report,
    obstacle_sections,
    periodic_report,
    printed_check,
    records,
    reporting,
    staffing,
)
from desk.store.reporting import PeriodLock, ReportInstance

Q3 = periods.parse_period("2025-Q3")          # 15/06/2025 – 14/09/2025, due 16/09/2025
SENT = datetime(2025, 9, 16, 9, 30)


def add(workspace, title, raised, status="received", **more):
    values = {"domain": "PREMISES", "title": title, "level": "province", "raised_on": raised, "status": status}
    if status == "resolved":
        values.update(result="Đã xử lý", resolved_on=more.pop("resolved_on"))
    values.update(more)
    with workspace.session() as session:
        return records.save(session, OBSTACLES, values, unit_code=NGO_QUYEN)


def export(workspace, out, period=Q3, **kwargs):
    kwargs.setdefault("now", SENT)
    with workspace.session() as session:
        return periodic_report.export(session, workspace.require_unit(), period, out, **kwargs)


@pytest.fixture
def obstacles_q3(workspace):
    """Two raised in Q3, one carried over still open, one carried over and resolved in Q3, one outside."""
    add(workspace, "Phát sinh, đang xử lý", "01/07/2025", status="in_progress", deadline="01/08/2025")
    add(workspace, "Phát sinh, đã tháo gỡ", "02/07/2025", status="resolved", resolved_on="10/08/2025")
    add(workspace, "Tồn từ quý II, còn mở", "01/05/2025", status="referred")
    add(workspace, "Tồn từ quý II, tháo gỡ trong quý III", "02/05/2025", status="resolved", resolved_on="01/08/2025")
    add(workspace, "Tháo gỡ sau kỳ", "03/05/2025", status="resolved", resolved_on="01/10/2025")
    add(workspace, "Đã xong trước kỳ", "01/04/2025", status="resolved", resolved_on="01/06/2025")
    add(workspace, "Sau kỳ", "15/09/2025")
    return workspace


def test_obstacle_figures_split_the_period_as_the_report_lists_them(obstacles_q3):
    with obstacles_q3.session() as session:
        f = obstacle_sections.obstacle_figures(session, obstacles_q3.require_unit(), Q3)
    titles = lambda rows: sorted(r["title"] for r in rows)  # noqa: E731
    assert titles(f.new) == ["Phát sinh, đang xử lý", "Phát sinh, đã tháo gỡ"]
    assert titles(f.carried) == ["Tháo gỡ sau kỳ", "Tồn từ quý II, còn mở", "Tồn từ quý II, tháo gỡ trong quý III"]
    # "open at the end of the period": resolved on 01/10 was still open on 14/09
    assert titles(f.carried_open) == ["Tháo gỡ sau kỳ", "Tồn từ quý II, còn mở"]
    assert titles(f.resolved) == ["Phát sinh, đã tháo gỡ", "Tồn từ quý II, tháo gỡ trong quý III"]
    assert len(f.open_at_end) == 3 and f.overdue_at_end() == 1


def test_a_report_made_while_its_period_runs_counts_that_days_figures(obstacles_q3, tmp_path, monkeypatch):
    # Given one more open obstacle, due 10/09/2025, and a draft made on 01/09/2025, before Q3's cut-off (14/09)
    add(obstacles_q3, "Hạn sau ngày lập", "05/07/2025", status="in_progress", deadline="10/09/2025")
    made = datetime(2025, 9, 1, 10, 0).astimezone()

    class MadeThatDay(date):
        @classmethod
        def today(cls):
            return made.date()

    monkeypatch.setattr(obstacle_sections, "date", MadeThatDay)
    path = tmp_path / "q3-du-thao.xlsx"
    export(obstacles_q3, path, now=made)
    wb = openpyxl.load_workbook(path)
    cells = lambda name: [c for row in wb[name].iter_rows(values_only=True) for c in row if isinstance(c, str)]  # noqa: E731
    # Then its deadline has not passed: one overdue (due 01/08), and the forms say which day they count
    assert any("(trong đó quá hạn xử lý: 1;" in c for c in cells("Báo cáo"))
    said = "Tình trạng tính đến ngày 01/09/2025 (ngày lập báo cáo; kỳ chốt số liệu ngày 14/09/2025)."
    assert said in cells("01 KKVM tổng hợp") and said in cells("03 KKVM tồn đọng")
    # And the province's check of the file reads the same figures from its data: nothing looks edited
    report = read_report(path)
    rows = report.rows("obstacles")
    printed_check.type_dates(rows, {})
    assert printed_check.edits(report, Q3, rows) == []
    # Made after the cut-off, the same report counts both, at the period's end
    monkeypatch.undo()
    export(obstacles_q3, path)
    wb = openpyxl.load_workbook(path)
    assert any("(trong đó quá hạn xử lý: 2;" in c for c in cells("Báo cáo"))
    assert "Tình trạng tính đến ngày 14/09/2025 (ngày chốt số liệu của kỳ)." in cells("01 KKVM tổng hợp")


def test_the_workbook_has_the_text_report_then_numbered_forms_then_hidden_data(obstacles_q3, tmp_path):
    result = export(obstacles_q3, tmp_path / "q3.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "q3.xlsx")
    visible = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert visible[:5] == ["Báo cáo", "01 KKVM tổng hợp", "02 KKVM chi tiết", "03 KKVM tồn đọng", "04 KKVM đã tháo gỡ"]
    # The data part is there but cannot be unhidden from Excel's menu
    assert wb[MANIFEST_SHEET].sheet_state == "veryHidden" and wb[DATA_SHEET].sheet_state == "veryHidden"
    cover = [c for row in wb["Báo cáo"].iter_rows(values_only=True) for c in row if c]
    assert "Số:      /BC-UBND" in cover                     # a draft has no number
    assert "Tình hình vận hành chính quyền địa phương hai cấp quý III/2025" in cover
    assert ("1. Tổng số khó khăn, vướng mắc trong kỳ: 5 vụ việc (phát sinh trong kỳ: 2; "
            "từ kỳ trước chuyển sang: 3).") in cover
    assert "Chi tiết tại các biểu số 01, 02, 03, 04/BCĐK kèm theo." in cover     # a sentence, not a point
    assert result.row_counts["obstacles"] == 5 and not result.submitted
    forms = [wb[name].cell(1, 1).value for name in visible[1:5]]
    assert forms == ["Biểu số 01/BCĐK", "Biểu số 02/BCĐK", "Biểu số 03/BCĐK", "Biểu số 04/BCĐK"]


def test_each_form_lists_the_right_obstacles(obstacles_q3, tmp_path):
    export(obstacles_q3, tmp_path / "q3.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "q3.xlsx")
    cells = lambda name: {c for row in wb[name].iter_rows(values_only=True) for c in row if isinstance(c, str)}  # noqa: E731
    assert {"Tháo gỡ sau kỳ", "Tồn từ quý II, còn mở"} <= cells("03 KKVM tồn đọng")
    assert "Tồn từ quý II, tháo gỡ trong quý III" not in cells("03 KKVM tồn đọng")
    resolved = cells("04 KKVM đã tháo gỡ")
    assert {"Phát sinh, đã tháo gỡ", "Tồn từ quý II, tháo gỡ trong quý III"} <= resolved
    assert "Tháo gỡ sau kỳ" not in resolved and "Sau kỳ" not in cells("02 KKVM chi tiết")


def test_the_data_part_reads_back_intact_and_an_edit_is_detected(obstacles_q3, tmp_path):
    path = tmp_path / "q3.xlsx"
    export(obstacles_q3, path)
    report = read_report(path)
    assert report.intact
    assert report.manifest.get("unit_code") == str(NGO_QUYEN) and report.manifest.get("period_code") == "2025-Q3"
    assert report.manifest.get("period_start") == "2025-06-15" and report.manifest.get("due_date") == "2025-09-16"
    assert report.manifest.get("blocks").startswith("obstacles=5;choices=")
    ids = {r["id"] for r in report.rows("obstacles")}
    with obstacles_q3.session() as session:
        expected = {r["id"] for r in obstacle_sections.obstacle_figures(session, obstacles_q3.require_unit(),
                                                                        Q3).records}
    assert ids == expected
    # When someone changes one title in the hidden data and saves
    wb = openpyxl.load_workbook(path)
    ws = wb[DATA_SHEET]
    header = [c.value for c in ws[2]]
    ws.cell(3, header.index("title") + 1).value = "Đã bị sửa"
    wb.save(path)
    # Then the recomputed hash no longer matches
    assert not read_report(path).intact


@pytest.mark.parametrize("keys", [None, ("obstacles",)], ids=["whole report", "the obstacles alone"])
def test_a_long_reports_data_helper_starts_before_its_records_are_read(obstacles_q3, tmp_path, monkeypatch, keys):
    # Given a report long enough for its data part to be made by a second process (here: from 3 rows)
    happened = _helper_started_or_records_read(monkeypatch)
    # When it is exported
    export(obstacles_q3, tmp_path / "q3.xlsx", keys=keys)
    # Then its one helper was started first, loading while the records were read
    assert happened[0] == "start" and happened.count("start") == 1 and "read" in happened
    assert multiprocessing.active_children() == []
    report = read_report(tmp_path / "q3.xlsx")
    assert report.intact and len(report.rows("obstacles")) == 5


def test_no_helper_is_started_for_sections_without_the_obstacle_list(obstacles_q3, tmp_path, monkeypatch):
    happened = _helper_started_or_records_read(monkeypatch)
    # When the proposals by body alone are exported (they list obstacles, but have no data block of them)
    export(obstacles_q3, tmp_path / "kien-nghi.xlsx", keys=("recommendations",))
    # Then no second process was started for it
    assert "read" in happened and "start" not in happened


def _helper_started_or_records_read(monkeypatch) -> list[str]:
    """What the export does of the two, in order; a data part of 3 rows or more is made by a helper."""
    monkeypatch.setattr(sheet_helper, "HELPED_ROWS", 3)
    happened: list[str] = []
    starting, reading = helper_pools.start, obstacle_report.rows_in_period
    monkeypatch.setattr(helper_pools, "start", lambda *a, **k: happened.append("start") or starting(*a, **k))
    monkeypatch.setattr(obstacle_report, "rows_in_period",
                        lambda *a, **k: happened.append("read") or reading(*a, **k))
    return happened


def test_the_data_part_writes_each_records_own_times():
    # Given records sharing a moment (imported together; never edited), one at the same instant in another
    # zone, one a second later, and one without times
    utc, hanoi = UTC, timezone(timedelta(hours=7))
    moment = datetime(2025, 7, 1, 2, 0, tzinfo=utc)
    times = [(moment, moment), (moment, moment), (moment.astimezone(hanoi), moment + timedelta(seconds=1)),
             (datetime(2025, 7, 1, 9, 0), None)]
    blank = dict.fromkeys(obstacle_sections.OBSTACLE_DATA_COLUMNS)
    records = tuple({**blank, "id": f"r{i}", "unit_code": NGO_QUYEN, "created_at": made, "updated_at": changed,
                     "raised_on": date(2025, 7, 1)} for i, (made, changed) in enumerate(times))
    # When the data part's obstacles are made
    rows = obstacle_sections._obstacle_block(records, Q3).rows
    at = obstacle_sections.OBSTACLE_DATA_COLUMNS.index("created_at")
    # Then each record has its own times as written, the zone's included
    assert [row[at:at + 2] for row in rows] == [
        ("2025-07-01T02:00:00+00:00", "2025-07-01T02:00:00+00:00"),
        ("2025-07-01T02:00:00+00:00", "2025-07-01T02:00:00+00:00"),
        ("2025-07-01T09:00:00+07:00", "2025-07-01T02:00:01+00:00"),
        ("2025-07-01T09:00:00", ""),
    ]
    # and records whose times are all in one zone get the same texts as one by one
    same_zone = tuple(r for r in records if r["created_at"].tzinfo is UTC and r["updated_at"] is not None)
    assert [row[at:at + 2] for row in obstacle_sections._obstacle_block(same_zone, Q3).rows] == [
        ("2025-07-01T02:00:00+00:00", "2025-07-01T02:00:00+00:00"),
        ("2025-07-01T02:00:00+00:00", "2025-07-01T02:00:00+00:00"),
    ]


def test_submission_numbers_count_per_year_with_a_leading_zero(workspace, tmp_path):
    first = export(workspace, tmp_path / "a.xlsx", submit=True)
    second = export(workspace, tmp_path / "b.xlsx", period=periods.parse_period("2025-10"), submit=True,
                    now=datetime(2025, 10, 16, 8, 0))
    next_year = export(workspace, tmp_path / "c.xlsx", period=periods.parse_period("2025"), submit=True,
                       now=datetime(2026, 1, 2, 8, 0))
    assert (first.doc_number, second.doc_number, next_year.doc_number) == (
        "Số: 01/BC-UBND", "Số: 02/BC-UBND", "Số: 01/BC-UBND")
    cover = [c for row in openpyxl.load_workbook(tmp_path / "b.xlsx")["Báo cáo"].iter_rows(values_only=True)
             for c in row if c]
    assert "Số: 02/BC-UBND" in cover
    # A draft in between used no number
    export(workspace, tmp_path / "d.xlsx", period=periods.parse_period("2025-11"))
    with workspace.session() as session:
        assert reporting.next_number(session, 2025, "BC-UBND") == 3


def test_the_registry_number_can_be_given_but_not_twice(workspace, tmp_path):
    assert export(workspace, tmp_path / "a.xlsx", submit=True, number=12).doc_number == "Số: 12/BC-UBND"
    with pytest.raises(UserError, match="Số 12/BC-UBND năm 2025 đã dùng cho báo cáo kỳ 2025-Q3"):
        export(workspace, tmp_path / "b.xlsx", period=periods.parse_period("2025-10"), submit=True, number=12)
    assert export(workspace, tmp_path / "c.xlsx", period=periods.parse_period("2025-10"),
                  submit=True).doc_number == "Số: 13/BC-UBND"


def test_a_submission_is_recorded_with_its_period_explicitly(workspace, tmp_path):
    result = export(workspace, tmp_path / "q3.xlsx", submit=True)
    with workspace.session() as session:
        instance = session.get(ReportInstance, result.report_id)
        lock = session.scalars(select(PeriodLock)).one()
    assert (instance.start, instance.end, instance.rule, instance.due_date) == (
        date(2025, 6, 15), date(2025, 9, 14), "decree09", date(2025, 9, 16))
    assert instance.data_hash == result.data_hash and instance.doc_number == 1
    assert lock.report_id == instance.id and lock.period_code == "2025-Q3"


def test_a_failed_write_uses_no_number_and_locks_nothing(workspace, tmp_path):
    with pytest.raises(UserError, match="không tồn tại"):
        export(workspace, tmp_path / "missing folder" / "q3.xlsx", submit=True)
    with workspace.session() as session:
        assert reporting.next_number(session, 2025, "BC-UBND") == 1
        assert session.scalars(select(PeriodLock)).first() is None


def test_one_section_alone_is_a_draft_of_its_forms(obstacles_q3, tmp_path):
    result = export(obstacles_q3, tmp_path / "kkvm.xlsx", keys=("obstacles",))
    wb = openpyxl.load_workbook(tmp_path / "kkvm.xlsx")
    assert [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"] == [
        "01 KKVM tổng hợp", "02 KKVM chi tiết", "03 KKVM tồn đọng", "04 KKVM đã tháo gỡ"]
    assert read_report(tmp_path / "kkvm.xlsx").manifest.get("report_kind") == "obstacles"
    assert set(result.row_counts) == {"obstacles", "choices"}
    with pytest.raises(UserError, match="Chỉ nộp được báo cáo định kỳ đầy đủ"):
        export(obstacles_q3, tmp_path / "x.xlsx", keys=("obstacles",), submit=True)
    with pytest.raises(UserError, match="Không có phần báo cáo «budget»"):
        export(obstacles_q3, tmp_path / "x.xlsx", keys=("budget",))


def test_staffing_movements_visits_and_initiatives_come_from_their_registers(workspace, tmp_path):
    # Given the demo people, frames, movements, visits and initiatives
    unit = workspace.require_unit()
    with workspace.session() as session:
        demo_registers.fill(session, unit, today=date(2025, 12, 20), actor=Actor("os:test", Role.ADMIN))
    q4 = periods.parse_period("2025-Q4")
    result = export(workspace, tmp_path / "q4.xlsx", period=q4, now=datetime(2025, 12, 16, 9, 0))
    report = read_report(tmp_path / "q4.xlsx")
    # Then the staffing block's total line is the staffing view's total on the cut-off day
    with workspace.session() as session:
        view = staffing.view(session, unit, q4.end)
    total = report.rows("staffing")[0]
    assert total["office"] == "Tổng cộng"
    assert (total["frame"], total["actual"]) == (str(view.table.total.frame), str(view.table.total.actual))
    assert total["deputies"] == str(view.deputies.deputies) and total["deputy_cap"] == str(view.deputies.cap)
    assert {"movements", "visits", "initiatives"} <= set(result.row_counts)
    visible = [ws.title for ws in openpyxl.load_workbook(tmp_path / "q4.xlsx").worksheets
               if ws.sheet_state == "visible"]
    assert visible[5:11] == ["05 Biên chế", "06 Cấp phó", "07 Điều động, biệt phái", "08 Khảo sát, làm việc",
                             "09 Phát hiện qua khảo sát", "10 Sáng kiến, mô hình"]


def test_each_form_names_its_reporting_and_receiving_units_on_one_line_each(workspace, tmp_path):
    # A reviewer reads the corner of every form; on the procedures form (four columns) it broke in two
    # ("Đơn vị nhận báo cáo: Sở Nội / vụ thành phố Hải Phòng") while every other form held it on a line.
    from desk.reports import layout
    from desk.services import demo

    with workspace.session() as session:
        demo.fill(session, workspace.require_unit(), count=60, today=date(2025, 11, 20))
    export(workspace, tmp_path / "q3.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "q3.xlsx")
    forms = [ws for ws in wb.worksheets if ws.sheet_state == "visible" and ws.title != "Báo cáo"]
    assert "11 TTHC" in [ws.title for ws in forms]
    one_line = layout._height(1, 12) + 0.5        # a second line would add 16.8 points
    corners = {ws.title: [(ws.cell(row, column).value, ws.row_dimensions[row].height)
                          for row in (1, 2) for column in range(2, ws.max_column + 1)
                          if str(ws.cell(row, column).value or "").startswith("Đơn vị")] for ws in forms}
    assert all(len(found) == 2 for found in corners.values()), corners
    assert {title: [height for _text, height in found if height > one_line] for title, found in corners.items()} \
        == {ws.title: [] for ws in forms}


def test_an_initiative_ended_after_the_cut_off_is_under_way_in_the_periods_list(workspace, tmp_path):
    from tests.services.registers_helpers import initiative

    # Given a loudspeaker campaign from 01/07/2025, ended 30/09/2025: after Q3's cut-off (14/09)
    initiative(workspace, name="Loa truyền thanh thông báo trụ sở mới", status="ended", end_date="30/09/2025",
               people_served=900)
    export(workspace, tmp_path / "q3.xlsx", now=datetime(2025, 12, 1, 9, 0))
    # Then Q3's list and data show it under way, as it stood at the cut-off
    (row,) = read_report(tmp_path / "q3.xlsx").rows("initiatives")
    assert row["status"] == "active"
    listed = openpyxl.load_workbook(tmp_path / "q3.xlsx", read_only=True)["10 Sáng kiến, mô hình"]
    states = [c for r in listed.iter_rows(values_only=True) for c in r if c in ("Đang triển khai", "Đã kết thúc")]
    assert states == ["Đang triển khai"]
