"""The window's data safety: backup now to a USB folder, restore, full check, backups on close, and start-up
(a second Desk, a damaged database, a risky folder)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

import pytest
from tests.conftest import NGO_QUYEN

from desk import paths
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import backups, records, startup, users
from desk.store import backup as store_backup
from desk.store.location import StorageRisk
from desk.ui import messages, start_flow
from desk.ui import settings as options
from desk.ui.actions import ActionId


def add(workspace, title="Thiếu máy tính", actor=None):
    with workspace.session() as session:
        return records.save(session, OBSTACLES, {"domain": "VEHICLES_EQUIPMENT", "title": title, "level": "province",
                                                 "raised_on": "05/09/2025", "status": "received"},
                            unit_code=NGO_QUYEN, actor=actor)


@pytest.fixture
def as_admin(workspace):
    with workspace.session() as session:
        workspace.actor = users.create_first_admin(session, "quantri", "mật-khẩu-quản-trị")
    yield workspace.actor
    workspace.actor = None


def test_backup_now_to_a_chosen_usb_folder(qtbot, window, workspace, tmp_path, shown, monkeypatch):
    usb = tmp_path / "USB"
    usb.mkdir()
    monkeypatch.setattr(messages, "choose_folder", lambda parent, title, start: str(usb))
    window.actions[ActionId.BACKUP_NOW].trigger()
    # The copy is made and checked on a worker thread; the message names it when done
    qtbot.waitUntil(lambda: bool(shown.infos), timeout=20_000)
    [path] = list(usb.glob("desk-*.sqlite3"))
    assert str(path) in shown.infos[-1]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_clerk_is_refused_restore_users_settings_and_unit(window, shown):
    # the window fixture has nobody signed in: the computer's user, a clerk
    assert not window.safety.restore()
    window.safety.manage_users()
    window.open_settings()
    window.change_unit()
    assert len(shown.errors) == 4 and all("không có quyền" in e for e in shown.errors)


def test_restore_in_the_window_replaces_the_data_and_closes(qtbot, window, workspace, as_admin, shown, monkeypatch):
    add(workspace, "Có trong bản sao lưu", actor=as_admin)
    saved = backups.backup_now(workspace, datetime(2025, 10, 1, 9, 0))
    add(workspace, "Nhập sau", actor=as_admin)
    monkeypatch.setattr(messages, "choose_backup", lambda *args: str(saved))
    assert window.safety.restore()
    assert "Desk" in shown.infos[-1] and not window.isVisible()
    with sqlite3.connect(paths.database_path(workspace.folder)) as conn:
        assert conn.execute("SELECT title FROM obstacle").fetchall() == [("Có trong bản sao lưu",)]


def test_restore_of_a_damaged_file_is_refused_in_the_window(window, workspace, as_admin, shown, monkeypatch,
                                                            tmp_path):
    damaged = tmp_path / "hong.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + bytes(5000))
    monkeypatch.setattr(messages, "choose_backup", lambda *args: str(damaged))
    assert not window.safety.restore()
    assert "Không khôi phục từ" in shown.errors[-1] and window.isVisible()


def test_the_full_check_from_the_menu(qtbot, window, shown):
    window.actions[ActionId.CHECK_DATABASE].trigger()
    qtbot.waitUntil(lambda: bool(shown.infos), timeout=20_000)
    assert shown.errors == [] and "sound" in shown.infos[-1]


def test_closing_the_window_backs_up_what_changed(qtbot, window, workspace):
    add(workspace)
    window.close()
    found = store_backup.list_backups(paths.backup_dir(workspace.folder))
    assert len(found) == 1
    window.safety.on_close()                               # a second close does nothing more
    assert len(store_backup.list_backups(paths.backup_dir(workspace.folder))) == 1


def test_the_timer_backs_up_every_30_minutes_while_data_changes(window, workspace):
    times = [datetime(2025, 10, 1, 9, 0), datetime(2025, 10, 1, 9, 10), datetime(2025, 10, 1, 9, 31)]
    window.safety._clock = lambda: times.pop(0) if len(times) > 1 else times[0]
    assert window.safety.auto_backup() is not None         # first change since no backup
    add(workspace)
    assert window.safety.auto_backup() is None             # 10 minutes later: too soon
    assert window.safety.auto_backup() is not None         # 31 minutes: due
    assert window.safety.backup_timer.isActive()


# -- start-up --------------------------------------------------------------------------------------
def test_a_second_window_on_the_same_folder_says_so_and_exits(workspace, shown):
    first = startup.open_data(str(workspace.folder))
    try:
        assert start_flow.open_data(str(workspace.folder)) == 1
        assert "Desk đang được dùng" in shown.errors[-1]
    finally:
        first.close()


def _sign_in_as_the_backups_administrator(monkeypatch, name="quantri", password="Quản-trị-2025"):
    """The restore's sign-in dialog, answered as the clerk would: its own check runs on what she typed."""
    from desk.ui.login_dialog import LoginDialog

    seen = []

    def answer(dialog):
        seen.append(dialog)
        dialog.name.setText(name)
        dialog.password.setText(password)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(LoginDialog, "exec", answer)
    return seen


def test_a_damaged_database_at_start_is_set_aside_and_the_newest_backup_restored(workspace, shown, monkeypatch):
    from desk.services import users

    with workspace.session() as session:
        users.create_first_admin(session, "quantri", "Quản-trị-2025")
    add(workspace, "Dữ liệu quý giá")
    good = backups.backup_now(workspace, datetime(2025, 10, 1, 9, 0))
    workspace.engine.dispose()
    database = paths.database_path(workspace.folder)
    database.write_bytes(b"\x00" * 8192)
    shown.answers.append(True)                              # "Restore the newest good backup?" -> yes
    dialogs = _sign_in_as_the_backups_administrator(monkeypatch)
    opened = start_flow.open_data(str(workspace.folder))
    assert len(dialogs) == 1                                # an administrator of the backup proved it
    try:
        assert not isinstance(opened, int)
        with opened.workspace.session() as session:
            [row] = records.query(session, OBSTACLES, records.RecordQuery(unit_code=NGO_QUYEN))
        assert row["title"] == "Dữ liệu quý giá"
    finally:
        opened.close()
    [aside] = workspace.folder.glob("desk.sqlite3.corrupt-*")
    assert aside.read_bytes() == b"\x00" * 8192
    assert good.exists()


def test_a_wrong_administrator_password_restores_nothing(workspace, shown, monkeypatch):
    from desk.services import users

    with workspace.session() as session:
        users.create_first_admin(session, "quantri", "Quản-trị-2025")
        users.add_user(session, users.actor_of(users.find(session, "quantri")), "lan", users.Role.CLERK, "Cán-bộ-2025")
    backups.backup_now(workspace, datetime(2025, 10, 1, 9, 0))
    workspace.engine.dispose()
    paths.database_path(workspace.folder).write_bytes(b"\x00" * 8192)
    shown.answers.append(True)
    from desk.ui.login_dialog import LoginDialog

    tried = []

    def answer(dialog):
        for name, password in (("quantri", "sai-mat-khau"), ("lan", "Cán-bộ-2025")):   # a clerk cannot either
            dialog.name.setText(name)
            dialog.password.setText(password)
            dialog.accept()
            tried.append(dialog.error.text())
        return QDialog.DialogCode.Rejected

    from PySide6.QtWidgets import QDialog

    monkeypatch.setattr(LoginDialog, "exec", answer)
    assert start_flow.open_data(str(workspace.folder)) == 1
    assert "Sai tên đăng nhập hoặc mật khẩu người quản trị" in tried[0]
    assert "không phải người quản trị" in tried[1]
    assert not paths.database_path(workspace.folder).exists()


def test_declining_the_restore_closes_desk_keeping_the_damaged_file(workspace, shown):
    backups.backup_now(workspace, datetime(2025, 10, 1, 9, 0))
    workspace.engine.dispose()
    paths.database_path(workspace.folder).write_bytes(b"not a database" * 100)
    shown.answers.append(False)
    assert start_flow.open_data(str(workspace.folder)) == 1
    assert "corrupt-" in shown.infos[-1]
    assert not paths.database_path(workspace.folder).exists()


def test_the_risky_folder_warning_is_shown_once(workspace, app_settings, monkeypatch):
    warnings = []
    monkeypatch.setattr(messages, "warning", lambda parent, text: warnings.append(text))
    opened = startup.Opened(workspace, None, StorageRisk("cloud", str(workspace.folder), "OneDrive"))
    assert start_flow.warn_about_location(opened, app_settings)
    assert not start_flow.warn_about_location(opened, app_settings)
    assert len(warnings) == 1 and "OneDrive" in warnings[0]
    assert app_settings.get(options.RISK_WARNED_FOLDER) == str(workspace.folder)


def test_first_start_chooses_the_unit_then_creates_the_administrator_then_later_starts_sign_in(
        tmp_path, app_settings, shown, monkeypatch):
    from desk.ui.login_dialog import LoginDialog
    from desk.ui.unit_dialog import UnitDialog
    from desk.ui.user_form import UserForm

    folder = tmp_path / "moi"
    folder.mkdir()
    order = []

    def choose_ngo_quyen(dialog):
        order.append("unit")
        dialog.search.setText("ngo quyen")
        dialog.accept()
        return dialog.result()

    def create_admin(form):
        order.append("admin")
        form.name.setText("quantri")
        form.password.setText("mật-khẩu-quản-trị")
        form.repeat.setText("mật-khẩu-quản-trị")
        form.accept()
        return form.result()

    monkeypatch.setattr(UnitDialog, "exec", choose_ngo_quyen)
    monkeypatch.setattr(UserForm, "exec", create_admin)
    started = start_flow.start(str(folder), app_settings)
    try:
        assert order == ["unit", "admin"]
        assert started.actor.name == "quantri" and started.opened.workspace.actor == started.actor
        assert started.opened.workspace.unit().code == NGO_QUYEN
    finally:
        started.opened.close()

    def sign_in(dialog):
        order.append("login")
        dialog.name.setText("QUANTRI")
        dialog.password.setText("mật-khẩu-quản-trị")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(LoginDialog, "exec", sign_in)
    started = start_flow.start(str(folder), app_settings)
    try:
        assert order == ["unit", "admin", "login"] and started.actor.name == "quantri"
    finally:
        started.opened.close()


def test_the_damaged_database_prompt_says_what_is_lost_since_the_backup_in_plain_words(
        workspace, shown, monkeypatch):
    from desk.services import users

    with workspace.session() as session:
        users.create_first_admin(session, "quantri", "Quản-trị-2025")
    backups.backup_now(workspace, datetime(2025, 10, 1, 9, 0))
    workspace.engine.dispose()
    paths.database_path(workspace.folder).write_bytes(b"\x00" * 8192)
    asked = []
    monkeypatch.setattr(messages, "confirm", lambda parent, text: asked.append(text) or False)
    # When Desk starts on the damaged file and the clerk declines
    assert start_flow.open_data(str(workspace.folder), clock=lambda: datetime(2025, 10, 2, 15, 30)) == 1
    [question] = asked
    # Then she read when the backup was taken, how long ago, what to enter again, and that the file is kept
    assert "09:00 ngày 01/10/2025" in question and "cách đây khoảng 30 giờ" in question
    assert "nhập lại" in question and "không bị xóa" in question
    assert "error code" not in question and "integrity" not in question.lower() and "desk-2025" not in question


def test_the_recovery_question_leaves_sqlites_diagnostics_to_the_log(tmp_path):
    from desk.services import startup
    from desk.store.faults import MALFORMED, DatabaseDamaged

    diagnostics = "; ".join(f"*** in database main *** Page {n}: btreeInitPage() returns error code 11"
                            for n in range(20))
    backup = tmp_path / "desk-20251001-090000.sqlite3"
    lost = startup.DamagedAtStart(DatabaseDamaged(MALFORMED, tmp_path / "desk.sqlite3", diagnostics),
                                  tmp_path / "desk.sqlite3.corrupt-1", backup, for_cli=False)
    question = startup.recovery_question(lost, datetime(2025, 10, 1, 9, 45))
    assert "btreeInitPage" not in question and "Page" not in question
    assert "45 phút" in question
    assert "btreeInitPage" in str(lost)          # the command line and the log keep the details
