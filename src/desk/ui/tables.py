"""The read-only lists of the window: one way to make them, so none keeps the Tab key inside its cells."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableView


def make_table(name: str, *, parent=None) -> QTableView:
    """A list of rows to select and open. Tab leaves it (QTableView keeps Tab among its cells by default: a
    keyboard trap in a screen of fields and buttons); arrows move between rows."""
    table = QTableView(parent)
    table.setObjectName(name)
    table.setTabKeyNavigation(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    return table
