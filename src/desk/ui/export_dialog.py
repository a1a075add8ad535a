"""Choose a reporting period and a file, then export the obstacle report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from desk.domain import periods
from desk.domain.periods import PeriodError, PeriodKind
from desk.ui.error_line import ERROR_STYLE

_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.NINE_MONTHS, PeriodKind.YEAR,
          PeriodKind.RANGE)


class ExportDialog(QDialog):
    """Shows the exact cut-off window (Decree 09) before the clerk commits to a period."""

    def __init__(self, default_folder: Path, today: date | None = None, parent=None):
        super().__init__(parent)
        self._today = today or date.today()
        self._folder = default_folder
        self._build_ui()
        self._connect()
        self.retranslate_ui()
        self._preselect()
        self._update()

    def _build_ui(self) -> None:
        self.setObjectName("exportDialog")
        self.kind = QComboBox()
        self.kind.setObjectName("kind")
        for kind in _KINDS:
            self.kind.addItem("", kind)
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(2025, 2100)
        self.number = QSpinBox()
        self.number.setObjectName("number")
        self.date_from, self.date_to = QLineEdit(), QLineEdit()
        self.date_from.setObjectName("date_from")
        self.date_to.setObjectName("date_to")
        for edit in (self.date_from, self.date_to):
            edit.setPlaceholderText("dd/mm/yyyy")
        self.window_line = QLabel()
        self.window_line.setObjectName("window")
        self.window_line.setWordWrap(True)
        self.labels = {name: QLabel() for name in ("kind", "year", "number", "from", "to")}
        form = QFormLayout()
        form.addRow(self.labels["kind"], self.kind)
        form.addRow(self.labels["year"], self.year)
        form.addRow(self.labels["number"], self.number)
        form.addRow(self.labels["from"], self.date_from)
        form.addRow(self.labels["to"], self.date_to)
        self._form = form
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.window_line)
        layout.addWidget(self.buttons)
        self.resize(460, 260)

    def _connect(self) -> None:
        self.kind.currentIndexChanged.connect(self._update)
        self.year.valueChanged.connect(self._update)
        self.number.valueChanged.connect(self._update)
        self.date_from.textChanged.connect(self._update)
        self.date_to.textChanged.connect(self._update)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Export the obstacle report"))
        names = {PeriodKind.MONTH: self.tr("Month"), PeriodKind.QUARTER: self.tr("Quarter"),
                 PeriodKind.HALF: self.tr("First 6 months"), PeriodKind.NINE_MONTHS: self.tr("9 months"),
                 PeriodKind.YEAR: self.tr("Year"), PeriodKind.RANGE: self.tr("Date range (ad hoc)")}
        for i, kind in enumerate(_KINDS):
            self.kind.setItemText(i, names[kind])
        self.labels["kind"].setText(self.tr("&Period:"))
        self.labels["year"].setText(self.tr("&Year:"))
        self.labels["from"].setText(self.tr("&From:"))
        self.labels["to"].setText(self.tr("&To:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Choose file and export..."))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        for label, edit in zip(("kind", "year", "number", "from", "to"),
                               (self.kind, self.year, self.number, self.date_from, self.date_to)):
            self.labels[label].setBuddy(edit)
        self._update()

    def _preselect(self) -> None:
        """Start on the month that has just ended its cut-off window: the one a clerk usually reports."""
        last = periods.previous(periods.containing(PeriodKind.MONTH, self._today))
        self.year.setValue(int(last.code[:4]))
        self.number.setValue(int(last.code[5:]))

    def _update(self) -> None:
        kind = self.kind.currentData()
        is_range = kind == PeriodKind.RANGE
        has_number = kind in (PeriodKind.MONTH, PeriodKind.QUARTER)
        for row_field, visible in ((self.year, not is_range), (self.number, has_number),
                                   (self.date_from, is_range), (self.date_to, is_range)):
            self._form.setRowVisible(row_field, visible)
        if kind == PeriodKind.MONTH:
            self.number.setRange(1, 12)
            self.labels["number"].setText(self.tr("&Month:"))
        elif kind == PeriodKind.QUARTER:
            self.number.setRange(1, 4)
            self.labels["number"].setText(self.tr("&Quarter:"))
        period, problem = self._period()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(period is not None)
        if period:
            self.window_line.setStyleSheet("")
            self.window_line.setText(f"{period.label_vi}\n{period.period_line}")
        else:
            self.window_line.setStyleSheet(ERROR_STYLE)
            self.window_line.setText(problem)

    def _period(self) -> tuple[periods.Period | None, str]:
        kind, year = self.kind.currentData(), self.year.value()
        try:
            match kind:
                case PeriodKind.MONTH:
                    return periods.month(year, self.number.value()), ""
                case PeriodKind.QUARTER:
                    return periods.quarter(year, self.number.value()), ""
                case PeriodKind.HALF:
                    return periods.half(year), ""
                case PeriodKind.NINE_MONTHS:
                    return periods.nine_months(year), ""
                case PeriodKind.YEAR:
                    return periods.year(year), ""
                case _:
                    if not self.date_from.text().strip() or not self.date_to.text().strip():
                        return None, self.tr("Type both dates as dd/mm/yyyy.")
                    return periods.date_range(periods.parse_date_vi(self.date_from.text()),
                                              periods.parse_date_vi(self.date_to.text())), ""
        except PeriodError as exc:
            return None, str(exc)

    def period(self) -> periods.Period | None:
        return self._period()[0]

    def choose_file(self) -> Path | None:
        period = self.period()
        suggested = self._folder / f"Bao-cao-kho-khan-vuong-mac_{period.code.replace('..', '_')}.xlsx"
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the report as"), str(suggested),
                                                    self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return None
        return Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")
