"""Every menu and toolbar command, triggered as a click would (QAction.trigger()), on every screen: no
unexpected error, no Qt warning (pytest-qt fails on one), each dialog opened and closed."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QMenu
from tests.services.registers_helpers import obstacle

from desk.ui import messages
from desk.ui.actions import ActionId

# Closing the window and signing out end the test's window: triggered last, on their own.
LAST = (ActionId.QUIT, ActionId.SIGN_OUT)


@pytest.fixture
def dialogs(monkeypatch):
    """Every modal dialog is opened and answered "Cancel"; pickers are cancelled; which ones opened is kept."""
    opened = []

    def cancel(self, *args):
        opened.append(type(self).__name__)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QDialog, "exec", cancel)
    monkeypatch.setattr(QMenu, "popup", lambda self, *args: opened.append("QMenu"))
    for picker in ("choose_file", "choose_folder", "choose_save_file", "choose_backup"):
        monkeypatch.setattr(messages, picker, lambda *args, picker=picker: opened.append(picker) and None)
    from desk.ui.reports_screen import ReportsScreen

    monkeypatch.setattr(ReportsScreen, "choose_file", lambda self, suggested: opened.append("choose_file") and None)
    return opened


def test_every_command_on_every_screen_runs_without_an_error(qtbot, window, workspace, shown, dialogs):
    obstacle(workspace, title="Thiếu máy tính")
    for row, go in enumerate(window.screen_actions):
        go.trigger()
        assert window.nav.currentRow() == row
        screen = window.more.register_screen(window.current_screen())
        if screen is not None:
            screen.refresh()
            if screen.model.rowCount():
                screen.table.selectRow(0)
        for action_id, action in window.actions.items():
            if action_id in LAST or not action.isEnabled():
                continue
            action.trigger()
            qtbot.waitUntil(lambda: not window.operations.busy(), timeout=20_000)    # a check, an export
            for widget in window.findChildren(QDialog):      # dialogs opened with open(): close them
                if widget.isVisible():
                    dialogs.append(type(widget).__name__)
                    widget.reject()
            if action.isCheckable() and action.isChecked():
                action.trigger()                             # back off (show voided)
    assert shown.errors == [] or all("quyền" in e for e in shown.errors), shown.errors
    assert "unexpected" not in shown.errors
    # the dialogs a clerk reaches from the menus were opened
    for name in ("RecordForm", "ExportDialog", "RegisterExportDialog", "TemplateDialog", "GuideDialog",
                 "QPrintPreviewDialog", "choose_file", "choose_save_file", "choose_folder", "QMenu"):
        assert name in dialogs, name


def test_quit_closes_the_window_and_sign_out_needs_someone_signed_in(qtbot, window):
    # Without a sign-in (the computer's user) there is nobody to sign out (tests/ui/test_idle_lock.py signs in)
    assert not window.actions[ActionId.SIGN_OUT].isEnabled()
    window.actions[ActionId.QUIT].trigger()
    assert not window.isVisible()


def test_each_command_is_declared_once_and_sits_in_its_menu(window):
    from desk.ui.actions import TOOLBAR, commands

    declared = commands()
    assert set(declared) == set(ActionId)            # no command without a label, key, menu and handler
    menus = {"file": window.file_menu, "records": window.record_menu, "data": window.data_menu,
             "help": window.help_menu}
    for action_id, command in declared.items():
        assert window.actions[action_id] in menus[command.menu].actions(), action_id
    # the menu bar reads File, Records, View, Data, Help; the toolbar holds the declared commands
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Records", "&View", "&Data", "&Help"]
    toolbar = window.findChild(type(window.addToolBar("probe")), "toolbar")
    assert [a for a in toolbar.actions() if a.objectName()] == [window.actions[i] for i in TOOLBAR]


def test_a_menu_command_never_receives_qt_s_checked_flag(qtbot):
    # File > Import once took triggered(bool)'s False for the file's path; a handler gets no argument now,
    # and a checkable command its new state
    from PySide6.QtWidgets import QWidget

    from desk.ui.actions import build_actions, connect_actions

    parent = QWidget()
    qtbot.addWidget(parent)
    calls = []

    class Owner:
        def __getattr__(self, name):
            return lambda *args: calls.append((name, args))

    actions = build_actions(parent)
    connect_actions(actions, {"window": Owner(), "safety": Owner(), "imports": Owner(), "replies": Owner()})
    actions[ActionId.IMPORT_EXCEL].trigger()
    actions[ActionId.SHOW_VOIDED].trigger()
    assert calls == [("import_excel", ()), ("show_voided", (True,))]
