"""Figures true as of a date: a period's report says one thing everywhere, says it again after later
changes, and the dashboard counts the same day the same way."""

from __future__ import annotations

import re
from datetime import date

import openpyxl
import pytest
from tests.conftest import NGO_QUYEN

from desk.domain import periods
from desk.domain.registers import obstacles
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.importers.desk_report import read_report
from desk.services import dashboard, demo, obstacle_report, obstacle_sections, periodic_report, records

Q3 = periods.parse_period("2025-Q3")            # 15/06/2025 – 14/09/2025
DEMO_DAY = date(2025, 12, 20)


@pytest.fixture
def demo_workspace(workspace):
    with workspace.session() as session:
        demo.fill(session, workspace.require_unit(), count=200, today=DEMO_DAY)
    return workspace


def export(workspace, path):
    with workspace.session() as session:
        periodic_report.export(session, workspace.require_unit(), Q3, path)
    return path


def cover_figures(path) -> dict[str, int]:
    text = " ".join(str(c) for row in openpyxl.load_workbook(path).worksheets[0].iter_rows(values_only=True)
                    for c in row if c)
    numbers = {
        "total": r"Tổng số khó khăn, vướng mắc trong kỳ: (\d+) vụ việc", "new": r"phát sinh trong kỳ: (\d+)",
        "carried": r"từ kỳ trước chuyển sang: (\d+)\)", "resolved": r"Đã tháo gỡ trong kỳ: (\d+)",
        "open": r"Còn chưa tháo gỡ đến cuối kỳ: (\d+)", "overdue": r"quá hạn xử lý: (\d+)"}
    found = {name: int(re.search(pattern, text).group(1)) for name, pattern in numbers.items()}
    closed = re.search(r"Đóng \(không còn phù hợp\) trong kỳ: (\d+) vụ việc", text)     # only where some were
    return {**found, "closed": int(closed.group(1)) if closed else 0}


def summary_totals(path) -> dict[str, int]:
    """The total row of the summary form (domains × states at the period's end), by state label."""
    book = openpyxl.load_workbook(path)
    sheet = next(ws for ws in book.worksheets if ws.sheet_state == "visible" and any(
        "TỔNG HỢP KHÓ KHĂN" in str(c) for row in ws.iter_rows(max_row=12, values_only=True) for c in row if c))
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    labels = {c.vi for c in obstacles.STATUSES}
    heading = next(r for r in rows if labels <= {str(c) for c in r if c})
    total = next(r for r in rows if "Tổng cộng" in r)
    return {str(h): total[i] for i, h in enumerate(heading) if h in labels or h == "Tổng số"}


def annex_rows(path, title: str) -> int:
    """How many obstacles a list form holds (its rows numbered 1, 2, ... in the first column)."""
    book = openpyxl.load_workbook(path)
    sheet = next(ws for ws in book.worksheets if ws.sheet_state == "visible" and any(
        title in str(c) for row in ws.iter_rows(max_row=12, values_only=True) for c in row if c))
    return sum(1 for (first, *_rest) in sheet.iter_rows(values_only=True) if isinstance(first, int))


def test_the_cover_the_summary_the_lists_and_the_data_agree(demo_workspace, tmp_path):
    path = export(demo_workspace, tmp_path / "q3.xlsx")
    cover, summary = cover_figures(path), summary_totals(path)
    data = read_report(path).rows("obstacles")
    by_state = {c.vi: sum(1 for r in data if r["status"] == c.code) for c in obstacles.STATUSES}
    # The cover's figures are sums of the same rows the forms list
    assert cover["total"] == cover["new"] + cover["carried"] == len(data) == summary["Tổng số"] > 0
    assert {label: summary[label] for label in by_state} == by_state
    assert cover["resolved"] == summary["Đã tháo gỡ"] > 0
    assert cover["closed"] == summary["Đóng (không còn phù hợp)"] > 0
    assert cover["resolved"] + cover["closed"] + cover["open"] == cover["total"]
    assert cover["open"] == sum(summary[c.vi] for c in obstacles.STATUSES if obstacles.is_open(c.code)) > 0
    assert annex_rows(path, "ĐÃ THÁO GỠ TRONG KỲ") == cover["resolved"]
    assert annex_rows(path, "DANH SÁCH KHÓ KHĂN") == cover["total"]
    # Every row's state is its state on 14/09/2025: none was resolved after the cut-off
    assert all(r["resolved_on"] <= "2025-09-14" for r in data if r["status"] == "resolved")


def test_a_past_period_says_the_same_after_later_changes(demo_workspace, tmp_path):
    before = export(demo_workspace, tmp_path / "before.xlsx")
    # When, after the cut-off, open obstacles are resolved, a resolved one is reopened and a new one raised
    with demo_workspace.session() as session:
        rows = records.query(session, OBSTACLES, records.RecordQuery(unit_code=NGO_QUYEN))
        for row in [r for r in rows if obstacles.is_open(r["status"]) and r["raised_on"] < Q3.end][:10]:
            records.save(session, OBSTACLES, {**records.stored_values(records.get(session, OBSTACLES, row["id"]),
                                                                      OBSTACLES),
                                              "status": "resolved", "result": "Xong", "status_since": "16/12/2025"},
                         unit_code=NGO_QUYEN, record_id=row["id"], today=DEMO_DAY)
        reopened = next(r for r in rows if r["status"] == "resolved" and r["status_since"] <= Q3.end)
        records.save(session, OBSTACLES, {**records.stored_values(records.get(session, OBSTACLES, reopened["id"]),
                                                                  OBSTACLES),
                                          "status": "in_progress", "status_since": "17/12/2025"},
                     unit_code=NGO_QUYEN, record_id=reopened["id"], today=DEMO_DAY)
        records.save(session, OBSTACLES, {"title": "Mới phát sinh", "domain": "OTHER", "level": "commune",
                                          "raised_on": "18/12/2025", "status": "received"},
                     unit_code=NGO_QUYEN, today=DEMO_DAY)
    after = export(demo_workspace, tmp_path / "after.xlsx")
    # Then the Q3 report says exactly what it said before
    assert cover_figures(after) == cover_figures(before)
    assert summary_totals(after) == summary_totals(before)
    state = lambda path: sorted((r["id"], r["status"], r["resolved_on"], r["result"], r["guide_doc"])  # noqa: E731
                                for r in read_report(path).rows("obstacles"))
    assert state(after) == state(before)


def test_a_past_period_prints_no_result_or_document_that_came_after_its_end(workspace, tmp_path):
    # Given one obstacle received in Q3 and resolved after the cut-off (a result and a guiding document of
    # November), and one resolved within Q3
    unit = workspace.require_unit()
    later = {"title": "Thiếu máy chủ", "domain": "OTHER", "level": "province", "raised_on": "01/08/2025",
             "status": "resolved", "status_since": "15/11/2025", "result": "Đã khắc phục, hoạt động ổn định",
             "guide_doc": "9094/SNV-CQĐP ngày 15/11/2025"}
    within = {**later, "title": "Thiếu con dấu", "status_since": "20/08/2025", "result": "Đã khắc dấu mới",
              "guide_doc": "812/SNV-CQĐP ngày 18/08/2025"}
    with workspace.session() as session:
        for values in (later, within):
            records.save(session, OBSTACLES, values, unit_code=unit.code, today=DEMO_DAY)
    # When Q3's report and its list of obstacles are exported
    path = export(workspace, tmp_path / "q3.xlsx")
    with workspace.session() as session:
        obstacle_report.export(session, unit, Q3, tmp_path / "kkvm.xlsx", DEMO_DAY)
    # Then the one still open at the cut-off is listed received, with no result and no document yet
    data = {r["title"]: r for r in read_report(path).rows("obstacles")}
    assert data["Thiếu máy chủ"]["status"] == "received"
    assert not data["Thiếu máy chủ"]["result"] and not data["Thiếu máy chủ"]["guide_doc"]
    assert (data["Thiếu con dấu"]["status"], data["Thiếu con dấu"]["result"]) == ("resolved", "Đã khắc dấu mới")
    for printed in (path, tmp_path / "kkvm.xlsx"):
        cells = {str(c) for ws in openpyxl.load_workbook(printed).worksheets if ws.sheet_state == "visible"
                 for row in ws.iter_rows(values_only=True) for c in row if c}
        assert not {"Đã khắc phục, hoạt động ổn định", "9094/SNV-CQĐP ngày 15/11/2025"} & cells
        assert {"Đã khắc dấu mới", "812/SNV-CQĐP ngày 18/08/2025"} <= cells


def test_the_dashboard_counts_the_period_end_as_the_report_does(demo_workspace):
    unit = demo_workspace.require_unit()
    with demo_workspace.session() as session:
        board = dashboard.build(session, unit, Q3.end)
        figures = obstacle_sections.obstacle_figures(session, unit, Q3)
    assert board.open_now == len(figures.open_at_end) > 0
    assert board.overdue == figures.overdue_at_end()
