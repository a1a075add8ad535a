"""First run: the clerk picks the office's province, then its commune, with accent-free type-ahead."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from desk.domain import units
from desk.domain.units import Unit
from desk.ui.fold_completer import searchable_combo


class UnitDialog(QDialog):
    def __init__(self, current: Unit | None = None, parent=None):
        super().__init__(parent)
        self._build_ui()
        self._connect()
        self.retranslate_ui()
        if current:
            self.province.setCurrentIndex(self.province.findData(current.province.code))
            self._select_code(current.code)
        self._refilter()

    def _build_ui(self) -> None:
        self.setObjectName("unitDialog")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.province = QComboBox()
        self.province.setObjectName("province")
        self.province.addItem("", None)
        for p in units.provinces():
            self.province.addItem(p.name, p.code)
        # Typed without accents, anywhere in the name: "hai" finds Thành phố Hải Phòng, not Hà Tĩnh.
        searchable_combo(self.province)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName("units")
        self.count = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.province_label, self.search_label = QLabel(), QLabel()
        self.province_label.setBuddy(self.province)
        self.search_label.setBuddy(self.search)
        form = QFormLayout()
        form.addRow(self.province_label, self.province)
        form.addRow(self.search_label, self.search)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        self.resize(560, 560)
        self.search.setFocus()

    def _connect(self) -> None:
        self.province.currentIndexChanged.connect(self._refilter)
        self.search.textChanged.connect(self._refilter)
        self.search.returnPressed.connect(self._on_search_return)
        self.search.installEventFilter(self)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.list.currentItemChanged.connect(self._update_ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Choose your office's unit"))
        self.intro.setText(self.tr("Desk keeps the records of one commune-level unit. Choose the province, "
                                   "then your commune, ward or special zone. Type part of the name; "
                                   "accents are not needed (\"ngo quyen\" finds Phường Ngô Quyền)."))
        self.province_label.setText(self.tr("&Province / city:"))
        self.search_label.setText(self.tr("&Commune / ward:"))
        self.province.setItemText(0, self.tr("— all 34 provinces and cities —"))
        self.search.setPlaceholderText(self.tr("e.g. ngo quyen"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Use this unit"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self._update_count()

    def _refilter(self) -> None:
        chosen = self.selected_unit()
        found = units.search(self.search.text(), self.province.currentData())
        self.list.clear()
        with_province = self.province.currentData() is None
        for unit in found:
            item = QListWidgetItem(unit.display if with_province else unit.name)
            item.setData(Qt.ItemDataRole.UserRole, unit.code)
            self.list.addItem(item)
        # Nothing is chosen for the clerk unless only one unit matches: an early Enter must not pick a
        # wrong unit (the first of a long list). Down moves into the list.
        if chosen is None or not self._select_code(chosen.code):
            self.list.setCurrentRow(0 if self.list.count() == 1 else -1)
        self._update_count()
        self._update_ok()

    def _select_code(self, code: int) -> bool:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == code:
                self.list.setCurrentRow(row)
                return True
        return False

    def _update_count(self) -> None:
        self.count.setText(self.tr("%n unit(s) match", "", self.list.count()))

    def _update_ok(self, *_args) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.selected_unit() is not None)

    def eventFilter(self, watched, event) -> bool:
        # Up/Down in the search box move through the list, so the mouse is never needed.
        if watched is self.search and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.list.count():
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = min(max(self.list.currentRow() + step, 0), self.list.count() - 1)
            self.list.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)

    def _on_search_return(self) -> None:
        if self.selected_unit() is not None:
            self.accept()

    def selected_unit(self) -> Unit | None:
        item = self.list.currentItem()
        return units.unit(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def accept(self) -> None:
        if self.selected_unit() is not None:
            super().accept()
