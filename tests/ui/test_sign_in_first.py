"""The sign-in is up before the data folder opens, which opens behind it; one that cannot open says why."""

from __future__ import annotations

import json
import sqlite3
import textwrap
import threading
from datetime import date

import pytest
from bench.startup import PATCHED_ON_LOAD
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from tests.conftest import desk_in
from tests.ui.helpers import press, type_text

from desk import paths
from desk.domain import passwords, units
from desk.errors import UserError
from desk.services import startup, users
from desk.store.instance_lock import InstanceLock
from desk.ui import sign_in_first
from desk.ui.first_figures import FirstFigures
from desk.ui.login_dialog import LoginDialog
from desk.ui.start_flow import Started

PASSWORD = "mật-khẩu-của-Lan"


@pytest.fixture
def folder(tmp_path):
    """A commune's data folder Desk closed cleanly: its unit chosen, an administrator and the clerk Lan."""
    workspace = desk_in(tmp_path / "du-lieu")
    with workspace.session() as session:
        admin = users.create_first_admin(session, "quantri", "mật-khẩu-quản-trị")
        users.add_user(session, admin, "lan", users.Role.CLERK, PASSWORD, "Trần Thị Lan")
    workspace.engine.dispose()
    return workspace.folder


@pytest.fixture
def opened_at(monkeypatch):
    """Each opening of a data folder, as it happens."""
    calls: list[str] = []
    real = startup.open_data

    def counted(*args, **kwargs):
        calls.append("opened")
        return real(*args, **kwargs)

    monkeypatch.setattr(startup, "open_data", counted)
    return calls


@pytest.fixture
def modules_held(monkeypatch):
    """The database's modules load only once the test lets them (an office PC slower than the clerk)."""
    let_go = threading.Event()
    real = sign_in_first._load_database_modules
    monkeypatch.setattr(sign_in_first, "_load_database_modules", lambda: (let_go.wait(30), real()))
    yield let_go
    let_go.set()


def _sign_in_as_clerk(monkeypatch, qtbot, steps):
    """The sign-in dialog shown as exec() shows it, the clerk's steps(dialog) taken; its result returned."""
    def clerk(dialog):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        steps(dialog)
        return dialog.result()

    monkeypatch.setattr(LoginDialog, "exec", clerk)


def _types(dialog, name: str, password: str) -> None:
    """Her name, Tab, her password, Enter: one key event each (the field each goes to named: offscreen, a
    dialog shown by a test is not always the active window)."""
    type_text(name, dialog.name)
    press(Qt.Key.Key_Tab, widget=dialog.name)
    type_text(password, dialog.password)
    press(Qt.Key.Key_Return, widget=dialog.password)


def test_the_sign_in_is_up_before_the_folder_opens_and_signs_the_clerk_in_once_it_has(
        qtbot, monkeypatch, folder, app_settings, shown, opened_at, modules_held):
    seen = {}

    def steps(dialog):
        # Up, naming the commune, before the folder is opened or its database modules have loaded
        seen["before"] = (dialog.intro.text(), list(opened_at))
        modules_held.set()
        qtbot.waitUntil(lambda: opened_at == ["opened"], timeout=20_000)
        seen["scrypt chosen"] = passwords._fastest.cache_info().currsize   # before her Enter, not after
        _types(dialog, "lan", "sai-mật-khẩu")
        seen["refused"] = (dialog.isVisible(), dialog.error.text())
        _types(dialog, "", PASSWORD)

    _sign_in_as_clerk(monkeypatch, qtbot, steps)
    first = FirstFigures()
    passwords._fastest.cache_clear()
    started = sign_in_first.start(str(folder), app_settings, first)
    try:
        assert seen["before"][0].startswith("Phường Ngô Quyền, Thành phố Hải Phòng")
        assert seen["before"][1] == []
        assert seen["scrypt chosen"] == 1
        # A wrong password is refused as ever, the dialog kept
        assert seen["refused"][0] and seen["refused"][1]
        # Then she is signed in, on the folder opened once, its overview's figures read while she typed
        assert isinstance(started, Started)
        assert started.actor.name == "lan" and started.opened.workspace.actor == started.actor
        assert opened_at == ["opened"] and not shown.errors
        assert first.take(started.opened.workspace.require_unit(), date.today()) is not None
    finally:
        started.opened.close()


def test_enter_before_the_folder_has_opened_waits_for_it_and_signs_in(
        qtbot, monkeypatch, folder, app_settings, shown, opened_at, modules_held):
    def steps(dialog):
        assert opened_at == []
        threading.Timer(0.3, modules_held.set).start()     # the modules come in while she waits
        _types(dialog, "lan", PASSWORD)

    _sign_in_as_clerk(monkeypatch, qtbot, steps)
    started = sign_in_first.start(str(folder), app_settings, FirstFigures())
    try:
        assert started.actor.name == "lan" and opened_at == ["opened"] and not shown.errors
    finally:
        started.opened.close()


def test_a_folder_that_cannot_open_closes_the_sign_in_and_says_why_and_lets_go_of_the_folder(
        qtbot, monkeypatch, folder, app_settings, shown):
    def busy(*args, **kwargs):
        kwargs["held"].release()       # as open_data lets go of the lock it was given when it fails
        raise UserError("Cơ sở dữ liệu đang bận: một chương trình khác đang ghi vào tệp.")

    monkeypatch.setattr(startup, "open_data", busy)
    closed_by_itself = []

    def steps(dialog):
        qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)    # the clerk does nothing
        closed_by_itself.append(dialog.result() == QDialog.DialogCode.Rejected)

    _sign_in_as_clerk(monkeypatch, qtbot, steps)
    assert sign_in_first.start(str(folder), app_settings, FirstFigures()) == 1
    assert closed_by_itself == [True]
    assert shown.errors == ["Cơ sở dữ liệu đang bận: một chương trình khác đang ghi vào tệp."]
    InstanceLock(folder).acquire().release()     # no Desk holds the folder


def test_cancelling_the_sign_in_closes_desk_and_lets_go_of_the_folder(
        qtbot, monkeypatch, folder, app_settings, shown, opened_at):
    def steps(dialog):
        qtbot.waitUntil(lambda: opened_at == ["opened"], timeout=20_000)
        press(Qt.Key.Key_Escape, widget=dialog)

    _sign_in_as_clerk(monkeypatch, qtbot, steps)
    assert sign_in_first.start(str(folder), app_settings, FirstFigures()) == 0
    assert not shown.errors
    InstanceLock(folder).acquire().release()


def test_a_folder_without_users_still_opens_first_and_asks_for_the_administrator(
        qtbot, monkeypatch, tmp_path, app_settings, shown):
    workspace = desk_in(tmp_path / "moi")
    workspace.engine.dispose()
    asked = []
    monkeypatch.setattr(LoginDialog, "exec", lambda dialog: asked.append("sign-in") or QDialog.DialogCode.Rejected)
    from desk.ui import user_form

    monkeypatch.setattr(user_form.UserForm, "exec",
                        lambda form: asked.append("first administrator") or QDialog.DialogCode.Rejected)
    assert sign_in_first.start(str(workspace.folder), app_settings, FirstFigures()) == 0
    assert asked == ["first administrator"]


def test_names_saved_by_an_older_unit_list_are_saved_anew_so_the_next_start_asks_first_again(
        qtbot, monkeypatch, folder, app_settings, shown, opened_at):
    # Given a folder whose unit's names were saved by another version of the official list (Desk updated)
    connection = sqlite3.connect(paths.database_path(folder), isolation_level=None)
    saved = json.loads(connection.execute("SELECT value FROM setting WHERE key = ?", (units.UNIT_NAMES_KEY,))
                       .fetchone()[0])
    connection.execute("UPDATE setting SET value = ? WHERE key = ?",
                       (json.dumps(dict(saved, version="2024.1.0")), units.UNIT_NAMES_KEY))
    connection.close()
    opened_before_asked = []

    def steps(dialog):
        opened_before_asked.append(len(opened_at))
        _types(dialog, "lan", PASSWORD)

    _sign_in_as_clerk(monkeypatch, qtbot, steps)
    # When she starts Desk twice
    for _ in range(2):
        started = sign_in_first.start(str(folder), app_settings, FirstFigures())
        assert started.actor.name == "lan"
        started.opened.close()
    # Then the first start opened the folder before asking, as it must to read the unit; the second asked first
    assert opened_before_asked == [1, 1] and opened_at == ["opened", "opened"]
    assert not shown.errors


# `desk` with no command, in a process of its own: at the moment the sign-in dialog is shown, with the
# database's modules held on their thread, which of them the window's own thread has loaded (the commands'
# parser and the registers neither: the window needs no command); then the clerk signs in and the window
# comes up.
AT_THE_SIGN_IN = """
import importlib.abc, importlib.machinery, os, sys, threading

let_go = threading.Event()

def held(module):
    real = module._load_database_modules
    module._load_database_modules = lambda: (let_go.wait(60), real())

def typed_once_shown(module):
    def clerk(dialog):
        loaded = sorted(m for m in ("sqlalchemy", "sqlmodel", "desk.store.db", "desk.services.users",
                                    "desk.ui.main_window", "desk.cli_commands", "desk.domain.registers")
                        if m in sys.modules)
        print("at the sign-in:", ",".join(loaded) or "-", dialog.intro.text().splitlines()[0], flush=True)
        let_go.set()
        dialog.name.setText("lan")
        dialog.password.setText(os.environ["PASSWORD"])
        dialog.accept()
        return dialog.result()
    module.LoginDialog.exec = clerk

def window_once(module):
    module.QApplication.exec = lambda self: (module.QApplication.processEvents(), print(
        "window:", next(type(w).__name__ for w in module.QApplication.topLevelWidgets()
                        if w.isVisible() and type(w).__name__ == "MainWindow"), flush=True), 0)[2]

PATCHES = {"desk.ui.sign_in_first": held, "desk.ui.login_dialog": typed_once_shown, "desk.ui.app": window_once}
""" + textwrap.dedent(PATCHED_ON_LOAD) + """
from desk.cli import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def test_desk_shows_the_sign_in_before_loading_its_database_modules_then_the_window(folder, tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, PASSWORD=PASSWORD, QT_QPA_PLATFORM="offscreen", LANG="vi_VN.UTF-8")
    done = subprocess.run([sys.executable, "-c", AT_THE_SIGN_IN, str(folder)], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == [
        "at the sign-in: - Phường Ngô Quyền, Thành phố Hải Phòng", "window: MainWindow"]
