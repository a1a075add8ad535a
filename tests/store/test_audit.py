"""The audit trail: a row for every create, edit and void, in the same transaction; append-only in SQLite itself."""

from __future__ import annotations

from datetime import UTC, date

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from tests.conftest import NGO_QUYEN, integrity_errors, outside_desk

from desk.domain.access import Actor, Role
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.errors import ValidationError
from desk.services import records
from desk.store import audit
from desk.store.models import table_of
from desk.store.security import AuditEntry

LAN = Actor("lan", Role.CLERK, user_id=7)
HUNG = Actor("hung", Role.LEADER, user_id=8)


def values(**changes) -> dict:
    base = {"domain": "PERSONNEL", "title": "Thiếu công chức địa chính", "level": "province",
            "raised_on": "05/09/2025", "deadline": "05/10/2025", "status": "received"}
    base.update(changes)
    return base


def history(workspace, record_id):
    with workspace.session() as session:
        return [(e.actor, e.action, e.field, e.old_value, e.new_value, e.reason)
                for e in audit.history(session, table_of(OBSTACLES), record_id)]


def audit_count(workspace) -> int:
    with workspace.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry))


def test_create_edit_and_void_each_leave_who_what_old_new_and_why(workspace):
    # When Lan creates a record, Hùng edits two fields, and Lan voids it
    with workspace.session() as session:
        rid = records.save(session, OBSTACLES, values(), unit_code=NGO_QUYEN, actor=LAN)
    with workspace.session() as session:
        records.save(session, OBSTACLES, values(status="in_progress", deadline="20/10/2025"), unit_code=NGO_QUYEN,
                     record_id=rid, actor=HUNG)
    with workspace.session() as session:
        records.void(session, OBSTACLES, rid, "Nhập trùng với bản ghi khác", actor=LAN)
    rows = history(workspace, rid)
    # Then the history shows each step, one row per field, oldest first
    created = [r for r in rows if r[1] == "create"]
    assert {(r[2], r[4]) for r in created} == {("title", "Thiếu công chức địa chính"), ("domain", "PERSONNEL"),
                                               ("level", "province"), ("raised_on", "2025-09-05"),
                                               ("deadline", "2025-10-05"), ("status", "received")}
    assert all(r[0] == "lan" and r[3] is None for r in created)
    today = date.today().isoformat()        # the state change is dated the day it was made
    assert sorted(r for r in rows if r[1] == "edit") == [
        ("hung", "edit", "deadline", "2025-10-05", "2025-10-20", None),
        ("hung", "edit", "status", "received", "in_progress", None),
        ("hung", "edit", "status_since", None, today, None)]
    assert rows[-1] == ("lan", "void", "voided", "0", "1", "Nhập trùng với bản ghi khác")


def test_audit_times_are_utc_and_roles_are_recorded(workspace):
    with workspace.session() as session:
        rid = records.save(session, OBSTACLES, values(), unit_code=NGO_QUYEN, actor=HUNG)
        entry = audit.history(session, table_of(OBSTACLES), rid)[0]
    assert entry.at.utcoffset() == UTC.utcoffset(None) and entry.actor_role == "leader"


def test_saving_without_changes_writes_no_audit_row(workspace):
    with workspace.session() as session:
        rid = records.save(session, OBSTACLES, values(), unit_code=NGO_QUYEN, actor=LAN)
    before = audit_count(workspace)
    with workspace.session() as session:
        records.save(session, OBSTACLES, values(), unit_code=NGO_QUYEN, record_id=rid, actor=LAN)
    assert audit_count(workspace) == before


def test_old_callers_without_an_actor_are_recorded_as_the_computer_user(workspace):
    with workspace.session() as session:
        rid = records.save(session, OBSTACLES, values(), unit_code=NGO_QUYEN)
    assert {r[0] for r in history(workspace, rid)} == {records.os_actor().name}
    assert records.os_actor().name.startswith("os:")


def test_a_refused_save_leaves_no_audit_row_and_a_failing_transaction_takes_its_rows_along(workspace):
    before = audit_count(workspace)
    with pytest.raises(ValidationError), workspace.session() as session:
        records.save(session, OBSTACLES, values(title=""), unit_code=NGO_QUYEN, actor=LAN)
    # the record and its audit rows are written, then something later in the same unit of work fails
    with pytest.raises(RuntimeError), workspace.session() as session:
        records.save(session, OBSTACLES, values(), unit_code=NGO_QUYEN, actor=LAN)
        raise RuntimeError("power cut")
    assert audit_count(workspace) == before


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET new_value = 'sửa lén' WHERE id = 1",
    "UPDATE audit_log SET actor = 'ai đó'",
    "DELETE FROM audit_log WHERE id = 1",
    "DELETE FROM audit_log",
])
def test_the_audit_table_refuses_update_and_delete_in_sqlite_itself(workspace, statement):
    with workspace.session() as session:
        records.save(session, OBSTACLES, values(), unit_code=NGO_QUYEN, actor=LAN)
    before = audit_count(workspace)
    # Through Desk's own engine ...
    with pytest.raises((IntegrityError, *integrity_errors()), match="append-only"), \
            workspace.session() as session:
        session.execute(text(statement))
    # ... and through any other client (a DB browser, a script, psql on the server)
    with outside_desk(workspace) as conn:
        with pytest.raises(integrity_errors(), match="append-only"):
            conn.execute(statement)
    assert audit_count(workspace) == before


def test_the_public_api_records_other_actions_for_other_tables(workspace):
    # As period locks and imports use it
    with workspace.session() as session:
        audit.record(session, HUNG, audit.LOCK, "period_lock", "2025-Q3", reason="Đã gửi báo cáo quý III")
        audit.record(session, HUNG, audit.UNLOCK, "period_lock", "2025-Q3", reason="Sửa số liệu theo yêu cầu")
        audit.record_many(session, [audit.entry(LAN, audit.IMPORT, table_of(OBSTACLES), f"r{i}", field="title",
                                                new=f"Dòng {i}") for i in range(3)])
    with workspace.session() as session:
        lock_rows = audit.history(session, "period_lock", "2025-Q3")
        assert [(e.action, e.reason) for e in lock_rows] == [("lock", "Đã gửi báo cáo quý III"),
                                                             ("unlock", "Sửa số liệu theo yêu cầu")]
        assert audit.history(session, "obstacle", "r2")[0].new_value == "Dòng 2"
    with pytest.raises(ValueError):
        audit.entry(LAN, "delete", "obstacle", "x")


def test_a_many_fields_row_reads_field_by_field_like_one_row_per_field(workspace):
    # Given an import's single row for an updated record, and a single save's row for one field
    with workspace.session() as session:
        audit.record(session, LAN, audit.IMPORT, table_of(OBSTACLES), "r1", field=audit.MANY_FIELDS,
                     old=audit.packed({"status": "received", "result": None}),
                     new=audit.packed({"status": "resolved", "result": "Đã cấp máy"}),
                     reason="Nhập từ tệp «a.xlsx»")
        audit.record(session, LAN, audit.EDIT, table_of(OBSTACLES), "r1", field="title", old="Cũ", new="Mới")
    with outside_desk(workspace) as conn:
        stored = conn.execute("SELECT new_value FROM audit_log WHERE field = '*'").fetchone()[0]
    # Then the database holds readable Vietnamese, and each row reads as (field, old, new) triples
    assert stored == '{"status":"resolved","result":"Đã cấp máy"}'
    with workspace.session() as session:
        many, one = audit.history(session, table_of(OBSTACLES), "r1")
        assert audit.changes(many) == [("status", "received", "resolved"), ("result", None, "Đã cấp máy")]
        assert audit.changes(one) == [("title", "Cũ", "Mới")]
