"""The one place that shows message boxes and asks questions; tests replace these functions."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget



def error(parent: QWidget | None, text: str) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("messages", "Desk"), text)


def info(parent: QWidget | None, text: str) -> None:
    QMessageBox.information(parent, QCoreApplication.translate("messages", "Desk"), text)


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
