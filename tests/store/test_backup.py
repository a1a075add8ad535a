"""Backups: verified copies, thinning over a year on a fake clock, the 30-minute rhythm, and restore."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.conftest import NGO_QUYEN

from desk import paths
from desk.domain.access import Actor, PermissionDenied, Role
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.registers.obstacles import REGISTER as _OBSTACLES_REGISTER
from desk.errors import UserError
from desk.services import backups, records, users
from desk.store import audit, backup
from desk.store.models import table_of
from desk.store.security import AuditEntry

# About the SQLite file itself (its locks, WAL, damage, copies): a server has none of these.
pytestmark = pytest.mark.sqlite_only


Obstacle = table_of(_OBSTACLES_REGISTER)


T0 = datetime(2025, 1, 6, 8, 0)       # a Monday morning


def add(workspace, title="Thiếu máy tính phục vụ số hóa hồ sơ", actor=None) -> str:
    with workspace.session() as session:
        return records.save(session, OBSTACLES, {"domain": "VEHICLES_EQUIPMENT", "title": title, "level": "province",
                                                 "raised_on": "05/09/2025", "status": "received"},
                            unit_code=NGO_QUYEN, actor=actor)


def titles(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT title FROM obstacle")}


@pytest.fixture
def admin(workspace) -> Actor:
    with workspace.session() as session:
        return users.create_first_admin(session, "quantri", "mật-khẩu-an-toàn", "Lê Văn Quản")


# -- thinning ------------------------------------------------------------------------------------
def test_thinning_over_a_year_of_office_days_keeps_12_daily_10_weekly_9_monthly():
    # Given a clerk who works every weekday 08:00-17:00, with a backup every 30 minutes and on
    # closing, and thinning after each backup, for a year and a bit (so that all 9 months fill up)
    kept: list[tuple[datetime, Path]] = []
    now = T0
    newest = None
    while now < T0 + timedelta(days=400):
        if now.weekday() < 5:
            for half_hours in range(19):
                at = now.replace(hour=8) + timedelta(minutes=30 * half_hours)
                newest = Path(backup.backup_name(at))
                kept.append((at, newest))
                gone = set(backup.obsolete_backups(kept, at, keep=[newest]))
                # Then the newest good backup is never removed
                assert newest not in gone
                kept = [b for b in kept if b[1] not in gone]
        now += timedelta(days=1)
    # At the end, looking back from the newest backup:
    end = max(k[0] for k in kept)
    by_day: dict = {}
    for at, _ in kept:
        by_day.setdefault(at.date(), []).append(at)
    grace = [d for d in by_day if d >= end.date() - timedelta(days=1)]
    older = sorted((d for d in by_day if d not in grace), reverse=True)
    # every backup of today and yesterday (the grace period) is still there
    assert all(len(by_day[d]) == 19 for d in grace)
    # then the day's last backup for each of 12 earlier office days
    daily, weekly, monthly = older[:12], older[12:22], older[22:]
    assert all(len(by_day[d]) == 1 and by_day[d][0].hour == 17 for d in daily)
    assert len(daily) == 12 and len(set(daily)) == 12
    # then one per week for 10 weeks, then one per month for 9 months, and nothing else
    assert len({backup._week(d) for d in weekly}) == 10 and all(len(by_day[d]) == 1 for d in weekly)
    assert len(monthly) == 9 and len({backup._month(d) for d in monthly}) == 9
    assert all(backup._week(d) < min(backup._week(w) for w in daily) for d in weekly)
    assert all(backup._month(d) < min(backup._month(w) for w in weekly) for d in monthly)
    assert len(kept) == 19 * len(grace) + 12 + 10 + 9
    # reaching back about eleven months
    assert (end - min(k[0] for k in kept)).days > 320


def test_the_newest_good_backup_survives_even_when_the_clock_jumps_years_ahead():
    backups_ = [(T0 - timedelta(days=d), Path(f"b{d}")) for d in range(0, 400, 3)]
    far_future = T0 + timedelta(days=5 * 365)
    gone = backup.obsolete_backups(backups_, far_future, keep=[Path("b0")])
    assert Path("b0") not in gone
    assert len(backups_) - len(gone) == 1 + 12 + 10 + 9


def test_thinning_the_folder_removes_files_and_keeps_the_newest(workspace):
    folder = paths.backup_dir(workspace.folder)
    folder.mkdir()
    made = []
    for day in range(40):
        path = folder / backup.backup_name(T0 + timedelta(days=day, hours=9))
        path.write_bytes(b"x")
        made.append(path)
    (folder / "notes.txt").write_text("not a backup")
    removed = backups.thin(folder, T0 + timedelta(days=39, hours=10))
    assert made[-1].exists() and (folder / "notes.txt").exists()
    assert removed and all(not p.exists() for p in removed)
    assert len(backup.list_backups(folder)) == 40 - len(removed)


# -- taking backups ------------------------------------------------------------------------------
def test_a_backup_is_a_sound_single_file_copy_made_while_the_database_is_open(workspace):
    add(workspace, "Trụ sở chật hẹp")
    with workspace.session() as session:   # a reader holds the database meanwhile
        session.scalar(select(func.count()).select_from(Obstacle))
        path = backups.backup_now(workspace, T0)
    assert path.parent == paths.backup_dir(workspace.folder) and path.name == "desk-20250106-080000.sqlite3"
    assert titles(path) == {"Trụ sở chật hẹp"}
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    assert not list(path.parent.glob(".~*"))         # no temporary file left behind


def test_backup_now_to_a_chosen_folder(workspace, tmp_path):
    add(workspace)
    usb = tmp_path / "USB"
    usb.mkdir()
    path = backups.backup_now(workspace, T0, to=usb)
    assert path.parent == usb and titles(path)
    assert backups.read_state(workspace.folder) == (None, None)   # the automatic rhythm is not reset by it


def test_a_backup_to_a_missing_drive_is_refused_with_a_message(workspace, tmp_path):
    with pytest.raises(UserError, match="Không tạo được bản sao lưu"):
        backups.backup_now(workspace, T0, to=Path("/proc/khong-ghi-duoc"))


@pytest.mark.parametrize("where, reason", [
    ("a file", "đã có một tệp cùng tên ở đó, không phải thư mục"),
    ("/proc", "không tạo được tệp ở đó (không có quyền ghi, hoặc đó không phải một thư mục thường)"),
])
def test_a_backup_where_none_can_be_written_says_why_in_vietnamese(workspace, tmp_path, where, reason):
    target = Path("/proc") if where == "/proc" else tmp_path / "bao-cao.xlsx"
    if where == "a file":
        target.write_bytes(b"x")
    with pytest.raises(UserError) as caught:
        backups.backup_now(workspace, T0, to=target)
    assert reason in str(caught.value)
    assert not any(english in str(caught.value) for english in ("File exists", "unable to open", "denied"))


def test_automatic_backups_every_30_minutes_only_while_data_changes(workspace):
    # Nothing changed yet since the (absent) last backup: the first change triggers one
    assert backups.auto_backup(workspace, T0) is not None     # the unit was set: that is a change
    assert backups.auto_backup(workspace, T0 + timedelta(minutes=45)) is None   # no change since
    add(workspace)
    assert backups.auto_backup(workspace, T0 + timedelta(minutes=20)) is None   # changed, but too soon
    assert backups.auto_backup(workspace, T0 + timedelta(minutes=31)) is not None
    add(workspace, "Một thay đổi nữa")
    # On close: whatever changed is backed up at once
    assert backups.backup_on_close(workspace, T0 + timedelta(minutes=33)) is not None
    assert backups.backup_on_close(workspace, T0 + timedelta(minutes=34)) is None
    assert len(backup.list_backups(paths.backup_dir(workspace.folder))) == 3


def test_backup_due_rule():
    assert backups.backup_due(changed=True, last_backup_at=None, now=T0)
    assert not backups.backup_due(changed=False, last_backup_at=None, now=T0)
    assert not backups.backup_due(changed=True, last_backup_at=T0, now=T0 + timedelta(minutes=29, seconds=59))
    assert backups.backup_due(changed=True, last_backup_at=T0, now=T0 + timedelta(minutes=30))


# -- restore -------------------------------------------------------------------------------------
def live_state(workspace):
    database = paths.database_path(workspace.folder)
    with sqlite3.connect(database) as conn:
        return list(conn.iterdump())


def test_restoring_a_corrupt_backup_is_refused_and_the_live_database_is_unchanged(workspace, admin, tmp_path):
    add(workspace, "Dữ liệu hiện tại", actor=admin)
    good = backups.backup_now(workspace, T0)
    damaged = tmp_path / "hong.sqlite3"
    data = bytearray(good.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[2 * page:4 * page] = b"\xde\xad" * page
    damaged.write_bytes(bytes(data))
    before = live_state(workspace)
    with pytest.raises(UserError) as caught:
        backups.restore(workspace.folder, damaged, admin, T0, engine=workspace.engine)
    assert "Không khôi phục từ" in str(caught.value) and "bị hỏng" in str(caught.value)
    assert "Dữ liệu hiện tại không bị thay đổi" in str(caught.value)
    assert live_state(workspace) == before
    assert backup.list_backups(paths.backup_dir(workspace.folder)) == [(T0, good)]   # no "before-restore" made
    add(workspace, "Vẫn lưu được", actor=admin)   # and the live database still works


def test_a_backup_that_cannot_be_read_is_refused_in_vietnamese_and_nothing_changes(workspace, admin, tmp_path,
                                                                                  monkeypatch):
    from desk.store import health

    add(workspace, "Dữ liệu hiện tại", actor=admin)
    good = backups.backup_now(workspace, T0)
    before = live_state(workspace)

    def locked(path):       # Windows: another program holds it; or no right to read it
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(health, "diagnose_header", locked)
    with pytest.raises(UserError) as caught:
        backups.restore(workspace.folder, good, admin, T0, engine=workspace.engine)
    assert "không đọc được tệp: không có quyền đọc, hoặc tệp đang bị chương trình khác khóa" in str(caught.value)
    assert "Permission denied" not in str(caught.value) and live_state(workspace) == before


@pytest.mark.parametrize("content, reason", [
    ("other_sqlite", "không phải là cơ sở dữ liệu của Desk"),
    ("newer", "phiên bản Desk mới hơn"),
    ("text", "không phải là tệp cơ sở dữ liệu"),
    ("missing", "Không tìm thấy tệp sao lưu"),
])
def test_restore_refuses_files_that_are_not_usable_desk_backups(workspace, admin, tmp_path, content, reason):
    source = tmp_path / "chon.sqlite3"
    if content == "other_sqlite":
        with sqlite3.connect(source) as conn:
            conn.execute("CREATE TABLE danh_ba (ten TEXT)")
    elif content == "newer":
        good = backups.backup_now(workspace, T0)
        source.write_bytes(good.read_bytes())
        with sqlite3.connect(source) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '0099'")
    elif content == "text":
        source.write_text("Danh sách cán bộ", encoding="utf-8")
    before = live_state(workspace)
    with pytest.raises(UserError, match=reason):
        backups.restore(workspace.folder, source, admin, T0, engine=workspace.engine)
    assert live_state(workspace) == before


def test_restore_swaps_in_the_backup_keeps_the_replaced_database_and_records_who(workspace, admin):
    add(workspace, "Có trong bản sao lưu", actor=admin)
    saved = backups.backup_now(workspace, T0)
    add(workspace, "Nhập sau khi sao lưu", actor=admin)     # still only in the live WAL
    done = backups.restore(workspace.folder, saved, admin, T0 + timedelta(hours=1), engine=workspace.engine)
    database = paths.database_path(workspace.folder)
    # Then the live database is the backup's content
    assert titles(database) == {"Có trong bản sao lưu"}
    # And what it replaced is kept, complete, as a backup
    assert "before-restore" in done.kept.name and titles(done.kept) == {"Có trong bản sao lưu", "Nhập sau khi sao lưu"}
    # And the restore is in the restored database's audit trail, with who did it
    with sqlite3.connect(database) as conn:
        row = conn.execute("SELECT actor, action, new_value FROM audit_log WHERE action = 'restore'").fetchone()
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert row[0] == "quantri" and saved.name in row[2]
    assert not list(workspace.folder.glob(".~*"))


def test_a_clerk_may_not_restore(workspace, admin):
    saved = backups.backup_now(workspace, T0)
    with workspace.session() as session:
        users.add_user(session, admin, "vanthu", Role.CLERK, "mật-khẩu-vănthư")
        clerk = users.authenticate(session, "vanthu", "mật-khẩu-vănthư")
    before = live_state(workspace)
    with pytest.raises(PermissionDenied, match="khôi phục"):
        backups.restore(workspace.folder, saved, clerk, T0, engine=workspace.engine)
    assert live_state(workspace) == before


def test_the_audit_row_of_a_restore_is_not_in_the_backup_it_came_from(workspace, admin):
    saved = backups.backup_now(workspace, T0)
    backups.restore(workspace.folder, saved, admin, T0, engine=workspace.engine)
    with sqlite3.connect(saved) as conn:
        assert conn.execute("SELECT count(*) FROM audit_log WHERE action='restore'").fetchone() == (0,)
    with workspace.session() as session:
        restores = select(func.count()).select_from(AuditEntry).where(AuditEntry.action == audit.RESTORE)
        assert session.scalar(restores) == 1


def test_tagged_copies_survive_thinning_among_many_backups(tmp_path):
    # Given 1,283 backups, two of them the copies a restore and a migration promised to keep, five days old
    now = datetime(2025, 10, 20, 12, 0)
    found = [(now - timedelta(hours=3 * i), tmp_path / backup.backup_name(now - timedelta(hours=3 * i)))
             for i in range(1, 1282)]
    tagged = [(now - timedelta(days=5), tmp_path / backup.backup_name(now - timedelta(days=5), "before-restore")),
              (now - timedelta(days=5, minutes=1),
               tmp_path / backup.backup_name(now - timedelta(days=5, minutes=1), "before-migration-0005"))]
    obsolete = set(backup.obsolete_backups(found + tagged, now))
    # Then thinning removes many others but never those two, until they are older than the set time
    assert len(obsolete) > 1000 and not obsolete & {p for _w, p in tagged}
    later = now + timedelta(days=backup.TAGGED_KEPT_DAYS)
    assert {p for _w, p in tagged} <= set(backup.obsolete_backups(found + tagged, later))
