"""The window speaks the clerk's language: unique Alt+letters in every menu, backups listed by date and size."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtWidgets import QApplication

from desk import paths
from desk.services import backups
from desk.ui import app as desk_app
from desk.ui.actions import ActionId
from desk.ui.restore_dialog import RestoreDialog


def _mnemonic(text: str) -> str | None:
    text = text.replace("&&", "")
    at = text.find("&")
    return text[at + 1].lower() if 0 <= at < len(text) - 1 else None


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_menu_gives_each_command_its_own_alt_letter(qtbot, workspace, app_settings, shown, language):
    from desk.ui.main_window import MainWindow

    installed = desk_app.install_translators(QApplication.instance(), language)
    try:
        win = MainWindow(workspace, app_settings)
        qtbot.addWidget(win)
        titles = [_mnemonic(a.text()) for a in win.menuBar().actions()]
        assert None not in titles and len(titles) == len(set(titles)), titles
        for menu_action in win.menuBar().actions():
            letters = [_mnemonic(a.text()) for a in menu_action.menu().actions() if not a.isSeparator()]
            letters = [letter for letter in letters if letter]
            assert len(letters) == len(set(letters)), (menu_action.text(), letters)
    finally:
        for translator in installed:
            QApplication.instance().removeTranslator(translator)


def test_restore_lists_the_backups_by_date_age_and_size(qtbot, workspace, window, shown, monkeypatch):
    from desk.ui import messages

    # Given two backups, a day apart, one taken before an import
    folder = paths.backup_dir(workspace.folder)
    older = backups.backup_now(workspace, datetime(2025, 9, 30, 9, 0))
    newer = backups.backup_now(workspace, datetime(2025, 10, 1, 14, 30))
    tagged = newer.with_name(newer.name.replace(".sqlite3", "-before-import.sqlite3"))
    newer.rename(tagged)
    dialog = RestoreDialog(folder, now=datetime(2025, 10, 1, 16, 30))
    qtbot.addWidget(dialog)
    rows = [[dialog.model.item(r, c).text() for c in range(4)] for r in range(dialog.model.rowCount())]
    # Then the newest is first, said by its date, age, size and why it was taken; no file name in sight
    assert rows[0][:2] == ["01/10/2025 14:30", "2 hour(s)"]
    assert rows[0][2].endswith("KB") or rows[0][2].endswith("MB")
    assert rows[0][3] == "trước khi nhập từ Excel"
    assert rows[1][:2] == ["30/09/2025 09:00", "31 hour(s)"]
    assert not any("desk-" in cell for row in rows for cell in row)
    # and choosing a row gives that file
    dialog.table.selectRow(1)
    assert dialog.chosen() == older
    # From the menu: the Data menu's Restore opens it (as an administrator), and Cancel restores nothing
    monkeypatch.setattr(messages, "choose_backup", lambda parent, folder, *more: shown.infos.append(str(folder)))
    monkeypatch.setattr(window.safety, "allowed", lambda permission: True)
    window.actions[ActionId.RESTORE].trigger()
    assert shown.infos == [str(folder)] and window.isVisible()


def test_another_file_can_be_chosen_from_a_usb_stick(qtbot, tmp_path, monkeypatch):
    from desk.ui import messages

    usb = tmp_path / "usb" / "desk-20251001-090000.sqlite3"
    monkeypatch.setattr(messages, "choose_file", lambda *args: str(usb))
    dialog = RestoreDialog(tmp_path / "empty")
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    dialog.other.click()
    assert dialog.chosen() == usb and dialog.result() == 1
