"""The obstacle report's data comes from the store: which rows, carried over, totals, labels."""

from __future__ import annotations

from datetime import date

import openpyxl
from tests.conftest import NGO_QUYEN

from desk.domain import periods
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import obstacle_report, records

Q3 = periods.parse_period("2025-Q3")          # 15/06/2025 – 14/09/2025


def add(workspace, title, raised, status="received", **more):
    values = {"domain": "PREMISES", "title": title, "level": "province", "raised_on": raised, "status": status}
    if status == "resolved":
        values.update(result="Đã xử lý", resolved_on=more.pop("resolved_on"))
    values.update(more)
    with workspace.session() as session:
        return records.save(session, OBSTACLES, values, unit_code=NGO_QUYEN)


def build(workspace):
    with workspace.session() as session:
        return obstacle_report.build(session, workspace.require_unit(), Q3, date(2025, 9, 20))


def test_rows_of_the_period_and_carried_over_ones(workspace):
    add(workspace, "Trong kỳ", "01/07/2025")
    add(workspace, "Tồn, còn mở", "01/05/2025", status="in_progress")
    add(workspace, "Tồn, tháo gỡ trong kỳ", "01/05/2025", status="resolved", resolved_on="01/08/2025")
    add(workspace, "Đã xong trước kỳ", "01/04/2025", status="resolved", resolved_on="01/06/2025")
    add(workspace, "Sau kỳ", "15/09/2025")
    voided = add(workspace, "Đã hủy", "01/07/2025")
    with workspace.session() as session:
        records.void(session, OBSTACLES, voided, "Nhập nhầm")
    data = build(workspace)
    carried = {r["title"]: r["carried_over"] for r in data.rows}
    assert carried == {"Trong kỳ": False, "Tồn, còn mở": True, "Tồn, tháo gỡ trong kỳ": True}


def test_the_count_of_a_period_is_the_number_of_rows_its_report_lists(workspace):
    # Given rows of the period, carried into it, closed before it, after it, and voided
    add(workspace, "Trong kỳ", "01/07/2025")
    add(workspace, "Tồn, còn mở", "01/05/2025", status="in_progress")
    add(workspace, "Đã xong trước kỳ", "01/04/2025", status="resolved", resolved_on="01/06/2025")
    add(workspace, "Sau kỳ", "15/09/2025")
    voided = add(workspace, "Đã hủy", "01/07/2025")
    with workspace.session() as session:
        records.void(session, OBSTACLES, voided, "Nhập nhầm")
    with workspace.session() as session:
        unit = workspace.require_unit()
        # Then the count agrees with the rows, for the period and for one that lists none
        assert obstacle_report.count_in_period(session, unit, Q3) == len(
            obstacle_report.rows_in_period(session, unit, Q3)) == 2
        assert obstacle_report.count_in_period(session, unit, periods.parse_period("2024-Q3")) == 0


def test_summary_lists_every_domain_and_labels_are_vietnamese(workspace):
    add(workspace, "A", "01/07/2025", domain="LEGAL")
    data = build(workspace)
    assert [code for code, _ in data.domains][:2] == ["ORG_STRUCTURE", "PERSONNEL"] and len(data.domains) == 12
    assert data.rows[0]["domain"] == "Vướng mắc pháp lý khác" and data.rows[0]["status"] == "Mới tiếp nhận"
    assert data.header.period_line == "(Từ ngày 15/06/2025 đến ngày 14/09/2025)"
    # Decree 30: a unit named after a person is written in full on the place line
    assert data.header.body == "PHƯỜNG NGÔ QUYỀN" and data.header.place == "Phường Ngô Quyền"
    assert data.header.receiving_unit == "Sở Nội vụ thành phố Hải Phòng"


def test_exported_workbook_totals_match_the_store(workspace, tmp_path):
    for i in range(5):
        add(workspace, f"Nhân sự {i}", "01/08/2025", domain="PERSONNEL")
    add(workspace, "Trụ sở", "01/08/2025", domain="PREMISES", status="resolved", resolved_on="02/08/2025")
    out = tmp_path / "q3.xlsx"
    with workspace.session() as session:
        obstacle_report.export(session, workspace.require_unit(), Q3, out, date(2025, 9, 20))
    sheet = openpyxl.load_workbook(out)["Tổng hợp"]
    rows = {r[1]: r for r in sheet.iter_rows(values_only=True) if r[1] in ("Tổng cộng",
                                                                           "Nhân sự (thừa, thiếu, chuyên môn không phù "
                                                                           "hợp)")}
    assert rows["Tổng cộng"][-1] == 6
    assert rows["Nhân sự (thừa, thiếu, chuyên môn không phù hợp)"][-1] == 5


def test_a_narrower_read_gives_the_same_values_as_the_whole_row(workspace):
    add(workspace, "Trong kỳ", "01/07/2025")
    add(workspace, "Tồn, tháo gỡ trong kỳ", "01/05/2025", status="resolved", resolved_on="01/08/2025")
    asked = ("title", "resolved_on")       # resolved-on is made from the state and its day, not asked
    with workspace.session() as session:
        whole = obstacle_report.rows_in_period(session, workspace.require_unit(), Q3)
        narrow = obstacle_report.rows_in_period(session, workspace.require_unit(), Q3, asked)
    assert narrow == [{key: row[key] for key in asked} for row in whole]
    resolved = {r["title"]: r["resolved_on"] for r in narrow}
    assert resolved == {"Trong kỳ": None, "Tồn, tháo gỡ trong kỳ": date(2025, 8, 1)}


def test_the_report_rows_hold_the_shown_columns_and_the_codes_they_are_counted_by(workspace):
    add(workspace, "A", "01/07/2025", domain="LEGAL")
    (row,) = build(workspace).rows
    shown = {c.key for c in (*obstacle_report.detail_columns(), *obstacle_report.cause_columns())}
    assert set(row) == shown | {"domain_code", "status_code", "carried_over"}
    assert (row["domain_code"], row["status_code"], row["carried_over"]) == ("LEGAL", "received", False)
