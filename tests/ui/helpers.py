"""Typing as a Vietnamese clerk does: one key event per character (QTest.keyClicks aborts on 'ư')."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def type_text(text: str, widget=None) -> None:
    for ch in text:
        target = widget or QApplication.focusWidget()
        QTest.sendKeyEvent(QTest.KeyAction.Click, target, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier)


def press(key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier, widget=None) -> None:
    QTest.keyClick(widget or QApplication.focusWidget(), key, modifier)


def retype(widget, text: str) -> None:
    """Replace a field's text as a clerk does: focus it, select all, type one key event per character."""
    widget.setFocus()
    QApplication.processEvents()
    widget.selectAll()
    type_text(text, widget)


def run_settings_dialog(monkeypatch, steps) -> dict:
    """The settings dialog as exec() would run it: the steps a clerk takes, then Save; the dialog is
    kept in the returned dict under "dialog"."""
    from desk.ui.settings_dialog import SettingsDialog

    seen = {}

    def exec_(dialog):
        seen["dialog"] = dialog
        dialog.show()
        steps(dialog)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", exec_)
    return seen
