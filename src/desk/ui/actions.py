"""Every command of the window in one registry, with standard shortcuts where Qt has them."""

from __future__ import annotations

from enum import Enum, auto

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


class ActionId(Enum):
    NEW_RECORD = auto()
    EDIT_RECORD = auto()
    VOID_RECORD = auto()
    SHOW_VOIDED = auto()
    FIND = auto()
    EXPORT_REPORT = auto()
    SETTINGS = auto()
    CHANGE_UNIT = auto()
    QUIT = auto()
    ABOUT = auto()


def _tr(text: str) -> str:
    return QCoreApplication.translate("actions", text)


# (text, shortcut, checkable); texts are marked for translation via QT_TRANSLATE_NOOP-style calls
# in _texts() so that lupdate sees them.
def _texts() -> dict[ActionId, tuple[str, object, bool]]:
    S = QKeySequence.StandardKey
    return {
        ActionId.NEW_RECORD: (_tr("&New record"), S.New, False),
        ActionId.EDIT_RECORD: (_tr("&Edit record"), QKeySequence("F2"), False),
        ActionId.VOID_RECORD: (_tr("&Void record..."), QKeySequence("Ctrl+Del"), False),
        ActionId.SHOW_VOIDED: (_tr("Show &voided records"), None, True),
        ActionId.FIND: (_tr("&Search"), S.Find, False),
        ActionId.EXPORT_REPORT: (_tr("E&xport report..."), QKeySequence("Ctrl+E"), False),
        ActionId.SETTINGS: (_tr("&Settings..."), S.Preferences, False),
        ActionId.CHANGE_UNIT: (_tr("Change &unit..."), None, False),
        ActionId.QUIT: (_tr("&Quit"), S.Quit, False),
        ActionId.ABOUT: (_tr("&About Desk"), None, False),
    }


def build_actions(parent: QWidget) -> dict[ActionId, QAction]:
    actions = {}
    for action_id, (text, shortcut, checkable) in _texts().items():
        action = QAction(text, parent)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcut(shortcut)
        action.setCheckable(checkable)
        action.setObjectName(action_id.name.lower())
        actions[action_id] = action
    return actions
