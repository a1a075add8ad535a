"""File > Import answers from a reply file...: the preview of each answer, the states the commune accepts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
)

from desk import logs
from desk.domain.access import Permission
from desk.errors import UserError
from desk.ui import messages
from desk.ui import settings as options
from desk.ui.operations import Changes

# The reading and the services load when the clerk first imports a reply, not at start-up.


class ReplyPreviewModel(QAbstractTableModel):
    """The rows of a reply file that concern this commune; the first column ticks a proposed state to accept."""

    COLUMNS = ("accept", "row", "title", "answer", "document", "proposed", "status")

    def __init__(self, items: list, parent=None):
        super().__init__(parent)
        self._items = items
        self._accepted: set[int] = set()      # file rows whose proposed state the clerk accepts
        self._headers = {
            "accept": self.tr("Accept"), "row": self.tr("Row"),
            "title": self.tr("Obstacle"), "answer": self.tr("Answer"), "document": self.tr("Document"),
            "proposed": self.tr("Proposed state"), "status": self.tr("What happens")}

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[self.COLUMNS[section]]
        if role == Qt.ItemDataRole.ToolTipRole and self.COLUMNS[section] == "accept":
            return self.tr("Accept the proposed state")
        return None

    def item(self, row: int):
        return self._items[row]

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        found = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0 and self._items[index.row()].proposes_change:
            found |= Qt.ItemFlag.ItemIsUserCheckable
        return found

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item, column = self._items[index.row()], self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and column == "accept" and item.proposes_change:
            return Qt.CheckState.Checked if item.reply.row in self._accepted else Qt.CheckState.Unchecked
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        from desk.domain import replies

        reply = item.reply
        return {"accept": "", "row": str(reply.row), "title": item.title or reply.title, "answer": reply.answer,
                "document": reply.document,
                "proposed": replies.state_label(reply.proposed_state) if reply.proposed_state else "",
                "status": item.status_vi}[column]

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or index.column() != 0:
            return False
        item = self._items[index.row()]
        if not item.proposes_change:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._accepted.add(item.reply.row)
        else:
            self._accepted.discard(item.reply.row)
        self.dataChanged.emit(index, index, [role])
        return True

    def accepted(self) -> set[int]:
        return set(self._accepted)


class ReplyImportDialog(QDialog):
    """What the file holds for this commune; Import writes the answers (and the states ticked)."""

    def __init__(self, plan, parent=None):
        super().__init__(parent)
        self.plan = plan
        self._build_ui()
        self._connect()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.setObjectName("replyImportDialog")
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.model = ReplyPreviewModel(self.plan.listed, self)
        self.table = QTableView()
        self.table.setObjectName("replies")
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.setWordWrap(True)
        for column, width in zip(range(len(ReplyPreviewModel.COLUMNS)), (70, 45, 210, 0, 180, 120, 100)):
            self.table.setColumnWidth(column, width)
        # The answer takes what the dialog has left, so the row reads without scrolling sideways.
        header.setSectionResizeMode(ReplyPreviewModel.COLUMNS.index("answer"), QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("problems")
        self.problems.setReadOnly(True)
        self.problems.setTabChangesFocus(True)
        self.problems.setMaximumHeight(110)
        self.problems.setVisible(bool(self.plan.problems))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.resize(1000, 560)          # fits a 1024x768 screen

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def retranslate_ui(self) -> None:
        from desk.services import replies

        plan = self.plan
        self.setWindowTitle(self.tr("Import answers from «{file}»").format(file=plan.file.path.name))
        counts = {"new": plan.count(replies.NEW), "proposed": sum(1 for i in plan.items if i.proposes_change),
                  "already": plan.count(replies.ALREADY), "other": plan.count(replies.OTHER_UNIT),
                  "unknown": plan.count(replies.UNKNOWN), "voided": plan.count(replies.VOIDED),
                  "invalid": len(plan.problems)}
        # One line per kind the file actually holds: a row of zeros hides the one figure that matters.
        lines = {
            "new": self.tr("{count} answer(s) to import."),
            "proposed": self.tr("{count} propose a new state: tick those the commune accepts (the state changes, "
                                "dated by the answer's document)."),
            "already": self.tr("{count} imported before (skipped)."),
            "other": self.tr("{count} for other communes (ignored)."),
            "unknown": self.tr("{count} for obstacles not in the register (nothing written)."),
            "voided": self.tr("{count} for voided obstacles (nothing written)."),
            "invalid": self.tr("{count} row(s) with errors, listed below (nothing written)."),
        }
        self.summary.setText("\n".join(text.format(count=counts[key]) for key, text in lines.items()
                                       if counts[key] or key == "new"))
        self.problems.setPlainText("\n".join(p.message for p in plan.problems))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Import"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(plan.count(replies.NEW) > 0)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))


class ReplyImportFlow(QObject):
    """Choose a reply file, read it in the background, show the preview, write what the clerk accepts."""

    finished = Signal(object)       # the services.replies.Outcome, or None (refused, cancelled)
    previewed = Signal(object)      # the preview dialog, once open

    def __init__(self, window, workspace, app_settings: options.Settings):
        super().__init__(window)
        self._window, self._workspace, self._settings = window, workspace, app_settings
        # triggered(bool) would fill import_reply's `path` (ARCHITECTURE.md, known traps)

    @property
    def _actor(self):
        safety = getattr(self._window, "safety", None)
        return safety.actor if safety is not None else None

    def import_reply(self, path: Path | None = None) -> None:
        safety = getattr(self._window, "safety", None)
        if safety is not None and not safety.allowed(Permission.ENTER_RECORDS):
            self.finished.emit(None)
            return
        if path is None:
            folder = self._settings.get(options.EXPORT_FOLDER) or str(Path.home())
            chosen = messages.choose_file(self._window, self.tr("Import answers from which reply file?"), folder,
                                          self.tr("Excel workbook (*.xlsx);;All files (*)"))
            if not chosen:
                self.finished.emit(None)
                return
            path = Path(chosen)
        unit = self._window.context.unit

        def work(_progress):
            from desk.services import replies

            found = replies.read_reply_file(path)
            with self._workspace.session() as session:
                return replies.preview(session, unit, found)

        def failed(error) -> bool:
            if isinstance(error, UserError):
                messages.error(self._window, str(error))
            else:
                messages.unexpected(self._window, logs.current_file())
            self.finished.emit(None)
            return True

        self._window.operations.run_in_background(
            self._window, work, title=self.tr("Reading «{file}»...").format(file=path.name),
            on_done=self._on_previewed, on_error=failed)

    def _on_previewed(self, plan) -> None:
        self._settings.set(options.EXPORT_FOLDER, str(plan.file.path.parent))
        dialog = ReplyImportDialog(plan, self._window)
        dialog.accepted.connect(lambda: self._write(dialog))
        dialog.rejected.connect(lambda: self.finished.emit(None))
        dialog.open()
        self.previewed.emit(dialog)

    def _write(self, dialog: ReplyImportDialog) -> None:
        from desk.services import replies

        accepted, actor = dialog.model.accepted(), self._actor
        done = self._window.operations.run(
            self._window, lambda session: replies.apply(session, dialog.plan, accept_states=accepted, actor=actor),
            changes=Changes.of("obstacles"))
        if not done.ok:
            self.finished.emit(None)
            return
        messages.info(self._window, replies.describe(done.value))
        self.finished.emit(done.value)
