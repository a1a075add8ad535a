"""Bulk writes (imports) give exactly what one records.save() per record gives: stored rows, derived
columns, audit rows and refusals; and a failure anywhere leaves nothing written."""

from __future__ import annotations

import unicodedata
import uuid
from datetime import date, datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desk.domain import periods
from desk.domain.access import Actor, Role
from desk.errors import UserError, ValidationError
from desk.reports.import_template import DATA_SHEET
from desk.services import bulk_records, importing, period_lock, records
from desk.services.period_lock import PeriodLockedError
from desk.services.registers import MOVEMENTS, OBSTACLES, OFFICIALS, REGISTERS, VISITS
from desk.store.security import AuditEntry
from tests.conftest import NGO_QUYEN
from tests.services.test_importing import CLERK_ROWS, counts, fill, make_template

CLERK = Actor("lan", Role.CLERK)
AT = datetime(2026, 1, 5, 2, 3, 4, 567890, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    """save() stamps records with records.utc_now(); the bulk path gets the same time, so whole rows compare."""
    monkeypatch.setattr(records, "utc_now", lambda: AT)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# What a clerk types or a file holds: labels for codes, NFD text, spaces, dd/mm/yyyy, "1.234".
OBSTACLE_INPUTS = [
    {"title": nfd("  Thiếu   công chức\u00a0địa chính "), "domain": "Nhân sự (thừa, thiếu, chuyên môn không phù hợp)",
     "level": "cap tinh", "raised_on": "5/9/2025", "status": "Mới tiếp nhận", "proposal": "=Đề nghị\r\nbổ sung"},
    {"title": "Trụ sở chật", "domain": "PREMISES", "level": "commune", "raised_on": date(2025, 10, 1),
     "deadline": datetime(2025, 11, 1, 8, 30), "status": "resolved", "result": nfd("Đã bố trí"),
     "resolved_on": "2025-10-20", "source": "self_review", "guide_doc": "12/SNV-CQĐP", "former_unit": "Xã Cũ"},
    {"title": "Máy tính cũ", "domain": "VEHICLES_EQUIPMENT", "level": "province", "raised_on": "01/07/2025",
     "status": "in_progress", "description": "Dòng 1\nDòng 2", "proposal": ""},
]


def sample_inputs(session) -> dict:
    """register name -> raw inputs of valid records, one or more per register (references to saved records)."""
    official = records.save(session, OFFICIALS, {"full_name": "Nguyễn Văn An", "staff_category": "civil_servant",
                                                 "office": "economy", "title": "staff", "status": "working"},
                            unit_code=NGO_QUYEN, actor=CLERK)
    visit = {"start_date": "10/09/2025", "kind": "survey", "team_body": "Bộ Nội vụ", "content": "Khảo sát bộ máy"}
    return {
        "obstacles": OBSTACLE_INPUTS,
        "officials": [{"full_name": nfd("Trần Thị Bình"), "staff_category": "civil_servant", "office": "economy",
                     "title": "staff", "status": "working", "citizen_id": "001 085 012 345", "phone": "0912.345.678"}],
        "staffing": [{"office": "economy", "authorised": "5", "effective_date": "01/07/2025",
                      "note": nfd("Theo đề án sắp xếp")}],
        # official_id is searchable: its label (the official's name) goes into search_key.
        "movements": [{"kind": "secondment", "direction": "out", "start_date": "01/09/2025", "official_id": official,
                     "host_body": "Sở Nội vụ", "purpose": "Hỗ trợ chuyển đổi số"}],
        "visits": [visit],
        "initiatives": [{"name": "Thứ bảy thân thiện", "start_date": "02/08/2025", "channels": "in_person",
                       "status": "active", "people_served": "1.234"}],
    }


def stored_rows(session, reg, ids: list[str]) -> list[dict]:
    """The rows as SQLite holds them (text, not Python values), in the order of ids, without the id."""
    table = reg.table.__tablename__
    marks = ", ".join("?" for _ in ids)
    result = session.connection().exec_driver_sql(f"SELECT * FROM {table} WHERE id IN ({marks})", tuple(ids))
    rows = {row["id"]: {k: v for k, v in row.items() if k != "id"} for row in result.mappings()}
    return [rows[i] for i in ids]


def audit_rows(session, record_id: str) -> list[tuple]:
    result = session.connection().exec_driver_sql(
        "SELECT at, actor, actor_role, action, table_name, field, old_value, new_value, reason FROM audit_log "
        "WHERE record_id = ? ORDER BY id", (record_id,))
    return [tuple(r) for r in result]


def bulk_save(session, reg, raws: list[dict], *, record_ids=None, new_ids=None) -> list[str]:
    validator = bulk_records.Validator(session, reg, NGO_QUYEN)
    record_ids = record_ids or [None] * len(raws)
    new_ids = new_ids or [None] * len(raws)
    pending = [bulk_records.Pending(validator.validate(raw), record_id, new_id)
               for raw, record_id, new_id in zip(raws, record_ids, new_ids)]
    return bulk_records.write(session, reg, pending, unit_code=NGO_QUYEN, actor=CLERK)


@pytest.mark.parametrize("name", list(REGISTERS))
def test_bulk_creates_store_the_same_rows_and_audit_rows_as_one_save_per_record(workspace, name):
    reg = REGISTERS[name]
    with workspace.session() as session:
        raws = sample_inputs(session)[name]
        # Given the same inputs saved one by one, and written in bulk
        saved = [records.save(session, reg, raw, unit_code=NGO_QUYEN, actor=CLERK) for raw in raws]
        bulk = bulk_save(session, reg, raws, new_ids=[str(uuid.uuid4()) for _ in raws])
        # Then every stored column is the same (search_key and any other derived column included)
        assert stored_rows(session, reg, bulk) == stored_rows(session, reg, saved)
        assert all(row["search_key"] for row in stored_rows(session, reg, bulk))
        # And each record has the same audit rows
        for one, other in zip(saved, bulk):
            assert audit_rows(session, other) == audit_rows(session, one) != []


def test_rows_sent_in_small_batches_come_out_the_same_and_in_order(workspace, monkeypatch):
    # Given batches far smaller than the rows to write (100k-row imports send 20k records at a time)
    monkeypatch.setattr(bulk_records, "_BATCH", 2)
    monkeypatch.setattr(bulk_records, "_AUDIT_BATCH", 5)
    with workspace.session() as session:
        saved = [records.save(session, OBSTACLES, raw, unit_code=NGO_QUYEN, actor=CLERK) for raw in OBSTACLE_INPUTS]
        first = session.scalar(select(func.max(AuditEntry.id)))
        bulk = bulk_save(session, OBSTACLES, OBSTACLE_INPUTS)
        # Then the rows are those of save(), and the audit rows follow the records' order
        assert stored_rows(session, OBSTACLES, bulk) == stored_rows(session, OBSTACLES, saved)
        order = session.scalars(select(AuditEntry.record_id).where(AuditEntry.id > first).order_by(AuditEntry.id))
        assert list(dict.fromkeys(order)) == bulk
        assert [audit_rows(session, i) for i in bulk] == [audit_rows(session, i) for i in saved]


def test_a_searchable_reference_is_stored_by_its_name_in_bulk_as_in_save(workspace):
    with workspace.session() as session:
        raw = sample_inputs(session)["movements"][0]
        (bulk,) = bulk_save(session, MOVEMENTS, [raw])
        (row,) = stored_rows(session, MOVEMENTS, [bulk])
    assert "nguyen van an" in row["search_key"]


def test_bulk_updates_store_the_same_rows_and_audit_rows_as_save(workspace):
    with workspace.session() as session:
        raw = OBSTACLE_INPUTS[0]
        # Given one record, stored twice
        one, other = (records.save(session, OBSTACLES, raw, unit_code=NGO_QUYEN, actor=CLERK) for _ in range(2))
        change = {**raw, "title": "Thiếu 2 công chức", "status": "in_progress", "deadline": "30/09/2025"}
        # When one is edited by save() and the other in bulk with the same input
        records.save(session, OBSTACLES, change, unit_code=NGO_QUYEN, record_id=one, actor=CLERK)
        bulk_save(session, OBSTACLES, [change], record_ids=[other])
        # Then both rows and both audit trails are the same (an "edit" row per changed field only)
        assert stored_rows(session, OBSTACLES, [other]) == stored_rows(session, OBSTACLES, [one])
        trail = audit_rows(session, other)
        assert trail == audit_rows(session, one)
        assert sorted(r[5] for r in trail if r[3] == "edit") == ["deadline", "status", "title"]


@st.composite
def cell(draw):
    """Anything a spreadsheet cell or a form may hand over, including values that are equal but
    differ in type (1, 1.0, True; a date and a datetime), which the converter must not mix up."""
    return draw(st.one_of(
        st.none(), st.just(""), st.just(" "), st.booleans(), st.integers(-3, 3), st.sampled_from([1.0, 2.5, 0.0]),
        st.dates(date(2024, 12, 25), date(2025, 1, 5)),
        st.datetimes(datetime(2024, 12, 30), datetime(2025, 1, 2)),
        st.sampled_from(["1", "01/01/2025", "2025-01-01", "31/02/2025", "PREMISES", "Trụ sở, nhà làm việc",
                         "resolved", "Đã tháo gỡ", "cap xa", "commune", "x", "Có", "1.234", "=1+2"]),
        st.text(max_size=6)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.fixed_dictionaries({}, optional={spec.name: cell() for spec in OBSTACLES.fields}),
                     min_size=1, max_size=8))
def test_the_bulk_validator_accepts_and_refuses_exactly_what_save_does(workspace, rows):
    with workspace.session() as session:
        validator = bulk_records.Validator(session, OBSTACLES, NGO_QUYEN)
        for raw in rows + rows:     # twice: the second time from what the validator remembered
            try:
                expected = records.validate(session, OBSTACLES, raw, unit_code=NGO_QUYEN)
            except ValidationError as exc:
                with pytest.raises(ValidationError) as caught:
                    validator.validate(raw)
                assert caught.value.errors == exc.errors
            else:
                got = validator.validate(raw)
                assert got == expected
                assert [type(v) for v in got.values()] == [type(v) for v in expected.values()]


@pytest.fixture
def locked_q4(workspace):
    """Q4/2025 (15/09–14/12/2025) is locked; one obstacle was raised in it before the lock."""
    with workspace.session() as session:
        inside = records.save(session, OBSTACLES, {**OBSTACLE_INPUTS[2], "raised_on": "01/10/2025"},
                              unit_code=NGO_QUYEN, actor=CLERK)
        period_lock.lock(session, NGO_QUYEN, periods.parse_period("2025-Q4"), actor=CLERK, reason="Đã nộp báo cáo")
    return inside


def test_a_locked_period_refuses_bulk_writes_with_the_message_save_gives(workspace, locked_q4):
    new_in_lock = {**OBSTACLE_INPUTS[2], "raised_on": "02/10/2025"}
    edit_in_lock = {**OBSTACLE_INPUTS[2], "raised_on": "01/10/2025", "title": "Sửa nội dung"}
    for raw, record_id in ((new_in_lock, None), (edit_in_lock, locked_q4)):
        with workspace.session() as session:
            with pytest.raises(PeriodLockedError) as by_save:
                records.save(session, OBSTACLES, raw, unit_code=NGO_QUYEN, record_id=record_id, actor=CLERK)
            with pytest.raises(PeriodLockedError) as by_bulk:
                bulk_save(session, OBSTACLES, [raw], record_ids=[record_id])
            assert str(by_bulk.value) == str(by_save.value)
            assert "đã khóa số liệu" in str(by_bulk.value)


def test_a_follow_up_of_a_locked_record_and_records_outside_the_lock_are_written(workspace, locked_q4):
    follow_up = {**OBSTACLE_INPUTS[2], "raised_on": "01/10/2025", "status": "resolved", "result": "Đã cấp máy",
                 "resolved_on": "20/12/2025"}
    outside = {**OBSTACLE_INPUTS[2], "raised_on": "20/12/2025"}
    with workspace.session() as session:
        bulk_save(session, OBSTACLES, [follow_up, outside], record_ids=[locked_q4, None])
    with workspace.session() as session:
        assert records.get(session, OBSTACLES, locked_q4).status == "resolved"
        assert session.scalar(select(func.count()).select_from(OBSTACLES.table)) == 2


def test_a_voided_or_missing_record_is_not_updated_in_bulk(workspace):
    with workspace.session() as session:
        record_id = records.save(session, OBSTACLES, OBSTACLE_INPUTS[2], unit_code=NGO_QUYEN, actor=CLERK)
        records.void(session, OBSTACLES, record_id, "Nhập trùng", actor=CLERK)
    with workspace.session() as session, pytest.raises(UserError, match="đã bị hủy, không sửa được"):
        bulk_save(session, OBSTACLES, [OBSTACLE_INPUTS[1]], record_ids=[record_id])
    with workspace.session() as session, pytest.raises(UserError, match="Không tìm thấy bản ghi"):
        bulk_save(session, OBSTACLES, [OBSTACLE_INPUTS[1]], record_ids=[str(uuid.uuid4())])


def test_one_bad_row_deep_in_a_file_means_nothing_is_written(workspace, tmp_path):
    # Given a 60-row file whose 45th record has a date that does not exist
    rows = [{**CLERK_ROWS[0], "Nội dung khó khăn, vướng mắc": f"Thiếu máy tính số {i}"} for i in range(60)]
    rows[44]["Ngày phát sinh"] = "31/02/2025"
    path = fill(make_template(workspace, tmp_path / "60-dong.xlsx"), rows)
    before = counts(workspace)
    # When it is imported
    plan = importing.import_file(workspace, path, actor=CLERK)
    # Then nothing is written and the one problem names its row (Excel row 46, under the heading)
    assert not plan.committed and counts(workspace) == before
    assert [(p.sheet, p.row, p.column) for p in plan.problems] == [(DATA_SHEET, 46, "G")]


def two_register_file(workspace, tmp_path):
    """A file with a visit (dated 10/09/2025) and an obstacle found in it (01/10/2025, in Q4/2025)."""
    from tests.importers.books import write_book
    from tests.services.test_importing import _visit_values

    with workspace.session() as session:
        visit = _visit_values(session)
    kind = next(c.vi for c in VISITS.fixed_choices["visit_kind"] if c.code == visit["kind"])
    return write_book(tmp_path / "hai-so.xlsx", {
        "Khó khăn": [["Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Cấp có thẩm quyền giải quyết", "Ngày phát sinh",
                      "Tình trạng", "Phát hiện qua đợt khảo sát"],
                     ["Thiếu máy in", "Khác", "Cấp xã", date(2025, 10, 1), "Mới tiếp nhận", "10/09/2025 – Bộ Nội vụ"]],
        "Khảo sát": [["Mã bản ghi", "Từ ngày", "Hình thức", "Cơ quan của đoàn", "Nội dung làm việc"],
                     [str(uuid.uuid4()), date(2025, 9, 10), kind, "Bộ Nội vụ", "Khảo sát bộ máy"]]})


def test_a_plan_checked_before_a_lock_writes_nothing_at_all_when_committed_after_it(workspace, tmp_path):
    # Given a two-register file checked (planned) in one transaction
    path = two_register_file(workspace, tmp_path)
    with workspace.session() as session:
        plan = importing.plan_import(session, path, workspace.require_unit())
    assert plan.ok and [p.register.name for p in plan.planned] == ["visits", "obstacles"]
    # And then Q4/2025 (the obstacle's period, not the visit's) locked by a submitted report
    with workspace.session() as session:
        period_lock.lock(session, NGO_QUYEN, periods.parse_period("2025-Q4"), actor=CLERK, reason="Đã nộp báo cáo")
    before = counts(workspace)
    # When the plan is committed: the visits are written first, then the obstacle is refused
    with pytest.raises(PeriodLockedError, match="Không thêm bản ghi được"):
        with workspace.session() as session:
            importing.commit(session, plan, workspace.require_unit(), actor=CLERK)
    # Then not even the visit stays
    assert counts(workspace) == before and not plan.committed


def test_a_plan_checked_before_a_choice_was_retired_is_checked_again(workspace, tmp_path):
    from desk.store.models import ChoiceItem

    path = fill(make_template(workspace, tmp_path / "mau.xlsx"), CLERK_ROWS[:1])     # domain: equipment
    with workspace.session() as session:
        plan = importing.plan_import(session, path, workspace.require_unit())
    with workspace.session() as session:
        item = session.get(ChoiceItem, ("domain", "VEHICLES_EQUIPMENT"))
        item.active = False
        session.add(item)
    before = counts(workspace)
    with pytest.raises(UserError, match="đã thay đổi từ lúc kiểm tra tệp .*dòng 2.*không có trong danh mục"):
        with workspace.session() as session:
            importing.commit(session, plan, workspace.require_unit(), actor=CLERK)
    assert counts(workspace) == before


def test_an_import_writes_one_import_row_per_record_after_its_own_rows(workspace, tmp_path):
    path = two_register_file(workspace, tmp_path)
    plan = importing.import_file(workspace, path, actor=CLERK)
    assert plan.committed
    with workspace.session() as session:
        trail = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    actions = [(a.table_name, a.action) for a in trail if a.action in ("create", "import")]
    # every record's field rows (visit, then obstacle), then one import row per record, in the plan's order
    assert actions[-2:] == [("visit", "import"), ("obstacle", "import")]
    assert {a for a in actions[:-2]} == {("visit", "create"), ("obstacle", "create")}
    assert "hai-so.xlsx" in trail[-1].reason and "dòng 2" in trail[-1].reason
