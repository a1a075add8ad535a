"""Bulk writes (imports): the rows of one records.save() per record, one audit row per record, nothing on failure."""

from __future__ import annotations

import dataclasses
import json
import time
import unicodedata
import uuid
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from tests.conftest import NGO_QUYEN
from tests.services.key_helper_faults import failing_derive, slow_ready, stuck_derive
from tests.services.test_importing import CLERK_ROWS, counts, fill, make_template

from desk import helper_pools
from desk.domain import derived_keys, periods, registers
from desk.domain.access import Actor, Role
from desk.domain.registers import REGISTERS, temporary
from desk.domain.registers.movements import REGISTER as MOVEMENTS
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.registers.officials import REGISTER as OFFICIALS
from desk.domain.registers.visits import REGISTER as VISITS
from desk.errors import UserError, ValidationError
from desk.reports.import_template import DATA_SHEET, ID_HEADER
from desk.services import bulk_records, history, importing, key_helper, period_lock, records
from desk.services.period_lock import PeriodLockedError
from desk.store import audit
from desk.store.models import table_of
from desk.store.security import AuditEntry

CLERK = Actor("lan", Role.CLERK)
AT = datetime(2026, 1, 5, 2, 3, 4, 567890, tzinfo=UTC)


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
     "status": "in_progress", "description": "Dòng 1\nDòng 2", "proposal": "",
     "cause": nfd("Chưa có kinh phí"), "impact": "Chậm số hóa", "impact_count": "1.250",
     "requested_body": "Sở Tài chính"},
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
        "procedures": [{"point": "Trung tâm Phục vụ hành chính công", "from_date": "01/07/2025",
                        "to_date": "31/07/2025", "received_in_person": "1.020",
                        "received_online": "300", "resolved_on_time": "1.200", "pending": "120",
                        "note": nfd("Số liệu tháng 7")}],
        "needs": [{"profession": "Công nghệ thông tin, chuyển đổi số", "office": "service_centre",
                   "as_of": "01/08/2025", "job_position": "Công nghệ thông tin", "needed": "2", "present": "0",
                   "solutions": "recruit, second"}],
    }


def stored_rows(session, reg, ids: list[str]) -> list[dict]:
    """The rows as SQLite holds them (text, not Python values), in the order of ids, without the id."""
    table = table_of(reg).__tablename__
    marks = ", ".join("?" for _ in ids)
    result = session.connection().exec_driver_sql(f"SELECT * FROM {table} WHERE id IN ({marks})", tuple(ids))
    # A server's tables carry their row id as a column, and the database numbers a register's record_key:
    # both differ between the two ways of writing.
    rows = {row["id"]: {k: v for k, v in row.items() if k not in ("id", "rowid", "record_key")}
            for row in result.mappings()}
    return [rows[i] for i in ids]


def audit_rows(session, record_id: str) -> list[tuple]:
    result = session.connection().exec_driver_sql(
        "SELECT at, actor, actor_role, action, table_name, field, old_value, new_value, reason FROM audit_log "
        "WHERE record_id = ? ORDER BY id", (record_id,))
    return [tuple(r) for r in result]


def field_changes(session, record_id: str) -> list[tuple]:
    """The record's audit trail field by field (audit.changes), whether written one row per field or
    one row per record: (at, actor, role, action, table, field, old, new, reason)."""
    entries = session.scalars(select(AuditEntry).where(AuditEntry.record_id == record_id).order_by(AuditEntry.id))
    return [(e.at, e.actor, e.actor_role, e.action, e.table_name, *change, e.reason)
            for e in entries for change in audit.changes(e)]


def bulk_save(session, reg, raws: list[dict], *, record_ids=None, new_ids=None) -> list[str]:
    validator = bulk_records.Validator(session, reg, NGO_QUYEN)
    record_ids = record_ids or [None] * len(raws)
    new_ids = new_ids or [None] * len(raws)
    pending = [bulk_records.Pending(validator.validate(raw), record_id, new_id)
               for raw, record_id, new_id in zip(raws, record_ids, new_ids)]
    return bulk_records.write(session, reg, pending, unit_code=NGO_QUYEN, actor=CLERK)


@pytest.mark.parametrize("name", list(REGISTERS))
def test_bulk_creates_store_the_same_rows_and_the_same_audited_changes_as_one_save_per_record(workspace, name):
    reg = REGISTERS[name]
    with workspace.session() as session:
        raws = sample_inputs(session)[name]
        # Given the same inputs saved one by one, and written in bulk
        saved = [records.save(session, reg, raw, unit_code=NGO_QUYEN, actor=CLERK) for raw in raws]
        bulk = bulk_save(session, reg, raws, new_ids=[str(uuid.uuid4()) for _ in raws])
        # Then every stored column is the same (search_key and any other derived column included)
        assert stored_rows(session, reg, bulk) == stored_rows(session, reg, saved)
        assert all(row["search_key"] for row in stored_rows(session, reg, bulk))
        # And each bulk record has one audit row that holds, field by field, what save() wrote
        for one, other in zip(saved, bulk):
            assert len(audit_rows(session, other)) == 1
            assert field_changes(session, other) == field_changes(session, one)
            assert len(field_changes(session, one)) == len(audit_rows(session, one)) > 1


def test_rows_sent_in_small_batches_come_out_the_same_and_in_order(workspace, monkeypatch):
    # Given batches far smaller than the rows to write (100k-row imports send 20k records at a time)
    monkeypatch.setattr(bulk_records, "_BATCH", 2)
    monkeypatch.setattr(bulk_records, "AUDIT_BATCH", 2)
    with workspace.session() as session:
        saved = [records.save(session, OBSTACLES, raw, unit_code=NGO_QUYEN, actor=CLERK) for raw in OBSTACLE_INPUTS]
        first = session.scalar(select(func.max(AuditEntry.id)))
        bulk = bulk_save(session, OBSTACLES, OBSTACLE_INPUTS)
        # Then the rows are those of save(), and the audit rows follow the records' order, one each
        assert stored_rows(session, OBSTACLES, bulk) == stored_rows(session, OBSTACLES, saved)
        order = session.scalars(select(AuditEntry.record_id).where(AuditEntry.id > first).order_by(AuditEntry.id))
        assert list(order) == bulk
        assert [field_changes(session, i) for i in bulk] == [field_changes(session, i) for i in saved]


@pytest.mark.parametrize("limit", [derived_keys.MEMO_LIMIT, 1])
def test_texts_repeated_across_a_bulk_write_get_the_derived_columns_save_gives_each(workspace, monkeypatch, limit):
    # Given inputs whose titles, names and keyed texts repeat, in NFC and NFD, with spaces, or empty (the
    # bulk write makes each sort key and fold once per text); limit 1: past the remembered texts
    monkeypatch.setattr(records, "MEMO_LIMIT", limit)
    monkeypatch.setattr(derived_keys, "MEMO_LIMIT", limit)
    repeated = [{**raw, "title": title, "requested_body": body, "guide_doc": doc}
                for raw in OBSTACLE_INPUTS
                for title, body, doc in [("Trụ sở chật", "Sở Tài chính", None), (nfd("Trụ sở chật"), "", "12/SNV"),
                                         ("Trụ  sở chật ", nfd("Sở Tài chính"), "12/SNV"),
                                         ("Tru so chat", "Sở Tài chính", nfd("Đề án"))]]
    with workspace.session() as session:
        saved = [records.save(session, OBSTACLES, raw, unit_code=NGO_QUYEN, actor=CLERK) for raw in repeated]
        bulk = bulk_save(session, OBSTACLES, repeated)
        # Then every row, derived columns included, is the one save() stored for the same input
        assert stored_rows(session, OBSTACLES, bulk) == stored_rows(session, OBSTACLES, saved)


REPEATED = [{**raw, "title": title, "requested_body": body}
            for raw in OBSTACLE_INPUTS
            for title, body in [("Trụ sở chật", "Sở Tài chính"), (nfd("Trụ sở chật"), ""), ("Tru so chat", "Sở Nội vụ"),
                                (f"Thiếu {len(raw)} công chức", nfd("Sở Tài chính"))]]


@pytest.fixture
def helped(monkeypatch):
    """Bulk writes of a few rows make their keys in the second process (100,000-row imports do), 3 at a
    time, each chunk made there before the writer asks for it (else the writer makes those the helper has
    not begun); the helpers made, for a look at what they did."""
    monkeypatch.setattr(key_helper, "HELPED_ROWS", 4)
    monkeypatch.setattr(key_helper, "_CHUNK", 3)
    made = []
    handed = key_helper.KeyHelper.derive

    def derive_then_wait(self, inputs):
        handed(self, inputs)
        self.wait()
        made.append(self)
    monkeypatch.setattr(key_helper.KeyHelper, "derive", derive_then_wait)
    return made


def test_keys_made_in_the_second_process_are_those_save_stores(workspace, helped):
    # Given records written one by one with save()
    with workspace.session() as session:
        saved = [records.save(session, OBSTACLES, raw, unit_code=NGO_QUYEN, actor=CLERK) for raw in REPEATED]
        # When the same inputs are written in bulk, their keys made by the second process
        bulk = bulk_save(session, OBSTACLES, REPEATED)
        assert [h.helped for h in helped] == [len(range(0, len(REPEATED), 3))]
        # Then every row, search and sort keys included, is the one save() stored
        assert stored_rows(session, OBSTACLES, bulk) == stored_rows(session, OBSTACLES, saved)


def test_keys_the_helper_had_not_begun_are_made_here(workspace, monkeypatch):
    # Given a helper that is slow to start (an office PC's antivirus scanning the new process)
    monkeypatch.setattr(key_helper, "HELPED_ROWS", 4)
    monkeypatch.setattr(key_helper, "_CHUNK", 3)
    monkeypatch.setattr(key_helper, "_ready", slow_ready)
    with workspace.session() as session:
        saved = [records.save(session, OBSTACLES, raw, unit_code=NGO_QUYEN, actor=CLERK) for raw in REPEATED]
        # When records are written in bulk meanwhile, then their keys are those save() gives
        bulk = bulk_save(session, OBSTACLES, REPEATED)
        assert stored_rows(session, OBSTACLES, bulk) == stored_rows(session, OBSTACLES, saved)


def test_the_second_process_makes_each_record_s_keys_as_this_one_would(workspace, helped):
    with workspace.session() as session:
        inputs = [records.key_inputs(session, OBSTACLES, records.validate(session, OBSTACLES, raw,
                                                                            unit_code=NGO_QUYEN), NGO_QUYEN)
                  for raw in REPEATED]
    here = [derived_keys.derived_columns(OBSTACLES, titled, searched) for titled, searched in inputs]
    helper = key_helper.KeyHelper(OBSTACLES).start()
    try:
        helper.derive(inputs)                   # (the fixture waits for every chunk to be made there)
        made = [helper.columns(i) for i in range(len(inputs))]
        assert helper.helped == len(range(0, len(inputs), 3))
    finally:
        helper.close()
    assert made == here


def test_a_register_added_for_a_while_has_its_keys_made_here(helped):
    # Given a register a test adds to the catalogue (a process of its own would not know it)
    with temporary(dataclasses.replace(OBSTACLES, name="tam_thoi")) as added:
        inputs = [derived_keys.key_inputs(added, raw, raw) for raw in REPEATED]
        helper = key_helper.KeyHelper(added).start()
        try:
            helper.derive(inputs)
            made = [helper.columns(i) for i in range(len(inputs))]
        finally:
            helper.close()
    # Then no helper is started for it, and its keys are made here, the same
    assert not registers.declared(added) and registers.declared(OBSTACLES)
    assert helper.helped == 0
    assert made == [derived_keys.derived_columns(OBSTACLES, titled, searched) for titled, searched in inputs]


def test_a_helper_that_fails_leaves_the_keys_to_this_process(workspace, helped, monkeypatch):
    # Given a second process that fails on every chunk (as one that ran out of memory or was killed)
    monkeypatch.setattr(key_helper, "_derive", failing_derive)
    with workspace.session() as session:
        saved = [records.save(session, OBSTACLES, raw, unit_code=NGO_QUYEN, actor=CLERK) for raw in REPEATED]
        bulk = bulk_save(session, OBSTACLES, REPEATED)
        # Then the records are written all the same, with the keys save() gives
        assert stored_rows(session, OBSTACLES, bulk) == stored_rows(session, OBSTACLES, saved)


def test_a_helper_that_is_stuck_is_not_waited_for_past_its_limit(workspace, monkeypatch):
    # Given a second process stuck on its chunks (frozen by something outside Desk)
    monkeypatch.setattr(key_helper, "HELPED_ROWS", 4)
    monkeypatch.setattr(key_helper, "_CHUNK", 3)
    monkeypatch.setattr(key_helper, "_derive", stuck_derive)
    monkeypatch.setattr(helper_pools, "WAIT_SECONDS", 0.2)
    with workspace.session() as session:
        saved = [records.save(session, OBSTACLES, raw, unit_code=NGO_QUYEN, actor=CLERK) for raw in REPEATED]
        started = time.monotonic()
        bulk = bulk_save(session, OBSTACLES, REPEATED)
        # Then the writer made the keys itself after the limit, without waiting for the helper's 3 s
        assert time.monotonic() - started < 2.5
        assert stored_rows(session, OBSTACLES, bulk) == stored_rows(session, OBSTACLES, saved)


def test_a_helper_that_cannot_start_leaves_the_keys_to_this_process(workspace, helped, monkeypatch):
    def no_process(*args, **kwargs):
        raise OSError("no more processes")
    monkeypatch.setattr(helper_pools, "ProcessPoolExecutor", no_process)
    with workspace.session() as session:
        saved = [records.save(session, OBSTACLES, raw, unit_code=NGO_QUYEN, actor=CLERK) for raw in REPEATED]
        bulk = bulk_save(session, OBSTACLES, REPEATED)
        assert stored_rows(session, OBSTACLES, bulk) == stored_rows(session, OBSTACLES, saved)


def test_a_searchable_reference_is_stored_by_its_name_in_bulk_as_in_save(workspace):
    with workspace.session() as session:
        raw = sample_inputs(session)["movements"][0]
        (bulk,) = bulk_save(session, MOVEMENTS, [raw])
        (row,) = stored_rows(session, MOVEMENTS, [bulk])
    assert "nguyen van an" in row["search_key"]


def test_an_official_renamed_in_bulk_is_found_by_the_new_name_on_the_movements_naming_them(workspace):
    with workspace.session() as session:
        raw = sample_inputs(session)["movements"][0]
        (moved,) = bulk_save(session, MOVEMENTS, [raw])
        stored = records.stored_values(records.get(session, OFFICIALS, raw["official_id"]), OFFICIALS)
        bulk_save(session, OFFICIALS, [{**stored, "full_name": "Nguyễn Văn Hùng"}], record_ids=[raw["official_id"]])
        (row,) = stored_rows(session, MOVEMENTS, [moved])
    assert "nguyen van hung" in row["search_key"] and "nguyen van an" not in row["search_key"]


def test_bulk_updates_store_the_same_rows_and_audited_changes_as_save(workspace):
    with workspace.session() as session:
        raw = OBSTACLE_INPUTS[0]
        # Given one record, stored twice
        one, other = (records.save(session, OBSTACLES, raw, unit_code=NGO_QUYEN, actor=CLERK) for _ in range(2))
        change = {**raw, "title": "Thiếu 2 công chức", "status": "in_progress", "deadline": "30/09/2025"}
        # When one is edited by save() and the other in bulk with the same input
        records.save(session, OBSTACLES, change, unit_code=NGO_QUYEN, record_id=one, actor=CLERK)
        bulk_save(session, OBSTACLES, [change], record_ids=[other])
        # Then both rows and both trails' changes are the same (the changed fields only, old and new)
        assert stored_rows(session, OBSTACLES, [other]) == stored_rows(session, OBSTACLES, [one])
        trail = field_changes(session, other)
        assert trail == field_changes(session, one)
        assert sorted(r[5:8] for r in trail if r[3] == "edit") == [
            ("deadline", None, "2025-09-30"), ("status", "received", "in_progress"),
            ("status_since", None, date.today().isoformat()),       # the state change, dated today
            ("title", "Thiếu công chức địa chính", "Thiếu 2 công chức")]
        # in one row for the bulk edit (its creation by save(): one row per field)
        assert [r[3] for r in audit_rows(session, other)].count("edit") == 1


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
                # the same messages in the same order: the problem list shows them as they come
                assert list(caught.value.errors.items()) == list(exc.errors.items())
                assert str(caught.value) == str(exc)
            else:
                got = validator.validate(raw)
                assert got == expected
                assert [type(v) for v in got.values()] == [type(v) for v in expected.values()]


@pytest.mark.parametrize("name", sorted(set(REGISTERS) - {"obstacles"}))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_the_bulk_validator_of_every_register_refuses_with_the_messages_save_gives(workspace, name, data):
    reg = REGISTERS[name]
    rows = data.draw(st.lists(st.fixed_dictionaries({}, optional={
        spec.name: st.one_of(cell(), st.lists(st.sampled_from(["a", "b", "PREMISES"]), max_size=2))
        for spec in reg.fields}), min_size=1, max_size=4))
    with workspace.session() as session:
        validator = bulk_records.Validator(session, reg, NGO_QUYEN)
        for raw in rows + rows:
            try:
                expected = records.validate(session, reg, raw, unit_code=NGO_QUYEN)
            except ValidationError as exc:
                with pytest.raises(ValidationError) as caught:
                    validator.validate(raw)
                assert list(caught.value.errors.items()) == list(exc.errors.items())
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
        assert session.scalar(select(func.count()).select_from(table_of(OBSTACLES))) == 2


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


def test_an_insert_refused_in_a_later_batch_raises_and_nothing_is_written(workspace, monkeypatch):
    # Given a bulk write in batches of two whose third record takes the id of a stored one (the database
    # refuses the second batch's insert, after the first batch went in)
    monkeypatch.setattr(bulk_records, "_BATCH", 2)
    with workspace.session() as session:
        taken = records.save(session, OBSTACLES, OBSTACLE_INPUTS[0], unit_code=NGO_QUYEN, actor=CLERK)
    before = counts(workspace)
    raws = OBSTACLE_INPUTS * 3
    new_ids = [str(uuid.uuid4()) for _ in raws]
    new_ids[2] = taken
    # When they are written, then the write fails with the database's error (as the session passes it on)
    with pytest.raises(Exception, match="UNIQUE constraint failed|duplicate key"), workspace.session() as session:
        bulk_save(session, OBSTACLES, raws, new_ids=new_ids)
    # And nothing of it is stored, not even the rows of the batch before
    assert counts(workspace) == before


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


def test_an_import_writes_one_batch_row_per_register_naming_each_record_in_the_plans_order(workspace, tmp_path):
    path = two_register_file(workspace, tmp_path)
    before = counts(workspace)
    plan = importing.import_file(workspace, path, actor=CLERK)
    assert plan.committed
    with workspace.session() as session:
        trail = session.scalars(select(AuditEntry).where(AuditEntry.id > before[1]).order_by(AuditEntry.id)).all()
    # one "import" batch row per register (the visit first: the obstacle refers to it), naming the file,
    # and in it each record with its sheet and row
    assert [(a.table_name, a.action, a.field, a.record_id) for a in trail] == [
        ("visit", "import", audit.BATCH, None), ("obstacle", "import", audit.BATCH, None)]
    assert {a.reason for a in trail} == {"Nhập từ tệp «hai-so.xlsx»"}
    members = [[(r[1]) for r in json.loads(a.new_value)["records"]] for a in trail]
    assert members == [["Nhập từ tệp «hai-so.xlsx», trang «Khảo sát», dòng 2"],
                       ["Nhập từ tệp «hai-so.xlsx», trang «Khó khăn», dòng 2"]]
    assert counts(workspace) == (before[0] + 2, before[1] + 2)


OBSTACLE_HEADINGS = ["Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Cấp có thẩm quyền giải quyết", "Ngày phát sinh",
                     "Tình trạng", "Kiến nghị, đề xuất"]


def shown_history(workspace, record_id) -> list[tuple]:
    """What the clerk reads in the record's history: (action, field, old, new, reason)."""
    with workspace.session() as session:
        return [(r.action, r.field, r.old, r.new, r.reason)
                for r in history.record_history(session, OBSTACLES, record_id)]


def test_an_imported_record_shows_every_imported_field_once_in_its_history(workspace, tmp_path):
    from tests.importers.books import write_book

    # Given a file with one obstacle on its third row
    path = write_book(tmp_path / "kho-khan.xlsx", {"Tổng hợp": [
        OBSTACLE_HEADINGS,
        ["Trụ sở chật", "Trụ sở làm việc, tài sản công (nhà, đất)", "Cấp xã", date(2025, 10, 1), "Mới tiếp nhận",
         ""],
        ["Thiếu máy in", "Khác", "Cấp tỉnh", "05/11/2025", "Đang xử lý", "Đề nghị cấp 2 máy in"]]})
    # When it is imported
    plan = importing.import_file(workspace, path, actor=CLERK)
    assert plan.committed
    with workspace.session() as session:
        (record_id,) = [r["id"] for r in records.query(session, OBSTACLES, records.RecordQuery(unit_code=NGO_QUYEN))
                        if r["title"] == "Thiếu máy in"]
    # Then its history lists each filled field with its value as the clerk sees it, once, as an import
    reason = "Nhập từ tệp «kho-khan.xlsx», trang «Tổng hợp», dòng 3"
    assert sorted(shown_history(workspace, record_id)) == sorted([
        ("Nhập từ tệp", "Nội dung khó khăn, vướng mắc", "", "Thiếu máy in", reason),
        ("Nhập từ tệp", "Lĩnh vực", "", "Khác", reason),
        ("Nhập từ tệp", "Cấp có thẩm quyền giải quyết", "", "Cấp tỉnh", reason),
        ("Nhập từ tệp", "Ngày phát sinh", "", "05/11/2025", reason),
        ("Nhập từ tệp", "Tình trạng", "", "Đang xử lý", reason),
        ("Nhập từ tệp", "Kiến nghị, đề xuất", "", "Đề nghị cấp 2 máy in", reason)])
    # And the audit table holds one row for the whole import, not one per record or per field
    with workspace.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 1
    # When the clerk later edits the record, its history still shows the values it was imported with
    with workspace.session() as session:
        records.save(session, OBSTACLES, {**records.stored_values(records.get(session, OBSTACLES, record_id),
                                                                  OBSTACLES), "title": "Thiếu hai máy in"},
                     unit_code=NGO_QUYEN, record_id=record_id, actor=CLERK)
    shown = shown_history(workspace, record_id)
    assert ("Nhập từ tệp", "Nội dung khó khăn, vướng mắc", "", "Thiếu máy in", reason) in shown
    assert ("Sửa", "Nội dung khó khăn, vướng mắc", "Thiếu máy in", "Thiếu hai máy in", "") in shown


def test_a_reimport_shows_old_and_new_of_each_changed_field_in_the_history(workspace, tmp_path):
    import openpyxl

    from desk.reports.import_template import DATA_SHEET as DATA

    # Given a record saved by a clerk, exported with its ID, two of its cells changed in the file
    with workspace.session() as session:
        record_id = records.save(session, OBSTACLES, OBSTACLE_INPUTS[2], unit_code=NGO_QUYEN, actor=CLERK)
    path = make_template(workspace, tmp_path / "du-lieu.xlsx", with_records=True)
    wb = openpyxl.load_workbook(path)
    ws = wb[DATA]
    headings = {str(c.value).removesuffix(" *"): c.column for c in ws[1] if c.value}
    assert ws.cell(2, headings[ID_HEADER]).value == record_id
    ws.cell(2, headings["Tình trạng"]).value = "Đã tháo gỡ"
    ws.cell(2, headings["Kết quả xử lý"]).value = "Đã cấp máy mới"
    ws.cell(2, headings["Ngày chuyển tình trạng"]).value = date(2025, 7, 20)
    wb.save(path)
    # When the file is imported again
    plan = importing.import_file(workspace, path, actor=CLERK)
    assert plan.committed and plan.updated_count == 1
    # Then the history shows, after the creation, old and new of each changed field only
    reason = f"Nhập từ tệp «du-lieu.xlsx», trang «{DATA}», dòng 2"
    imported = [row for row in shown_history(workspace, record_id) if row[0] == "Nhập từ tệp"]
    assert sorted(imported) == sorted([
        ("Nhập từ tệp", "Tình trạng", "Đang xử lý", "Đã tháo gỡ", reason),
        ("Nhập từ tệp", "Kết quả xử lý", "", "Đã cấp máy mới", reason),
        ("Nhập từ tệp", "Ngày chuyển tình trạng", "", "20/07/2025", reason),
        ("Nhập từ tệp", "Ngày tháo gỡ", "", "20/07/2025", reason)])
    # And importing the same file once more (confirmed) changes nothing and adds nothing to the history
    history = shown_history(workspace, record_id)
    assert importing.import_file(workspace, path, actor=CLERK).needs_again_decision
    assert importing.import_file(workspace, path, actor=CLERK, again=True).committed
    assert shown_history(workspace, record_id) == history


def test_a_failed_import_leaves_no_audit_row(workspace, tmp_path):
    rows = [CLERK_ROWS[0], {**CLERK_ROWS[0], "Lĩnh vực": "Giao thông"}]     # the second: not in the list
    path = fill(make_template(workspace, tmp_path / "loi.xlsx"), rows)
    plan = importing.import_file(workspace, path, actor=CLERK)
    assert not plan.committed
    with workspace.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0
