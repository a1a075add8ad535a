"""The window's start checks the database while its modules load, and opens it without checking again."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog

from desk.cli import main
from desk.services import users
from desk.store import health
from desk.ui import app as desk_app
from desk.ui.login_dialog import LoginDialog
from desk.ui.main_window import MainWindow


def test_the_window_start_checks_the_database_once_while_it_loads(workspace, monkeypatch):
    # Given a folder Desk closed cleanly, with a clerk who signs in
    with workspace.session() as session:
        admin = users.create_first_admin(session, "quantri", "mật-khẩu-quản-trị")
        users.add_user(session, admin, "lan", users.Role.CLERK, "mật-khẩu-của-Lan", "Trần Thị Lan")
    workspace.engine.dispose()
    checks = []
    real = health.pragma_rows

    def counted(path, pragma, *, at_rest=False):
        checks.append((pragma, at_rest))
        return real(path, pragma, at_rest=at_rest)

    def typed(dialog):
        dialog.name.setText("lan")
        dialog.password.setText("mật-khẩu-của-Lan")
        dialog.accept()
        return QDialog.DialogCode.Accepted if dialog.actor else QDialog.DialogCode.Rejected

    windows = []
    monkeypatch.setattr(health, "pragma_rows", counted)
    monkeypatch.setattr(LoginDialog, "exec", typed)
    monkeypatch.setattr(desk_app, "install_translators", lambda *args: [])   # other tests expect English
    monkeypatch.setattr(QApplication, "exec", lambda self: windows.extend(
        w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()) or 0)
    # When she starts Desk's window
    assert main(["--data-dir", str(workspace.folder)]) == 0
    # Then the window came up on the data, which was checked whole once, before the lock, as it lay
    assert len(windows) == 1 and windows[0].context.workspace.actor.name == "lan"
    assert checks == [("PRAGMA integrity_check(20)", True)]
    windows[0].close()
