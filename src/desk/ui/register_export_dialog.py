"""Export a register's list (or the staffing report): today's state, or a recent reporting period."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QLabel, QVBoxLayout

from desk.domain import periods
from desk.domain.formats import format_date_vi
from desk.domain.periods import PeriodError, PeriodKind
from desk.services.register_report import suggested_file_name

# Periods offered: the current and previous windows of each kind a commune reports on.
_OFFERED = ((PeriodKind.MONTH, 4), (PeriodKind.QUARTER, 3), (PeriodKind.HALF, 2), (PeriodKind.NINE_MONTHS, 2),
            (PeriodKind.YEAR, 2))


class RegisterExportDialog(QDialog):
    def __init__(self, name: str, title: str, default_folder: Path, today: date | None = None, parent=None):
        super().__init__(parent)
        self._name, self._title = name, title
        self._today = today or date.today()
        self._folder = default_folder
        self._build_ui()
        self._connect()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.setObjectName("registerExportDialog")
        self.scope = QComboBox()
        self.scope.setObjectName("scope")
        self.scope.addItem("", None)            # today's state
        seen = set()
        for kind, count in _OFFERED:
            for period in reversed(periods.recent(kind, self._today, count)):
                if period.code not in seen and period.start <= self._today:
                    seen.add(period.code)
                    self.scope.addItem(f"{period.label_vi} {period.period_line}", period.code)
        self.scope_label = QLabel()
        self.scope_label.setBuddy(self.scope)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.explain.setStyleSheet("color: #475467;")
        form = QFormLayout()
        form.addRow(self.scope_label, self.scope)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.explain)
        layout.addWidget(self.buttons)
        self.resize(560, 180)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Export: %s") % self._title)
        self.scope_label.setText(self.tr("&Covering:"))
        self.scope.setItemText(0, self.tr("Today's state (%s)") % format_date_vi(self._today))
        self.explain.setText(self.tr("A period lists the records that overlap its cut-off window (Decree 09), "
                                     "with their state on its last day. The workbook follows the Decree 30 layout."))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Choose file and export..."))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def period(self) -> periods.Period | None:
        code = self.scope.currentData()
        if code is None:
            return None
        try:
            return periods.parse_period(code)
        except PeriodError:
            return None

    def choose_file(self) -> Path | None:
        suggested = self._folder / suggested_file_name(self._name, self.period(), self._today)
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the list as"), str(suggested),
                                                    self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return None
        return Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")
