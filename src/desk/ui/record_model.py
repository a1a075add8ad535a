"""A table model over a register's records; columns come from the field declaration."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from desk.domain.fields import FieldSpec, Kind
from desk.domain.text import name_sort_key, vi_sort_key
from desk.services.registers import Register

OVERDUE_BACKGROUND = QColor("#fde2e1")
OVERDUE_FOREGROUND = QColor("#9b1c1c")
VOIDED_FOREGROUND = QColor("#8a8a8a")

_Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    """Rows are plain dicts from the service; sorting happens on the Python list, then a reset."""

    def __init__(self, register: Register, parent=None):
        super().__init__(parent)
        self._register = register
        shown = [f for f in (*register.fields, *register.computed) if f.in_table]
        first = [f for name in register.table_order for f in shown if f.name == name]
        self._columns: tuple[FieldSpec, ...] = tuple(first + [f for f in shown if f not in first])
        self._rows: list[dict] = []
        self._labels: dict[str, dict[str, str]] = {}
        self._today = date.today()
        self._is_flagged = lambda row, today: False
        self._flag_tip = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- feeding -------------------------------------------------------------------------
    def set_rows(self, rows: list[dict], labels: dict[str, dict[str, str]], today: date) -> None:
        self.beginResetModel()
        self._rows, self._labels, self._today = rows, labels, today
        if self._sort:
            self._sort_rows(*self._sort)
        self.endResetModel()

    def set_flag_rule(self, rule, tooltip: str) -> None:
        """Rows for which rule(row, today) is true stand out (e.g. overdue open obstacles)."""
        self._is_flagged, self._flag_tip = rule, tooltip

    def row_record(self, row: int) -> dict:
        return self._rows[row]

    def row_of(self, record_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r["id"] == record_id), -1)

    def columns(self) -> tuple[FieldSpec, ...]:
        return self._columns

    def column_of(self, field_name: str) -> int:
        return next(i for i, f in enumerate(self._columns) if f.name == field_name)

    def flagged_count(self) -> int:
        return sum(1 for r in self._rows if not r["voided"] and self._is_flagged(r, self._today))

    # -- Qt's interface --------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

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
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) \
                or not (0 <= index.column() < len(self._columns)):
            return None
        row = self._rows[index.row()]
        spec = self._columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._display(spec, row.get(spec.name))
            if role == Qt.ItemDataRole.ToolTipRole:
                if row["voided"]:
                    return f"{text}\n— {row.get('void_reason') or ''}"
                if self._is_flagged(row, self._today):
                    return f"{text}\n— {self._flag_tip}"
            return text
        flagged = not row["voided"] and self._is_flagged(row, self._today)
        if role == Qt.ItemDataRole.BackgroundRole and flagged:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row["voided"]:
                return QBrush(VOIDED_FOREGROUND)
            if flagged:
                return QBrush(OVERDUE_FOREGROUND)
        if role == Qt.ItemDataRole.FontRole and row["voided"]:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return row["id"]
        return None

    def _display(self, spec: FieldSpec, value) -> str:
        if value is None or value == "":
            return ""
        if spec.kind == Kind.DATE:
            return value.strftime("%d/%m/%Y")
        if spec.kind in (Kind.CHOICE, Kind.REF):
            return self._labels.get(spec.name, {}).get(value, value)
        if spec.kind == Kind.MULTI:
            names = self._labels.get(spec.name, {})
            return ", ".join(names.get(code, code) for code in value.split(","))
        if spec.kind == Kind.BOOL:
            return "✓" if value else ""
        if spec.kind == Kind.INT:
            return f"{value:,}".replace(",", ".")
        text = str(value)
        return text if "\n" not in text else text.replace("\n", " ⏎ ")

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self._columns)):
            return
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._sort_rows(column, order)
        self.layoutChanged.emit()

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        spec = self._columns[column]
        descending = order == Qt.SortOrder.DescendingOrder
        if spec.kind in (Kind.DATE, Kind.INT, Kind.BOOL):
            present = [r for r in self._rows if r.get(spec.name) is not None]
            missing = [r for r in self._rows if r.get(spec.name) is None]
            present.sort(key=lambda r: r[spec.name], reverse=descending)
            self._rows = present + missing        # empty dates stay at the bottom either way
            return
        if spec.name_sort:      # people: given name, then middle, then family name (DOMAIN.md §6)
            self._rows.sort(key=lambda r: name_sort_key(self._display(spec, r.get(spec.name))), reverse=descending)
            return
        key = (lambda r: vi_sort_key(self._display(spec, r.get(spec.name))))
        self._rows.sort(key=key, reverse=descending)
