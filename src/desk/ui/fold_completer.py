"""Completion that ignores accents and case ("nguyen van an" finds "Nguyễn Văn An"), for lists of names."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit

from desk.domain.text import search_form

FOLD_ROLE = Qt.ItemDataRole.UserRole + 40


class FoldCompleter(QCompleter):
    """Matches the typed words, folded, in an item's search form (FOLD_ROLE), from a word's start."""

    def __init__(self, model, parent=None):
        super().__init__(model, parent)
        self.setCompletionRole(FOLD_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(12)

    def splitPath(self, path: str) -> list[str]:
        return [search_form(path)]

    def pathFromIndex(self, index: QModelIndex) -> str:
        # What lands in the line edit: the item as written, with its accents.
        return index.data(Qt.ItemDataRole.DisplayRole) or ""


def searchable_combo(combo: QComboBox) -> None:
    """Make a combo box typable: the clerk types part of a name and picks it from the popup."""
    for i in range(combo.count()):
        combo.setItemData(i, search_form(combo.itemText(i)), FOLD_ROLE)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = FoldCompleter(combo.model(), combo)
    combo.setCompleter(completer)


def suggestions(edit: QLineEdit, texts: list[str]) -> None:
    """Offer texts as completions of a free-text line edit (the clerk may still type anything)."""
    model = QStandardItemModel(edit)
    for text in texts:
        item = QStandardItem(text)
        item.setData(search_form(text), FOLD_ROLE)
        model.appendRow(item)
    edit.setCompleter(FoldCompleter(model, edit))
