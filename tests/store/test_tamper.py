"""Tampering with the database outside Desk: refused by triggers where it can be, otherwise reported by `desk check`."""

from __future__ import annotations

import sqlite3

import pytest

from desk import paths
from desk.cli import main

ADMIN_PASSWORD = "Quản-trị-2025"
CLERK_PASSWORD = "Cán-bộ-2025"


@pytest.fixture(scope="module")
def _made(tmp_path_factory):
    """A folder with an administrator, a clerk «lan», demo records: built once, copied per test."""
    import os

    folder = tmp_path_factory.mktemp("tamper") / "data"
    os.environ["DESK_PASSWORD"] = ADMIN_PASSWORD
    os.environ["DESK_NEW_PASSWORD"] = CLERK_PASSWORD
    try:
        assert main(["--data-dir", str(folder), "init", "--unit", "11329", "--admin", "quantri"]) == 0
        assert main(["--data-dir", str(folder), "--user", "quantri", "user", "add", "lan", "--role", "clerk"]) == 0
        assert main(["--data-dir", str(folder), "demo", "--count", "5"]) == 0
    finally:
        del os.environ["DESK_PASSWORD"], os.environ["DESK_NEW_PASSWORD"]
    return folder


@pytest.fixture
def folder(_made, tmp_path):
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(_made, copy)
    return copy


def sql(folder, *statements):
    """Run statements as someone with a DB browser would (committed, connection closed)."""
    conn = sqlite3.connect(paths.database_path(folder))
    try:
        with conn:
            for statement in statements:
                conn.execute(statement)
    finally:
        conn.close()


def check(folder, capsys) -> tuple[int, str]:
    code = main(["--data-dir", str(folder), "check"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


FIRST = "(SELECT min(rowid) FROM obstacle)"
TAMPERING = {
    "role raised to admin": (["UPDATE desk_user SET role = 'admin' WHERE name = 'lan'"],
                             "«vai trò» là «admin» nhưng nhật ký ghi «clerk»"),
    "administrator's password replaced": (["UPDATE desk_user SET password_hash = (SELECT password_hash FROM desk_user "
                                            "WHERE name = 'lan') WHERE name = 'quantri'"],
                                           "«quantri» (mã 1): mật khẩu đã bị thay ngoài Desk"),
    "deactivated user made active": (["UPDATE desk_user SET active = 0 WHERE name = 'lan'"],
                                     "«đang hoạt động» là «0» nhưng nhật ký ghi «1»"),
    "title changed without an audit row": ([f"UPDATE obstacle SET title = 'Đã sửa lén' WHERE rowid = {FIRST}"],
                                           "là «Đã sửa lén» nhưng nhật ký ghi"),
    "record added around Desk": (["INSERT INTO obstacle SELECT 'aaaaaaaa-0000-4000-8000-000000000000', unit_code, "
                                  "created_at, updated_at, voided, void_reason, voided_at, search_key, domain, "
                                  "'Thêm lén', description, proposal, level, source, raised_on, deadline, status, "
                                  "result, resolved_on, guide_doc, former_unit, visit_id, title_sort, title_fold, "
                                  "status_since, "
                                  "cause, impact, impact_count, requested_body, proposal_sort, result_sort, "
                                  "guide_doc_sort, cause_sort, "
                                  "impact_sort, latest_reply, version, NULL, title_casefold "
                                  f"FROM obstacle WHERE rowid = {FIRST}"],
                                 "«Thêm lén» (mã aaaaaaaa-0000-4000-8000-000000000000): không có trong nhật ký"),
    "record deleted with its trigger dropped": (["DROP TRIGGER obstacle_no_delete",
                                                 f"DELETE FROM obstacle WHERE rowid = {FIRST}"],
                                                "không còn trong cơ sở dữ liệu (bị xóa ngoài Desk)"),
    "forged audit row": (["INSERT INTO audit_log (at, actor, actor_role, action, table_name, record_id, field, "
                          "old_value, new_value, reason, prev_hash, row_hash) VALUES ('2025-10-01 08:00:00.000000', "
                          "'quantri', 'admin', 'edit', 'desk_user', '2', 'role', 'clerk', 'admin', NULL, 'x', 'y')"],
                         "bị xóa hoặc chèn thêm (chuỗi mã băm đứt)"),
    "audit triggers dropped and the log edited": (["DROP TRIGGER audit_log_no_update",
                                                   "UPDATE audit_log SET actor = 'ai đó' WHERE id = 3"],
                                                  "dòng số 3 đã bị sửa sau khi ghi"),
    "audit row deleted": (["DROP TRIGGER audit_log_no_delete", "DELETE FROM audit_log WHERE id = 4"],
                          "ngay trước dòng số 5 có dòng đã bị xóa"),
    "a trigger that rewrites every new record": (
        ["CREATE TRIGGER ghi_de AFTER INSERT ON obstacle BEGIN UPDATE obstacle SET title = 'x' WHERE id = new.id; END"],
        "trigger «ghi_de» lạ (Desk không tạo)"),
    "the delete trigger dropped": (["DROP TRIGGER obstacle_no_delete"], "trigger «obstacle_no_delete» bị thiếu"),
    "an index dropped": (["DROP INDEX ix_obstacle_status"], "chỉ mục «ix_obstacle_status» bị thiếu"),
}


@pytest.mark.parametrize("name", TAMPERING)
def test_each_kind_of_tampering_is_reported_by_check(folder, capsys, name):
    statements, phrase = TAMPERING[name]
    sql(folder, *statements)
    code, said = check(folder, capsys)
    assert code == 1, said
    assert phrase in said


@pytest.mark.parametrize("statement", [
    f"DELETE FROM obstacle WHERE rowid = {FIRST}", "DELETE FROM desk_user WHERE name = 'lan'",
    "DELETE FROM official", "UPDATE audit_log SET new_value = 'x' WHERE id = 1", "DELETE FROM audit_log"])
def test_deleting_records_or_rewriting_the_trail_is_refused_by_the_database(folder, statement):
    with pytest.raises(sqlite3.IntegrityError):
        sql(folder, statement)


def test_dropped_triggers_are_put_back_at_the_next_start_and_the_repair_is_recorded(folder, capsys):
    sql(folder, "DROP TRIGGER obstacle_no_delete", "DROP TRIGGER audit_log_no_update",
        "CREATE TRIGGER ghi_de AFTER INSERT ON obstacle BEGIN UPDATE obstacle SET title = 'x' WHERE id = new.id; END")
    # When any command starts, it says what it put back
    assert main(["--data-dir", str(folder), "export", "obstacles", "--period", "2025-Q3",
                 "--out", str(folder.parent / "r.xlsx")]) == 0
    assert "Desk đã đặt lại như cũ" in capsys.readouterr().err
    # Then the triggers are Desk's again, the extra one is gone, and the trail says so
    conn = sqlite3.connect(paths.database_path(folder))
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        repairs = conn.execute("SELECT record_id FROM audit_log WHERE action = 'repair' ORDER BY id").fetchall()
    finally:
        conn.close()
    assert {"obstacle_no_delete", "audit_log_no_update"} <= names and "ghi_de" not in names
    assert sorted(r[0] for r in repairs) == ["audit_log_no_update", "ghi_de", "obstacle_no_delete"]
    with pytest.raises(sqlite3.IntegrityError):
        sql(folder, f"DELETE FROM obstacle WHERE rowid = {FIRST}")
    # And a clean database checks sound afterwards
    assert check(folder, capsys)[0] == 0


def test_a_sound_database_checks_sound(folder, capsys):
    code, said = check(folder, capsys)
    assert code == 0 and "Cơ sở dữ liệu tốt" in said


@pytest.fixture
def imported(folder, tmp_path, monkeypatch):
    """A second folder whose obstacles were imported (created: one import batch row) from the first's
    template with records; one of them edited afterwards. Returns (folder, the edited record's id)."""
    from desk.domain.registers.obstacles import REGISTER as OBSTACLES
    from desk.domain.registers.visits import REGISTER as VISITS
    from desk.services import records, templates
    from desk.services.workspace import open_workspace

    source = open_workspace(str(folder))
    with source.session() as session:       # the visits first: obstacles name the visit they were found in
        for reg in (VISITS, OBSTACLES):
            templates.export_template(session, reg, source.require_unit(), tmp_path / f"{reg.name}.xlsx",
                                      with_records=True)
    source.engine.dispose()
    other = tmp_path / "other"
    monkeypatch.setenv("DESK_PASSWORD", ADMIN_PASSWORD)
    assert main(["--data-dir", str(other), "init", "--unit", "11329", "--admin", "quantri"]) == 0
    for reg in (VISITS, OBSTACLES):
        assert main(["--data-dir", str(other), "--user", "quantri", "import", str(tmp_path / f"{reg.name}.xlsx")]) == 0
    ws = open_workspace(str(other))
    with ws.session() as session:
        record = records.query(session, OBSTACLES, records.RecordQuery(unit_code=11329))[0]
        records.save(session, OBSTACLES, {**records.stored_values(records.get(session, OBSTACLES, record["id"]),
                                                                  OBSTACLES), "title": "Sửa sau khi nhập"},
                     unit_code=11329, record_id=record["id"])
    ws.engine.dispose()
    return other, record["id"]


def test_imported_then_edited_records_agree_with_their_import_batch_row(imported, capsys):
    other, _edited = imported
    code, said = check(other, capsys)
    assert code == 0, said


def test_a_value_an_import_wrote_changed_outside_desk_is_reported(imported, capsys):
    other, edited = imported
    sql(other,
        f"UPDATE obstacle SET proposal = 'Sửa lén' WHERE id = (SELECT min(id) FROM obstacle WHERE id != '{edited}')")
    code, said = check(other, capsys)
    assert code == 1
    assert "giá trị lúc nhập từ tệp không khớp với nhật ký nhập" in said


def test_a_value_edited_after_the_import_and_then_changed_outside_desk_is_reported(imported, capsys):
    other, edited = imported
    sql(other, f"UPDATE obstacle SET title = 'Sửa lén' WHERE id = '{edited}'")
    code, said = check(other, capsys)
    assert code == 1
    assert "là «Sửa lén» nhưng nhật ký ghi «Sửa sau khi nhập»" in said


LOCK_TAMPERING = {
    "lock lifted": (["UPDATE period_lock SET unlocked_at = '2025-10-01 08:00:00', unlocked_by = 'lan', "
                     "unlock_reason = 'x'"], "ghi là đã mở khóa nhưng nhật ký không có lần mở khóa nào"),
    "dates moved": (["UPDATE period_lock SET start = '2024-01-01', \"end\" = '2024-01-31'"],
                    "kỳ hoặc ngày của khóa khác với kỳ đã khóa theo nhật ký"),
    "lock deleted": (["DELETE FROM period_lock"], "có trong nhật ký nhưng không còn trong cơ sở dữ liệu"),
}


@pytest.mark.parametrize("name", LOCK_TAMPERING)
def test_a_submitted_periods_lock_lifted_moved_or_deleted_outside_desk_is_reported_by_check(folder, capsys, name,
                                                                                           tmp_path):
    # Given Q3/2025 submitted (its records locked)
    assert main(["--data-dir", str(folder), "export", "report", "--period", "2025-Q3", "--submit",
                 "--out", str(tmp_path / "q3.xlsx")]) == 0
    assert check(folder, capsys)[0] == 0
    # When its lock is changed with a database browser: the check names it
    statements, phrase = LOCK_TAMPERING[name]
    sql(folder, *[s for s in ("DROP TRIGGER IF EXISTS period_lock_no_delete",) if name == "lock deleted"],
        *statements)
    code, said = check(folder, capsys)
    assert code == 1 and "Khóa số liệu kỳ 2025-Q3" in said and phrase in said, said
