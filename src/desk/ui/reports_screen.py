"""The Reports screen: periods due, submitted and late; export the periodic report; unlock a period."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk.domain.access import Permission
from desk.domain.deadlines import ReportState
from desk.domain.formats import format_date_time_vi
from desk.domain.periods import Period, PeriodError, format_date_vi, parse_date_vi
from desk.services import period_lock, report_settings, report_texts, reporting, settings
from desk.services.reporting import PeriodDuty, local_time
from desk.ui import messages
from desk.ui import settings as options
from desk.ui.context import WindowContext
from desk.ui.export_dialog import ExportDialog
from desk.ui.flow_layout import FlowLayout
from desk.ui.operations import Changes
from desk.ui.tables import make_table

_Index = QModelIndex | QPersistentModelIndex
STATE_COLOURS = {ReportState.OVERDUE: QColor("#9b1c1c"), ReportState.DUE: QColor("#92400e"),
                 ReportState.LATE: QColor("#92400e"), ReportState.ON_TIME: QColor("#166534")}


class ReportsModel(QAbstractTableModel):
    """One row per reporting period (a PeriodDuty from the service); newest cut-off first."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[PeriodDuty] = []
        self._headers: list[str] = []
        self._locked = ""
        self._outside = ""

    def set_headers(self, headers: list[str], locked: str, outside: str = "") -> None:
        self._headers, self._locked, self._outside = headers, locked, outside
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(headers) - 1)

    def set_rows(self, rows: list[PeriodDuty]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def duty(self, row: int) -> PeriodDuty:
        return self._rows[row]

    def row_of(self, code: str) -> int:
        return next((i for i, d in enumerate(self._rows) if d.period.code == code), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        duty = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(duty, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 3:
            return STATE_COLOURS.get(duty.state)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 6 and duty.lock is not None:
            return period_lock.describe(duty.lock)
        return None

    def rows(self) -> list[PeriodDuty]:
        return list(self._rows)

    def _text(self, duty: PeriodDuty, column: int) -> str:
        p, report = duty.period, duty.report
        match column:
            case 0:
                return p.label_vi
            case 1:
                return f"{format_date_vi(p.start)} – {format_date_vi(p.end)}"
            case 2:
                return format_date_vi(duty.due)
            case 3:
                return duty.state.label
            case 4:
                if duty.outside is not None:
                    return f"{duty.outside.doc_number} ({self._outside})"
                return f"{report.doc_number:02d}/{report.doc_symbol}" if report else ""
            case 5:
                if duty.outside is not None:
                    return format_date_vi(duty.outside.submitted_on)
                return format_date_time_vi(local_time(report.submitted_at)) if report else ""
            case 6:
                return self._locked if duty.lock is not None else ""
        return ""


class ReportsScreen(QWidget):
    """What the office owes upward, and the commands to export, submit, unlock and consolidate."""

    def __init__(self, context: WindowContext, parent=None):
        super().__init__(parent)
        self._context = context
        self._workspace, self._unit, self._today = context.workspace, context.unit, context.today
        context.operations.changed.connect(lambda changes: self.refresh() if changes.touches(reports=True) else None)
        self._extra: dict[str, Period] = {}      # periods chosen with "Other period..."
        self._build_ui()
        self._connect()
        self.retranslate_ui()
        self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.list_sections()

    def list_sections(self) -> None:
        """The report's sections in the content list (the report machinery loads on first use)."""
        if self._sections_listed:
            return
        from desk.services import periodic_report

        for section in periodic_report.available_sections():
            self.content.addItem(section.label, section.key)
        self._sections_listed = True

    # -- construction ------------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.setObjectName("reportsScreen")
        self.rule_label = QLabel()
        self.working_days = QSpinBox()
        self.working_days.setObjectName("working_days")
        days = reporting.DueDates.working_days.type        # the declared limits
        self.working_days.setRange(days.minimum, days.maximum)
        self.save_rule = QPushButton()
        self.save_rule.setObjectName("save_rule")
        rule_bar = QHBoxLayout()
        rule_bar.addWidget(self.rule_label)
        rule_bar.addWidget(self.working_days)
        self.rule_suffix = QLabel()
        self.rule_suffix.setWordWrap(True)
        rule_bar.addWidget(self.rule_suffix, 1)
        rule_bar.addWidget(self.save_rule)
        # A fresh installation owes nothing for the months before it: periods start from this day.
        self.first_day_label = QLabel()
        self.first_day = QLineEdit()
        self.first_day.setObjectName("first_day")
        self.first_day.setPlaceholderText("dd/mm/yyyy")
        self.first_day.setFixedWidth(96)
        self.first_day_label.setBuddy(self.first_day)
        self.save_first_day = QPushButton()
        self.save_first_day.setObjectName("save_first_day")
        self.first_day_note = QLabel()
        self.first_day_note.setWordWrap(True)
        self.first_day_note.setStyleSheet("color: #475467;")
        first_bar = QHBoxLayout()
        first_bar.addWidget(self.first_day_label)
        first_bar.addWidget(self.first_day)
        first_bar.addWidget(self.save_first_day)
        first_bar.addWidget(self.first_day_note, 1)

        self.model = ReportsModel(self)
        self.table = make_table("periods")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

        self.content_label = QLabel()
        self.content = QComboBox()
        self.content.setObjectName("content")
        self.content.addItem("", None)
        self._sections_listed = False       # filled on first show: the report code loads openpyxl
        self.content_label.setBuddy(self.content)
        self.export_draft = QPushButton()
        self.export_draft.setObjectName("export_draft")
        self.export_submit = QPushButton()
        self.export_submit.setObjectName("export_submit")
        self.unlock = QPushButton()
        self.unlock.setObjectName("unlock")
        self.edit_texts = QPushButton()
        self.edit_texts.setObjectName("edit_texts")
        self.other_period = QPushButton()
        self.other_period.setObjectName("other_period")
        self.consolidate = QPushButton()
        self.consolidate.setObjectName("consolidate")
        self.mark_outside = QPushButton()
        self.mark_outside.setObjectName("mark_outside")
        # The commands wrap to a second row in a narrow window rather than push it wider than the screen.
        self.commands = QWidget()
        buttons = FlowLayout(self.commands)
        content = QWidget()
        content_row = QHBoxLayout(content)
        content_row.setContentsMargins(0, 0, 0, 0)
        content_row.addWidget(self.content_label)
        content_row.addWidget(self.content)
        for widget in (self.edit_texts, content, self.export_draft, self.export_submit, self.mark_outside, self.unlock,
                       self.other_period, self.consolidate):
            buttons.addWidget(widget)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(rule_bar)
        layout.addLayout(first_bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.commands)
        layout.addWidget(self.status)
        for first, second in ((self.working_days, self.save_rule), (self.save_rule, self.first_day),
                              (self.first_day, self.save_first_day), (self.save_first_day, self.table),
                              (self.table, self.edit_texts), (self.edit_texts, self.content), (self.content,
                                                                                               self.export_draft),
                              (self.export_draft, self.export_submit), (self.export_submit, self.mark_outside),
                              (self.mark_outside, self.unlock),
                              (self.unlock, self.other_period), (self.other_period, self.consolidate)):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.save_rule.clicked.connect(self._on_save_rule_clicked)
        self.export_draft.clicked.connect(lambda: self.export_selected(submit=False))
        self.export_submit.clicked.connect(lambda: self.export_selected(submit=True))
        self.unlock.clicked.connect(self.unlock_selected)
        self.edit_texts.clicked.connect(self.edit_report_texts)
        self.mark_outside.clicked.connect(self.mark_selected_outside)
        self.save_first_day.clicked.connect(self._on_save_first_day_clicked)
        self.first_day.returnPressed.connect(self._on_save_first_day_clicked)
        self.other_period.clicked.connect(self._on_other_period_clicked)
        self.consolidate.clicked.connect(self.open_consolidation)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.table.activated.connect(lambda _index: self.export_selected(submit=False))

    def retranslate_ui(self) -> None:
        self.rule_label.setText(self.tr("Reports are due"))
        self.rule_suffix.setText(self.tr("working days after the cut-off (weekends skipped)"))
        self.save_rule.setText(self.tr("Save &deadline rule"))
        self.model.set_headers([self.tr("Period"), self.tr("Cut-off window"), self.tr("Due date"),
                                self.tr("Status"), self.tr("Document number"), self.tr("Submitted at"),
                                self.tr("Data lock")], self.tr("Locked"), self.tr("outside Desk"))
        self.first_day_label.setText(self.tr("Desk used from:"))
        self.save_first_day.setText(self.tr("Save the first day"))
        self.first_day_note.setText(self.tr("Periods that ended before this day are not listed."))
        self.mark_outside.setText(self.tr("Submitted &outside Desk..."))
        self.content_label.setText(self.tr("C&ontent:"))
        self.content.setItemText(0, self.tr("Whole periodic report"))
        self.export_draft.setText(self.tr("Export &draft..."))
        self.export_submit.setText(self.tr("Export for &submission..."))
        self.unlock.setText(self.tr("&Unlock period..."))
        self.edit_texts.setText(self.tr("Report &text..."))
        self.other_period.setText(self.tr("Other &period..."))
        self.consolidate.setText(self.tr("&Consolidate communes' reports..."))
        self._update_buttons()

    # -- data ---------------------------------------------------------------------------------
    @property
    def actor(self):
        return self._context.actor

    def refresh(self) -> None:
        current = self.current_duty()
        with self._workspace.session() as session:
            rows = reporting.duties(session, self._unit, self._today())
            rule = reporting.due_rule(session)
            start = reporting.first_day(session)
            for period in self._extra.values():
                if all(d.period.code != period.code for d in rows):
                    rows.insert(0, reporting.duty_of(session, self._unit, period, self._today()))
        self.model.set_rows(rows)
        self.working_days.setValue(rule.working_days)
        self.first_day.setText(format_date_vi(start) if start else "")
        self.select_period(current.period.code if current else self._first_due_code(rows))
        self._update_buttons()

    @staticmethod
    def _first_due_code(rows: list[PeriodDuty]) -> str | None:
        """Start on what most needs doing: an overdue or due report, else the newest row."""
        for state in (ReportState.OVERDUE, ReportState.DUE):
            for duty in rows:
                if duty.state is state:
                    return duty.period.code
        return rows[0].period.code if rows else None

    def select_period(self, code: str | None) -> None:
        row = self.model.row_of(code) if code else -1
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def current_duty(self) -> PeriodDuty | None:
        index = self.table.currentIndex()
        return self.model.duty(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        duty = self.current_duty()
        self.export_draft.setEnabled(duty is not None)
        self.edit_texts.setEnabled(duty is not None)
        self.export_submit.setEnabled(duty is not None and duty.lock is None)
        self.unlock.setEnabled(duty is not None and duty.lock is not None)
        self.mark_outside.setEnabled(duty is not None and duty.report is None and duty.outside is None
                                     and duty.state is not ReportState.NOT_DUE)
        late = sum(1 for d in self.model.rows() if d.state is ReportState.OVERDUE)
        due = sum(1 for d in self.model.rows() if d.state is ReportState.DUE)
        self.status.setText(self.tr("%n report(s) overdue", "", late) + " · " + self.tr("%n report(s) due now", "",
                                                                                        due))

    # -- commands -------------------------------------------------------------------------------
    def choose_file(self, suggested: Path) -> Path | None:
        """Where to save; tests replace this."""
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the report as"), str(suggested),
                                                    self.tr("Excel workbook (*.xlsx)"))
        if not path:
            return None
        return Path(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def _suggested(self, period: Period, submit: bool, key: str | None) -> Path:
        folder = Path(self._context.settings.get(options.EXPORT_FOLDER) or Path.home())     # where the last went
        kind = key or ("nop" if submit else "nhap")
        return folder / f"Bao-cao-dinh-ky_{period.code.replace('..', '_')}_{kind}.xlsx"

    def export_selected(self, *, submit: bool) -> Path | None:
        duty = self.current_duty()
        if duty is None:
            return None
        period = duty.period
        key = None if submit else self.content.currentData()
        if submit:
            with self._workspace.session() as session:
                symbol = report_settings.load(session, self._unit).doc_symbol
                number = reporting.next_number(session, self._today().year, symbol)
            question = self.tr("Export the report of {period} for submission?\n\nIt gets the number {number}, "
                               "is recorded as submitted, and the records of {period} are locked: "
                               "changing them will need a leader to unlock the period.").format(
                period=period.label_vi, number=reporting.format_number(number, symbol))
            if not messages.confirm(self, question):
                return None
        path = self.choose_file(self._suggested(period, submit, key))
        if path is None:
            return None
        from desk.services import periodic_report

        def done(result) -> None:
            self._context.settings.set(options.EXPORT_FOLDER, str(path.parent))
            if submit:
                text = self.tr("The report of {period} was exported for submission ({number}) and its records "
                               "are locked:\n{path}").format(period=period.label_vi, number=result.doc_number,
                                                              path=path)
            else:
                text = self.tr("The draft report of {period} was saved:\n{path}").format(period=period.label_vi,
                                                                                       path=path)
            messages.exported(self, text, path)

        # Written on a worker thread: a long report does not freeze the window, and says what it is doing.
        self._context.operations.write_in_background(
            self, lambda session: periodic_report.export(session, self._unit, period, path, submit=submit,
                                                         keys=(key,) if key else None, actor=self.actor),
            title=self.tr("Writing the report of %s...") % period.label_vi, changes=Changes(reports=True),
            on_done=done)
        return path

    def edit_report_texts(self) -> bool:
        """The narrative of the selected period's report; saved with the period, read-only once locked."""
        duty = self.current_duty()
        if duty is None:
            return False
        from desk.ui.report_text_dialog import ReportTextDialog

        with self._workspace.session() as session:
            texts = report_texts.texts(session, self._unit.code, duty.period.code)
        note = self.tr("This period is locked: its report was submitted. A leader can unlock it to change the text.") \
            if duty.lock is not None else ""
        dialog = ReportTextDialog(duty.period.label_vi, texts, locked_note=note, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted or note:
            return False
        done = self._context.operations.run(
            self, lambda session: report_texts.save(session, self.actor, self._unit.code, duty.period,
                                                    dialog.texts()),
            changes=Changes(reports=True))
        if not done.ok:
            return False
        # Said after `changed` refreshed the screen: the refresh rewrites the status line.
        self.status.setText(self.tr("%n section(s) of the report text saved.", "", len(done.value or ())))
        return True

    def unlock_selected(self) -> bool:
        duty = self.current_duty()
        if duty is None or duty.lock is None:
            return False
        if not self._context.allowed(self, Permission.LOCK_PERIODS):
            return False
        reason = messages.ask_reason(self, self.tr("Unlock period"),
                                     self.tr("Unlock {period}? Its records can be changed again; the submitted "
                                             "report stays on record.").format(period=duty.period.label_vi),
                                     self.tr("&Unlock the period"), self.tr("&Keep it locked"))
        if reason is None:
            return False
        return self._context.operations.run(
            self, lambda session: period_lock.unlock(session, self._unit.code, duty.period.code, actor=self.actor,
                                                     reason=reason),
            changes=Changes(reports=True)).ok

    def mark_selected_outside(self) -> bool:
        """The selected period's report was sent without Desk: its number and date are recorded."""
        duty = self.current_duty()
        if duty is None or not self._context.allowed(self, Permission.ENTER_RECORDS):
            return False
        from desk.ui.outside_dialog import OutsideSubmissionDialog

        answer = OutsideSubmissionDialog.ask(duty.period.label_vi, self._today(), self)
        if answer is None:
            return False
        number, sent_on = answer
        return self._context.operations.run(
            self, lambda session: reporting.mark_outside(session, self._unit, duty.period, number, sent_on,
                                                         actor=self.actor.name, today=self._today()),
            changes=Changes(reports=True)).ok

    def _on_save_first_day_clicked(self) -> None:
        if not self._context.allowed(self, Permission.CHANGE_SETTINGS):
            self.refresh()          # the field shows the stored day again
            return
        text = self.first_day.text().strip()
        try:
            day = parse_date_vi(text) if text else None
        except PeriodError as exc:
            messages.error(self, str(exc))
            self.refresh()
            return
        done = self._context.operations.run(
            self, lambda session: reporting.set_first_day(session, day, today=self._today()),
            changes=Changes(reports=True))
        if not done.ok:
            self.refresh()

    def _on_save_rule_clicked(self) -> None:
        if not self._context.allowed(self, Permission.CHANGE_SETTINGS):
            self.refresh()          # the spin box shows the stored rule again
            return
        working_days = self.working_days.value()

        def save(session) -> None:              # audited like any setting (services.settings)
            due = reporting.due_dates(session)
            settings.save(session, self.actor, due.replace(working_days=working_days))

        if not self._context.operations.run(self, save, changes=Changes(reports=True)).ok:
            self.refresh()

    def _on_other_period_clicked(self) -> None:
        dialog = ExportDialog(Path.home(), today=self._today(), parent=self)
        dialog.setWindowTitle(self.tr("Choose a reporting period"))
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.period() is None:
            return
        period = dialog.period()
        self._extra[period.code] = period
        self.refresh()
        self.select_period(period.code)

    def open_consolidation(self) -> None:
        from desk.services import consolidation_report
        from desk.ui.consolidation_screen import ConsolidationDialog

        with self._workspace.session() as session:
            rule = reporting.due_rule(session)
            issuer = consolidation_report.stored_values(session)
        dialog = ConsolidationDialog(self._unit.province.code, rule, today=self._today(), parent=self,
                                     settings=issuer)
        dialog.exec()
