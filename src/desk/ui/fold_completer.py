"""Completion that finds each typed word where a word starts, accents and case aside ("nguyen hung"
finds "Nguyễn Văn Hùng"): the register list's search rule, for lists of names."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit

from desk.domain.text import holds, search_form, search_words

FOLD_ROLE = Qt.ItemDataRole.UserRole + 40
_TAKING = (Qt.Key.Key_Tab, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class WordFilter(QSortFilterProxyModel):
    """The items whose search form (FOLD_ROLE) holds every typed word, in any order (text.search_words)."""

    def __init__(self, source, parent=None):
        super().__init__(parent)
        self.setSourceModel(source)
        self._words: tuple[str, ...] = ()

    def set_text(self, text: str) -> None:
        words = search_words(text)
        if words != self._words:
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:
        form = self.sourceModel().index(row, 0, parent).data(FOLD_ROLE) or ""
        return holds(self._words, form)


class FoldCompleter(QCompleter):
    """Offers the items holding every typed word (WordFilter); QCompleter's own matching reads one string,
    in order, so it is given the filtered items to show as they are."""

    def __init__(self, model, parent=None, *, takes_the_only_fit: bool = False):
        super().__init__(parent)
        self._takes = takes_the_only_fit       # a chooser's; free text keeps what was typed
        self.words = WordFilter(model, self)
        self.setModel(self.words)
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setMaxVisibleItems(12)

    def splitPath(self, path: str) -> list[str]:
        self.words.set_text(path)
        return [""]

    def pathFromIndex(self, index: QModelIndex) -> str:
        # What lands in the line edit: the item as written, with its accents.
        return index.data(Qt.ItemDataRole.DisplayRole) or ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Tab or Enter with one item offered takes it, as Down then Enter does (the popup, open, keeps the
        # box from losing focus, so the box cannot take it itself).
        popup = self.popup()
        if (self._takes and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() in _TAKING
                and popup.isVisible() and not popup.currentIndex().isValid() and self.words.rowCount() == 1):
            popup.setCurrentIndex(self.completionModel().index(0, 0))
        return super().eventFilter(watched, event)


def searchable_combo(combo: QComboBox) -> None:
    """Make a combo box typable: the clerk types part of a name and picks it from the popup."""
    for i in range(combo.count()):
        combo.setItemData(i, search_form(combo.itemText(i)), FOLD_ROLE)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = FoldCompleter(combo.model(), combo, takes_the_only_fit=True)
    combo.setCompleter(completer)
    # Tab (or Enter) after typing words that fit one item takes it, as picking it from the popup does.
    combo.lineEdit().editingFinished.connect(lambda: _take_the_only_fit(combo))


def only_fit(combo: QComboBox, text: str) -> int | None:
    """The index of the one item whose search form holds every word of text (None: none or several)."""
    words = search_words(text)
    if not words:
        return None
    fits = [i for i in range(combo.count()) if holds(words, combo.itemData(i, FOLD_ROLE) or "")]
    return fits[0] if len(fits) == 1 else None


def _take_the_only_fit(combo: QComboBox) -> None:
    text = combo.currentText()
    if combo.currentIndex() >= 0 and combo.itemText(combo.currentIndex()) == text:
        return                                  # an item already
    index = only_fit(combo, text)
    if index is not None:
        combo.setCurrentIndex(index)


def suggestions(edit: QLineEdit, texts: list[str]) -> None:
    """Offer texts as completions of a free-text line edit (the clerk may still type anything)."""
    model = QStandardItemModel(edit)
    for text in texts:
        item = QStandardItem(text)
        item.setData(search_form(text), FOLD_ROLE)
        model.appendRow(item)
    edit.setCompleter(FoldCompleter(model, edit))
