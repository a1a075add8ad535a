"""Importing from Excel: templates filled in by a clerk, Desk's own files, errors, IDs, units, legacy text."""

from __future__ import annotations

import json
import re
import uuid
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select
from tests.conftest import NGO_QUYEN
from tests.importers.books import write_book
from tests.importers.hostile import build_corpus
from tests.services.registers_helpers import frame, official

from desk.domain import periods, units
from desk.domain.access import Actor, Role
from desk.domain.legacy_text import Encoding, from_unicode
from desk.domain.registers import REGISTERS
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.errors import UserError
from desk.importers.tables import Source
from desk.reports.import_template import DATA_SHEET, ID_HEADER, MARKER_SHEET
from desk.services import importing, office, period_lock, records, register_report, staffing_report, templates
from desk.services.workspace import open_workspace
from desk.store import audit
from desk.store.models import table_of
from desk.store.security import AuditEntry

CLERK = Actor("lan", Role.CLERK)


def obstacle(**changes) -> dict:
    values = {"title": "Thiếu máy tính ở bộ phận một cửa", "domain": "VEHICLES_EQUIPMENT", "level": "province",
              "raised_on": date(2025, 10, 1), "status": "received", "proposal": "Đề nghị cấp bổ sung"}
    return {**values, **changes}


def save(workspace, **changes) -> str:
    with workspace.session() as session:
        return records.save(session, OBSTACLES, obstacle(**changes), unit_code=NGO_QUYEN, actor=CLERK)


def stored(workspace, register=OBSTACLES) -> list[dict]:
    with workspace.session() as session:
        return records.query(session, register, records.RecordQuery(unit_code=NGO_QUYEN, include_voided=True))


def counts(workspace) -> tuple[int, int]:
    """(records in every register, audit rows): what "nothing was written" is checked against."""
    with workspace.session() as session:
        total = sum(session.scalar(select(func.count()).select_from(table_of(r))) for r in REGISTERS.values())
        return total, session.scalar(select(func.count()).select_from(AuditEntry))


def make_template(workspace, path: Path, *, with_records: bool = False) -> Path:
    with workspace.session() as session:
        templates.export_template(session, OBSTACLES, workspace.unit(), path, with_records=with_records)
    return path


def fill(path: Path, rows: list[dict], *, start: int = 2) -> Path:
    """Type rows into the template's data sheet as a clerk would: by heading, labels for choices."""
    wb = openpyxl.load_workbook(path)
    ws = wb[DATA_SHEET]
    columns = {str(c.value).removesuffix(" *"): c.column for c in ws[1] if c.value}
    for offset, row in enumerate(rows):
        for heading, value in row.items():
            cell = ws.cell(start + offset, columns[heading])
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"
    wb.save(path)
    return path


CLERK_ROWS = [
    {"Nội dung khó khăn, vướng mắc": "Thiếu máy tính", "Lĩnh vực": "Phương tiện, trang thiết bị",
     "Cấp có thẩm quyền giải quyết": "Cấp tỉnh", "Ngày phát sinh": date(2025, 10, 1), "Tình trạng": "Mới tiếp nhận"},
    {"Nội dung khó khăn, vướng mắc": "=Trụ sở chật", "Lĩnh vực": "PREMISES",          # a code works as well
     "Cấp có thẩm quyền giải quyết": "cap xa", "Ngày phát sinh": "5/11/2025",         # no accents; d/m/yyyy
     "Hạn xử lý": 45996, "Tình trạng": "Đang xử lý", "Mô tả chi tiết": "Dòng 1\nDòng 2"},   # an Excel serial
]


def test_a_filled_template_is_imported_in_one_go_with_an_audit_row_per_record(workspace, tmp_path):
    path = fill(make_template(workspace, tmp_path / "mau.xlsx"), CLERK_ROWS)
    plan = importing.import_file(workspace, path, actor=CLERK)
    assert plan.committed and plan.source is Source.TEMPLATE
    assert (plan.new_count, plan.updated_count) == (2, 0)
    assert plan.summary() == "sổ «Khó khăn, vướng mắc»: 2 bản ghi mới, 0 bản ghi cập nhật"
    rows = sorted(stored(workspace), key=lambda r: r["raised_on"])
    assert [(r["title"], r["domain"], r["level"], r["raised_on"], r["deadline"], r["status"]) for r in rows] == [
        ("Thiếu máy tính", "VEHICLES_EQUIPMENT", "province", date(2025, 10, 1), None, "received"),
        ("=Trụ sở chật", "PREMISES", "commune", date(2025, 11, 5), date(2025, 12, 5), "in_progress"),
    ]
    assert rows[1]["description"] == "Dòng 1\nDòng 2"
    with workspace.session() as session:
        imports = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).all()
    assert [a.field for a in imports] == [audit.BATCH]
    assert sorted(r[0] for r in json.loads(imports[0].new_value)["records"]) == sorted(r["id"] for r in rows)
    assert all(a.actor == "lan" and "mau.xlsx" in a.reason for a in imports)


def test_a_file_with_any_error_writes_nothing_and_says_where(workspace, tmp_path):
    rows = [CLERK_ROWS[0],
            {**CLERK_ROWS[0], "Lĩnh vực": "Giao thông"},                               # not in the list
            {**CLERK_ROWS[0], "Ngày phát sinh": "31/02/2025"},                         # no such date
            {**CLERK_ROWS[0], "Nội dung khó khăn, vướng mắc": None},                   # required
            {**CLERK_ROWS[0], "Hạn xử lý": date(2025, 9, 1)}]                          # before it was raised
    path = fill(make_template(workspace, tmp_path / "loi.xlsx"), rows)
    before = counts(workspace)
    plan = importing.import_file(workspace, path)
    assert not plan.ok and not plan.committed
    assert counts(workspace) == before
    found = {(p.sheet, p.row, p.column, p.value): p.message for p in plan.problems}
    assert found == {
        (DATA_SHEET, 3, "B", "Giao thông"): "«Lĩnh vực»: giá trị «Giao thông» không có trong danh mục.",
        (DATA_SHEET, 4, "G", "31/02/2025"):
            "«Ngày phát sinh»: Ngày «31/02/2025» không tồn tại (tháng 2 năm 2025 không có ngày 31).",
        (DATA_SHEET, 5, "A", ""): "Chưa nhập «Nội dung khó khăn, vướng mắc» (bắt buộc).",
        (DATA_SHEET, 6, "H", "01/09/2025"):
            "Hạn xử lý (01/09/2025) không được trước ngày phát sinh (01/10/2025).",
    }
    assert plan.problems[0].line() == ("Trang «Dữ liệu», dòng 3, cột B («Lĩnh vực *») – giá trị «Giao thông»: "
                                       "«Lĩnh vực»: giá trị «Giao thông» không có trong danh mục.")


def test_the_problem_report_can_be_saved_as_a_workbook(workspace, tmp_path):
    path = fill(make_template(workspace, tmp_path / "loi.xlsx"), [{**CLERK_ROWS[0], "Lĩnh vực": "=HYPERLINK(1)"}])
    plan = importing.import_file(workspace, path)
    out = tmp_path / "bao-cao-loi.xlsx"
    importing.save_problem_report(plan, out)
    ws = openpyxl.load_workbook(out).active
    rows = [[c for c in r] for r in ws.iter_rows(values_only=True)]
    header = rows.index(["STT", "Trang", "Dòng", "Cột", "Tên cột", "Giá trị trong tệp", "Lỗi"])
    assert rows[header + 1][:6] == [1, "Dữ liệu", 2, "B", "Lĩnh vực *", "=HYPERLINK(1)"]
    assert ws.cell(header + 2, 6).data_type == "s"      # the file's value stays text, never a formula
    assert "loi.xlsx" in rows[0][0]


def test_reimporting_updates_by_id_instead_of_duplicating(workspace, tmp_path):
    first, second = save(workspace), save(workspace, title="Trụ sở chật", domain="PREMISES")
    path = make_template(workspace, tmp_path / "du-lieu.xlsx", with_records=True)
    wb = openpyxl.load_workbook(path)
    ws = wb[DATA_SHEET]
    headings = {str(c.value).removesuffix(" *"): c.column for c in ws[1] if c.value}
    row = next(r for r in range(2, 4) if ws.cell(r, headings[ID_HEADER]).value == first)
    ws.cell(row, headings["Tình trạng"]).value = "Đã tháo gỡ"
    ws.cell(row, headings["Kết quả xử lý"]).value = "Đã được cấp 10 máy"
    ws.cell(row, headings["Ngày chuyển tình trạng"]).value = date(2025, 10, 20)
    wb.save(path)
    plan = importing.import_file(workspace, path)
    assert plan.committed and (plan.new_count, plan.updated_count, plan.unchanged_count) == (0, 1, 1)
    rows = {r["id"]: r for r in stored(workspace)}
    assert sorted(rows) == sorted([first, second])
    assert (rows[first]["status"], rows[first]["result"], rows[first]["resolved_on"]) == (
        "resolved", "Đã được cấp 10 máy", date(2025, 10, 20))
    # The same file again changes nothing more and still creates nothing.
    again = importing.import_file(workspace, path, again=True)
    assert (again.new_count, again.updated_count, again.unchanged_count) == (0, 0, 2) and len(stored(workspace)) == 2


def test_the_same_file_twice_says_when_and_by_whom_and_writes_nothing_unconfirmed(workspace, tmp_path):
    from desk.domain.access import Actor, Role

    lan = Actor(name="lan", role=Role.CLERK)
    path = fill(make_template(workspace, tmp_path / "ds.xlsx"), CLERK_ROWS[:1])
    first = importing.import_file(workspace, path, actor=lan)
    assert first.committed and not first.earlier
    # The same content under another name is the same file
    copy = tmp_path / "ban-sao.xlsx"
    copy.write_bytes(path.read_bytes())
    second = importing.import_file(workspace, copy)
    assert second.needs_again_decision and not second.ok and not second.committed
    assert len(stored(workspace)) == 1
    (earlier,) = second.earlier
    assert (earlier.file_name, earlier.actor, earlier.records) == ("ds.xlsx", "lan", 1)
    question = second.again_question()
    assert question.startswith("Tệp «ban-sao.xlsx» (cùng nội dung) đã được nhập trước đây: lúc ")
    assert "do «lan» nhập (tệp «ds.xlsx», 1 bản ghi)" in question
    assert earlier.imported_at.strftime("%H:%M ngày %d/%m/%Y") in question
    # Confirmed, it is imported once more (a row without an ID becomes a second record)
    third = importing.import_file(workspace, copy, again=True)
    assert third.committed and len(stored(workspace)) == 2
    assert len(importing.import_file(workspace, path, dry_run=True).earlier) == 2


def test_columns_missing_from_the_file_keep_what_desk_holds(workspace, tmp_path):
    record_id = save(workspace, description="Mô tả giữ nguyên", former_unit="Xã Cũ")
    path = write_book(tmp_path / "it-cot.xlsx", {"Sheet1": [
        ["Mã bản ghi", "Nội dung khó khăn, vướng mắc", "Tình trạng"],
        [record_id, "Thiếu máy tính (đã sửa)", "Đang xử lý"]]})
    plan = importing.import_file(workspace, path)
    assert plan.committed and plan.updated_count == 1
    (row,) = stored(workspace)
    assert (row["title"], row["status"], row["description"], row["former_unit"], row["domain"]) == (
        "Thiếu máy tính (đã sửa)", "in_progress", "Mô tả giữ nguyên", "Xã Cũ", "VEHICLES_EQUIPMENT")


def test_ids_that_collide_are_refused(workspace, tmp_path):
    voided = save(workspace, title="Đã hủy")
    with workspace.session() as session:
        records.void(session, OBSTACLES, voided, "Nhập trùng", actor=CLERK)
        other_unit = records.save(session, OBSTACLES, obstacle(), unit_code=11407, actor=CLERK)
    official_id = _an_official(workspace)
    free = str(uuid.uuid4())
    rows = [["Mã bản ghi", "Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Cấp có thẩm quyền giải quyết",
             "Ngày phát sinh", "Tình trạng"]]
    base = ["Thiếu máy in", "Khác", "Cấp xã", date(2025, 10, 1), "Mới tiếp nhận"]
    for record_id in (voided, other_unit, official_id, "abc-123", free, free):
        rows.append([record_id, *base])
    path = write_book(tmp_path / "ma.xlsx", {"Sheet1": rows})
    before = counts(workspace)
    plan = importing.import_file(workspace, path)
    assert counts(workspace) == before
    messages = {p.row: p.message for p in plan.problems}
    assert set(messages) == {2, 3, 4, 5, 7}
    assert "đã bị hủy" in messages[2]
    assert "đơn vị khác (mã 11407)" in messages[3]
    assert "sổ «Cán bộ, công chức»" in messages[4]
    assert "không hợp lệ" in messages[5]
    assert "trùng với dòng 6" in messages[7]
    assert all(p.column == "A" for p in plan.problems)


def _an_official(workspace) -> str:
    reg = REGISTERS["officials"]
    with workspace.session() as session:
        values = {}
        for spec in reg.fields:
            if spec.required:
                if spec.kind.value in ("choice", "multi", "ref"):
                    values[spec.name] = records.choices(session, reg, spec.name, unit_code=NGO_QUYEN)[0].code
                elif spec.kind.value == "date":
                    values[spec.name] = date(2020, 1, 1)
                else:
                    values[spec.name] = "Nguyễn Văn An"
        return records.save(session, reg, values, unit_code=NGO_QUYEN, actor=CLERK)


def test_a_new_record_keeps_the_id_it_came_with(workspace, tmp_path):
    record_id = str(uuid.uuid4())
    path = write_book(tmp_path / "id.xlsx", {"Sheet1": [
        ["ID", "Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Cấp có thẩm quyền giải quyết", "Ngày phát sinh",
         "Tình trạng"],
        [record_id.upper(), "Thiếu máy in", "Khác", "Cấp xã", date(2025, 10, 1), "Mới tiếp nhận"]]})
    plan = importing.import_file(workspace, path)
    assert plan.committed and plan.new_count == 1
    assert [r["id"] for r in stored(workspace)] == [record_id]


def test_a_template_made_for_another_unit_is_refused(workspace, tmp_path):
    other = open_workspace(str(tmp_path / "other"), create=True)
    with other.session() as session:
        office.set_office_unit(session, 11407)
    path = fill(make_template(other, tmp_path / "mau-khac.xlsx"), CLERK_ROWS)
    before = counts(workspace)
    with pytest.raises(UserError, match=r"là dữ liệu của .* \(mã 11407, theo mẫu nhập liệu\), không phải của "
                                        r"Phường Ngô Quyền"):
        importing.import_file(workspace, path)
    assert counts(workspace) == before
    other.engine.dispose()


def test_a_desk_report_is_read_by_its_headings_and_its_unit_checked(workspace, tmp_path):
    from desk.services import obstacle_report

    source = open_workspace(str(tmp_path / "src"), create=True)
    with source.session() as session:
        office.set_office_unit(session, NGO_QUYEN)
        for day, title in ((date(2025, 10, 1), "Thiếu máy in"), (date(2025, 10, 3), "@Trụ sở chật"),
                           (date(2025, 5, 1), "Từ kỳ trước")):
            records.save(session, OBSTACLES, obstacle(title=title, raised_on=day, deadline=date(2025, 12, 1)),
                         unit_code=NGO_QUYEN, actor=CLERK)
        out = tmp_path / "bao-cao.xlsx"
        obstacle_report.export(session, units.unit(NGO_QUYEN), periods.parse_period("2025-10"), out,
                               signed_on=date(2025, 10, 20))
    plan = importing.import_file(workspace, out)
    assert plan.committed and plan.source is Source.DESK_REPORT
    assert sorted(r["title"] for r in stored(workspace)) == ["@Trụ sở chật", "Thiếu máy in"]
    assert any("bỏ qua 1 dòng «Chuyển từ kỳ trước»" in n for n in plan.notes)
    assert any("không có mã bản ghi" in n and "«Mô tả chi tiết»" in n for n in plan.notes)
    # Imported twice, the same rows are flagged as looking like records already there.
    again = importing.import_file(workspace, out, dry_run=True)
    assert any("2 dòng giống bản ghi đã có" in n for n in again.notes)
    # The same report in another commune's Desk is refused.
    other = open_workspace(str(tmp_path / "other"), create=True)
    with other.session() as session:
        office.set_office_unit(session, 11407)
    with pytest.raises(UserError, match="là báo cáo của «UBND phường Ngô Quyền»"):
        importing.import_file(other, out)
    source.engine.dispose()
    other.engine.dispose()


def test_legacy_text_is_proposed_and_converted_only_when_accepted(workspace, tmp_path):
    def abc(text):
        return from_unicode(text, Encoding.TCVN3)

    rows = [["Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Cấp có thẩm quyền giải quyết", "Ngày phát sinh",
             "Tình trạng"],
            [abc("Thiếu máy tính ở bộ phận một cửa"), abc("Khác"), abc("Cấp xã"), "01/10/2025", abc("Đang xử lý")]]
    fonts = {f"{col}2": ".VnTime" for col in "ABCDE"}
    path = write_book(tmp_path / "abc.xlsx", {"Sheet1": rows}, fonts={"Sheet1": fonts})
    before = counts(workspace)
    asked = importing.import_file(workspace, path)
    assert asked.needs_legacy_decision and not asked.ok and not asked.problems
    assert asked.legacy.name == "TCVN3 (ABC)" and asked.legacy.fonts == (".VnTime",)
    assert ("Sheet1!A2", abc("Thiếu máy tính ở bộ phận một cửa"), "Thiếu máy tính ở bộ phận một cửa") \
        in asked.legacy.samples
    assert counts(workspace) == before
    kept = importing.import_file(workspace, path, convert_legacy=False, dry_run=True)
    assert not kept.ok and any("không có trong danh mục" in p.message for p in kept.problems)
    done = importing.import_file(workspace, path, convert_legacy=True)
    assert done.committed
    (row,) = stored(workspace)
    assert (row["title"], row["domain"], row["level"], row["status"]) == (
        "Thiếu máy tính ở bộ phận một cửa", "OTHER", "commune", "in_progress")
    assert any("Đã chuyển 4 ô từ bảng mã TCVN3 (ABC) sang Unicode" in n for n in done.notes)


def test_a_locked_period_is_not_changed_by_an_import(workspace, tmp_path):
    with workspace.session() as session:
        period_lock.lock(session, NGO_QUYEN, periods.parse_period("2025-10"), actor=CLERK, reason="Đã nộp báo cáo")
    path = fill(make_template(workspace, tmp_path / "khoa.xlsx"), CLERK_ROWS[:1])
    plan = importing.import_file(workspace, path)
    assert not plan.committed and len(plan.problems) == 1
    assert plan.problems[0].column == "G" and "đã khóa" in plan.problems[0].message


def test_a_dry_run_checks_everything_and_writes_nothing(workspace, tmp_path):
    path = fill(make_template(workspace, tmp_path / "thu.xlsx"), CLERK_ROWS)
    before = counts(workspace)
    plan = importing.import_file(workspace, path, dry_run=True)
    assert plan.ok and not plan.committed and plan.new_count == 2
    assert counts(workspace) == before


def test_a_blank_template_has_nothing_to_import(workspace, tmp_path):
    plan = importing.import_file(workspace, make_template(workspace, tmp_path / "trong.xlsx"))
    assert [p.message for p in plan.problems] == ["Tệp không có dòng dữ liệu nào để nhập (chỉ có dòng tiêu đề)."]


def test_a_template_whose_marker_says_newer_desk_is_refused(workspace, tmp_path):
    path = make_template(workspace, tmp_path / "moi.xlsx")
    wb = openpyxl.load_workbook(path)
    wb[MARKER_SHEET]["B2"] = "99"
    wb.save(path)
    with pytest.raises(UserError, match="phiên bản Desk mới hơn"):
        importing.import_file(workspace, path)


def test_every_hostile_file_is_refused_and_nothing_is_written(workspace, tmp_path):
    before = counts(workspace)
    for case, path in build_corpus(tmp_path / "corpus"):
        if case.listed:      # passes the gate; the check lists what is wrong and writes nothing
            plan = importing.import_file(workspace, path)
            assert not plan.committed and plan.problems, case.name
            assert case.phrase in "\n".join(p.line() for p in plan.problems), (case.name, plan.problems)
        else:
            with pytest.raises(UserError) as refused:
                importing.import_file(workspace, path)
            assert case.phrase in str(refused.value), case.name
            assert getattr(refused.value, "kind", None) == case.kind or case.kind is None, case.name
        assert counts(workspace) == before, case.name


def test_numbers_with_dot_thousands_and_any_register_by_its_headings(workspace, tmp_path):
    # A staffing-frame sheet: whole numbers typed "1.234", or stored by Excel as 12.0; a date as text.
    path = write_book(tmp_path / "bien-che.xlsx", {"Biên chế": [
        ["Số biên chế được giao", "Ngày có hiệu lực", "Văn bản giao (số, ký hiệu, ngày)"],
        ["1.234", "01/07/2025", "Quyết định 12/QĐ-UBND"],
        [12.0, date(2025, 8, 1), None]]})
    plan = importing.import_file(workspace, path)
    assert plan.committed, [p.line() for p in plan.problems]
    frames = REGISTERS["staffing"]
    with workspace.session() as session:
        rows = records.query(session, frames, records.RecordQuery(unit_code=NGO_QUYEN))
    assert sorted((r["authorised"], r["effective_date"]) for r in rows) == [
        (12, date(2025, 8, 1)), (1234, date(2025, 7, 1))]


def test_a_fraction_in_a_whole_number_column_is_reported(workspace, tmp_path):
    path = write_book(tmp_path / "bien-che.xlsx", {"Biên chế": [
        ["Số biên chế được giao", "Ngày có hiệu lực"], [2.5, "01/07/2025"]]})
    plan = importing.import_file(workspace, path)
    assert [(p.row, p.column, p.value, p.message) for p in plan.problems] == [
        (2, "A", "2,5", "«Số biên chế được giao»: «2,5» không phải số nguyên.")]


def test_a_count_typed_wrong_in_an_imported_row_is_its_only_problem(workspace, tmp_path):
    path = write_book(tmp_path / "tthc.xlsx", {"Kết quả giải quyết TTHC": [
        ["Nơi tiếp nhận, trả kết quả", "Từ ngày", "Đến ngày", "Tiếp nhận trực tiếp", "Giải quyết đúng hạn",
         "Đang giải quyết"],
        ["Trung tâm Phục vụ hành chính công", "01/11/2025", "30/11/2025", "12a", 5, None]]})
    plan = importing.import_file(workspace, path)
    assert [(p.row, p.column, p.value) for p in plan.problems] == [(2, "D", "12a")]
    assert "không phải số nguyên" in plan.problems[0].message


def _visit_values(session) -> dict:
    reg = REGISTERS["visits"]
    values = {"start_date": date(2025, 9, 10), "team_body": "Bộ Nội vụ", "content": "Khảo sát bộ máy"}
    for spec in reg.fields:
        if spec.required and spec.name not in values and spec.in_form:
            values[spec.name] = records.choices(session, reg, spec.name, unit_code=NGO_QUYEN)[0].code
    return values


def test_a_reference_may_point_to_a_record_of_the_same_file(workspace, tmp_path):
    # A visit sheet (with its ID) and an obstacle sheet naming that visit: the visit is saved first.
    visit_id = str(uuid.uuid4())
    with workspace.session() as session:
        visit = _visit_values(session)
    kind_label = next(c.vi for c in REGISTERS["visits"].fixed_choices["visit_kind"] if c.code == visit["kind"])
    path = write_book(tmp_path / "hai-so.xlsx", {
        "Khó khăn": [["Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Cấp có thẩm quyền giải quyết", "Ngày phát sinh",
                      "Tình trạng", "Phát hiện qua đợt khảo sát"],
                     ["Thiếu máy in", "Khác", "Cấp xã", date(2025, 10, 1), "Mới tiếp nhận", "10/09/2025 – Bộ Nội vụ"]],
        "Khảo sát": [["Mã bản ghi", "Từ ngày", "Hình thức", "Cơ quan của đoàn", "Nội dung làm việc"],
                     [visit_id, date(2025, 9, 10), kind_label, "Bộ Nội vụ", "Khảo sát bộ máy"]]})
    plan = importing.import_file(workspace, path)
    assert plan.committed, [p.line() for p in plan.problems]
    assert [p.register.name for p in plan.planned] == ["visits", "obstacles"]
    assert [r["visit_id"] for r in stored(workspace)] == [visit_id]


def test_a_hidden_sheet_is_not_imported_and_the_check_says_so(workspace, tmp_path):
    headings = ["Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Cấp có thẩm quyền giải quyết", "Ngày phát sinh",
                "Tình trạng"]
    path = write_book(tmp_path / "hai-trang.xlsx", {
        "Năm nay": [headings, ["Thiếu máy in", "Khác", "Cấp xã", date(2025, 10, 1), "Mới tiếp nhận"]],
        "Năm ngoái": [headings, ["Trụ sở cũ", "Khác", "Cấp xã", date(2024, 10, 1), "Mới tiếp nhận"]]},
        hidden=["Năm ngoái"])
    plan = importing.import_file(workspace, path)
    assert plan.committed and [r["title"] for r in stored(workspace)] == ["Thiếu máy in"]
    assert any(n.startswith("Trang «Năm ngoái» đang bị ẩn trong Excel: bỏ qua") for n in plan.notes)


def test_hidden_rows_are_named_and_nothing_is_imported(workspace, tmp_path):
    rows = [["Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Cấp có thẩm quyền giải quyết", "Ngày phát sinh",
             "Tình trạng"],
            *[[f"Vướng mắc {i}", "Khác", "Cấp xã", date(2025, 10, i), "Mới tiếp nhận"] for i in range(1, 6)]]
    path = write_book(tmp_path / "loc.xlsx", {"Sheet1": rows}, hidden_rows={"Sheet1": [3, 5, 9]})
    plan = importing.import_file(workspace, path)
    assert not plan.committed and stored(workspace) == []
    (problem,) = plan.problems
    assert problem.line() == (
        "Trang «Sheet1»: 2 dòng có dữ liệu đang bị ẩn trong Excel (dòng 3, 5). Desk không nhập dòng ẩn: hãy bỏ ẩn "
        "(chọn cả trang, bấm chuột phải vào số dòng > Unhide, hoặc bỏ bộ lọc) để xem lại rồi nhập, hoặc xóa các "
        "dòng đó nếu không cần.")
    # Unhidden, the same rows are imported
    path = write_book(tmp_path / "het-loc.xlsx", {"Sheet1": rows})
    assert importing.import_file(workspace, path).committed and len(stored(workspace)) == 5


def _rewritten(path, change):
    """The workbook at path with each part's bytes passed through change(name, data) -> (name, data)."""
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = [change(info.filename, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts:
            target.writestr(name, data)
    return path


def _single_quoted(name, data):
    if name.startswith("xl/worksheets/"):
        data = re.sub(rb'<row r="(\d+)"([^>]*)hidden="1"', rb"<row r='\1'\2hidden='1'", data)
    return name, data


def _moved_out_of_worksheets(name, data):
    if name == "xl/worksheets/sheet1.xml":
        return "xl/khac/trang.xml", data
    if name == "xl/_rels/workbook.xml.rels":
        return name, data.replace(b"worksheets/sheet1.xml", b"khac/trang.xml").replace(b"/xl/khac", b"/xl/khac")
    if name == "[Content_Types].xml":
        return name, data.replace(b"/xl/worksheets/sheet1.xml", b"/xl/khac/trang.xml")
    return name, data


@pytest.mark.parametrize("disguise", ["attributes quoted '...'", "a part outside xl/worksheets", "rows 0 high"])
def test_rows_hidden_in_a_disguised_way_are_named_and_nothing_is_imported(workspace, tmp_path, disguise):
    rows = [["Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Cấp có thẩm quyền giải quyết", "Ngày phát sinh",
             "Tình trạng"],
            *[[f"Vướng mắc {i}", "Khác", "Cấp xã", date(2025, 10, i), "Mới tiếp nhận"] for i in range(1, 6)]]
    if disguise == "rows 0 high":
        path = write_book(tmp_path / "loc.xlsx", {"Sheet1": rows})
        _rewritten(path, lambda name, data: (name, re.sub(rb'<row r="([35])"', rb'<row r="\1" ht="0" customHeight="1"',
                                                          data) if name.startswith("xl/worksheets/") else data))
    else:
        path = write_book(tmp_path / "loc.xlsx", {"Sheet1": rows}, hidden_rows={"Sheet1": [3, 5]})
        _rewritten(path, _single_quoted if disguise.startswith("attributes") else _moved_out_of_worksheets)
    plan = importing.import_file(workspace, path)
    assert not plan.committed and stored(workspace) == []
    (problem,) = plan.problems
    assert "2 dòng có dữ liệu đang bị ẩn trong Excel (dòng 3, 5)" in problem.line()


def test_a_count_in_a_problem_is_grouped_as_the_language_shown_groups_it(workspace, tmp_path):
    from desk.domain import lang

    rows = [["Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Cấp có thẩm quyền giải quyết", "Ngày phát sinh",
             "Tình trạng"],
            *[[f"Vướng mắc {i}", "Khác", "Cấp xã", date(2025, 10, 1), "Mới tiếp nhận"] for i in range(1200)]]
    path = write_book(tmp_path / "loc.xlsx", {"Sheet1": rows}, hidden_rows={"Sheet1": list(range(2, 1202))})
    (problem,) = importing.import_file(workspace, path, dry_run=True).problems
    assert problem.message.startswith("1.200 dòng có dữ liệu đang bị ẩn trong Excel (dòng 2, 3,")
    lang.set_language("en")
    try:
        (problem,) = importing.import_file(workspace, path, dry_run=True).problems
    finally:
        lang.set_language("vi")
    assert problem.message.startswith("1,200 rows with data are hidden in Excel (rows 2, 3,")


def test_a_desk_obstacle_report_brings_the_cause_impact_and_body_from_its_second_list(workspace, tmp_path):
    from desk.services import obstacle_report

    source = open_workspace(str(tmp_path / "src"), create=True)
    with source.session() as session:
        office.set_office_unit(session, NGO_QUYEN)
        records.save(session, OBSTACLES, obstacle(title="Hồ sơ đất đai ách tắc", raised_on=date(2025, 10, 2),
                                                  cause="Chưa có hướng dẫn của Bộ", impact="Người dân chờ lâu",
                                                  impact_count=270, requested_body="Sở Nông nghiệp và Môi trường"),
                     unit_code=NGO_QUYEN, actor=CLERK)
        out = tmp_path / "bao-cao.xlsx"
        obstacle_report.export(session, units.unit(NGO_QUYEN), periods.parse_period("2025-10"), out,
                               signed_on=date(2025, 10, 20))
    assert openpyxl.load_workbook(out).sheetnames == ["Tổng hợp", "Chi tiết", "Nguyên nhân, kiến nghị"]
    plan = importing.import_file(workspace, out)
    assert plan.committed
    (row,) = stored(workspace)        # one record: the two lists are the same records, joined back
    assert (row["title"], row["cause"], row["impact"], row["impact_count"], row["requested_body"]) == (
        "Hồ sơ đất đai ách tắc", "Chưa có hướng dẫn của Bộ", "Người dân chờ lâu", 270, "SNNMT")
    source.engine.dispose()


def _marked(path: Path, code: str, name: str) -> Path:
    """The template as Desk wrote it before the unit list moved (its marker names the unit's old code)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[MARKER_SHEET]
    for row in range(1, ws.max_row + 1):
        if ws.cell(row, 1).value == "unit_code":
            ws.cell(row, 2, code)
        if ws.cell(row, 1).value == "unit_name":
            ws.cell(row, 2, name)
    wb.save(path)
    return path


def test_a_template_made_under_the_older_unit_list_is_this_unit_s(workspace, tmp_path):
    # Phường Ngô Quyền was 11341 before the list moved to 2026.9.0; no unit has that code now
    path = _marked(fill(make_template(workspace, tmp_path / "mau-cu.xlsx"), CLERK_ROWS), "11341", "Phường Ngô Quyền")
    plan = importing.import_file(workspace, path)
    assert plan.committed and plan.new_count == 2


def test_a_former_code_that_now_names_another_unit_is_read_by_the_unit_s_name(tmp_path):
    # Xã Lý Quốc (Cao Bằng) was 1558, now 1537; 1558 is Xã Hạ Lang's code in the current list
    ly_quoc = open_workspace(str(tmp_path / "ly-quoc"), create=True)
    with ly_quoc.session() as session:
        office.set_office_unit(session, 1537)
    try:
        ours = _marked(fill(make_template(ly_quoc, tmp_path / "a.xlsx"), CLERK_ROWS), "1558", "Xã Lý Quốc")
        assert importing.import_file(ly_quoc, ours).committed
        theirs = _marked(fill(make_template(ly_quoc, tmp_path / "b.xlsx"), CLERK_ROWS), "1558", "Xã Hạ Lang")
        with pytest.raises(UserError, match=r"mã 1558, theo mẫu nhập liệu\), không phải của Xã Lý Quốc"):
            importing.import_file(ly_quoc, theirs)
    finally:
        ly_quoc.engine.dispose()


def test_one_person_on_two_rows_of_a_file_is_noted_as_a_possible_duplicate(workspace, tmp_path):
    reg = REGISTERS["officials"]
    with workspace.session() as session:
        chosen = [records.choices(session, reg, name, unit_code=NGO_QUYEN)[0].label
                  for name in ("staff_category", "office", "title", "status")]
    path = write_book(tmp_path / "can-bo.xlsx", {"Sheet1": [
        ["Họ và tên", "Ngày sinh", "Loại cán bộ", "Phòng, ban", "Chức vụ", "Tình trạng",
         "Số định danh cá nhân (CCCD)"],
        ["Nguyễn Văn An", date(1985, 3, 2), *chosen, "001085000123"],
        ["Trần Thị Bình", date(1990, 5, 6), *chosen, "001190000456"],
        ["nguyen van an", date(1985, 3, 2), *chosen, None],
        ["Lê Văn Cường", None, *chosen, "001190000456"],
        ["Nguyễn Văn An", date(1986, 3, 2), *chosen, None],
        ["NGUYỄN VĂN AN", date(1985, 3, 2), *chosen, "001085000123"]]})
    plan = importing.import_file(workspace, path, dry_run=True)
    assert plan.notes == [
        "Trang «Sheet1», dòng 4: Dòng 2 của trang này đã có «Nguyễn Văn An», sinh ngày 02/03/1985: có thể là một "
        "người nhập hai lần.",
        "Trang «Sheet1», dòng 5: Số CCCD 001190000456 đã ghi cho «Trần Thị Bình» ở dòng 3 của trang này.",
        # Row 2 shares both the birthday and the citizen ID: named once for each, not twice for either.
        "Trang «Sheet1», dòng 7: Dòng 2 của trang này đã có «Nguyễn Văn An», sinh ngày 02/03/1985: có thể là một "
        "người nhập hai lần.",
        "Trang «Sheet1», dòng 7: Dòng 4 của trang này đã có «nguyen van an», sinh ngày 02/03/1985: có thể là một "
        "người nhập hai lần.",
        "Trang «Sheet1», dòng 7: Số CCCD 001085000123 đã ghi cho «Nguyễn Văn An» ở dòng 2 của trang này."]
    # A warning, not a refusal: two people may share a name and a birthday.
    done = importing.import_file(workspace, path)
    assert done.committed and done.new_count == 6
    # Once stored, the same file is compared with the register.
    again = importing.import_file(workspace, path, dry_run=True)
    assert "Trang «Sheet1», dòng 2: Sổ đã có «Nguyễn Văn An», sinh ngày 02/03/1985: có thể là một người nhập hai " \
           "lần." in again.notes


def test_a_staffing_frame_on_two_rows_of_a_file_is_noted(workspace, tmp_path):
    with workspace.session() as session:
        office_name = records.choices(session, REGISTERS["staffing"], "office", unit_code=NGO_QUYEN)[0].label
    path = write_book(tmp_path / "bien-che.xlsx", {"Biên chế": [
        ["Phòng, ban", "Vị trí việc làm", "Số biên chế được giao", "Ngày có hiệu lực"],
        [office_name, "Văn thư", 2, date(2025, 7, 1)],
        [office_name, "Kế toán", 1, date(2025, 7, 1)],
        [office_name, "Văn thư", 3, date(2025, 7, 1)],
        [office_name, "Văn thư", 3, date(2025, 8, 1)]]})
    plan = importing.import_file(workspace, path, dry_run=True)
    assert plan.notes == ["Trang «Biên chế», dòng 4: Đã có khung biên chế 2 người ở dòng 2 của trang này cho cùng "
                          "phòng, ban và vị trí, hiệu lực cùng ngày 01/07/2025: có thể nhập trùng."]


def test_a_movements_file_names_officials_as_a_clerk_writes_them(workspace, tmp_path):
    official(workspace, name="Trần Thị Thu Hương", birth_date="05/06/1990")
    official(workspace, name="Nguyễn Văn Hùng", birth_date="02/03/1985", office="leadership", title="chair",
             category="cadre")
    second = official(workspace, name="Nguyễn Văn Hùng", birth_date="20/10/1985")
    heading = ["Hình thức", "Đi hay đến", "Cán bộ của xã", "Từ ngày"]
    out = "Cán bộ của xã đi nơi khác"
    path = write_book(tmp_path / "dieu-dong.xlsx", {"Sheet1": [
        heading, ["Biệt phái", out, "Trần Thị Thu Hương", date(2025, 9, 1)],
        ["Biệt phái", out, "Nguyễn Văn Hùng (1985)", date(2025, 9, 1)]]})
    # Two people of one name and birth year: the row is refused, naming both, rather than linked to the first
    plan = importing.import_file(workspace, path, dry_run=True)
    assert [(p.row, p.column) for p in plan.problems] == [(3, "C")]
    assert "«Nguyễn Văn Hùng (02/03/1985)»; «Nguyễn Văn Hùng (20/10/1985)»" in plan.problems[0].message
    # Written with the birthday it names the one meant; a name the register holds once is enough
    path = write_book(tmp_path / "dieu-dong-2.xlsx", {"Sheet1": [
        heading, ["Biệt phái", out, "Trần Thị Thu Hương", date(2025, 9, 1)],
        ["Biệt phái", out, "Nguyễn Văn Hùng (20/10/1985)", date(2025, 9, 1)]]})
    assert importing.import_file(workspace, path).committed
    moved = {r["person"]: r["official_id"] for r in stored(workspace, REGISTERS["movements"])}
    assert moved["Nguyễn Văn Hùng"] == second and "Trần Thị Thu Hương" in moved


def _fresh(tmp_path, name):
    other = open_workspace(str(tmp_path / name), create=True)
    with other.session() as session:
        office.set_office_unit(session, NGO_QUYEN)
    return other


def test_desks_own_lists_read_back_keep_the_office_printed_as_each_bands_heading(workspace, tmp_path):
    # Given frames and people of two offices, and one frame for the whole commune
    frame(workspace, office="economy", job_position="Địa chính", authorised=3)
    frame(workspace, office="office", job_position="Văn thư", authorised=2)
    frame(workspace, office=None, authorised=20)
    official(workspace, name="Nguyễn Văn An", office="economy")
    official(workspace, name="Lê Thị Bình", office="office")
    unit = workspace.require_unit()
    with workspace.session() as session:
        staffing_report.export(session, unit, None, tmp_path / "bien-che.xlsx")
        register_report.export(session, unit, "officials", None, tmp_path / "can-bo.xlsx")
    # When another Desk imports the lists Desk wrote (the office is each band's heading, not a column)
    for file, name in (("bien-che.xlsx", "staffing"), ("can-bo.xlsx", "officials")):
        other = _fresh(tmp_path, f"other-{name}")
        plan = importing.import_file(other, tmp_path / file)
        assert plan.committed, [p.line() for p in plan.problems]
        reg = REGISTERS[name]
        with other.session() as session:
            got = records.query(session, reg, records.RecordQuery(unit_code=NGO_QUYEN))
        # Then every record is under the office it was printed under, the commune's own frame under none
        if name == "staffing":
            assert sorted((r["office"] or "", r["authorised"]) for r in got) == [
                ("", 20), ("economy", 3), ("office", 2)]
        else:
            assert sorted((r["full_name"], r["office"]) for r in got) == [
                ("Lê Thị Bình", "office"), ("Nguyễn Văn An", "economy")]
        other.engine.dispose()


def test_a_staffing_list_printed_before_under_chung_toan_xa_reads_back_under_no_office(workspace, tmp_path):
    frame(workspace, office="economy", job_position="Địa chính", authorised=3)
    frame(workspace, office=None, authorised=20)
    with workspace.session() as session:
        staffing_report.export(session, workspace.require_unit(), None, tmp_path / "bien-che.xlsx")
    # The list as Desk printed it before its band said «đơn vị»
    book = openpyxl.load_workbook(tmp_path / "bien-che.xlsx")
    bands = [c for ws in book for row in ws.iter_rows() for c in row if c.value == "I. Chung toàn đơn vị"]
    assert bands
    for cell in bands:
        cell.value = "I. Chung toàn xã"
    book.save(tmp_path / "bien-che-cu.xlsx")
    other = _fresh(tmp_path, "other")
    plan = importing.import_file(other, tmp_path / "bien-che-cu.xlsx")
    assert plan.committed, [p.line() for p in plan.problems]
    with other.session() as session:
        got = records.query(session, REGISTERS["staffing"], records.RecordQuery(unit_code=NGO_QUYEN))
    assert sorted((r["office"] or "", r["authorised"]) for r in got) == [("", 20), ("economy", 3)]
    other.engine.dispose()


@pytest.mark.parametrize("total", ["Tổng cộng", "Tổng cộng: 3 người", "TỔNG CỘNG (03 NGƯỜI)", "Cộng - 3"])
def test_a_total_row_and_the_signature_block_under_a_clerks_table_are_not_records(workspace, tmp_path, total):
    with workspace.session() as session:
        office_name = records.choices(session, REGISTERS["staffing"], "office", unit_code=NGO_QUYEN)[0].label
    path = write_book(tmp_path / "bien-che.xlsx", {"Biên chế": [
        ["STT", "Phòng, ban", "Vị trí việc làm", "Số biên chế được giao", "Ngày có hiệu lực"],
        [1, office_name, "Văn thư", 2, date(2025, 7, 1)],
        [2, office_name, "Kế toán", 1, date(2025, 7, 1)],
        [total, None, None, 3, None],
        [None, None, "Ngô Quyền, ngày 05 tháng 10 năm 2025", None, None],
        [None, "NGƯỜI LẬP BIỂU", None, "THỦ TRƯỞNG ĐƠN VỊ", None],
        [None, "(Ký, ghi rõ họ tên)", None, "(Ký tên, đóng dấu)", None],
        [None, "Nguyễn Thị Lan", None, "Trần Văn Bình", None]]})
    plan = importing.import_file(workspace, path, dry_run=True)
    assert plan.new_count == 2 and not plan.problems, plan.problems
    assert "Trang «Biên chế», dòng 4: bỏ qua (dòng tổng cộng, không phải bản ghi)." in plan.notes
    skipped = [n for n in plan.notes if "phần ký tên cuối bảng" in n]
    assert [n.split(":")[0] for n in skipped] == [f"Trang «Biên chế», dòng {r}" for r in (5, 6, 7, 8)]


@pytest.mark.parametrize("count", [10 ** 20, "100000000000000000000", 1e308])
def test_a_count_too_large_to_store_is_a_row_problem_not_a_crash(workspace, tmp_path, count):
    with workspace.session() as session:
        domain = records.choices(session, REGISTERS["obstacles"], "domain", unit_code=NGO_QUYEN)[0].label
        level = records.choices(session, REGISTERS["obstacles"], "level", unit_code=NGO_QUYEN)[0].label
    path = write_book(tmp_path / "kkvm.xlsx", {"KKVM": [
        ["Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Cấp có thẩm quyền giải quyết", "Ngày phát sinh",
         "Số hồ sơ, lượt người bị ảnh hưởng"],
        ["Thiếu máy tính cho bộ phận một cửa", domain, level, date(2025, 9, 2), count]]})
    plan = importing.import_file(workspace, path)
    assert not plan.committed and stored(workspace, REGISTERS["obstacles"]) == []
    (problem,) = plan.problems
    assert (problem.sheet, problem.row, problem.column, problem.header) == ("KKVM", 2, "E",
                                                                        "Số hồ sơ, lượt người bị ảnh hưởng")
    assert "số quá lớn (tối đa 999.999.999.999)" in problem.message
    assert len(problem.value) <= 21      # the cell as Excel shows it, not 309 digits


def test_a_file_without_the_state_column_gives_new_obstacles_the_state_the_form_starts_with(workspace, tmp_path):
    with workspace.session() as session:
        domain = records.choices(session, REGISTERS["obstacles"], "domain", unit_code=NGO_QUYEN)[0].label
        level = records.choices(session, REGISTERS["obstacles"], "level", unit_code=NGO_QUYEN)[0].label
    path = write_book(tmp_path / "kkvm.xlsx", {"KKVM": [
        ["STT", "Lĩnh vực", "Nội dung khó khăn, vướng mắc", "Cấp có thẩm quyền giải quyết", "Ngày phát sinh"],
        [1, domain, "Thiếu máy tính cho bộ phận một cửa", level, date(2025, 9, 2)]]})
    plan = importing.import_file(workspace, path)
    assert plan.committed and not plan.problems, plan.problems
    assert ("Trang «KKVM»: tệp không có cột «Tình trạng»: «Mới tiếp nhận»; bản ghi mới lấy giá trị mặc định này, "
            "như khi nhập trên màn hình.") in plan.notes
    (row,) = stored(workspace, REGISTERS["obstacles"])
    assert (row["title"], row["status"], row["raised_on"]) == ("Thiếu máy tính cho bộ phận một cửa", "received",
                                                               date(2025, 9, 2))


def test_a_clerks_own_headings_and_number_cells_for_the_officials_columns_are_read(workspace, tmp_path):
    reg = REGISTERS["officials"]
    with workspace.session() as session:
        category, unit_office, title, status = (records.choices(session, reg, name, unit_code=NGO_QUYEN)[0].label
                                                for name in ("staff_category", "office", "title", "status"))
    path = write_book(tmp_path / "can-bo.xlsx", {"DS cán bộ": [
        ["STT", "Họ tên", "Ngày, tháng, năm sinh", "Số CCCD", "Loại cán bộ", "Phòng, ban", "Chức danh", "Tình trạng",
         "Điện thoại"],
        # The citizen ID in a number cell, as Excel keeps it: its leading zeros gone
        [1, "Nguyễn Văn An", "02/03/1985", 1085000123, category, unit_office, title, status, "0912 345 678"]]})
    plan = importing.import_file(workspace, path)
    assert plan.committed and not any("bỏ qua" in n for n in plan.notes), plan.notes
    (row,) = stored(workspace, reg)
    assert (row["full_name"], row["birth_date"], row["citizen_id"], row["phone"]) == (
        "Nguyễn Văn An", date(1985, 3, 2), "001085000123", "0912345678")


def test_one_workbook_adds_an_official_and_the_movement_naming_him(workspace, tmp_path):
    reg = REGISTERS["officials"]
    with workspace.session() as session:
        chosen = [records.choices(session, reg, name, unit_code=NGO_QUYEN)[0].label
                  for name in ("staff_category", "office", "title", "status")]
    movements = ["Điều động", [["Hình thức", "Đi hay đến", "Cán bộ của xã", "Từ ngày"],
                               ["Biệt phái", "Cán bộ của xã đi nơi khác", "Cao Văn Hải", date(2025, 9, 1)],
                               ["Tăng cường", "Cán bộ của xã đi nơi khác", "Đỗ Thị Mai (1991)", date(2025, 10, 1)]]]
    officials = ["Cán bộ", [["Họ và tên", "Ngày sinh", "Loại cán bộ", "Phòng, ban", "Chức vụ", "Tình trạng"],
                            ["Cao Văn Hải", date(1980, 4, 5), *chosen], ["Đỗ Thị Mai", date(1991, 1, 2), *chosen]]]
    # In either order of the sheets
    for number, sheets in enumerate((dict([movements, officials]), dict([officials, movements]))):
        other = workspace if number == 0 else _fresh(tmp_path, "other")
        plan = importing.import_file(other, write_book(tmp_path / f"dieu-dong-{number}.xlsx", sheets))
        assert plan.committed, [p.line() for p in plan.problems]
        people = {r["full_name"]: r["id"] for r in stored(other, reg)}
        moved = {r["official_id"] for r in stored(other, REGISTERS["movements"])}
        assert moved == {people["Cao Văn Hải"], people["Đỗ Thị Mai"]}
        if other is not workspace:
            other.engine.dispose()
