"""Every command of the window declared once: label, key, menu and handler (standard keys where Qt has them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget


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
    COLUMNS = auto()
    EXPORT_LIST = auto()
    SIGN_OUT = auto()
    GUIDE = auto()
    PRINT_LIST = auto()
    IMPORT_REPLY = auto()


@dataclass(frozen=True)
class Command:
    """One command of the window: its label, its key, where it sits and what it calls."""

    text: str
    shortcut: QKeySequence | QKeySequence.StandardKey | None
    menu: str  # "file", "records", "data" or "help"
    handler: str  # "<owner>.<method>": window, safety (data safety), imports or replies
    checkable: bool = False
    separated: bool = False  # a line above it in its menu


# The menus in the menu bar's order; their titles are the window's (retranslated with it).
MENUS = ("file", "records", "data", "help")
# The toolbar and a register row's right-click menu offer these, in this order.
TOOLBAR = (ActionId.NEW_RECORD, ActionId.EDIT_RECORD, ActionId.VOID_RECORD, ActionId.EXPORT_LIST, ActionId.PRINT_LIST)
ROW_MENU = (ActionId.EDIT_RECORD, ActionId.HISTORY, ActionId.VOID_RECORD, ActionId.NEW_RECORD)


def commands() -> dict[ActionId, Command]:
    """Every command in menu order; each text is a literal translate() call so that lupdate sees it."""
    A, S = ActionId, QKeySequence.StandardKey

    return {
        A.IMPORT_EXCEL: Command(
            QCoreApplication.translate("actions", "&Import from Excel..."),
            QKeySequence("Ctrl+I"),
            "file",
            "imports.import_excel",
        ),
        A.MAKE_TEMPLATE: Command(
            QCoreApplication.translate("actions", "Create import &template..."), None, "file", "imports.make_template"
        ),
        A.IMPORT_REPLY: Command(
            QCoreApplication.translate("actions", "Import &answers from a reply file..."),
            None,
            "file",
            "replies.import_reply",
        ),
        # Ctrl+E: what the clerk is looking at; a period's report (Decree 09 window) is one more key away.
        A.EXPORT_LIST: Command(
            QCoreApplication.translate("actions", "E&xport this list to Excel..."),
            QKeySequence("Ctrl+E"),
            "file",
            "window.export_list",
        ),
        A.EXPORT_REPORT: Command(
            QCoreApplication.translate("actions", "Export a period's &report..."),
            QKeySequence("Ctrl+Shift+E"),
            "file",
            "window.export_report",
        ),
        A.PRINT_LIST: Command(
            QCoreApplication.translate("actions", "&Print this list..."), S.Print, "file", "window.print_list"
        ),
        A.SETTINGS: Command(
            QCoreApplication.translate("actions", "&Settings..."), S.Preferences, "file", "window.open_settings"
        ),
        A.CHANGE_UNIT: Command(
            QCoreApplication.translate("actions", "Change &unit..."), None, "file", "window.change_unit"
        ),
        # Qt has no standard Quit key on Windows: Ctrl+Q everywhere.
        A.QUIT: Command(QCoreApplication.translate("actions", "&Quit"), QKeySequence("Ctrl+Q"), "file", "window.close"),
        A.UNDO: Command(QCoreApplication.translate("actions", "&Undo"), S.Undo, "records", "window.undo"),
        A.NEW_RECORD: Command(
            QCoreApplication.translate("actions", "&New record"), S.New, "records", "window.new_record"
        ),
        A.EDIT_RECORD: Command(
            QCoreApplication.translate("actions", "&Edit record"), QKeySequence("F2"), "records", "window.edit_record"
        ),
        A.VOID_RECORD: Command(
            QCoreApplication.translate("actions", "&Void record..."),
            QKeySequence("Ctrl+Del"),
            "records",
            "window.void_record",
        ),
        A.SHOW_VOIDED: Command(
            QCoreApplication.translate("actions", "Show voi&ded records"),
            None,
            "records",
            "window.show_voided",
            checkable=True,
        ),
        A.FIND: Command(QCoreApplication.translate("actions", "&Search"), S.Find, "records", "window.find"),
        A.COLUMNS: Command(
            QCoreApplication.translate("actions", "Choose &columns..."), None, "records", "window.choose_columns"
        ),
        A.HISTORY: Command(
            QCoreApplication.translate("actions", "&History of the record..."),
            QKeySequence("Ctrl+H"),
            "records",
            "safety.show_history",
        ),
        A.BACKUP_NOW: Command(
            QCoreApplication.translate("actions", "&Back up now..."),
            QKeySequence("Ctrl+B"),
            "data",
            "safety.backup_now",
        ),
        A.RESTORE: Command(
            QCoreApplication.translate("actions", "&Restore from a backup..."), None, "data", "safety.restore"
        ),
        A.CHECK_DATABASE: Command(
            QCoreApplication.translate("actions", "&Check the database"), None, "data", "safety.check"
        ),
        A.USERS: Command(
            QCoreApplication.translate("actions", "&Users..."), None, "data", "safety.manage_users", separated=True
        ),
        A.LOCK_NOW: Command(
            QCoreApplication.translate("actions", "&Lock Desk"), QKeySequence("Ctrl+L"), "data", "safety.lock_now"
        ),
        A.SIGN_OUT: Command(
            QCoreApplication.translate("actions", "Sign &out / change user..."), None, "data", "window.sign_out"
        ),
        A.GUIDE: Command(
            QCoreApplication.translate("actions", "&Guide and shortcuts"), S.HelpContents, "help", "window.show_guide"
        ),
        A.ABOUT: Command(QCoreApplication.translate("actions", "&About Desk"), None, "help", "window.show_about"),
    }


def build_actions(parent: QWidget) -> dict[ActionId, QAction]:
    actions = {}
    for action_id, command in commands().items():
        action = QAction(command.text, parent)
        if isinstance(command.shortcut, QKeySequence.StandardKey):
            action.setShortcuts(command.shortcut)
        elif command.shortcut is not None:
            action.setShortcut(command.shortcut)
        action.setCheckable(command.checkable)
        action.setObjectName(action_id.name.lower())
        actions[action_id] = action
    return actions


def connect_actions(actions: dict[ActionId, QAction], owners: Mapping[str, object]) -> None:
    """Connect every command to its handler, called without arguments (a checkable one gets its state).

    triggered(bool) passed into a handler's first parameter is how File > Import crashed: no handler
    here ever receives Qt's `checked`.
    """
    for action_id, command in commands().items():
        owner, method = command.handler.split(".")
        handler = getattr(owners[owner], method)
        if command.checkable:
            actions[action_id].toggled.connect(handler)
        else:
            actions[action_id].triggered.connect(lambda _checked=False, handler=handler: handler())


def fill_menus(menus: Mapping[str, QMenu], actions: dict[ActionId, QAction]) -> None:
    for action_id, command in commands().items():
        menu = menus[command.menu]
        if command.separated:
            menu.addSeparator()
        menu.addAction(actions[action_id])
