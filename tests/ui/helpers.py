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
