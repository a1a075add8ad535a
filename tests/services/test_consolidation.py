"""Consolidation at the province: checking files, merging by ID, completeness, the workbook."""

from __future__ import annotations

import shutil
from datetime import date, datetime

import openpyxl
import pytest
from openpyxl import Workbook
from sqlalchemy import update

from desk.domain import periods, units
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.registers.obstacles import REGISTER as _OBSTACLES_REGISTER
from desk.reports.manifest import DATA_SHEET
from desk.services import consolidation, consolidation_report, periodic_report, records
from desk.store.models import table_of

Obstacle = table_of(_OBSTACLES_REGISTER)

Q3 = periods.parse_period("2025-Q3")          # due Tuesday 16/09/2025
HAI_PHONG = 31
A, B, C = (u for u in units.units_of(HAI_PHONG)[:3])


def add(workspace, unit, title, raised="01/07/2025", **more):
    values = {"domain": "PERSONNEL", "title": title, "level": "province", "raised_on": raised,
              "status": "in_progress", **more}
    with workspace.session() as session:
        return records.save(session, OBSTACLES, values, unit_code=unit.code)


def report(workspace, unit, path, *, when=datetime(2025, 9, 16, 10, 0), submit=True, period=Q3):
    with workspace.session() as session:
        periodic_report.export(session, unit, period, path, submit=submit, now=when)
    return path


@pytest.fixture
def inbox(workspace, tmp_path):
    """A on time (2 obstacles), B a day late (1 obstacle); C sends nothing."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    add(workspace, A, "Thiếu công chức địa chính")
    add(workspace, A, "Trụ sở chật hẹp", domain="PREMISES")
    add(workspace, B, "Chưa có tài khoản kho bạc", domain="ACCOUNTING")
    report(workspace, A, folder / "a.xlsx")
    report(workspace, B, folder / "b.xlsx", when=datetime(2025, 9, 17, 8, 0))
    return folder


def run(*items, **kwargs):
    return consolidation.consolidate(list(items), Q3, province_code=HAI_PHONG, **kwargs)


def status_of(result, unit):
    return next(s for s in result.completeness if s.unit.code == unit.code)


def test_completeness_covers_every_unit_of_the_province(inbox):
    result = run(inbox)
    assert len(result.completeness) == len(units.units_of(HAI_PHONG))
    assert status_of(result, A).state == "on_time"
    assert (status_of(result, B).state, status_of(result, B).days_late) == ("late", 1)
    assert status_of(result, B).state_vi == "Muộn 1 ngày"
    assert status_of(result, C).state == "missing"
    assert result.count("missing") == len(units.units_of(HAI_PHONG)) - 2
    assert sorted(r["title"] for r in result.obstacles) == [
        "Chưa có tài khoản kho bạc", "Thiếu công chức địa chính", "Trụ sở chật hẹp"]
    assert {r["_unit"].code for r in result.obstacles} == {A.code, B.code}
    assert result.problems == [] and result.conflicts == []


def test_the_same_report_twice_is_flagged_and_counted_once(inbox):
    shutil.copy(inbox / "a.xlsx", inbox / "a - copy.xlsx")
    result = run(inbox)
    assert [p.kind for p in result.problems] == ["duplicate"]
    assert len(result.obstacles) == 3 and result.conflicts == []


def test_a_record_edited_between_two_reports_is_a_conflict_and_the_newest_wins(workspace, inbox, tmp_path):
    # Given C's report, then an edit of one of its records, then C's corrected report
    record_id = add(workspace, C, "Thiếu máy tính")
    first = report(workspace, C, tmp_path / "c-1.xlsx", submit=False, when=datetime(2025, 9, 15, 9, 0))
    with workspace.session() as session:
        records.save(session, OBSTACLES, {"domain": "PERSONNEL", "title": "Thiếu 10 máy tính", "level": "province",
                                          "raised_on": "01/07/2025", "status": "in_progress"},
                     unit_code=C.code, record_id=record_id)
    second = report(workspace, C, tmp_path / "c-2.xlsx", submit=False, when=datetime(2025, 9, 16, 9, 0))
    result = run(inbox, first, second, include_drafts=True)
    (conflict,) = result.conflicts
    assert conflict.record_id == record_id and conflict.fields == ("title",)
    assert (conflict.kept_file, conflict.other_file) == ("c-2.xlsx", "c-1.xlsx")
    assert [r["title"] for r in result.obstacles if r["_unit"].code == C.code] == ["Thiếu 10 máy tính"]
    assert sorted(p.kind for p in result.problems) == ["draft", "duplicate"]


def test_an_id_found_in_two_units_is_listed(workspace, tmp_path):
    # Given a record copied from D's database into E's (same ID, another unit)
    d, e = units.units_of(HAI_PHONG)[3:5]
    record_id = add(workspace, d, "Bản ghi bị chép")
    report(workspace, d, tmp_path / "d.xlsx", submit=False)
    with workspace.engine.begin() as conn:
        conn.execute(update(Obstacle).where(Obstacle.id == record_id).values(unit_code=e.code))
    report(workspace, e, tmp_path / "e.xlsx", submit=False, when=datetime(2025, 9, 16, 11, 0))
    result = run(tmp_path / "d.xlsx", tmp_path / "e.xlsx", include_drafts=True)
    (conflict,) = result.conflicts
    assert conflict.record_id == record_id and (conflict.kept_unit, conflict.other_unit) == (e.name, d.name)
    assert sum(1 for r in result.obstacles if r["id"] == record_id) == 1


def test_an_edited_file_is_flagged_and_not_used(inbox):
    wb = openpyxl.load_workbook(inbox / "b.xlsx")
    ws = wb[DATA_SHEET]
    header = [c.value for c in ws[2]]
    ws.cell(3, header.index("status") + 1).value = "resolved"
    wb.save(inbox / "b.xlsx")
    result = run(inbox)
    (problem,) = result.problems
    assert problem.kind == "tampered" and "đã bị sửa sau khi xuất" in problem.message and problem.unit == B.name
    assert status_of(result, B).state == "rejected"
    assert all(r["_unit"].code != B.code for r in result.obstacles)


def test_files_of_another_period_other_programs_or_no_excel_are_flagged(workspace, inbox, tmp_path):
    report(workspace, C, inbox / "c-q2.xlsx", period=periods.parse_period("2025-Q2"), submit=False)
    plain = Workbook()
    plain.active["A1"] = "Báo cáo tự lập"
    plain.save(inbox / "tu-lap.xlsx")
    (inbox / "scan.xlsx").write_bytes(b"%PDF-1.4 not a workbook")
    (inbox / "cu.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    (inbox / "ghi-chu.txt").write_text("bỏ qua")            # not Excel-like: not even looked at
    result = run(inbox)
    kinds = {p.file: p.kind for p in result.problems}
    assert kinds == {"c-q2.xlsx": "wrong_period", "tu-lap.xlsx": "not_desk", "scan.xlsx": "unsafe",
                     "cu.xls": "unsafe"}
    wrong = next(p for p in result.problems if p.kind == "wrong_period")
    assert "là báo cáo Quý II/2025 (từ 15/03/2025 đến 14/06/2025), không phải kỳ Quý III/2025" in wrong.message
    assert status_of(result, C).state == "rejected" and len(result.obstacles) == 3


def test_a_report_from_another_province_is_flagged(workspace, inbox, tmp_path):
    hanoi = units.units_of(1)[0]
    add(workspace, hanoi, "Ở Hà Nội")
    report(workspace, hanoi, inbox / "hn.xlsx")
    result = run(inbox)
    assert [(p.file, p.kind) for p in result.problems] == [("hn.xlsx", "other_province")]
    # Without a province, the province most files come from is chosen
    assert consolidation.consolidate([inbox], Q3).province.code == HAI_PHONG
    # The ministry's view: no file is from "another" province
    national = consolidation.consolidate([inbox], Q3, national=True)
    assert national.province is None and national.problems == [] and len(national.used) == 3
    assert len(national.completeness) == len(units.all_units())


def test_a_cancelled_run_writes_nothing(inbox, tmp_path):
    import multiprocessing

    seen = []

    def progress(done, total, name):
        if name:
            seen.append(name)
        return not seen                    # stop once the first file is read

    with pytest.raises(consolidation.ConsolidationCancelled):
        run(inbox, progress=progress)
    assert len(seen) == 1 and seen[0].endswith(".xlsx")
    assert multiprocessing.active_children() == []     # the reading workers were ended


def test_the_consolidated_workbook(inbox, tmp_path):
    result = run(inbox)
    out = tmp_path / "tong-hop.xlsx"
    consolidation_report.export(result, out, consolidation_report.load(None, result.province))
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Tổng hợp", "Theo lĩnh vực", "Theo đơn vị", "Tình hình nộp", "Biên chế", "TTHC",
                             "Nhu cầu nhân sự", "Danh sách KKVM", "Xung đột", "Vấn đề trong tệp",
                             "Điều động, biệt phái", "Khảo sát, làm việc", "Sáng kiến, mô hình",
                             "_desk_manifest", "_desk_data"]
    cover = [c for row in wb["Tổng hợp"].iter_rows(values_only=True) for c in row if c]
    assert {"UBND\xa0THÀNH\xa0PHỐ\nHẢI\xa0PHÒNG", "SỞ NỘI VỤ", "Số:      /BC-SNV", "GIÁM ĐỐC"} <= set(cover)
    # Its number and its day both left for the registry, as a draft's
    assert f"Hải Phòng, ngày      tháng      năm {date.today().year}" in cover
    n = len(units.units_of(HAI_PHONG))
    assert (f"2/{n} đơn vị đã gửi báo cáo hợp lệ (đúng hạn: 1; muộn: 1); chưa nộp: {n - 2}; "
            "đơn vị có tệp không hợp lệ: 0. Hạn nộp: 16/09/2025. Chi tiết tại biểu số 03/TH.") in cover
    # A sentence, not a fourth numbered figure; forms no unit filled are said in words, not "của 0 đơn vị"
    assert "Chi tiết theo lĩnh vực tại biểu số 01/TH, theo đơn vị tại biểu số 02/TH, danh sách tại biểu số 07/TH." \
        in cover
    assert ("Số liệu biên chế của 2 đơn vị tại biểu số 04/TH; chưa đơn vị nào báo cáo kết quả giải quyết "
            "thủ tục hành chính (biểu số 05/TH); chưa đơn vị nào báo cáo nhu cầu nhân sự theo lĩnh vực chuyên môn "
            "(biểu số 06/TH).") in cover
    assert ("Đã đọc 2 tệp; không phát hiện vấn đề nào trong tệp (biểu số 09/TH); không có bản ghi trùng mã nào có "
            "nội dung khác nhau (biểu số 08/TH).") in cover
    assert not any("của 0 đơn vị" in str(c) or str(c).startswith("4.") for c in cover)
    # The province's name inside a sentence: "thành phố" in lower case (Decree 30), on the cover and the annexes
    assert "- UBND thành\xa0phố\xa0Hải\xa0Phòng;" in cover      # the name held on one line
    annex = [c for row in wb["Theo lĩnh vực"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "Đơn vị báo cáo: Sở Nội vụ thành phố Hải Phòng" in annex
    assert any("của Sở Nội vụ thành phố Hải Phòng)" in c for c in annex)
    # The list: every obstacle with its commune
    rows = [r for r in wb["Danh sách KKVM"].iter_rows(values_only=True) if isinstance(r[0], int)]
    assert sorted((r[1], r[3]) for r in rows) == sorted([
        (A.name, "Thiếu công chức địa chính"), (A.name, "Trụ sở chật hẹp"), (B.name, "Chưa có tài khoản kho bạc")])
    # The completeness matrix: one row per unit of the province
    matrix = [r for r in wb["Tình hình nộp"].iter_rows(values_only=True) if isinstance(r[0], int)]
    assert len(matrix) == n
    assert {r[2]: r[3] for r in matrix}[B.name] == "Muộn 1 ngày"
    # The totals by domain add up to the obstacles merged
    by_domain = wb["Theo lĩnh vực"]
    total = next(r for r in by_domain.iter_rows(values_only=True) if r[1] == "Tổng cộng")
    assert total[-1] == 3


def test_the_cover_and_the_form_by_unit_say_the_closed_ones_so_their_figures_add_up(workspace, tmp_path):
    # Given a commune whose quarter had one obstacle resolved, one closed as no longer relevant and one open
    folder = tmp_path / "inbox"
    folder.mkdir()
    add(workspace, A, "Thiếu công chức địa chính", status="resolved", status_since="01/08/2025", result="Đã bố trí")
    add(workspace, A, "Trùng với vụ việc khác", status="closed", status_since="02/08/2025")
    add(workspace, A, "Trụ sở chật hẹp", domain="PREMISES")
    report(workspace, A, folder / "a.xlsx")
    # When the province consolidates it
    out = tmp_path / "tong-hop.xlsx"
    result = run(folder)
    consolidation_report.export(result, out, consolidation_report.load(None, result.province))
    wb = openpyxl.load_workbook(out)
    # Then the cover's points say the closed one and add up to the total
    cover = [c for row in wb["Tổng hợp"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert "2. Đã tháo gỡ trong kỳ: 1 vụ việc." in cover
    assert "3. Đóng (không còn phù hợp) trong kỳ: 1 vụ việc." in cover
    assert "4. Chưa tháo gỡ đến cuối kỳ: 1 vụ việc (quá hạn xử lý: 0)." in cover
    # And the form by unit has a column for it: each row's resolved, closed and open make its total
    sheet = [list(r) for r in wb["Theo đơn vị"].iter_rows(values_only=True)]
    heading = next(r for r in sheet if "Đóng (không còn phù hợp) trong kỳ" in r)
    at = {name: heading.index(name) for name in ("Tổng số vụ việc trong kỳ", "Đã tháo gỡ trong kỳ",
                                                 "Đóng (không còn phù hợp) trong kỳ", "Chưa tháo gỡ đến cuối kỳ")}
    unit_row = next(r for r in sheet if r[at["Tổng số vụ việc trong kỳ"]] == 3 and r[0] == 1)
    assert [unit_row[i] for i in at.values()] == [3, 1, 1, 1]
    # And the file checks clean: the closed figure read back is the rows'
    assert consolidation.consolidate([out], Q3, province_code=HAI_PHONG, national=True).problems == []


def _forged(workspace, path, unit, change):
    """A report written by Desk's own writer (so its hash is right) whose obstacle rows were altered first."""
    from dataclasses import replace

    from desk.reports.manifest import DataBlock
    from desk.reports.periodic_report import write_periodic_report

    add(workspace, unit, "Khó khăn thật")
    with workspace.session() as session:
        data = periodic_report.build(session, unit, Q3, signed_on=Q3.end, generated_at=datetime(2025, 9, 16, 9, 0))
    blocks = []
    for block in data.blocks:
        if block.name == "obstacles":
            rows = [dict(zip(block.columns, r)) for r in block.rows]
            change(rows[0])
            block = DataBlock(block.name, block.columns, tuple(tuple(r[c] for c in block.columns) for r in rows))
        blocks.append(block)
    write_periodic_report(replace(data, blocks=tuple(blocks)), path)
    return path


@pytest.mark.parametrize("change, message", [
    (lambda row: row.update(domain="BUDGET"), "cột «domain»: lĩnh vực «BUDGET» không có trong danh mục"),
    (lambda row: row.update(raised_on="05/11/2025"), "cột «raised_on»: «05/11/2025» không phải ngày"),
    (lambda row: row.update(unit_code="11329"), "bản ghi của đơn vị mã «11329»"),
    (lambda row: row.update(domain="BUDGET", updated_at="hôm qua"), "cột «domain»: lĩnh vực «BUDGET»"),
])
def test_a_row_with_bad_data_rejects_the_whole_file(workspace, tmp_path, change, message):
    d = units.units_of(HAI_PHONG)[5]
    path = _forged(workspace, tmp_path / "forged.xlsx", d, change)
    result = run(path)
    (problem,) = result.problems
    assert problem.kind == "bad_data" and message in problem.message
    assert "khối dữ liệu «obstacles», dòng 1" in problem.message
    assert result.obstacles == [] and status_of(result, d).state == "rejected"


def test_an_empty_workbook_and_a_macro_workbook_are_refused(tmp_path):
    Workbook().save(tmp_path / "trong.xlsx")
    macro = tmp_path / "macro.xlsm"
    import zipfile
    with zipfile.ZipFile(tmp_path / "trong.xlsx") as src, zipfile.ZipFile(macro, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("xl/vbaProject.bin", b"\0" * 64)
    result = run(tmp_path)
    assert {p.file: p.kind for p in result.problems} == {"trong.xlsx": "not_desk", "macro.xlsm": "unsafe"}
    assert "macro" in next(p.message for p in result.problems if p.file == "macro.xlsm").lower()


def test_a_file_that_ends_its_reader_is_listed_and_the_others_are_consolidated(inbox, monkeypatch):
    from tests.importers.hostile import heavy_report

    from desk.importers import worker

    # Given one commune's "report" whose parse needs ~680 MB, and a 400 MB ceiling for the readers
    (inbox / "nang.xlsx").write_bytes(heavy_report())
    monkeypatch.setattr(worker, "MEMORY_CEILING", 400 * 1024 ** 2)
    # When the province consolidates the folder
    result = run(inbox)
    # Then that file is listed with its reason and the two good reports are merged
    heavy = [p for p in result.problems if p.file == "nang.xlsx"]
    assert [p.kind for p in heavy] == ["too_heavy"]
    assert "đọc tệp cần quá nhiều bộ nhớ (giới hạn 0,4 GB)" in heavy[0].message
    assert heavy[0].kind_vi == "Tệp quá nặng (vượt giới hạn bộ nhớ hoặc thời gian đọc)"
    assert sorted(s.file for s in result.used) == ["a.xlsx", "b.xlsx"]
    assert len(result.obstacles) == 3


def test_a_reading_worker_imports_no_database_qt_or_openpyxl():
    import subprocess
    import sys

    # Each of the two readers pays its imports before its first file: Desk's services, SQLModel and
    # openpyxl took ~0.7 s of that; reading a report needs the gate, python-calamine and the checks.
    code = ("import sys; from desk.importers import worker; from desk.services import consolidation; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & "
            "{'openpyxl', 'sqlmodel', 'sqlalchemy', 'PySide6', 'alembic'}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.strip() == "[]"


def test_the_figures_count_each_row_as_the_report_defines_them():
    from datetime import date

    # Given rows of every case: new and carried, resolved within or after the period, open and overdue
    def row(raised, status, resolved=None, deadline=None):
        return {"raised_on": raised, "status": status, "resolved_on": resolved, "deadline": deadline}

    rows = [row(date(2025, 7, 1), "in_progress", deadline=date(2025, 8, 1)),      # new, open, overdue
            row(date(2025, 6, 1), "received", deadline=date(2025, 12, 1)),        # carried, open
            row(date(2025, 6, 1), "resolved", resolved=date(2025, 8, 2)),        # carried, resolved
            row(date(2025, 9, 1), "resolved", resolved=date(2025, 10, 2),        # resolved after the end:
                deadline=date(2025, 9, 5)),                                      # open then, and overdue
            row(date(2025, 8, 1), "referred"),                                   # open, no deadline
            row(date(2025, 8, 1), "closed")]                                     # closed
    # When they are counted, Then each figure is the report's definition, and resolved, closed and open add up
    counted = consolidation_report.figures(rows, Q3)
    assert counted == consolidation_report.Figures(total=6, new=4, carried=2, resolved=1, open_at_end=4, overdue=2,
                                                   closed=1)
    assert counted.resolved + counted.closed + counted.open_at_end == counted.total


def test_long_list_order_is_one_sort_by_unit_name_day_and_title():
    """The long list sorts each unit's rows apart; the order is still that of one stable sort by the unit's
    name, the day raised and the title, units that share a name (two provinces' «Tân Phú») interleaved."""
    import random
    from datetime import date

    from desk.domain.text import vi_sort_key

    province_a, province_b = units.provinces()[:2]
    pool = [units.Unit(1, "Xã Tân Phú", "xã", province_a), units.Unit(2, "Xã Tân Phú", "xã", province_b),
            units.Unit(3, "Phường An Khánh", "phường", province_a), units.Unit(4, "Xã Ân Thi", "xã", province_b)]
    rnd = random.Random(5)
    rows = [{"id": str(n), "_unit": rnd.choice(pool), "raised_on": date(2025, 7, rnd.randint(1, 4)),
             "title": rnd.choice(("a", "b", "B"))} for n in range(400)]
    expected = sorted(rows, key=lambda r: (vi_sort_key(r["_unit"].short_name), r["raised_on"], r["title"]))
    got = consolidation_report._by_unit_name(list(rows))
    assert [r["id"] for r in got] == [r["id"] for r in expected]
