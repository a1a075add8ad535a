"""Signing in, the first administrator, user management and a record's history, as people use them."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from tests.conftest import NGO_QUYEN
from tests.ui.helpers import press, type_text

from desk.domain.access import Role
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import records, users
from desk.ui.history_dialog import HistoryDialog, HistoryModel
from desk.ui.login_dialog import LoginDialog
from desk.ui.user_form import FIRST_ADMIN, NEW_USER, UserForm
from desk.ui.users_dialog import UsersDialog

ADMIN_PASSWORD = "mật-khẩu-quản-trị"


@pytest.fixture
def admin(workspace):
    with workspace.session() as session:
        return users.create_first_admin(session, "quantri", ADMIN_PASSWORD, "Lê Văn Quản")


def test_sign_in_with_the_keyboard_only(qtbot, workspace, admin):
    dialog = LoginDialog(workspace, "Phường Ngô Quyền")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name)
    # type the name, Tab, a wrong password, Enter: the dialog stays, the password is cleared
    type_text("QuanTri")
    press(Qt.Key.Key_Tab)
    type_text("sai")
    press(Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error.text() == "Sai tên đăng nhập hoặc mật khẩu."
    assert QApplication.focusWidget() is dialog.password and dialog.password.text() == ""
    # the right password, Enter: signed in
    with qtbot.waitSignal(dialog.accepted):
        type_text(ADMIN_PASSWORD)
        press(Qt.Key.Key_Return)
    assert dialog.actor == admin


def test_the_first_run_creates_the_administrator_and_keeps_errors_in_the_form(qtbot, workspace):
    created = []

    def submit(values):
        with workspace.session() as session:
            created.append(users.create_first_admin(session, values["name"], values["password"], values["full_name"]))

    form = UserForm(FIRST_ADMIN, submit)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.name)
    assert not form.role.isVisibleTo(form)            # the first user is always the administrator
    type_text("Nguyễn Văn Hùng")
    press(Qt.Key.Key_Tab)
    type_text("Nguyễn Văn Hùng")
    press(Qt.Key.Key_Tab)
    type_text("ngan")
    press(Qt.Key.Key_Tab)
    type_text("ngan")
    press(Qt.Key.Key_Return)
    assert form.isVisible() and "ít nhất 8 ký tự" in form.error.text()
    form.password.setText("Hải-Phòng-2025")
    form.repeat.setText("Hải-Phòng-2024")
    press(Qt.Key.Key_Return, widget=form.repeat)
    assert form.isVisible() and created == []
    form.repeat.setText("Hải-Phòng-2025")
    with qtbot.waitSignal(form.accepted):
        press(Qt.Key.Key_Return, widget=form.repeat)
    assert created[0].role == Role.ADMIN and created[0].name == "Nguyễn Văn Hùng"


def test_the_administrator_adds_a_user_sets_a_role_and_deactivates(qtbot, workspace, admin, app_settings,
                                                                  shown, monkeypatch, qtmodeltester):
    dialog = UsersDialog(workspace, admin, app_settings)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)

    def fill_and_accept(form):
        form.name.setText("Lan")
        form.full_name.setText("Trần Thị Lan")
        form.role.setCurrentIndex(form.role.findData("clerk"))
        form.password.setText("mật-khẩu-của-Lan")
        form.repeat.setText("mật-khẩu-của-Lan")
        form.accept()
        return form.result()

    monkeypatch.setattr(UserForm, "exec", fill_and_accept)
    dialog.add_button.click()
    names = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert names == ["Lan", "quantri"] and dialog.current_id() is not None
    assert dialog.model.index(0, 2).data() == "Cán bộ nhập liệu"
    # Set role: leader
    dialog.role.setCurrentIndex(dialog.role.findData("leader"))
    dialog.role_button.click()
    assert dialog.model.index(0, 2).data() == "Lãnh đạo"
    # Deactivate with a reason
    shown.answers.append("Chuyển công tác")
    dialog.active_button.click()
    with workspace.session() as session:
        lan = users.find(session, "lan")
        assert not lan.active and lan.role == "leader"
        with pytest.raises(users.UserError):
            users.authenticate(session, "lan", "mật-khẩu-của-Lan")
    # The last administrator cannot deactivate themselves: the refusal is shown
    dialog.table.selectRow(1)
    shown.answers.append("thử")
    dialog.active_button.click()
    assert shown.errors and "quản trị duy nhất" in shown.errors[-1]


def test_a_refused_new_user_stays_in_the_form_not_a_message_box(qtbot, workspace, admin, app_settings, shown,
                                                                monkeypatch):
    from desk.ui.operations import Operations

    operations = Operations(workspace)
    dialog = UsersDialog(workspace, admin, app_settings, operations=operations)
    qtbot.addWidget(dialog)
    forms = []

    def short_password(form):
        forms.append(form)
        form.name.setText("Lan")
        form.password.setText("ngan")
        form.repeat.setText("ngan")
        form.accept()
        return form.result()

    monkeypatch.setattr(UserForm, "exec", short_password)
    dialog.add_button.click()
    assert "ít nhất 8 ký tự" in forms[0].error.text() and shown.errors == []
    with workspace.session() as session:
        assert users.find(session, "lan") is None


def test_the_idle_time_is_set_in_the_users_dialog(qtbot, workspace, admin, app_settings):
    from desk.ui import settings as options

    dialog = UsersDialog(workspace, admin, app_settings)
    qtbot.addWidget(dialog)
    assert dialog.idle_minutes.value() == 10
    dialog.idle_minutes.setValue(5)
    assert int(app_settings.get(options.IDLE_LOCK_MINUTES)) == 5


def test_a_records_history_shows_who_changed_what_in_readable_form(qtbot, workspace, admin, qtmodeltester):
    with workspace.session() as session:
        rid = records.save(session, OBSTACLES, {"domain": "PERSONNEL", "title": "Thiếu công chức", "level": "province",
                                                "raised_on": "05/09/2025", "status": "received"},
                           unit_code=NGO_QUYEN, actor=admin)
    with workspace.session() as session:
        records.save(session, OBSTACLES, {"domain": "PERSONNEL", "title": "Thiếu công chức", "level": "province",
                                          "raised_on": "05/09/2025", "status": "in_progress",
                                          "deadline": "30/09/2025"}, unit_code=NGO_QUYEN, record_id=rid)
        records.void(session, OBSTACLES, rid, "Nhập trùng", actor=admin)
    dialog = HistoryDialog(workspace, OBSTACLES, rid)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    rows = [[dialog.model.index(r, c).data() for c in range(dialog.model.columnCount())]
            for r in range(dialog.model.rowCount())]
    assert ["quantri", "Tạo mới", "Tình trạng", "", "Mới tiếp nhận", ""] in [r[1:] for r in rows]
    edits = [r[1:] for r in rows if r[2] == "Sửa"]
    assert [e[0] for e in edits] == [records.os_actor().display] * 3
    assert ["Tình trạng", "Mới tiếp nhận", "Đang xử lý"] in [e[2:5] for e in edits]
    today = date.today().strftime("%d/%m/%Y")         # the state changed that day
    assert ["Ngày chuyển tình trạng", "", today] in [e[2:5] for e in edits]
    assert ["Hạn xử lý", "", "30/09/2025"] in [e[2:5] for e in edits]
    assert rows[-1][1:] == ["quantri", "Hủy", "Đã hủy", "Không", "Có", "Nhập trùng"]
    assert "Thiếu công chức" in dialog.caption.text()
    # And its states over time: received from the day it was raised, in progress from the edit's day
    qtmodeltester.check(dialog.timeline_model)
    timeline = [[dialog.timeline_model.index(r, c).data() for c in range(2)]
                for r in range(dialog.timeline_model.rowCount())]
    assert timeline == [["từ ngày phát sinh", "Mới tiếp nhận"], [today, "Đang xử lý"]]


def test_history_is_opened_for_the_selected_record_from_the_menu(qtbot, window, workspace, shown):
    window.safety.show_history()                           # nothing selected yet
    assert shown.infos
    with workspace.session() as session:
        rid = records.save(session, OBSTACLES, {"domain": "PERSONNEL", "title": "Thiếu công chức", "level": "province",
                                                "raised_on": "05/09/2025", "status": "received"}, unit_code=NGO_QUYEN)
    obstacles = window.screen("obstacles")          # built on first use
    window.nav.setCurrentRow(window.screens.index(obstacles))
    window.screen("obstacles").refresh()
    window.screen("obstacles").select_id(rid)
    press(Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier, window)
    dialog = window.findChild(HistoryDialog)
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    assert dialog.model.rowCount() == 5
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_history_model_is_empty_for_nothing():
    assert HistoryModel([]).rowCount() == 0


def test_new_user_form_offers_the_three_roles(qtbot):
    form = UserForm(NEW_USER, lambda values: None)
    qtbot.addWidget(form)
    assert [form.role.itemData(i) for i in range(form.role.count())] == ["clerk", "leader", "admin"]


def test_the_sign_in_dialog_says_when_a_name_is_locked(qtbot, workspace, admin):
    dialog = LoginDialog(workspace, "Phường Ngô Quyền")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.name)
    type_text("quantri")
    for _ in range(users.FREE_FAILURES + 1):
        dialog.password.setFocus()
        type_text("sai-mat-khau")
        press(Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "Đã nhập sai mật khẩu 6 lần liên tiếp: tên «quantri» tạm khóa đăng nhập đến" in dialog.error.text()
    # Even the right password waits for the lock to pass
    type_text(ADMIN_PASSWORD)
    press(Qt.Key.Key_Return)
    assert dialog.isVisible() and "tạm khóa đăng nhập đến" in dialog.error.text() and dialog.actor is None
