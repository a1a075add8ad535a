"""The administrator points this computer's Desk at the office's server in Settings, as a clerk would drive it."""

from __future__ import annotations

import os
import sys
import types

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy.engine import make_url
from tests.conftest import NGO_QUYEN
from tests.pg_cluster import PASSWORD, SUPERUSER
from tests.ui.helpers import press, retype, run_settings_dialog, type_text

from desk.services import office, users
from desk.services.workspace import open_workspace
from desk.store import server
from desk.ui import settings as options
from desk.ui.actions import ActionId
from desk.ui.settings import use_chosen_server


@pytest.fixture
def as_admin(workspace):
    with workspace.session() as session:
        workspace.actor = users.create_first_admin(session, "quantri", "mật-khẩu-quản-trị")
    yield workspace.actor
    workspace.actor = None


@pytest.fixture
def office_server(tmp_path, server_url):
    """The office's database on the server, set up for Phường Ngô Quyền by the IT person's Desk."""
    ws = open_workspace(str(tmp_path / "it"), database=server_url, create=True)
    with ws.session() as session:
        office.set_office_unit(session, NGO_QUYEN)
    ws.engine.dispose()
    return make_url(server_url)


@pytest.fixture
def keyring(monkeypatch):
    """The OS keyring, as a dictionary: what Desk put there and nowhere else."""
    kept: dict[tuple[str, str], str] = {}
    module = types.ModuleType("keyring")
    module.set_password = lambda service, key, password: kept.__setitem__((service, key), password)
    module.get_password = lambda service, key: kept.get((service, key))
    monkeypatch.setitem(sys.modules, "keyring", module)
    return kept


def _fill_in(dialog, url, password: str) -> None:
    page = dialog.server_page
    dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Máy chủ dữ liệu"
    store = page.editors["store"].widget
    store.setFocus()
    press(Qt.Key.Key_Down, widget=store)                    # «Máy chủ PostgreSQL»
    assert store.currentText() == "Máy chủ PostgreSQL" and page.password.isEnabled()
    retype(page.editors["host"].widget, url.host)
    port = page.editors["port"].widget
    port.setFocus()
    port.selectAll()
    type_text(str(url.port), port)
    retype(page.editors["database"].widget, url.database)
    retype(page.editors["user"].widget, url.username)
    retype(page.password, password)


def test_the_administrator_chooses_the_server_tests_it_and_the_next_start_uses_it(
        qtbot, window, workspace, as_admin, shown, monkeypatch, office_server, keyring, app_settings, tmp_path):
    results = []

    def steps(dialog):
        page = dialog.server_page
        # Given a mistyped password, the test says so in Vietnamese
        _fill_in(dialog, office_server, "sai-mật-khẩu")
        page.test_button.click()
        results.append(page.result.text())
        # When the right one is typed, the test names the office whose database it is
        retype(page.password, PASSWORD)
        page.test_button.click()
        results.append(page.result.text())

    seen = run_settings_dialog(monkeypatch, steps)
    window.actions[ActionId.SETTINGS].trigger()
    assert shown.errors == [] and seen["dialog"].result() == QDialog.DialogCode.Accepted
    assert "sai tên người dùng hoặc mật khẩu" in results[0]
    assert results[1].startswith("Kết nối được") and "Phường Ngô Quyền" in results[1]
    # Then the choice is this computer's (its INI file), the password only in the keyring
    # (the tests run without the Vietnamese catalogue: the window's own sentences are in English here)
    assert shown.infos == ["The data server applies the next time Desk starts."]
    chosen = options.Settings(tmp_path / "settings.ini").server()
    assert (chosen.store, chosen.host, chosen.port, chosen.database, chosen.user) == (
        "postgresql", "127.0.0.1", office_server.port, office_server.database, SUPERUSER)
    key = f"{SUPERUSER}@127.0.0.1:{office_server.port}/{office_server.database}"
    assert keyring == {("Desk", key): PASSWORD}
    assert PASSWORD not in (tmp_path / "settings.ini").read_text(encoding="utf-8")
    # and the next start opens the server's database, the password taken from the keyring
    monkeypatch.setenv(server.URL_ENV, "")         # (put back as it was after the test)
    use_chosen_server(app_settings)
    ws = open_workspace(str(tmp_path / "next-start"), create=True)
    try:
        assert ws.engine.dialect.name == "postgresql" and ws.require_unit().code == NGO_QUYEN
    finally:
        ws.engine.dispose()


def test_without_a_keyring_the_administrator_is_told_the_password_is_asked_at_each_start(
        qtbot, window, workspace, as_admin, shown, monkeypatch, office_server, tmp_path):
    monkeypatch.setitem(sys.modules, "keyring", None)       # no keyring on this computer

    seen = run_settings_dialog(monkeypatch, lambda dialog: _fill_in(dialog, office_server, PASSWORD))
    window.actions[ActionId.SETTINGS].trigger()
    assert shown.errors == [] and seen["dialog"].result() == QDialog.DialogCode.Accepted
    assert len(shown.infos) == 1 and "Desk will ask for it at each start" in shown.infos[0]
    assert PASSWORD not in (tmp_path / "settings.ini").read_text(encoding="utf-8")


def test_tab_follows_the_page_from_the_user_name_to_the_password_and_the_tls_mode(qtbot, window, workspace,
                                                                                   as_admin, shown, monkeypatch):
    reached = []

    def steps(dialog):
        page = dialog.server_page
        dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
        store = page.editors["store"].widget
        store.setFocus()
        press(Qt.Key.Key_Down, widget=store)            # a server: its fields are enabled
        dialog.activateWindow()
        page.editors["user"].widget.setFocus()
        for _ in range(3):
            press(Qt.Key.Key_Tab, widget=dialog.focusWidget())
            reached.append(dialog.focusWidget().objectName())

    run_settings_dialog(monkeypatch, steps)
    window.actions[ActionId.SETTINGS].trigger()
    assert reached == ["server_password", "server/sslmode", "server_test"]


def test_a_server_without_its_address_keeps_the_screen_open(qtbot, window, workspace, as_admin, shown, monkeypatch,
                                                            tmp_path):
    def steps(dialog):
        dialog.tabs.setCurrentIndex(0)
        store = dialog.server_page.editors["store"].widget
        store.setFocus()
        press(Qt.Key.Key_Down, widget=store)

    seen = run_settings_dialog(monkeypatch, steps)
    window.actions[ActionId.SETTINGS].trigger()
    dialog = seen["dialog"]
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert len(shown.errors) == 1 and "«Máy chủ (tên hoặc địa chỉ IP)»" in shown.errors[0]
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Máy chủ dữ liệu"
    assert options.Settings(tmp_path / "settings.ini").server().store == "sqlite"
    dialog.close()


def test_a_start_given_an_address_keeps_it_over_the_settings(app_settings, monkeypatch):
    app_settings.keep(app_settings.server().replace(store="postgresql", host="maychu", database="desk_ngoquyen"))
    monkeypatch.setenv(server.URL_ENV, "postgresql://lan@khac:5432/desk_khac")
    use_chosen_server(app_settings)
    assert os.environ[server.URL_ENV] == "postgresql://lan@khac:5432/desk_khac"
    monkeypatch.setenv(server.URL_ENV, "")
    use_chosen_server(app_settings)
    assert os.environ[server.URL_ENV] == "postgresql://desk@maychu:5432/desk_ngoquyen"
