"""The editor of each setting type (desk.domain.settings), registered once: its widget, set_value and value()."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from desk.domain.formats import format_date_vi
from desk.domain.settings import Decimal, OneOf, Setting, SomeOf, Whole


class SettingEditor:
    """`widget` sits in the settings page; set_value shows a value, value() gives what is typed (the
    setting's type then parses and checks it, so the message names the setting)."""

    widget: QWidget

    def set_value(self, value) -> None:
        raise NotImplementedError

    def value(self):
        raise NotImplementedError


class WholeEditor(SettingEditor):
    def __init__(self, setting: Setting):
        limits: Whole = setting.type    # type: ignore[assignment]
        self.widget = QSpinBox()
        self.widget.setRange(limits.minimum, limits.maximum)

    def set_value(self, value) -> None:
        self.widget.setValue(int(value))

    def value(self):
        return self.widget.value()


class DecimalEditor(SettingEditor):
    def __init__(self, setting: Setting):
        limits: Decimal = setting.type    # type: ignore[assignment]
        self.widget = QDoubleSpinBox()
        self.widget.setRange(limits.minimum, limits.maximum)
        self.widget.setDecimals(limits.decimals)
        self.widget.setSingleStep(limits.step)

    def set_value(self, value) -> None:
        self.widget.setValue(float(value or 0))

    def value(self):
        return self.widget.value()


class TextEditor(SettingEditor):
    def __init__(self, setting: Setting):
        self.widget = QLineEdit()

    def set_value(self, value) -> None:
        self.widget.setText(value or "")

    def value(self):
        return self.widget.text()


class LinesEditor(SettingEditor):
    """Several lines (recipients, holidays): one a line."""

    def __init__(self, setting: Setting, show: Callable[[object], str] = lambda lines: "\n".join(lines)):
        self.widget = QPlainTextEdit()
        self.widget.setTabChangesFocus(True)       # keyboard users Tab out of a text box
        self.widget.setFixedHeight(84)
        self._show = show

    def set_value(self, value) -> None:
        self.widget.setPlainText(self._show(value))

    def value(self):
        return self.widget.toPlainText()


class OneOfEditor(SettingEditor):
    def __init__(self, setting: Setting):
        self.widget = QComboBox()
        one_of: OneOf = setting.type    # type: ignore[assignment]
        for choice in one_of.choices:
            self.widget.addItem(choice.label, choice.code)

    def set_value(self, value) -> None:
        self.widget.setCurrentIndex(max(0, self.widget.findData(value)))

    def value(self):
        return self.widget.currentData()


class SomeOfEditor(SettingEditor):
    """A list to tick: the forms that carry "Người lập biểu", the categories counted."""

    def __init__(self, setting: Setting):
        some_of: SomeOf = setting.type    # type: ignore[assignment]
        self.widget = QListWidget()
        for choice in some_of.choices:
            item = QListWidgetItem(choice.label)
            item.setData(Qt.ItemDataRole.UserRole, choice.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.widget.addItem(item)
        self.widget.setMaximumHeight(min(180, 22 * len(some_of.choices) + 8))

    def set_value(self, value) -> None:
        for row in range(self.widget.count()):
            item = self.widget.item(row)
            on = item.data(Qt.ItemDataRole.UserRole) in value
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def value(self):
        return [self.widget.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.widget.count())
                if self.widget.item(r).checkState() == Qt.CheckState.Checked]


class DayEditor(TextEditor):
    def __init__(self, setting: Setting):
        super().__init__(setting)
        self.widget.setPlaceholderText("dd/mm/yyyy")
        self.widget.setMaximumWidth(140)

    def set_value(self, value) -> None:
        self.widget.setText(format_date_vi(value) if isinstance(value, date) else (value or ""))


class FlagEditor(SettingEditor):
    def __init__(self, setting: Setting):
        self.widget = QCheckBox()

    def set_value(self, value) -> None:
        self.widget.setChecked(bool(value))

    def value(self):
        return self.widget.isChecked()


EDITORS: dict[str, Callable[[Setting], SettingEditor]] = {
    "whole": WholeEditor,
    "decimal": DecimalEditor,
    "text": TextEditor,
    "lines": LinesEditor,
    "days": lambda s: LinesEditor(s, lambda days: "\n".join(format_date_vi(d) for d in sorted(days))),
    "one_of": OneOfEditor,
    "some_of": SomeOfEditor,
    "day": DayEditor,
    "flag": FlagEditor,
}


def editor_for(setting: Setting) -> SettingEditor:
    editor = EDITORS[setting.type.editor](setting)
    editor.widget.setObjectName(setting.key)
    return editor
