"""The history of one record ("Lịch sử"): who created and changed which field, from what to what, and why."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QVBoxLayout

from desk.domain.formats import format_date_time_vi
from desk.domain.register import Register
from desk.services.history import HistoryRow, record_history, record_title, state_timeline
from desk.ui import window_state
from desk.ui.tables import make_table

_Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("at", "who", "action", "field", "old", "new", "reason")
TIMELINE = ("since", "state", "note", "who", "recorded")


class HistoryModel(QAbstractTableModel):
    """Read-only rows from the service, oldest first."""

    def __init__(self, rows: list[HistoryRow], parent=None):
        super().__init__(parent)
        self._rows = rows
        self._headers = [""] * len(COLUMNS)

    def set_headers(self, headers: list[str]) -> None:
        self._headers = headers
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows[index.row()]
        name = COLUMNS[index.column()]
        if name == "at":
            return format_date_time_vi(row.at, seconds=True)
        return getattr(row, name)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(COLUMNS):
            return self._headers[section]
        return None


class TimelineModel(QAbstractTableModel):
    """A record's dated states, in the order they took effect (services.history.state_timeline)."""

    def __init__(self, rows: list, parent=None):
        super().__init__(parent)
        self._rows = rows
        self._headers = [""] * len(TIMELINE)

    def set_headers(self, headers: list[str]) -> None:
        self._headers = headers
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(TIMELINE) - 1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(TIMELINE)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return getattr(self._rows[index.row()], TIMELINE[index.column()])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(TIMELINE):
            return self._headers[section]
        return None


class HistoryDialog(QDialog):
    def __init__(self, workspace, register: Register, record_id: str, parent=None):
        super().__init__(parent)
        with workspace.session() as session:
            self._rows = record_history(session, register, record_id)
            self._title = record_title(session, register, record_id)
            self._timeline = state_timeline(session, register, record_id) if register.history else None
        self._build_ui()
        self._connect()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.setObjectName("historyDialog")
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.model = HistoryModel(self._rows, self)
        self.table = make_table("history")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((140, 150, 80, 230, 230, 230)):
            self.table.setColumnWidth(column, width)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        if self._timeline is not None:
            # The record's states over time first: what a report as of a day reads.
            self.timeline_caption = QLabel()
            self.timeline_model = TimelineModel(self._timeline, self)
            self.timeline = make_table("timeline")
            self.timeline.setModel(self.timeline_model)
            self.timeline.verticalHeader().hide()
            self.timeline.horizontalHeader().setStretchLastSection(True)
            for column, width in enumerate((150, 170, 380, 150, 140)):
                self.timeline.setColumnWidth(column, width)
            self.timeline.setMaximumHeight(170)
            layout.addWidget(self.timeline_caption)
            layout.addWidget(self.timeline)
        layout.addWidget(self.caption)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        window_state.size_dialog(self, 1260, 480)

    def _connect(self) -> None:
        self.buttons.rejected.connect(self.reject)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("History of the record"))
        self.caption.setText(self.tr("«%s»: every change, oldest first. Times are this computer's local time.")
                             % self._title)
        self.model.set_headers([self.tr("Time"), self.tr("By"), self.tr("Action"), self.tr("Field"),
                                self.tr("Old value"), self.tr("New value"), self.tr("Reason")])
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        if self._timeline is not None:
            self.timeline_caption.setText(self.tr("Its state over time (what a report for a past day shows):"))
            self.timeline_model.set_headers([self.tr("From"), self.tr("State"), self.tr("Note"), self.tr("By"),
                                             self.tr("Recorded")])
