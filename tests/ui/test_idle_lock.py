"""The idle lock: after a quiet while the window locks; the password unlocks it; what was being typed survives."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from tests.ui.helpers import press, type_text

from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import records, users
from desk.store.models import table_of
from desk.ui.idle_lock import LockDialog

PASSWORD = "mật-khẩu-của-Lan"


@pytest.fixture
def signed_in(qtbot, workspace, app_settings, shown):
    """The main window with Lan (a clerk) signed in."""
    from desk.ui.main_window import MainWindow

    with workspace.session() as session:
        admin = users.create_first_admin(session, "quantri", "mật-khẩu-quản-trị")
        users.add_user(session, admin, "Lan", users.Role.CLERK, PASSWORD, "Trần Thị Lan")
        workspace.actor = users.authenticate(session, "lan", PASSWORD)
    win = MainWindow(workspace, app_settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    workspace.actor = None


def test_what_was_being_typed_survives_the_idle_lock(qtbot, signed_in, workspace):
    idle = signed_in.safety.idle
    # Given a clerk typing a new obstacle into the form
    form = signed_in.screen("obstacles").open_form()
    form.open()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.editor("title"))
    type_text("Thiếu công chức địa chính ở tổ dân phố số 3")
    form.editor("description").setFocus()
    type_text("Hồ sơ đất đai tồn đọng từ tháng 7")
    # When she leaves the desk and the (here: short) idle time passes
    idle.watcher.set_interval_ms(150)
    qtbot.waitUntil(lambda: idle.is_locked, timeout=3000)
    # Then every window is covered and the lock asks for her password
    dialog = idle.dialog
    assert isinstance(dialog, LockDialog) and dialog.isVisible()
    assert "Lan" in dialog.intro.text()
    covers = [w for w in (signed_in, form) if w.findChild(type(idle._covers[0]), "idleCover")]
    assert covers == [signed_in, form] and all(c.isVisible() for c in idle._covers)
    # And a wrong password does not unlock
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.password)
    type_text("sai mật khẩu")
    press(Qt.Key.Key_Return)
    assert idle.is_locked and dialog.error.isVisible() and dialog.password.text() == ""
    # When she types her password and presses Enter
    type_text(PASSWORD)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not idle.is_locked)
    # Then the form is still open with everything she typed, the cursor where it was
    assert form.isVisible()
    assert form.editor("title").text() == "Thiếu công chức địa chính ở tổ dân phố số 3"
    assert form.editor("description").toPlainText() == "Hồ sơ đất đai tồn đọng từ tháng 7"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.editor("description"))
    type_text(" và tháng 8")
    assert form.editor("description").toPlainText() == "Hồ sơ đất đai tồn đọng từ tháng 7 và tháng 8"
    assert not [c for c in form.findChildren(QWidget, "idleCover") if c.isVisible()]
    # And she can finish and save it, recorded under her name
    form.editor("raised_on").setText("05/09/2025")
    form.editor("domain").setCurrentIndex(1)
    form.editor("level").setCurrentIndex(1)
    press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier, form)
    qtbot.waitUntil(lambda: not form.isVisible())
    with workspace.session() as session:
        [row] = records.query(session, OBSTACLES, records.RecordQuery(unit_code=workspace.unit().code))
        assert records.audit.history(session, table_of(OBSTACLES), row["id"])[0].actor == "Lan"


def test_escape_does_not_unlock_and_ctrl_l_locks_at_once(qtbot, signed_in):
    idle = signed_in.safety.idle
    press(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier, signed_in)
    assert idle.is_locked
    qtbot.waitUntil(lambda: QApplication.focusWidget() is idle.dialog.password)
    press(Qt.Key.Key_Escape)
    assert idle.is_locked and idle.dialog.isVisible()
    type_text(PASSWORD)
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not idle.is_locked)


def test_keyboard_input_starts_the_idle_time_over(qtbot, signed_in):
    watcher = signed_in.safety.idle.watcher
    qtbot.waitUntil(lambda: watcher.watching, timeout=3000)   # input counts from a moment after the start
    restarts = []
    real, watcher._timer = watcher._timer, type("Timer", (), {"isActive": lambda self: True,
                                                              "start": lambda self: restarts.append(1)})()
    try:
        signed_in.screen("obstacles").search.setFocus()
        type_text("ngo")
    finally:
        watcher._timer = real
    assert len(restarts) >= 3            # each key press starts the idle time over
    assert not signed_in.safety.idle.is_locked


def test_the_idle_time_is_a_setting_with_a_default_of_ten_minutes(signed_in, app_settings):
    from desk.ui import settings as options

    assert options.IDLE_LOCK_MINUTES.default == 10
    assert signed_in.safety.idle.watcher.interval_ms() == 10 * 60_000


def test_without_a_signed_in_user_there_is_no_password_and_no_lock(window):
    assert not window.safety.idle.can_lock
    window.safety.idle.lock()
    assert not window.safety.idle.is_locked


def test_ctrl_l_locks_from_an_open_form_and_says_she_locked_it(qtbot, signed_in):
    idle = signed_in.safety.idle
    form = signed_in.screen("obstacles").open_form()
    form.open()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.editor("title"))
    type_text("Đang gõ dở")
    # When she presses Ctrl+L in the form (the window behind it is blocked by the form)
    press(Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    # Then Desk locks, and the lock says it was locked with Ctrl+L, not "after a while without use"
    assert idle.is_locked
    assert "Ctrl+L" in idle.dialog.intro.text() and "without use" not in idle.dialog.intro.text()
    idle.dialog.password.setText(PASSWORD)
    idle.dialog.accept()
    assert not idle.is_locked and form.editor("title").text() == "Đang gõ dở"


def test_sign_out_closes_the_window_for_the_next_person(qtbot, signed_in):
    from desk.ui.actions import ActionId

    action = signed_in.actions[ActionId.SIGN_OUT]
    assert action.isEnabled()
    action.trigger()
    assert signed_in.signed_out and not signed_in.isVisible()
