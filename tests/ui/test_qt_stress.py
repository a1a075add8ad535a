"""Known trap: PySide6 6.12 on Python 3.11 aborts after ~5,000 calls of void Qt methods."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_fifty_thousand_void_qt_calls_do_not_crash(qtbot):
    # Python >= 3.12 makes None immortal; if a future PySide6/Python brings the refcount bug
    # back, this aborts the suite instead of a clerk's afternoon.
    assert sys.version_info >= (3, 12)
    label = QLabel()
    qtbot.addWidget(label)
    for _ in range(50_000):
        label.setText("ư")
        label.clear()
    label.setText("xong")
    assert label.text() == "xong"
