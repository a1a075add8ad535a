"""A table model over a register's records; columns come from the field declaration."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desk.domain.fields import FieldSpec
from desk.domain.register import Register
from desk.services.record_list import MemoryList, RecordList
from desk.services.records import RecordQuery

OVERDUE_BACKGROUND = QColor("#fde2e1")
OVERDUE_FOREGROUND = QColor("#9b1c1c")
VOIDED_FOREGROUND = QColor("#8a8a8a")

_Index = QModelIndex | QPersistentModelIndex
_CELLS_KEPT = 2_000      # formatted rows kept (a few screens' worth; data() is asked many times per cell)


class RecordTableModel(QAbstractTableModel):
    """Rows come from a services.record_list list, which filters, searches and sorts (in SQL for
    the big registers); this model only formats the rows the view asks for, and remembers them."""

    def __init__(self, register: Register, parent=None):
        super().__init__(parent)
        self._register = register
        shown = [f for f in (*register.fields, *register.computed) if f.in_table]
        first = [f for name in register.table_order for f in shown if f.name == name]
        self._columns: tuple[FieldSpec, ...] = tuple(first + [f for f in shown if f not in first])
        self._list: RecordList = MemoryList(register)
        self._cells: dict[int, tuple] = {}
        self._flag_tip = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- feeding -------------------------------------------------------------------------
    def set_source(self, source: RecordList) -> None:
        """Show this list (a register screen's, see record_list.for_register) from now on."""
        self.beginResetModel()
        self._list = source
        if self._sort:
            self._list.sort(self._columns[self._sort[0]].name, self._sort[1] == Qt.SortOrder.DescendingOrder)
        self._cells = {}
        self.endResetModel()

    def show(self, query: RecordQuery, *, only_flagged: bool = False, reload: bool = False) -> None:
        """Show the records of this query (see RecordList.show); reload: the data may have changed."""
        self.beginResetModel()
        self._list.show(query, only_flagged=only_flagged, reload=reload)
        self._cells = {}
        self.endResetModel()

    def set_rows(self, rows: list[dict], labels: dict[str, dict[str, str]], today: date) -> None:
        """Show these rows (dicts as records.query returns them), sorted by the current column."""
        self.set_source(MemoryList(self._register, rows, labels=labels, today=today))

    def set_flag_tip(self, tooltip: str) -> None:
        """What a flagged row's tooltip says it is (the register's flag: overdue, needs attention)."""
        self._flag_tip = tooltip
        self._cells = {}

    def row_record(self, row: int) -> dict:
        return self._list.record(row)

    def row_of(self, record_id: str) -> int:
        return self._list.position_of(record_id)

    def columns(self) -> tuple[FieldSpec, ...]:
        return self._columns

    def column_of(self, field_name: str) -> int:
        return next(i for i, f in enumerate(self._columns) if f.name == field_name)

    def flagged_count(self) -> int:
        return self._list.flagged_count()

    # -- Qt's interface --------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._list)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            spec = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return spec.label
            if role == Qt.ItemDataRole.ToolTipRole:
                return spec.help or spec.label
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._list)) \
                or not (0 <= index.column() < len(self._columns)):
            return None
        texts, voided, flagged, row = self._cell_row(index.row())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = texts[index.column()]
            if role == Qt.ItemDataRole.ToolTipRole:
                if voided:
                    return f"{text}\n— {row.get('void_reason') or ''}"
                if flagged:
                    return f"{text}\n— {self._flag_tip}"
            return text
        if role == Qt.ItemDataRole.BackgroundRole and flagged:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            if voided:
                return QBrush(VOIDED_FOREGROUND)
            if flagged:
                return QBrush(OVERDUE_FOREGROUND)
        if role == Qt.ItemDataRole.FontRole and voided:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None

    def _cell_row(self, position: int) -> tuple:
        """(display texts, voided, flagged, record) of a shown row, formatted once."""
        found = self._cells.get(position)
        if found is None:
            if len(self._cells) > _CELLS_KEPT:
                self._cells = {}
            row = self._list.record(position)
            labels = self._list.labels
            texts = tuple(spec.codec.display(spec, row.get(spec.name), labels) for spec in self._columns)
            voided = bool(row["voided"])
            found = self._cells[position] = (texts, voided, self._list.is_flagged(row), row)
        return found

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self._columns)):
            return
        self.layoutAboutToBeChanged.emit()
        old_keys = self._list.keys()
        # The selection and current row follow their records, not their row numbers.
        persistent = self.persistentIndexList()
        kept = [(index, old_keys[index.row()]) for index in persistent if 0 <= index.row() < len(old_keys)]
        self._sort = (column, order)
        self._list.sort(self._columns[column].name, order == Qt.SortOrder.DescendingOrder)
        self._cells = {}
        if kept:
            new_keys = self._list.keys()
            where = {}
            for _index, key in kept:
                if key not in where:
                    try:
                        where[key] = new_keys.index(key)
                    except ValueError:
                        where[key] = None
            moved = [self.index(where[key], index.column()) if where[key] is not None else QModelIndex()
                     for index, key in kept]
            self.changePersistentIndexList([index for index, _key in kept], moved)
        self.layoutChanged.emit()
