"""Completion that finds each typed word where a word starts, accents and case aside ("nguyen hung"
finds "Nguyễn Văn Hùng"): the register list's search rule, for lists of names."""

from __future__ import annotations

from PySide6.QtCore import (
    QElapsedTimer,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QCompleter, QLineEdit

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


# Keys typed this close together (milliseconds) make one search; Qt's own 400 ms cut a slow typist's
# "cong chuc" in two. Longer does no harm: typing that fits nothing starts a new search.
_TYPING_PAUSE_MS = 1500
_MODIFIER_KEYS = (Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta, Qt.Key.Key_AltGr)


def fold_pick(labels: list[str], typed: str, current: int, *, again: bool = False) -> int | None:
    """The row of labels that typed words find, accents and case aside, each where a word starts
    ("cong chuc" finds "Công chức", "di" finds "… đi nơi khác"). Labels starting with the words as typed
    come first, then those holding them in that order, then in any order ("phong van" is Phòng Văn hóa
    before Văn phòng); among the best, the current row while it fits, else the first. again (a new
    search) moves on from a current row that fits, so one letter pressed again goes through the items it
    finds, as a list's own type-ahead does. None: nothing fits."""
    words = search_words(typed)
    if not words:
        return None
    forms = [search_form(label) for label in labels]
    fits = [row for row, form in enumerate(forms) if holds(words, form)]
    if not fits:
        return None
    if again and current in fits:
        return next((row for row in fits if row > current), fits[0])
    phrase = "".join(words)
    ranks = {row: 0 if forms[row].startswith(phrase) else 1 if phrase in forms[row] else 2 for row in fits}
    best = [row for row in fits if ranks[row] == min(ranks.values())]
    return current if current in best else best[0]


class FoldTypeAhead(QObject):
    """Typing in a closed choice box (or in its open list) picks the item the typed words find the Desk
    way (fold_pick), instead of Qt's type-ahead, which matched the accented start of a label only ("nu"
    chose "Nam"). A space continues the words being typed (Qt opened the list); Backspace takes back the
    last letter (a Vietnamese input method sends it to put a tone on). Arrows, Tab and Enter are the box's."""

    def __init__(self, combo: QComboBox):
        super().__init__(combo)
        self._combo = combo
        self.typed = ""
        self._clock = QElapsedTimer()
        combo.installEventFilter(self)
        combo.view().installEventFilter(self)

    def _typing(self) -> bool:
        return bool(self.typed) and self._clock.isValid() and self._clock.elapsed() < _TYPING_PAUSE_MS

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched is self._combo:
            self.typed = ""                          # a new visit to the box, a new search
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) or self._combo.isEditable():
            return super().eventFilter(watched, event)
        text, key = event.text(), event.key()
        commands = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                        | Qt.KeyboardModifier.MetaModifier)
        if key == Qt.Key.Key_Backspace and not commands and self._typing():
            self._search(self.typed[:-1], again=False, view=watched is not self._combo)
            return True
        if text and text.isprintable() and not commands and (text.strip() or self._typing()):
            if self._typing():
                self._type(self.typed + text, text, watched is not self._combo)
            else:
                self._search(text, again=True, view=watched is not self._combo)
            return True
        if key not in _MODIFIER_KEYS:
            self.typed = ""                          # an arrow or another command ends the typing
        return super().eventFilter(watched, event)

    def _type(self, longer: str, letter: str, view: bool) -> None:
        # Words that no longer fit anything start again from this letter ("nam" after "nu" was chosen).
        if fold_pick(self._labels(), longer, self._current(view)) is None and letter.strip():
            self._search(letter, again=True, view=view)
        else:
            self._search(longer, again=False, view=view)

    def _search(self, typed: str, *, again: bool, view: bool) -> None:
        self.typed = typed
        self._clock.start()
        row = fold_pick(self._labels(), typed, self._current(view), again=again)
        if row is None or row == self._current(view):
            return
        if view:                                     # the open list: Enter takes the item, Esc leaves it
            items: QAbstractItemView = self._combo.view()
            items.setCurrentIndex(self._combo.model().index(row, self._combo.modelColumn(),
                                                            self._combo.rootModelIndex()))
        else:
            self._combo.setCurrentIndex(row)
            self._combo.activated.emit(row)

    def _current(self, view: bool) -> int:
        return self._combo.view().currentIndex().row() if view else self._combo.currentIndex()

    def _labels(self) -> list[str]:
        return [self._combo.itemText(row) for row in range(self._combo.count())]


def typable_choices(combo: QComboBox) -> None:
    """Make a closed choice box find its items by typed words, accents optional (FoldTypeAhead)."""
    FoldTypeAhead(combo)
