"""Consolidating reports from the window: files, period, province or the whole country; in a thread, cancellable."""

from __future__ import annotations

import logging
import threading
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from desk.domain import deadlines, periods, units
from desk.domain.formats import format_count
from desk.domain.periods import Period, PeriodKind
from desk.errors import UserError

log = logging.getLogger(__name__)
NATIONAL = 0           # the province list's first entry: the ministry, every province
FLAGGED = ("edited", "draft", "duplicate")     # problems listed in the dialog too: the clerk decides on them


class ConsolidationWorker(QObject):
    """The run, off the GUI thread: reads and checks every file, then writes the workbook."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)       # the Consolidation
    failed = Signal(str)
    cancelled = Signal()
    done = Signal()

    def __init__(self, items: list[Path], period: Period, province_code: int, rule: deadlines.DueRule, out: Path,
                 settings: dict | None = None, *, include_drafts: bool = False, include_edited: bool = False):
        super().__init__()
        self._items, self._period, self._province, self._rule, self._out = items, period, province_code, rule, out
        self._settings = settings or {}
        self._include = {"include_drafts": include_drafts, "include_edited": include_edited}
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def _progress(self, done: int, total: int, name: str) -> bool:
        self.progressed.emit(done, total, name)
        return not self._stop.is_set()

    def run(self) -> None:
        from desk.services import consolidation, consolidation_report

        try:
            result = consolidation.consolidate(self._items, self._period, province_code=self._province or None,
                                               national=self._province == NATIONAL, due_rule=self._rule,
                                               progress=self._progress, writing=self._out, **self._include)
            if self._stop.is_set():          # cancelled after the last file: still write nothing
                raise consolidation.ConsolidationCancelled()
            consolidation_report.export(result, self._out, consolidation_report.load(self._settings, result.province))
            self.succeeded.emit(result)
        except consolidation.ConsolidationCancelled:
            self.cancelled.emit()
        except UserError as exc:
            self.failed.emit(str(exc))
        except Exception:  # a bug: logged with its traceback, reported as unexpected
            log.exception("consolidation failed")
            self.failed.emit("")
        finally:
            self.done.emit()


def selectable_periods(today: date) -> list[Period]:
    """Periods a province consolidates: recent months and quarters, this year's 6M, 9M and year."""
    found = [*reversed(periods.recent(PeriodKind.QUARTER, today, 4)),
             *reversed(periods.recent(PeriodKind.MONTH, today, 12))]
    for kind in (PeriodKind.HALF, PeriodKind.NINE_MONTHS, PeriodKind.YEAR):
        found.extend(periods.recent(kind, today, 1))
    return found


class ConsolidationDialog(QDialog):
    """Choose the communes' files, the period and the province; a progress bar with cancel."""

    def __init__(self, province_code: int, rule: deadlines.DueRule, today: date | None = None, parent=None,
                 settings: dict | None = None):
        super().__init__(parent)
        self._rule = rule
        self._issuer = settings or {}     # consolidation_report.stored_values(): who issues the report
        self._today = today or date.today()
        self._province_code = province_code
        self._thread: QThread | None = None
        self._worker: ConsolidationWorker | None = None
        self.result = None
        self._build_ui()
        self._connect()
        self.retranslate_ui()
        self._update()

    def _build_ui(self) -> None:
        self.setObjectName("consolidationDialog")
        self.files = QListWidget()
        self.files.setObjectName("files")
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.add_files, self.add_folder, self.remove = QPushButton(), QPushButton(), QPushButton()
        file_buttons = QVBoxLayout()
        for button, name in ((self.add_files, "add_files"), (self.add_folder, "add_folder"), (self.remove, "remove")):
            button.setObjectName(name)
            file_buttons.addWidget(button)
        file_buttons.addStretch(1)
        files_row = QHBoxLayout()
        files_row.addWidget(self.files, 1)
        files_row.addLayout(file_buttons)

        self.period = QComboBox()
        self.period.setObjectName("period")
        for p in selectable_periods(self._today):
            self.period.addItem(f"{p.label_vi} ({periods.format_date_vi(p.start)} – {periods.format_date_vi(p.end)})",
                                p.code)
        # Start on the latest quarter whose cut-off has passed: what provinces consolidate most.
        ended = [i for i in range(self.period.count())
                 if periods.parse_period(self.period.itemData(i)).end < self._today]
        self.period.setCurrentIndex(ended[0] if ended else 0)
        self.province = QComboBox()
        self.province.setObjectName("province")
        self.province.addItem("", NATIONAL)       # its text is set in retranslate_ui
        for p in units.provinces():
            self.province.addItem(p.name, p.code)
        self.province.setCurrentIndex(max(0, self.province.findData(self._province_code)))
        self.out = QLineEdit()
        self.out.setObjectName("out")
        self.browse = QPushButton()
        self.browse.setObjectName("browse")
        out_row = QHBoxLayout()
        out_row.addWidget(self.out, 1)
        out_row.addWidget(self.browse)
        self.include_drafts, self.include_edited = QCheckBox(), QCheckBox()
        self.include_drafts.setObjectName("include_drafts")
        self.include_edited.setObjectName("include_edited")
        self.labels = {name: QLabel() for name in ("files", "period", "province", "out", "check")}
        self.labels["check"].setWordWrap(True)
        self.labels["check"].setObjectName("check_limits")
        form = QFormLayout()
        form.addRow(self.labels["period"], self.period)
        form.addRow(self.labels["province"], self.province)
        form.addRow("", self.include_drafts)
        form.addRow("", self.include_edited)
        form.addRow(self.labels["out"], out_row)
        self.labels["period"].setBuddy(self.period)
        self.labels["province"].setBuddy(self.province)
        self.labels["out"].setBuddy(self.out)
        self.labels["files"].setBuddy(self.files)

        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.flagged = QListWidget()         # drafts, edited files, duplicates: shown, never merged silently
        self.flagged.setObjectName("flagged")
        self.flagged.setWordWrap(True)
        self.flagged.hide()
        self.start, self.cancel = QPushButton(), QPushButton()
        self.start.setObjectName("start")
        self.cancel.setObjectName("cancel")
        self.start.setDefault(True)
        # After a run: the workbook the province fills in with its answers and sends back down.
        self.make_reply = QPushButton()
        self.make_reply.setObjectName("make_reply")
        # Or the answers typed here, obstacle by obstacle, and written into that workbook.
        self.answer_here = QPushButton()
        self.answer_here.setObjectName("answer_here")
        self.answer_dialog = None
        actions = QHBoxLayout()
        actions.addWidget(self.make_reply)
        actions.addWidget(self.answer_here)
        actions.addStretch(1)
        actions.addWidget(self.start)
        actions.addWidget(self.cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(self.labels["files"])
        layout.addLayout(files_row, 1)
        layout.addLayout(form)
        layout.addWidget(self.labels["check"])
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.flagged)
        layout.addLayout(actions)
        self.resize(760, 520)

    def _connect(self) -> None:
        self.add_files.clicked.connect(self._on_add_files_clicked)
        self.add_folder.clicked.connect(self._on_add_folder_clicked)
        self.remove.clicked.connect(self._on_remove_clicked)
        self.browse.clicked.connect(self._on_browse_clicked)
        self.out.textChanged.connect(self._update)
        self.start.clicked.connect(self.run)
        self.cancel.clicked.connect(self._on_cancel_clicked)
        self.make_reply.clicked.connect(lambda: self.write_reply_file())   # clicked(bool) would fill `path`
        self.answer_here.clicked.connect(self.answer_in_desk)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Consolidate communes' periodic reports"))
        self.labels["files"].setText(self.tr("Reports received (files or folders):"))
        self.labels["period"].setText(self.tr("&Period:"))
        self.labels["province"].setText(self.tr("P&rovince / city:"))
        self.labels["out"].setText(self.tr("&Save as:"))
        self.province.setItemText(0, self.tr("Whole country (Ministry of Home Affairs)"))
        self.include_drafts.setText(self.tr("Count &drafts (not submitted, no number) in the figures"))
        self.include_edited.setText(self.tr("Include files whose printed figures were &edited after export "
                                            "(their figures are taken from their data)"))
        self.labels["check"].setText(self.tr(
            "The data check catches accidental and casual edits, not a determined forger: a report's "
            "authenticity rests on its signed copy (paper or digital signature)."))
        self.add_files.setText(self.tr("Add &files..."))
        self.add_folder.setText(self.tr("Add f&older..."))
        self.remove.setText(self.tr("Re&move"))
        self.browse.setText(self.tr("&Browse..."))
        self.start.setText(self.tr("Consolidate"))
        self.cancel.setText(self.tr("Close"))
        self.status.setText(self.tr("Each file's data check is verified and its printed figures recomputed from its "
                                    "data; drafts, edited files, files of another period and duplicates are listed."))
        self.make_reply.setText(self.tr("Create &reply file..."))
        self.make_reply.setToolTip(self.tr("A workbook listing every consolidated obstacle with columns for the "
                                           "answer, the answering body, the document and a proposed state; each "
                                           "commune imports it back into Desk."))
        self.answer_here.setText(self.tr("&Answer in Desk..."))
        self.answer_here.setToolTip(self.tr("Type the answers to the consolidated obstacles here instead of in "
                                            "Excel; they are saved into the same reply workbook."))

    # -- inputs ---------------------------------------------------------------------------------
    def items(self) -> list[Path]:
        return [Path(self.files.item(i).text()) for i in range(self.files.count())]

    def add_items(self, paths) -> None:
        known = {str(p) for p in self.items()}
        for path in paths:
            if str(path) not in known:
                self.files.addItem(str(path))
        self._update()

    def chosen_period(self) -> Period:
        return periods.parse_period(self.period.currentData())

    def _on_add_files_clicked(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, self.tr("Choose the communes' reports"), str(Path.home()),
                                                      self.tr("Excel workbook (*.xlsx)"))
        self.add_items(Path(n) for n in names)

    def _on_add_folder_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder of reports"), str(Path.home()))
        if folder:
            self.add_items([Path(folder)])

    def _on_remove_clicked(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._update()

    def _on_browse_clicked(self) -> None:
        suggested = Path.home() / f"Tong-hop_{self.chosen_period().code}.xlsx"
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the consolidated report as"), str(suggested),
                                                    self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.out.setText(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def _update(self) -> None:
        running = self._thread is not None
        ready = bool(self.items()) and self.out.text().strip().lower().endswith(".xlsx")
        self.start.setEnabled(ready and not running)
        for widget in (self.files, self.add_files, self.add_folder, self.remove, self.period, self.province,
                       self.include_drafts, self.include_edited, self.out, self.browse):
            widget.setEnabled(not running)
        self.make_reply.setEnabled(self.result is not None and bool(self.result.obstacles) and not running)
        self.answer_here.setEnabled(self.make_reply.isEnabled())

    def write_reply_file(self, path: Path | None = None) -> Path | None:
        """The reply workbook of the last run's obstacles, saved where the clerk chooses."""
        from desk.ui import messages

        if self.result is None:
            return None
        if path is None:
            chosen = messages.choose_save_file(self, self.tr("Save the reply file as"), str(self.suggested_reply()),
                                               self.tr("Excel workbook (*.xlsx)"))
            if not chosen:
                return None
            path = Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")
        from desk.services import replies

        try:
            count = replies.export_reply_workbook(self.result, path, issuer=self._answering_body())
        except UserError as exc:
            messages.error(self, str(exc))
            return None
        self.status.setText(self.tr("The reply file lists {count} obstacle(s); fill in the answers and send it to "
                                    "the communes. Saved to {path}").format(count=format_count(count), path=path))
        return path

    def suggested_reply(self) -> Path:
        """Where a reply file is first offered: beside the consolidated workbook, named by the period."""
        out = Path(self.out.text().strip() or Path.home() / "x.xlsx")
        return out.with_name(f"Tra-loi_{self.result.period.code}.xlsx")

    def _answering_body(self) -> str:
        """Who answers, in the reply file and in Desk: the consolidation's reporting unit (by default
        «Sở Nội vụ» and the province's name)."""
        from desk.services import consolidation_report

        assert self.result is not None
        return consolidation_report.load(self._issuer, self.result.province).reporting_unit.strip()

    def answer_in_desk(self):
        """The answering dialog over the last run's obstacles, answered by _answering_body."""
        from desk.ui.answer_dialog import answer_obstacles

        if self.result is None or not self.result.obstacles:
            return None
        self.answer_dialog = answer_obstacles(self, self.result, self._answering_body(), self.suggested_reply())
        self.answer_dialog.destroyed.connect(self._on_answer_dialog_destroyed)
        return self.answer_dialog

    def _on_answer_dialog_destroyed(self) -> None:
        self.answer_dialog = None

    # -- the run ----------------------------------------------------------------------------------
    def run(self) -> None:
        if self._thread is not None or not self.start.isEnabled():
            return
        self.result = None
        self.flagged.clear()
        self.flagged.hide()
        worker = ConsolidationWorker(self.items(), self.chosen_period(), self.province.currentData(), self._rule,
                                     Path(self.out.text().strip()), self._issuer,
                                     include_drafts=self.include_drafts.isChecked(),
                                     include_edited=self.include_edited.isChecked())
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progressed.connect(self._on_worker_progressed)
        worker.succeeded.connect(self._on_worker_succeeded)
        worker.failed.connect(self._on_worker_failed)
        worker.cancelled.connect(self._on_worker_cancelled)
        worker.done.connect(thread.quit)
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker = thread, worker
        self.cancel.setText(self.tr("Cancel"))
        self.status.setText(self.tr("Reading the files..."))
        self._update()
        thread.start()

    def is_running(self) -> bool:
        return self._thread is not None

    def _on_cancel_clicked(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self.status.setText(self.tr("Cancelling..."))
        else:
            self.reject()

    def _on_worker_progressed(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if name:
            self.status.setText(self.tr("Reading {done}/{total}: {name}").format(
                done=format_count(done + 1), total=format_count(total), name=name))
        else:
            self.status.setText(self.tr("Writing the consolidated workbook..."))

    def _on_worker_succeeded(self, result) -> None:
        n = format_count        # the ministry's 3.321 units, grouped as the window's language groups them
        self.result = result
        self._update()
        self.status.setText(self.tr("Done: {used} reports consolidated ({on_time} on time, {late} late, {missing} "
                                    "not submitted, problems in files: {problems}). Saved to {path}").format(
            used=n(len(result.used)), on_time=n(result.count("on_time")), late=n(result.count("late")),
            missing=n(result.count("missing")), problems=n(len(result.problems)), path=self.out.text()))
        shown = [p for p in result.problems if p.kind in FLAGGED]
        for problem in shown:
            self.flagged.addItem(f"{problem.kind_vi} – {problem.file}: {problem.message}")
        self.flagged.setVisible(bool(shown))

    def _on_worker_failed(self, message: str) -> None:
        self.status.setText(message or self.tr("An unexpected error occurred; the details are in the log. "
                                               "Nothing was written."))

    def _on_worker_cancelled(self) -> None:
        self.progress.setValue(0)
        self.status.setText(self.tr("Cancelled. Nothing was written."))

    def _on_thread_finished(self) -> None:
        self._thread.deleteLater()
        self._worker.deleteLater()
        self._thread = self._worker = None
        self.cancel.setText(self.tr("Close"))
        self._update()

    def reject(self) -> None:
        if self._worker is not None:       # Esc or the close button while running: cancel first
            self._worker.cancel()
            return
        super().reject()
