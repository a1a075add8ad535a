"""Changing a record's dated state ("Đổi tình trạng"): the new state, the day it took effect, a note.

The form takes the change and checks it with the rest of the record when it is saved (the rules
on the day are the register's, domain.state_history): their messages show by the state's fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from desk.domain.fields import Choice
from desk.domain.formats import format_date_vi
from desk.domain.periods import PeriodError, parse_date_vi
from desk.ui.error_line import ERROR_STYLE

# A state that needs the result written (resolved); its box is shown then.
NEEDS_RESULT = frozenset({"resolved"})


@dataclass(frozen=True)
class StateChange:
    state: str
    since: date
    result: str
    note: str


class StateDialog(QDialog):
    """Asks for the new state, the day it took effect (today by default) and a note; Enter accepts."""

    def __init__(self, choices: tuple[Choice, ...], current: str | None, *, result: str = "",
                 today: date | None = None, parent=None):
        super().__init__(parent)
        self._today = today or date.today()
        self._build_ui(choices, current, result)
        self._connect()
        self.retranslate_ui()
        self._update()

    def _build_ui(self, choices, current, result) -> None:
        self.setObjectName("stateDialog")
        self.state = QComboBox()
        self.state.setObjectName("state")
        for choice in choices:
            if choice.code != current:
                self.state.addItem(choice.label, choice.code)
        self.since = QLineEdit(format_date_vi(self._today))
        self.since.setObjectName("since")
        self.since.setMaximumWidth(140)
        self.result = QPlainTextEdit(result)
        self.result.setObjectName("result")
        self.result.setTabChangesFocus(True)
        self.result.setFixedHeight(64)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.labels = {name: QLabel() for name in ("state", "since", "result", "note")}
        form = QFormLayout()
        for name, widget in (("state", self.state), ("since", self.since), ("result", self.result),
                             ("note", self.note)):
            self.labels[name].setBuddy(widget)
            form.addRow(self.labels[name], widget)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def _connect(self) -> None:
        self.state.currentIndexChanged.connect(self._update)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Change the state"))
        self.labels["state"].setText(self.tr("New &state:"))
        self.labels["since"].setText(self.tr("&From (dd/mm/yyyy):"))
        self.labels["result"].setText(self.tr("&Result:"))
        self.labels["note"].setText(self.tr("&Note (e.g. the guiding document):"))
        self.since.setToolTip(self.tr("The day the new state took effect: today, or an earlier day, not before "
                                      "the current state began"))
        self.note.setPlaceholderText(self.tr("e.g. Công văn số 123/SNV-XDCQ ngày 05/09/2025"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Change"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def _update(self) -> None:
        needs = self.state.currentData() in NEEDS_RESULT
        self.result.setVisible(needs)
        self.labels["result"].setVisible(needs)

    def _on_accept(self) -> None:
        try:
            since = parse_date_vi(self.since.text())
        except PeriodError as exc:
            self._show_error(str(exc))
            self.since.setFocus()
            return
        del since       # the rules on the day (not ahead, not before the state began) are checked on saving
        self.accept()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def change(self) -> StateChange:
        return StateChange(self.state.currentData(), parse_date_vi(self.since.text()),
                           self.result.toPlainText().strip(), self.note.text().strip())
