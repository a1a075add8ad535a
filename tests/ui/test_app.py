"""Start-up concerns: the language setting and the one place unexpected errors end up."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desk.domain import lang
from desk.errors import UserError
from desk.ui import app as desk_app


def test_english_can_be_chosen_and_field_labels_follow(qtbot, workspace, app_settings, shown):
    from desk.ui.main_window import MainWindow

    # Given English chosen in the settings
    installed = desk_app.install_translators(QApplication.instance(), "en")
    try:
        win = MainWindow(workspace, app_settings)
        qtbot.addWidget(win)
        # Then menus and the register's columns are in English (only English plurals are translated)
        assert len(installed) == 1 and lang.language() == "en"
        assert win.file_menu.title() == "&File"
        assert win.screen("obstacles").model.headerData(0, Qt.Orientation.Horizontal) == "Obstacle"
        # and counts read as English does: "0 records", never "0 record(s)"
        assert win.screen("obstacles").status.text() == "0 records shown"
    finally:
        for translator in installed:
            QApplication.instance().removeTranslator(translator)
        lang.set_language("vi")


def test_vietnamese_translators_are_installed_by_default(qtbot, workspace, app_settings, shown):
    from desk.ui.main_window import MainWindow

    app = QApplication.instance()
    installed = desk_app.install_translators(app, "vi")
    try:
        win = MainWindow(workspace, app_settings)
        qtbot.addWidget(win)
        assert len(installed) == 2
        assert win.file_menu.title() == "&Tệp"
        assert win.screen("obstacles").model.headerData(0, Qt.Orientation.Horizontal) \
            == "Nội dung khó khăn, vướng mắc"
    finally:
        for translator in installed:
            app.removeTranslator(translator)


def test_an_unexpected_error_is_logged_and_shown_once_without_a_traceback(shown, tmp_path, caplog, monkeypatch):
    old_hook = sys.excepthook
    try:
        desk_app._install_excepthook(tmp_path / "desk.log")
        with caplog.at_level(logging.CRITICAL):
            try:
                raise RuntimeError("boom")
            except RuntimeError:
                sys.excepthook(*sys.exc_info())
        assert shown.errors == ["unexpected"]
        assert "boom" in caplog.text
        # a UserError raised in a slot is a plain message, not an "unexpected error"
        try:
            raise UserError("Ổ đĩa đã đầy.")
        except UserError:
            sys.excepthook(*sys.exc_info())
        assert shown.errors == ["unexpected", "Ổ đĩa đã đầy."]
    finally:
        sys.excepthook = old_hook


def test_settings_labels_show_no_stray_ampersand(qtbot, workspace, app_settings):
    from desk.services import choice_lists, settings
    from desk.ui.settings_dialog import SettingsDialog, SettingsValues

    unit = workspace.require_unit()
    with workspace.session() as session:
        values = SettingsValues(settings.groups_for(session, unit),
                                {name: (spec.label, choice_lists.items(session, name))
                                 for name, spec in choice_lists.editable_lists().items()},
                                app_settings.preferences())
    dialog = SettingsDialog(values)
    qtbot.addWidget(dialog)
    # A label with a mnemonic ("&Language:") must have a buddy, or Qt prints the "&" itself.
    labels = [label for page in dialog.pages for label in page.labels.values()] + list(dialog.list_labels.values())
    assert labels
    for label in labels:
        assert "&" not in label.text() or label.buddy() is not None, label.text()


def test_standard_buttons_are_vietnamese_with_their_mnemonics(qtbot):
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    app = QApplication.instance()
    installed = desk_app.install_translators(app, "vi")
    try:
        # Qt asks for "&Yes" / "&No" (with the mnemonic) in QMessageBox.question
        box = QMessageBox(QMessageBox.Icon.Question, "Desk", "?",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        qtbot.addWidget(box)
        assert box.button(QMessageBox.StandardButton.Yes).text() == "&Có"
        assert box.button(QMessageBox.StandardButton.No).text() == "&Không"
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.Close | QDialogButtonBox.StandardButton.Save)
        qtbot.addWidget(buttons)
        texts = {b.text().replace("&", "") for b in buttons.buttons()}
        assert texts == {"Đồng ý", "Hủy bỏ", "Đóng", "Lưu"}
    finally:
        for translator in installed:
            app.removeTranslator(translator)


def test_a_command_run_after_the_window_in_the_same_process_asks_for_a_server_password_as_before(
        monkeypatch, tmp_path):
    from desk.store import server
    from desk.ui import start_flow

    # Given a window start that ends at once (the clerk cancels the sign-in)
    monkeypatch.setattr(start_flow, "start", lambda *args, **kwargs: 0)
    monkeypatch.setattr(desk_app, "install_translators", lambda *args: [])   # other tests expect English
    asked_before = server.ask
    # When the window has run in this process
    assert desk_app.run_app(str(tmp_path)) == 0
    # Then a command run after it (desk backup, in a test) is not left asking through a dialog
    # nobody sees, which waited for ever
    assert server.ask is asked_before
