"""Marking a period's report as sent without Desk: its number and the day it was sent."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from desk.domain.formats import format_date_vi
from desk.domain.periods import PeriodError, parse_date_vi
from desk.ui.error_line import error_line


class OutsideSubmissionDialog(QDialog):
    def __init__(self, period_label: str, today: date, parent=None):
        super().__init__(parent)
        self.setObjectName("outsideSubmissionDialog")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.number = QLineEdit()
        self.number.setObjectName("doc_number")
        self.number.setPlaceholderText("05/BC-UBND")
        self.sent_on = QLineEdit(format_date_vi(today))
        self.sent_on.setObjectName("submitted_on")
        self.sent_on.setPlaceholderText("dd/mm/yyyy")
        self.number_label, self.sent_label = QLabel(), QLabel()
        self.number_label.setBuddy(self.number)
        self.sent_label.setBuddy(self.sent_on)
        self.error = error_line()
        form = QFormLayout()
        form.addRow(self.number_label, self.number)
        form.addRow(self.sent_label, self.sent_on)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.setWindowTitle(self.tr("Submitted outside Desk"))
        self.intro.setText(self.tr("The report of %s was sent without Desk. Its number and the day it was sent are "
                                   "kept, and the period is no longer shown as due.") % period_label)
        self.number_label.setText(self.tr("&Number and symbol:"))
        self.sent_label.setText(self.tr("&Sent on:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Record"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def values(self) -> tuple[str, date] | None:
        try:
            day = parse_date_vi(self.sent_on.text())
        except PeriodError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return None
        if not self.number.text().strip():
            self.error.setText(self.tr("Type the report's number, e.g. 05/BC-UBND."))
            self.error.show()
            return None
        return self.number.text().strip(), day

    def accept(self) -> None:
        if self.values() is not None:
            super().accept()

    @classmethod
    def ask(cls, period_label: str, today: date, parent=None) -> tuple[str, date] | None:
        dialog = cls(period_label, today, parent)
        return dialog.values() if dialog.exec() == QDialog.DialogCode.Accepted else None
