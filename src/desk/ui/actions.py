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
    HISTORY = auto()
    BACKUP_NOW = auto()
    RESTORE = auto()
    CHECK_DATABASE = auto()
    USERS = auto()
    LOCK_NOW = auto()
    IMPORT_EXCEL = auto()
    MAKE_TEMPLATE = auto()
    UNDO = auto()
    IMPORT_REPLY = auto()



# (text, shortcut, checkable); texts are marked for translation via QT_TRANSLATE_NOOP-style calls
# in _texts() so that lupdate sees them.
def _texts() -> dict[ActionId, tuple[str, object, bool]]:
    S = QKeySequence.StandardKey
    return {
        ActionId.NEW_RECORD: (QCoreApplication.translate("actions", "&New record"), S.New, False),
        ActionId.EDIT_RECORD: (QCoreApplication.translate("actions", "&Edit record"), QKeySequence("F2"), False),
        ActionId.VOID_RECORD: (QCoreApplication.translate("actions", "&Void record..."), QKeySequence("Ctrl+Del"), False),
        ActionId.SHOW_VOIDED: (QCoreApplication.translate("actions", "Show &voided records"), None, True),
        ActionId.FIND: (QCoreApplication.translate("actions", "&Search"), S.Find, False),
        ActionId.EXPORT_REPORT: (QCoreApplication.translate("actions", "E&xport report..."), QKeySequence("Ctrl+E"), False),
        ActionId.SETTINGS: (QCoreApplication.translate("actions", "&Settings..."), S.Preferences, False),
        ActionId.CHANGE_UNIT: (QCoreApplication.translate("actions", "Change &unit..."), None, False),
        ActionId.QUIT: (QCoreApplication.translate("actions", "&Quit"), S.Quit, False),
        ActionId.ABOUT: (QCoreApplication.translate("actions", "&About Desk"), None, False),
        ActionId.HISTORY: (QCoreApplication.translate("actions", "&History of the record..."), QKeySequence("Ctrl+H"), False),
        ActionId.BACKUP_NOW: (QCoreApplication.translate("actions", "&Back up now..."), QKeySequence("Ctrl+B"), False),
        ActionId.RESTORE: (QCoreApplication.translate("actions", "&Restore from a backup..."), None, False),
        ActionId.CHECK_DATABASE: (QCoreApplication.translate("actions", "&Check the database"), None, False),
        ActionId.USERS: (QCoreApplication.translate("actions", "&Users..."), None, False),
        ActionId.LOCK_NOW: (QCoreApplication.translate("actions", "&Lock Desk"), QKeySequence("Ctrl+L"), False),
        ActionId.IMPORT_EXCEL: (QCoreApplication.translate("actions", "&Import from Excel..."), QKeySequence("Ctrl+I"), False),
        ActionId.MAKE_TEMPLATE: (QCoreApplication.translate("actions", "Create import &template..."), None, False),
        ActionId.UNDO: (QCoreApplication.translate("actions", "&Undo"), S.Undo, False),
        ActionId.IMPORT_REPLY: (QCoreApplication.translate("actions", "Import &answers from a reply file..."), None,
                                False),
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
