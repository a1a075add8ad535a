"""Asking why before an act that stays on record (voiding a record, unlocking a period): the dialog names
what it acts on, its buttons say what they do, and an empty reason keeps it open with a message."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout

from desk.ui.error_line import error_line


class ReasonDialog(QDialog):
    def __init__(self, title: str, text: str, accept_text: str, reject_text: str, parent=None):
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.intro = QLabel(text)
        self.intro.setObjectName("intro")
        self.intro.setWordWrap(True)
        self.label = QLabel()
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.label.setBuddy(self.reason)
        self.error = error_line()
        self.buttons = QDialogButtonBox()
        self.accept_button = self.buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.accept_button.setObjectName("accept")
        self.reject_button = self.buttons.addButton(reject_text, QDialogButtonBox.ButtonRole.RejectRole)
        self.reject_button.setObjectName("reject")
        self.accept_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.label)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Enter starts a new line of the reason; Ctrl+Enter acts, as the button does (Enter alone never does).
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept_button.click)
        self.label.setText(self.tr("&Reason (required; Ctrl+Enter confirms):"))
        self.reason.textChanged.connect(self.error.hide)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        # A stray Enter keeps things as they were; the act itself needs its own button (or Alt+its letter).
        self.reject_button.setDefault(True)
        self.reason.setFocus()

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def accept(self) -> None:
        if not self.text():
            self.error.setText(self.tr("Type the reason first: it is kept with the record."))
            self.error.show()
            self.reason.setFocus()
            return
        super().accept()
