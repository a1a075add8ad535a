"""Desk's own templates come back unchanged: re-importing one writes nothing; four edited cells change four records."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from sqlalchemy import func, select, update

from desk.domain.registers import REGISTERS
from desk.reports.import_template import DATA_SHEET, ID_HEADER
from desk.services import demo, importing, records, templates
from desk.store.models import ChoiceItem, table_of
from desk.store.security import AuditEntry


@pytest.fixture
def filled(workspace):
    """Demo data in every register, plus what made templates come back changed or refused: a domain
    taken out of use that records still hold, two domains with one label, a voided visit that
    obstacles still point to."""
    unit = workspace.require_unit()
    with workspace.session() as session:
        demo.fill(session, unit, count=60)
    with workspace.session() as session:
        session.execute(update(ChoiceItem).where(ChoiceItem.code == "PREMISES").values(active=False))
        session.execute(update(ChoiceItem).where(ChoiceItem.code == "DATA_SYSTEMS").values(vi="Khác"))
        obstacles = table_of(REGISTERS["obstacles"]).__table__
        visit_id = session.scalar(select(obstacles.c.visit_id).where(obstacles.c.visit_id.is_not(None)))
        records.void(session, REGISTERS["visits"], visit_id, "Nhập trùng")
        held = {row[0] for row in session.execute(select(obstacles.c.domain))}
    assert {"PREMISES", "DATA_SYSTEMS", "OTHER"} <= held
    return workspace


def snapshot(workspace, reg) -> dict[str, dict]:
    table = table_of(reg).__table__
    with workspace.session() as session:
        return {row["id"]: dict(row) for row in session.execute(select(table)).mappings()}


def audit_rows(workspace) -> int:
    with workspace.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry))


def export(workspace, reg, path):
    with workspace.session() as session:
        return templates.export_template(session, reg, workspace.require_unit(), path, with_records=True)


@pytest.mark.parametrize("name", list(REGISTERS))
def test_reimporting_an_unchanged_template_changes_nothing_and_writes_no_audit_row(filled, tmp_path, name):
    reg = REGISTERS[name]
    path = tmp_path / f"{name}.xlsx"
    count = export(filled, reg, path)
    assert count > 0
    before, trail = snapshot(filled, reg), audit_rows(filled)
    plan = importing.import_file(filled, path)
    assert plan.committed and not plan.problems
    assert (plan.new_count, plan.updated_count, plan.unchanged_count) == (0, 0, count)
    assert f"0 bản ghi mới, 0 bản ghi cập nhật, {count} bản ghi không thay đổi" in plan.summary()
    assert audit_rows(filled) == trail
    assert snapshot(filled, reg) == before           # not even updated_at moved


def test_four_edited_cells_change_exactly_those_four_records(filled, tmp_path):
    reg = REGISTERS["obstacles"]
    path = tmp_path / "kkvm.xlsx"
    export(filled, reg, path)
    wb = openpyxl.load_workbook(path)
    ws = wb[DATA_SHEET]
    headings = {str(c.value).removesuffix(" *"): c.column for c in ws[1] if c.value}
    # One edited record keeps the domain taken out of use (the template shows its code)
    out_of_use = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, headings["Lĩnh vực"]).value == "PREMISES")
    others = [r for r in range(2, 12) if r != out_of_use][:3]
    edits = {out_of_use: ("Kết quả xử lý", "Đã bố trí thêm 1 công chức"), others[0]: ("Hạn xử lý", date(2026, 1, 15)),
             others[1]: ("Nội dung khó khăn, vướng mắc", "Thiếu máy chủ lưu trữ"),
             others[2]: ("Tình trạng", "Đã báo cáo, kiến nghị cấp trên")}
    edited = {}
    for row, (heading, value) in edits.items():
        ws.cell(row, headings[heading]).value = value
        edited[ws.cell(row, headings[ID_HEADER]).value] = heading
    wb.save(path)
    before, trail = snapshot(filled, reg), audit_rows(filled)
    plan = importing.import_file(filled, path)
    assert plan.committed, [p.line() for p in plan.problems]
    assert (plan.new_count, plan.updated_count) == (0, 4)
    after = snapshot(filled, reg)
    changed = {rid for rid in before if before[rid] != after[rid]}
    assert changed == set(edited)
    assert audit_rows(filled) == trail + 4
    kept = ws.cell(out_of_use, headings[ID_HEADER]).value
    assert (after[kept]["domain"], after[kept]["result"]) == ("PREMISES", "Đã bố trí thêm 1 công chức")


def test_a_choice_out_of_use_is_kept_but_not_newly_chosen(filled, tmp_path):
    reg = REGISTERS["obstacles"]
    path = tmp_path / "kkvm.xlsx"
    export(filled, reg, path)
    wb = openpyxl.load_workbook(path)
    ws = wb[DATA_SHEET]
    headings = {str(c.value).removesuffix(" *"): c.column for c in ws[1] if c.value}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, headings["Lĩnh vực"]).value not in ("PREMISES", None))
    ws.cell(row, headings["Lĩnh vực"]).value = "PREMISES"
    wb.save(path)
    plan = importing.import_file(filled, path)
    assert not plan.committed
    assert [(p.row, p.header) for p in plan.problems] == [(row, "Lĩnh vực *")]


def test_several_choices_are_written_by_their_names_as_the_clerk_chose_them(filled, tmp_path):
    # An initiative's channels in the template with records: «Nhóm Zalo; Đường dây nóng», not «zalo,hotline»
    from desk.domain.registers import initiatives

    path = tmp_path / "sang-kien.xlsx"
    export(filled, REGISTERS["initiatives"], path)
    ws = openpyxl.load_workbook(path)[DATA_SHEET]
    heading = [c.value for c in ws[1]]
    column = heading.index("Hình thức, kênh thực hiện *") + 1
    written = [ws.cell(r, column).value for r in range(2, ws.max_row + 1) if ws.cell(r, column).value]
    labels = {c.vi for c in initiatives.CHANNELS}
    assert written and all(set(value.split("; ")) <= labels for value in written), written
    assert any("; " in value for value in written)
