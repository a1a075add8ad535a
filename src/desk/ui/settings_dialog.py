"""The settings screen, built from their declarations: a page per group, the editable lists, this PC's preferences."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk.domain.settings import FROM, Day, Rule, SettingGroup
from desk.errors import UserError, ValidationError
from desk.services.choice_lists import ListItem
from desk.ui import messages
from desk.ui.setting_editors import SettingEditor, editor_for

_Index = QModelIndex | QPersistentModelIndex
log = logging.getLogger(__name__)


class SettingsPage(QWidget):
    """One group of settings as a form: label, editor and help for each declared setting."""

    def __init__(self, group: SettingGroup, parent=None):
        super().__init__(parent)
        self.group = group
        self.editors: dict[str, SettingEditor] = {}
        self.labels: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        self.form = form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(form)
        outer.addStretch(1)                 # rows keep their height; the page's room is left below
        for setting, value in group:
            if not setting.shown:
                continue
            editor = editor_for(setting)
            editor.set_value(value)
            if setting.placeholder is not None and group._context is not None and hasattr(editor.widget,
                                                                                          "setPlaceholderText"):
                editor.widget.setPlaceholderText(setting.placeholder(group._context))
            self._row(form, setting.name, f"{setting.label}:", editor, setting.help)
            if isinstance(setting, Rule):          # a rule's date: periods ending on or after it
                since = editor_for(_Effective(setting))
                since.set_value(group.effective(setting.name))
                self._row(form, setting.name + FROM, "", since, setting.earlier_label)
                self.labels[setting.name + FROM].setText(self.tr("Applies to periods ending from:"))

    def _row(self, form: QFormLayout, name: str, text: str, editor: SettingEditor, help_text: str) -> None:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setBuddy(editor.widget)
        editor.widget.setToolTip(help_text)
        self.editors[name], self.labels[name] = editor, label
        if help_text:
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(editor.widget)
            hint = QLabel(help_text)
            hint.setWordWrap(True)
            hint.setObjectName("hint")
            hint.setStyleSheet("color: #555; font-size: 9pt;")
            column.addWidget(hint)
            form.addRow(label, box)
        else:
            form.addRow(label, editor.widget)

    def typed(self) -> dict[str, object]:
        return {name: editor.value() for name, editor in self.editors.items()}

    def parsed(self) -> SettingGroup:
        """The group with what is typed, or ValidationError keyed by setting name."""
        return type(self.group).parse(self.typed(), self.group._context, base=self.group)

    def set_editable(self, editable: bool) -> None:
        for editor in self.editors.values():
            editor.widget.setEnabled(editable)


class ServerPage(SettingsPage):
    """Where this computer's Desk keeps its records (a preference of the computer): the file here or a
    PostgreSQL server, its password for the OS keyring only, and a test of the connection before it is used."""

    def __init__(self, group: SettingGroup, check: Callable[[str, str], str], override: str | None = None,
                 parent=None):
        super().__init__(group, parent)
        self._check = check
        self.password = QLineEdit()
        self.password.setObjectName("server_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_label = QLabel()
        self.password_label.setBuddy(self.password)
        self.password_label.setWordWrap(True)
        self.password_hint = QLabel()
        self.password_hint.setWordWrap(True)
        self.password_hint.setStyleSheet("color: #555; font-size: 9pt;")
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.password)
        column.addWidget(self.password_hint)
        row, _role = self.form.getWidgetPosition(self.labels["user"])
        self.form.insertRow(row + 1, self.password_label, box)
        self.test_button = QPushButton()
        self.test_button.setObjectName("server_test")
        self.result = QLabel()
        self.result.setObjectName("server_result")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.override = QLabel(override or "")
        self.override.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        self.form.addRow("", buttons)
        self.form.addRow("", self.result)
        if override:
            self.form.addRow("", self.override)
        # Tab follows the page's order: the password sits between the user name and the TLS mode.
        QWidget.setTabOrder(self.editors["user"].widget, self.password)
        QWidget.setTabOrder(self.password, self.editors["sslmode"].widget)
        QWidget.setTabOrder(self.editors["sslmode"].widget, self.test_button)
        self.editors["store"].widget.currentIndexChanged.connect(self._on_store_changed)
        self.test_button.clicked.connect(self._on_test_clicked)
        self.retranslate_ui()
        self._on_store_changed()

    def retranslate_ui(self) -> None:
        self.password_label.setText(QCoreApplication.translate("ServerPage", "Password:"))
        self.password_hint.setText(QCoreApplication.translate(
            "ServerPage", "Kept in this computer's password store (Windows Credential Manager), never in a file. "
                          "Leave it empty to keep the one already stored, or to be asked at each start."))
        self.test_button.setText(QCoreApplication.translate("ServerPage", "&Test the connection"))

    def on_server(self) -> bool:
        return self.editors["store"].value() == "postgresql"

    def _on_store_changed(self, *_args) -> None:
        for name in ("host", "port", "database", "user", "sslmode"):
            self.editors[name].widget.setEnabled(self.on_server())
            self.labels[name].setEnabled(self.on_server())
        self.password.setEnabled(self.on_server())
        self.password_label.setEnabled(self.on_server())
        self.test_button.setEnabled(self.on_server())

    def parsed(self) -> SettingGroup:
        """The group, with a server's host and database required when a server is chosen."""
        group = super().parsed()
        if group.value("store") == "postgresql":
            missing = {name: QCoreApplication.translate("ServerPage", "«%s» is needed to use a server.")
                       % type(group).setting(name).label
                       for name in ("host", "database", "user") if not group.value(name)}
            if missing:
                raise ValidationError(missing)
        return group

    def address(self) -> str | None:
        """The typed server's address without a password, or None (the file on this computer)."""
        return self.parsed().url()       # type: ignore[attr-defined]

    def _on_test_clicked(self) -> None:
        """What a start with this address would find, said on the page (a few seconds at most: libpq's
        connect timeout), nothing written anywhere."""
        ok = False
        try:
            address = self.address()
            if address is None:
                return
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                text = self._check(address, self.password.text())
            finally:
                QApplication.restoreOverrideCursor()
            ok = True
        except UserError as exc:
            text = str(exc)
        except Exception:
            log.exception("testing the connection to a server")
            text = QCoreApplication.translate("ServerPage", "The test failed unexpectedly; the details are in the "
                                                            "log.")
        self.result.setText(text)
        self.result.setStyleSheet("color: #1b5e20;" if ok else "color: #b71c1c;")


class _Effective:
    """A rule's effective date as a setting of its own, for its editor."""

    def __init__(self, rule: Rule):
        self.type, self.key = Day(), rule.key + FROM


class ListModel(QAbstractTableModel):
    """An editable choice list: Vietnamese name, English name, in use; retired items stay (grey)."""

    def __init__(self, items: list[ListItem], parent=None):
        super().__init__(parent)
        self._items = list(items)
        self._headers = ["", "", ""]

    def set_headers(self, headers: list[str]) -> None:
        self._headers = headers
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)

    def items(self) -> list[ListItem]:
        return list(self._items)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return self._headers[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | (Qt.ItemFlag.ItemIsUserCheckable if index.column() == 2 else Qt.ItemFlag.ItemIsEditable)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole) and index.column() < 2:
            return item.vi if index.column() == 0 else item.en
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 2:
            return Qt.CheckState.Checked if item.active else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ForegroundRole and not item.active:
            return Qt.GlobalColor.gray
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        item = self._items[index.row()]
        if index.column() == 2 and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
            item = ListItem(item.code, item.vi, item.en, checked)
        elif index.column() < 2 and role == Qt.ItemDataRole.EditRole:
            text = str(value)
            item = ListItem(item.code, text, item.en, item.active) if index.column() == 0 else \
                ListItem(item.code, item.vi, text, item.active)
        else:
            return False
        self._items[index.row()] = item
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), 2))
        return True

    def add(self, label: str = "") -> int:
        self.beginInsertRows(QModelIndex(), len(self._items), len(self._items))
        self._items.append(ListItem("", label, "", True))
        self.endInsertRows()
        return len(self._items) - 1

    def move(self, row: int, step: int) -> int:
        other = row + step
        if not (0 <= row < len(self._items) and 0 <= other < len(self._items)):
            return row
        self.beginResetModel()
        self._items[row], self._items[other] = self._items[other], self._items[row]
        self.endResetModel()
        return other


class ListEditor(QWidget):
    """A choice list the clerk keeps (domains, bodies): add, rename, reorder, retire."""

    def __init__(self, name: str, items: list[ListItem], parent=None):
        super().__init__(parent)
        self.setObjectName(f"list_{name}")
        self.model = ListModel(items, self)
        self.table = QTableView()
        self.table.setObjectName(f"table_{name}")
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)      # Tab leaves the table (known trap)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.add_button, self.up_button, self.down_button = QPushButton(), QPushButton(), QPushButton()
        for button, key in ((self.add_button, "add"), (self.up_button, "up"), (self.down_button, "down")):
            button.setObjectName(f"{key}_{name}")
        buttons = QVBoxLayout()
        for button in (self.add_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.model.set_headers([self.tr("Name"), self.tr("English name"), self.tr("In use")])
        self.add_button.setText(self.tr("Add"))
        self.up_button.setText(self.tr("Move up"))
        self.down_button.setText(self.tr("Move down"))

    def _on_add_clicked(self) -> None:
        row = self.model.add()
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def _move(self, step: int) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            row = self.model.move(current.row(), step)
            self.table.setCurrentIndex(self.model.index(row, current.column()))

    def items(self) -> list[ListItem]:
        return self.model.items()


@dataclass(frozen=True)
class SettingsValues:
    """What the screen shows: the groups kept in the database, the editable lists with their
    labels, and this computer's preferences."""

    groups: tuple[SettingGroup, ...]
    lists: dict[str, tuple[str, list[ListItem]]]       # list name -> (the field's label, items)
    preferences: SettingGroup
    # this computer's data server, and check(address, password) -> what a start would find there
    server: SettingGroup | None = None
    check_server: Callable[[str, str], str] | None = None
    server_override: str | None = None      # why the choice on the page is not the one in use (--database)


class SettingsDialog(QDialog):
    """accept() keeps the dialog open with a message naming the setting while anything typed is wrong."""

    def __init__(self, values: SettingsValues, parent=None):
        super().__init__(parent)
        self._values = values
        self._build_ui()
        self._connect()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.setObjectName("settingsDialog")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.pages: list[SettingsPage] = []
        for group in (*self._values.groups, self._values.preferences):
            page = SettingsPage(group)
            page.setObjectName(f"page_{type(group).__name__}")
            self.pages.append(page)
            self.tabs.addTab(_scrolled(page), type(group).label())
        lists = QWidget()
        lists.setObjectName("page_lists")
        column = QVBoxLayout(lists)
        self.list_editors: dict[str, ListEditor] = {}
        self.list_labels: dict[str, QLabel] = {}
        for name, (label, items) in self._values.lists.items():
            self.list_labels[name] = QLabel(label)
            self.list_editors[name] = ListEditor(name, items)
            self.list_labels[name].setBuddy(self.list_editors[name].table)
            column.addWidget(self.list_labels[name])
            column.addWidget(self.list_editors[name], 1)
        self.lists_note = QLabel()
        self.lists_note.setWordWrap(True)
        column.addWidget(self.lists_note)
        self.tabs.insertTab(1, lists, "")
        self.server_page: ServerPage | None = None
        if self._values.server is not None and self._values.check_server is not None:
            self.server_page = ServerPage(self._values.server, self._values.check_server,
                                          self._values.server_override)
            self.server_page.setObjectName("page_server")
            self.tabs.addTab(_scrolled(self.server_page), type(self._values.server).label())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 600)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.tabs.setTabText(1, self.tr("Lists"))
        self.lists_note.setText(self.tr("A retired item (not in use) stays on the records that have it and is no "
                                        "longer offered for new ones. Double-click a name to change it."))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    # -- what the clerk typed -----------------------------------------------------------------
    def page(self, group: type[SettingGroup]) -> SettingsPage:
        return next(p for p in self.pages if type(p.group) is group)

    def editor(self, key: str) -> SettingEditor:
        """The editor of the setting stored under `key` ("report.signer_name")."""
        for page in self.pages:
            for name, editor in page.editors.items():
                setting_key = (type(page.group).setting(name.removesuffix(FROM)).key
                               + (FROM if name.endswith(FROM) else ""))
                if setting_key == key:
                    return editor
        raise KeyError(key)

    def groups(self) -> tuple[SettingGroup, ...]:
        """Every page's values, checked (ValidationError names the first wrong setting)."""
        return tuple(page.parsed() for page in self.pages)

    def lists(self) -> dict[str, list[ListItem]]:
        return {name: editor.items() for name, editor in self.list_editors.items()}

    def server(self) -> tuple[SettingGroup, str] | None:
        """This computer's data server as chosen, and the password typed for it ("" when none)."""
        if self.server_page is None:
            return None
        return self.server_page.parsed(), self.server_page.password.text()

    def accept(self) -> None:
        for page in (*self.pages, *([self.server_page] if self.server_page else [])):
            try:
                page.parsed()
            except ValidationError as exc:
                name = next(iter(exc.errors))
                self.tabs.setCurrentIndex(self.tabs.indexOf(page.parentWidget().parentWidget()))
                page.editors[name].widget.setFocus()
                messages.error(self, "\n".join(exc.errors.values()))
                return
        super().accept()


def _scrolled(page: QWidget) -> QScrollArea:
    """A page that scrolls when the screen is small (1024×768)."""
    area = QScrollArea()
    area.setWidget(page)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area
