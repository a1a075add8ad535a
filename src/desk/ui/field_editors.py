"""The form editor of each field kind, registered once: its widget, how it shows a value, what it gives back."""

from __future__ import annotations

import heapq
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget

from desk.domain.fields import Choice, FieldSpec, Kind
from desk.domain.formats import format_count, format_date_vi
from desk.ui.fold_completer import only_fit, searchable_combo, suggestions, typable_choices

COLUMNS = 2
# A one-line field this long is typed in a box that wraps (a pasted 2,000-character title stays readable).
WRAP_FROM = 300
LIMIT_STYLE, OVER_STYLE = "color: #475467;", "color: #b42318; font-weight: bold;"


@dataclass(frozen=True)
class EditorContext:
    """What an editor needs beyond its field: the choices offered (active ones), every choice ever
    used (to show retired ones on old records), and the suggestions for free text (bodies)."""

    choices: Callable[[FieldSpec], tuple[Choice, ...]]
    all_choices: Callable[[FieldSpec], tuple[Choice, ...]]
    suggestions: Callable[[FieldSpec], list[str]]


class FieldEditor:
    """A field's editor: `widget` sits in the form; set_value shows a stored value, value() reads input."""

    widget: QWidget

    def set_value(self, value) -> None:
        raise NotImplementedError

    def value(self):
        raise NotImplementedError

    # Shown under the widget: how many characters are typed against the field's limit (None: no limit).
    counter: QLabel | None = None

    def focus_chain(self) -> list[QWidget]:
        """The widgets Tab visits, in reading order."""
        return [self.widget]


class WrapLineEdit(QPlainTextEdit):
    """One line of text in a box that wraps it over two or three lines: Enter saves the form (as in a
    line box), a pasted line break becomes a space, and nothing typed or pasted is ever cut off."""

    returnPressed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        lines = self.fontMetrics().lineSpacing()
        self.setFixedHeight(int(lines * 2.6) + 10)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return,
                           Qt.Key.Key_Enter) and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.returnPressed.emit()
            event.ignore()          # the dialog's default button (Save) takes it, as from a line box
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source) -> None:
        text = " ".join(source.text().split()) if source.hasText() else ""
        self.insertPlainText(text)


def limit_counter(widget: QWidget, spec: FieldSpec, text_of) -> QLabel | None:
    """"120 / 500 ký tự" under a field with a limit, red once over it; the limit is never silently applied."""
    if not spec.max_length:
        return None
    label = QLabel()
    label.setObjectName(f"counter_{spec.name}")
    label.setAlignment(Qt.AlignmentFlag.AlignRight)

    def update() -> None:
        count = len(text_of())
        label.setText(QCoreApplication.translate("FieldEditor", "{count} / {limit} characters").format(
            count=format_count(count), limit=format_count(spec.max_length)))
        label.setStyleSheet(OVER_STYLE if count > spec.max_length else LIMIT_STYLE)
        # Always under a wrapping box (a title); elsewhere once the text comes near the limit.
        label.setVisible(isinstance(widget, WrapLineEdit) or count >= spec.max_length * 0.8)

    widget.textChanged.connect(update)
    update()
    return label


class LineEditor(FieldEditor):
    """One line of text, a date or a number: typed as text, read by the field's codec."""

    def __init__(self, spec: FieldSpec, context: EditorContext, *, placeholder: str = "", max_width: int = 0):
        long = spec.kind == Kind.TEXT and (spec.max_length or 0) >= WRAP_FROM and not spec.suggest
        self.widget = WrapLineEdit() if long else QLineEdit()
        if placeholder:
            self.widget.setPlaceholderText(placeholder)
        if max_width:
            self.widget.setMaximumWidth(max_width)
        if spec.suggest:
            suggestions(self.widget, context.suggestions(spec))
        if spec.kind == Kind.TEXT:
            self.counter = limit_counter(self.widget, spec, self.widget.text)

    def set_value(self, value) -> None:
        self.widget.setText("" if value is None else format_date_vi(value) if isinstance(value, date) else str(value))

    def value(self):
        return self.widget.text()


class TextBoxEditor(FieldEditor):
    def __init__(self, spec: FieldSpec, context: EditorContext):
        self.widget = QPlainTextEdit()
        self.widget.setTabChangesFocus(True)       # keyboard users Tab out of a text box
        self.widget.setFixedHeight(64)
        self.counter = limit_counter(self.widget, spec, self.widget.toPlainText)

    def set_value(self, value) -> None:
        self.widget.setPlainText(value or "")

    def value(self):
        return self.widget.toPlainText()


class CheckEditor(FieldEditor):
    def __init__(self, spec: FieldSpec, context: EditorContext):
        self.widget = QCheckBox()

    def set_value(self, value) -> None:
        self.widget.setChecked(bool(value))

    def value(self):
        return self.widget.isChecked()


def widest_item(combo: QComboBox, labels: list[str], first_row: int = 0, candidates: int = 64) -> int:
    """The width the open list needs to show every label (from first_row on) whole. Measured on the
    longest labels only: Qt's sizeHintForColumn lays out every item (0.1 s for 20,000 officials), and the
    widest label is among the longest in letters."""
    view, model = combo.view(), combo.model()
    longest = heapq.nlargest(candidates, range(len(labels)), key=lambda i: len(labels[i]))
    return max((view.sizeHintForIndex(model.index(first_row + i, 0)).width() for i in longest), default=0)


class ComboEditor(FieldEditor):
    """A choice from a list, found by typing words of it; a reference is searchable by typing part of a
    name in the box. Accents are optional in both."""

    def __init__(self, spec: FieldSpec, context: EditorContext, *, searchable: bool = False):
        self.widget = QComboBox()
        # As wide as the form gives it, not as its longest choice: the form never scrolls sideways; the
        # open list shows every choice whole. Set before the choices go in: a combo box sized to its
        # contents measures every item as it is added and again when made editable (20,000 officials).
        self.widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.widget.setMinimumContentsLength(16)
        # Retired codes and voided references, read only for an old record holding one (20,000 officials'
        # names read twice made the movement form slow to open).
        self._all = lambda: context.all_choices(spec)
        blank = not spec.required or searchable
        if blank:
            self.widget.addItem("", None)
        choices = context.choices(spec)
        for choice in choices:
            self.widget.addItem(choice.label, choice.code)
        if not blank:
            self.widget.setCurrentIndex(-1)         # no silent default: the clerk chooses
        if searchable:
            searchable_combo(self.widget)
        else:                                       # typed words find a choice as a search does: "nu", Nữ
            typable_choices(self.widget)
        self.widget.view().setMinimumWidth(widest_item(self.widget, [c.label for c in choices], int(blank)) + 24)

    def set_value(self, value) -> None:
        index = self.widget.findData(value)
        if index < 0 and value:                     # a retired choice still shows on old records
            label = next((c.label for c in self._all() if c.code == value), value)
            self.widget.addItem(label, value)
            index = self.widget.count() - 1
        self.widget.setCurrentIndex(index)

    def value(self):
        combo = self.widget
        if combo.isEditable():
            # Typed text that is not (or no longer) the chosen item names the one item its words fit (saved
            # with Ctrl+S before leaving the box), or is resolved, or refused, by the service.
            text = combo.currentText()
            if combo.currentIndex() >= 0 and combo.itemText(combo.currentIndex()) == text:
                return combo.currentData()
            fit = only_fit(combo, text)
            return combo.itemData(fit) if fit is not None else text
        return combo.currentData() if combo.currentIndex() >= 0 else None


class MultiChoiceEditor(QWidget):
    """One check box per choice, in the list's order; the value is the ticked codes."""

    def __init__(self, choices: tuple[Choice, ...], parent=None):
        super().__init__(parent)
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        for i, choice in enumerate(choices):
            box = QCheckBox(choice.label)
            box.setObjectName(f"choice_{choice.code}")
            self.boxes[choice.code] = box
            grid.addWidget(box, i // COLUMNS, i % COLUMNS)
        if self.boxes:
            self.setFocusProxy(next(iter(self.boxes.values())))

    def set_codes(self, value: str | None) -> None:
        chosen = set((value or "").split(","))
        for code, box in self.boxes.items():
            box.setChecked(code in chosen)

    def codes(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]


class ChecksEditor(FieldEditor):
    def __init__(self, spec: FieldSpec, context: EditorContext):
        self.widget = MultiChoiceEditor(context.choices(spec))

    def set_value(self, value) -> None:
        self.widget.set_codes(value)

    def value(self):
        return self.widget.codes()

    def focus_chain(self) -> list[QWidget]:
        return list(self.widget.boxes.values())


EDITORS: dict[Kind, Callable[[FieldSpec, EditorContext], FieldEditor]] = {
    Kind.TEXT: LineEditor,
    Kind.LONGTEXT: TextBoxEditor,
    Kind.DATE: lambda spec, context: LineEditor(spec, context, placeholder="dd/mm/yyyy", max_width=140),
    Kind.INT: LineEditor,
    Kind.BOOL: CheckEditor,
    Kind.CHOICE: ComboEditor,
    Kind.REF: lambda spec, context: ComboEditor(spec, context, searchable=True),
    Kind.MULTI: ChecksEditor,
}


def editor_for(spec: FieldSpec, context: EditorContext) -> FieldEditor:
    return EDITORS[spec.kind](spec, context)
