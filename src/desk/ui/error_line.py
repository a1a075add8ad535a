"""The red line under a small form that says why it was refused, hidden until there is something to say."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

ERROR_STYLE = "color: #b42318;"


def error_line() -> QLabel:
    label = QLabel()
    label.setObjectName("error")      # tests and the form's own checks find it by this name
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label
