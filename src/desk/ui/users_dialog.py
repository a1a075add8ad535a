"""The administrator's user management: add a user, change a role, reset a password, deactivate; the idle lock time."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from desk.domain.access import Actor, Role
from desk.errors import UserError
from desk.services import users
from desk.ui import messages
from desk.ui import settings as options
from desk.ui.operations import Operations
from desk.ui.tables import make_table
from desk.ui.user_form import NEW_PASSWORD, NEW_USER, UserForm

_Index = QModelIndex | QPersistentModelIndex
INACTIVE = QColor("#8a8a8a")


class UsersModel(QAbstractTableModel):
    """name, full name, role, active: plain tuples read from the service."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[tuple[int, str, str, str, bool]] = []
        self._headers = ["", "", "", ""]
        self._active_text = ("", "")

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def set_texts(self, headers: list[str], active: str, inactive: str) -> None:
        self._headers, self._active_text = headers, (active, inactive)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)

    def user_id(self, row: int) -> int:
        return self._rows[row][0]

    def row_of(self, user_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r[0] == user_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        _id, name, full_name, role_label, active = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (name, full_name, role_label, self._active_text[0 if active else 1])[index.column()]
        if role == Qt.ItemDataRole.ForegroundRole and not active:
            return INACTIVE
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < 4:
            return self._headers[section]
        return None


class UsersDialog(QDialog):
    """Every change goes through `operations` (the window's, when it passes them): one transaction each,
    a refusal shown through messages, or inline by the user form."""

    def __init__(self, workspace, actor: Actor, app_settings: options.Settings, parent=None, *,
                 operations: Operations | None = None):
        super().__init__(parent)
        self._workspace, self._actor, self._settings = workspace, actor, app_settings
        # Opened without the window's (a test, a caller not yet passing them): its own, as no screen
        # shows users and so none listens for their changes.
        self._operations = operations if operations is not None else Operations(workspace, self)
        self._build_ui()
        self._connect()
        self.retranslate_ui()
        self.refresh()

    def _build_ui(self) -> None:
        self.setObjectName("usersDialog")
        self.model = UsersModel(self)
        self.table = make_table("users")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((150, 220, 150)):
            self.table.setColumnWidth(column, width)
        self.add_button, self.role_button = QPushButton(), QPushButton()
        self.password_button, self.active_button = QPushButton(), QPushButton()
        self.role = QComboBox()
        self.role.setObjectName("role")
        for role in (Role.CLERK, Role.LEADER, Role.ADMIN):
            self.role.addItem(role.label, role.value)
        for button, name in ((self.add_button, "add"), (self.role_button, "set_role"),
                             (self.password_button, "reset_password"), (self.active_button, "toggle_active")):
            button.setObjectName(name)
            button.setAutoDefault(False)
        actions = QHBoxLayout()
        actions.addWidget(self.add_button)
        actions.addStretch(1)
        actions.addWidget(self.role)
        actions.addWidget(self.role_button)
        actions.addWidget(self.password_button)
        actions.addWidget(self.active_button)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idle_minutes")
        limits = options.IDLE_LOCK_MINUTES.type     # the declared range (desk.ui.settings)
        self.idle_minutes.setRange(limits.minimum, limits.maximum)
        self.idle_minutes.setValue(self._settings.get(options.IDLE_LOCK_MINUTES))
        self.idle_label = QLabel()
        self.idle_label.setBuddy(self.idle_minutes)
        self.security = QGroupBox()
        security_form = QFormLayout(self.security)
        security_form.addRow(self.idle_label, self.idle_minutes)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.security)
        layout.addWidget(self.buttons)
        self.resize(860, 460)

    def _connect(self) -> None:
        self.buttons.rejected.connect(self.reject)
        self.add_button.clicked.connect(self.add_user)
        self.role_button.clicked.connect(self.set_role)
        self.password_button.clicked.connect(self.reset_password)
        self.active_button.clicked.connect(self.toggle_active)
        self.table.selectionModel().currentRowChanged.connect(self._on_selection)
        self.idle_minutes.valueChanged.connect(lambda value: self._settings.set(options.IDLE_LOCK_MINUTES, value))

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Users"))
        self.model.set_texts([self.tr("User name"), self.tr("Full name"), self.tr("Role"), self.tr("Status")],
                             self.tr("active"), self.tr("deactivated"))
        self.add_button.setText(self.tr("&Add a user..."))
        self.role_button.setText(self.tr("Set &role"))
        self.password_button.setText(self.tr("Reset &password..."))
        self.security.setTitle(self.tr("Security"))
        self.idle_label.setText(self.tr("&Lock Desk after this many idle minutes:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self._on_selection()

    # -- data ---------------------------------------------------------------------------------
    def refresh(self, select_id: int | None = None) -> None:
        select_id = select_id if select_id is not None else self.current_id()
        with self._workspace.session() as session:
            rows = [(u.id, u.name, u.full_name, Role(u.role).label, u.active) for u in users.list_users(session)]
        self.model.set_rows(rows)
        row = self.model.row_of(select_id) if select_id is not None else -1
        self.table.selectRow(max(row, 0))
        self._on_selection()

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.user_id(index.row()) if index.isValid() else None

    def _current(self):
        user_id = self.current_id()
        if user_id is None:
            return None
        with self._workspace.session() as session:
            return users.get(session, user_id)

    def _on_selection(self, *_args) -> None:
        user = self._current()
        for button in (self.role_button, self.password_button, self.active_button):
            button.setEnabled(user is not None)
        if user is not None:
            self.role.setCurrentIndex(self.role.findData(user.role))
        self.active_button.setText(self.tr("&Reactivate") if user is not None and not user.active
                                   else self.tr("&Deactivate..."))

    def _run(self, work) -> bool:
        return self._operations.run(self, work).ok

    def _submit(self, work) -> None:
        """A user form's submit: work(session) through the operations, a refusal raised again for the
        form to show inline (it stays open), instead of a message box over it."""
        refused: list[UserError] = []

        def keep(exc: UserError) -> bool:
            refused.append(exc)
            return True             # handled: the form shows it

        self._operations.run(self, work, on_error=keep)
        if refused:
            raise refused[0]

    # -- commands -----------------------------------------------------------------------------
    def add_user(self) -> None:
        added: list[int] = []

        def submit(values: dict) -> None:
            self._submit(lambda session: added.append(users.add_user(session, self._actor, values["name"],
                                                                     values["role"], values["password"],
                                                                     values["full_name"]).id))

        if UserForm(NEW_USER, submit, parent=self).exec() == QDialog.DialogCode.Accepted:
            self.refresh(added[0])

    def set_role(self) -> None:
        user_id = self.current_id()
        if user_id is not None and self._run(lambda s: users.set_role(s, self._actor, user_id,
                                                                      Role(self.role.currentData()))):
            self.refresh(user_id)

    def reset_password(self) -> None:
        user = self._current()
        if user is None:
            return

        def submit(values: dict) -> None:
            self._submit(lambda session: users.reset_password(session, self._actor, user.id, values["password"]))

        UserForm(NEW_PASSWORD, submit, user_name=user.name, parent=self).exec()

    def toggle_active(self) -> None:
        user = self._current()
        if user is None:
            return
        if user.active:
            reason = messages.ask_text(self, self.tr("Deactivate a user"),
                                       self.tr("%s will no longer be able to sign in; their name stays in the "
                                               "history of the records.\nReason:") % user.name)
            if reason is None:
                return
            done = self._run(lambda s: users.set_active(s, self._actor, user.id, False, reason.strip() or None))
        else:
            done = self._run(lambda s: users.set_active(s, self._actor, user.id, True))
        if done:
            self.refresh(user.id)
