"""The window gets ready while the password is checked: the same sign-in, the same overview, nothing shown early."""

from __future__ import annotations

from datetime import date

import pytest
from tests.services.registers_helpers import obstacle

from desk.errors import UserError
from desk.services import dashboard, users
from desk.store.security import SignInAttempt
from desk.ui.first_figures import FirstFigures
from desk.ui.login_dialog import LoginDialog

PASSWORD = "mật-khẩu-quản-trị"


@pytest.fixture
def admin(workspace):
    with workspace.session() as session:
        return users.create_first_admin(session, "quantri", PASSWORD, "Lê Văn Quản")


def _signed_in(qtbot, workspace, password: str, first: FirstFigures) -> LoginDialog:
    dialog = LoginDialog(workspace, "Phường Ngô Quyền", meanwhile=lambda: first.read(workspace))
    qtbot.addWidget(dialog)
    dialog.name.setText("quantri")
    dialog.password.setText(password)
    dialog.accept()
    return dialog


def test_a_wrong_password_is_refused_as_before_and_counted_while_the_figures_are_read(qtbot, workspace, admin):
    dialog = _signed_in(qtbot, workspace, "sai-mat-khau", FirstFigures())
    assert dialog.actor is None and dialog.error.text() == "Sai tên đăng nhập hoặc mật khẩu."
    with workspace.session() as session:
        assert session.get(SignInAttempt, "quantri").failures == 1
    assert _signed_in(qtbot, workspace, PASSWORD, FirstFigures()).actor == admin


def test_the_overview_shows_the_figures_read_during_the_check_then_reads_them_anew(
        qtbot, workspace, admin, app_settings, shown):
    from desk.ui.main_window import MainWindow

    obstacle(workspace, status="received", deadline="01/10/2025")
    obstacle(workspace, status="in_progress", deadline="01/10/2025")
    first = FirstFigures()
    workspace.actor = _signed_in(qtbot, workspace, PASSWORD, first).actor
    window = MainWindow(workspace, app_settings, first_figures=first)
    qtbot.addWidget(window)
    overview = window.more.dashboard
    with workspace.session() as session:
        assert overview.data == dashboard.build(session, workspace.unit(), date.today())
    assert overview.tiles["open"].number.text() == "2"
    obstacle(workspace, status="received", deadline="01/10/2025")
    overview.refresh()
    assert overview.tiles["open"].number.text() == "3"


def test_figures_read_for_another_day_are_not_shown(workspace):
    first = FirstFigures(today=lambda: date(2025, 10, 1))
    first.read(workspace)
    assert first.take(workspace.unit(), date(2025, 10, 2)) is None


def test_a_failure_while_getting_ready_does_not_decide_the_sign_in(workspace, admin):
    def broken():
        raise RuntimeError("not ready")

    with workspace.session() as session:
        assert users.authenticate(session, "quantri", PASSWORD, meanwhile=broken) == admin
    with pytest.raises(UserError, match="Sai tên đăng nhập"), workspace.session() as session:
        users.authenticate(session, "quantri", "sai-mat-khau", meanwhile=broken)
