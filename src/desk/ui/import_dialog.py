"""The result of checking a file to import: its problems row by row, or what importing it will do."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.errors import UserError
from desk.services import importing
from desk.services.importing import ImportPlan
from desk.ui import messages
from desk.ui.operations import Operations

_Index = QModelIndex | QPersistentModelIndex
_COLUMNS = ("sheet", "row", "column", "header", "value", "message")
ERROR_COLOUR = "#b42318"
OK_COLOUR = "#1a7f37"
CAUTION_COLOUR = "#b54708"


class ProblemTableModel(QAbstractTableModel):
    """The plan's problems, one a row, in file order."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._problems: list = []

    def set_problems(self, problems: list) -> None:
        self.beginResetModel()
        self._problems = list(problems)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(_COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        value = getattr(self._problems[index.row()], _COLUMNS[index.column()])
        if value is None:
            return ""
        if role == Qt.ItemDataRole.DisplayRole and isinstance(value, str) and len(value) > 300:
            return value[:299] + "…"     # the tooltip and the saved report keep it whole
        return value

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        headers = (self.tr("Sheet"), self.tr("Row"), self.tr("Column"), self.tr("Heading"),
                   self.tr("Value in the file"),
                   self.tr("What is wrong"))
        return headers[section] if 0 <= section < len(headers) else None


class ImportDialog(QDialog):
    """Shows a checked plan; "Import" writes that plan in one transaction (the file is not read twice)."""

    imported = Signal(object)    # the committed ImportPlan

    def __init__(self, workspace, plan: ImportPlan, *, actor=None, folder: Path | None = None, parent=None,
                 operations: Operations | None = None):
        super().__init__(parent)
        self._workspace, self._plan, self._actor = workspace, plan, actor
        # The import runs in the background through the window's operations; opened without them (a
        # test showing a plan), its own, whose `changed` nobody hears: `imported` tells the window.
        self._operations = operations if operations is not None else Operations(workspace, self)
        self._folder = folder or plan.path.parent
        self._build_ui()
        self._connect()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.setObjectName("importDialog")
        self.file_line = QLabel()
        self.file_line.setObjectName("file")
        self.file_line.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.model = ProblemTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("problems")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for col, width in enumerate((90, 50, 50, 200, 160)):
            header.resizeSection(col, width)
        header.setSectionResizeMode(len(_COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.notes_label = QLabel()
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("notes")
        self.notes.setReadOnly(True)
        self.notes.setMaximumHeight(110)
        self.buttons = QDialogButtonBox()
        self.import_button = QPushButton()
        self.import_button.setObjectName("import")
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveReport")
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        # Takes the table's room when there is no problem to list, so the lines stay at the top.
        self.filler = QWidget()
        self.filler.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        layout = QVBoxLayout(self)
        layout.addWidget(self.file_line)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.notes)
        layout.addWidget(self.filler, 1)
        layout.addWidget(self.buttons)
        self.resize(1000, 560)

    def _connect(self) -> None:
        self.import_button.clicked.connect(self.run_import)
        self.save_button.clicked.connect(self.save_report)
        self.close_button.clicked.connect(self.reject)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Import from Excel"))
        self.import_button.setText(self.tr("&Import"))
        self.save_button.setText(self.tr("&Save error report..."))
        self.close_button.setText(self.tr("Close"))
        self.notes_label.setText(self.tr("Notes:"))
        self._show(self._plan)

    # -- showing ----------------------------------------------------------------------------------
    def plan(self) -> ImportPlan:
        return self._plan

    def _show(self, plan: ImportPlan) -> None:
        self._plan = plan
        self.file_line.setText(self.tr("File: %s") % plan.path)
        if plan.problems:
            self.status.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;")
            self.status.setText(self.tr("%n problem(s) found. Nothing was written: correct the file (the list "
                                        "can be saved as an Excel file) and import it again.", "",
                                        len(plan.problems)))
        elif plan.to_confirm:
            self.status.setStyleSheet(f"color: {CAUTION_COLOUR}; font-weight: bold;")
            self.status.setText(self.tr("The file is valid: {summary}. %n row(s) look like records already in Desk "
                                        "or pass a limit (see the notes): importing them may make duplicates. "
                                        "Nothing is written until you press Import.", "", len(plan.to_confirm))
                                .format(summary=plan.summary()))
        else:
            self.status.setStyleSheet(f"color: {OK_COLOUR}; font-weight: bold;")
            self.status.setText(self.tr("The file is valid: {summary}. Nothing is written until you press "
                                        "Import.").format(summary=plan.summary()))
        self.model.set_problems(plan.problems)
        # Wrapped messages shown whole, rows following the column widths; for a very long list
        # that costs too much on every resize, and the tooltip holds the whole message.
        modes = QHeaderView.ResizeMode
        mode = modes.ResizeToContents if len(plan.problems) <= 500 else modes.Interactive
        self.table.verticalHeader().setSectionResizeMode(mode)
        self.table.setVisible(bool(plan.problems))
        self.filler.setVisible(not plan.problems)
        if not plan.problems:
            self.resize(820, 420 if plan.notes else 220)   # nothing to list: a short dialog
        self.notes.setPlainText("\n".join(plan.notes))
        self.notes.setVisible(bool(plan.notes))
        self.notes_label.setVisible(bool(plan.notes))
        self.import_button.setEnabled(plan.ok)
        # Rows to confirm: Enter does not import them unread; Import asks first, as the form does.
        sure = plan.ok and not plan.to_confirm
        self.import_button.setDefault(sure)
        self.close_button.setDefault(not sure and not plan.problems)
        self.save_button.setEnabled(bool(plan.problems))
        (self.import_button if sure else self.table if plan.problems else self.close_button).setFocus()

    # -- commands ---------------------------------------------------------------------------------
    def run_import(self) -> None:
        """Write the plan this dialog shows, in one transaction, without reading the file again (a file
        changed since its check is checked anew and shown instead, nothing written; Desk's data changed
        since: the file is checked again as it is written)."""
        plan = self._plan
        # (A file imported before, which the clerk chose to import again, was asked about already.)
        if plan.to_confirm and not plan.again and not messages.confirm(self, self.tr(
                "%n row(s) of the file look like records already in Desk or pass a limit (the notes list them). "
                "Importing them may make duplicates.\n\nImport anyway?", "", len(plan.to_confirm))):
            return

        def work(_progress):
            return importing.commit_checked(self._workspace, plan, actor=self._actor)

        self.import_button.setEnabled(False)

        def failed(error) -> bool:
            self.import_button.setEnabled(self._plan.ok)
            if isinstance(error, importing.FileChangedError):
                messages.error(self, str(error))
                self._check_again()
                return True
            return False          # shown by the operation as usual

        # Not cancellable: the write is one transaction, all or nothing.
        self._operations.run_in_background(self, work, title=self.tr("Importing «{file}»...").format(
            file=plan.path.name), on_done=self._on_done, on_error=failed, cancellable=False)

    def _on_done(self, plan: ImportPlan) -> None:
        if plan.committed:
            self._plan = plan
            self.imported.emit(plan)
            self.accept()
        else:
            self._show(plan)

    def _check_again(self) -> None:
        # A read-only check (nothing written, no transaction to run): its refusal also disables Import.
        try:
            self._show(importing.import_file(self._workspace, self._plan.path, dry_run=True,
                                             convert_legacy=self._plan.legacy_decision, actor=self._actor,
                                             again=self._plan.again))
        except UserError as exc:
            messages.error(self, str(exc))
            self.import_button.setEnabled(False)

    def save_report(self) -> Path | None:
        suggested = self._folder / f"{self._plan.path.stem}-loi-nhap.xlsx"
        chosen = messages.choose_save_file(self, self.tr("Save the error report as"), str(suggested),
                                           self.tr("Excel workbook (*.xlsx)"))
        if not chosen:
            return None
        path = Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")
        # Written from the plan in memory: no session, nothing in Desk's data changes.
        try:
            importing.save_problem_report(self._plan, path)
        except UserError as exc:
            messages.error(self, str(exc))
            return None
        messages.info(self, self.tr("The error report was saved:\n%s") % path)
        return path
