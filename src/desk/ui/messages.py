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
