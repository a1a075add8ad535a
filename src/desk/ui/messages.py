"""The one place that shows message boxes and asks questions; tests replace these functions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QMessageBox, QWidget


def error(parent: QWidget | None, text: str) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("messages", "Desk"), text)


def info(parent: QWidget | None, text: str) -> None:
    QMessageBox.information(parent, QCoreApplication.translate("messages", "Desk"), text)


def exported(parent: QWidget | None, text: str, path) -> None:
    """A file was written: say where, and offer to open it or the folder it is in."""
    from pathlib import Path

    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("messages", "Desk"), text,
                      QMessageBox.StandardButton.NoButton, parent)
    open_file = box.addButton(QCoreApplication.translate("messages", "&Open the file"),
                              QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton(QCoreApplication.translate("messages", "Open the &folder"),
                                QMessageBox.ButtonRole.ActionRole)
    close = box.addButton(QCoreApplication.translate("messages", "&Close"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_file)
    box.setEscapeButton(close)
    box.exec()
    target = Path(path) if box.clickedButton() is open_file else Path(path).parent \
        if box.clickedButton() is open_folder else None
    if target is not None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))


def unexpected(parent: QWidget | None, log_file: str) -> None:
    QMessageBox.critical(parent, QCoreApplication.translate("messages", "Desk"), QCoreApplication.translate("messages",
        "An unexpected error occurred. Your saved data is safe. The details were written to:\n{0}\n"
        "Please send this file to technical support.").format(log_file))


def confirm(parent: QWidget | None, text: str) -> bool:
    answer = QMessageBox.question(parent, QCoreApplication.translate("messages", "Desk"), text)
    return answer == QMessageBox.StandardButton.Yes


def ask_text(parent: QWidget | None, title: str, label: str) -> str | None:
    """A line of text from the user, or None when cancelled."""
    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, "")
    return text if ok else None


def choose_backup(parent: QWidget | None, folder, other_folder: str | None = None) -> str | None:
    """A backup picked from the list of those in `folder` (by date and size), or another file (looked for
    first in other_folder, where the last copy went); None: cancelled."""
    from desk.ui.restore_dialog import RestoreDialog

    dialog = RestoreDialog(folder, parent=parent, other_folder=other_folder)
    chosen = dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
    return str(chosen) if chosen else None


def ask_reason(parent: QWidget | None, title: str, text: str, accept_text: str, reject_text: str) -> str | None:
    """A reason typed for an act that stays on record, or None when the clerk kept things as they were."""
    from desk.ui.reason_dialog import ReasonDialog

    dialog = ReasonDialog(title, text, accept_text, reject_text, parent)
    return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_unsaved(parent: QWidget | None, text: str) -> str:
    """A changed form is being closed: "save", "discard" or "keep" (go back to it)."""
    box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("messages", "Desk"), text,
                      QMessageBox.StandardButton.NoButton, parent)
    save = box.addButton(QCoreApplication.translate("messages", "&Save"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(QCoreApplication.translate("messages", "&Discard the changes"),
                            QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(QCoreApplication.translate("messages", "&Keep editing"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "keep"
def ask_password(parent: QWidget | None, prompt: str) -> str | None:
    """A password typed hidden (the shared server's, at start), or None when cancelled; never stored."""
    text, ok = QInputDialog.getText(parent, QCoreApplication.translate("messages", "Desk"), prompt,
                                    QLineEdit.EchoMode.Password, "")
    return text if ok else None


def warning(parent: QWidget | None, text: str) -> None:
    """Something the user should know but that does not stop the work (e.g. a risky data folder)."""
    QMessageBox.warning(parent, QCoreApplication.translate("messages", "Desk – warning"), text)


def choose_folder(parent: QWidget | None, title: str, start: str = "") -> str | None:
    """A folder picked by the user (e.g. a USB stick for a backup), or None when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    folder = QFileDialog.getExistingDirectory(parent, title, start)
    return folder or None


def choose_file(parent: QWidget | None, title: str, start: str = "", filters: str = "") -> str | None:
    """An existing file picked by the user, or None when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    path, _selected = QFileDialog.getOpenFileName(parent, title, start, filters)
    return path or None


def choose_save_file(parent: QWidget | None, title: str, suggested: str = "", filters: str = "") -> str | None:
    """Where to write a new file (the user may pick an existing one to replace), or None when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    path, _selected = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path or None
