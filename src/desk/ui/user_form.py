"""A person's account: the first administrator, a new user, or a new password; errors stay in the dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desk.domain.access import Role
from desk.errors import UserError
from desk.ui.error_line import error_line

FIRST_ADMIN, NEW_USER, NEW_PASSWORD = "first_admin", "new_user", "new_password"


class UserForm(QDialog):
    """`submit(values)` does the work and raises UserError to keep the dialog open with the message.

    values: name, full_name, role (a Role), password.
    """

    def __init__(self, mode: str, submit: Callable[[dict], None], *, user_name: str = "", parent=None):
        super().__init__(parent)
        self._mode, self._submit, self._user_name = mode, submit, user_name
        self._build_ui()
        self._connect()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.setObjectName("userForm")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.name, self.full_name = QLineEdit(), QLineEdit()
        self.role = QComboBox()
        for role in (Role.CLERK, Role.LEADER, Role.ADMIN):
            self.role.addItem(role.label, role.value)
        self.password, self.repeat = QLineEdit(), QLineEdit()
        for editor, name in ((self.name, "name"), (self.full_name, "full_name"), (self.role, "role"),
                             (self.password, "password"), (self.repeat, "repeat")):
            editor.setObjectName(name)
        for editor in (self.password, self.repeat):
            editor.setEchoMode(QLineEdit.EchoMode.Password)
        self.labels = {key: QLabel() for key in ("name", "full_name", "role", "password", "repeat")}
        form = QFormLayout()
        rows = {FIRST_ADMIN: ("name", "full_name", "password", "repeat"),
                NEW_USER: ("name", "full_name", "role", "password", "repeat"),
                NEW_PASSWORD: ("password", "repeat")}[self._mode]
        editors = {"name": self.name, "full_name": self.full_name, "role": self.role, "password": self.password,
                   "repeat": self.repeat}
        for key in rows:
            self.labels[key].setBuddy(editors[key])
            form.addRow(self.labels[key], editors[key])
        for key in set(editors) - set(rows):
            editors[key].hide()
        self.error = error_line()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        chain = [editors[key] for key in rows] + [self.buttons.button(QDialogButtonBox.StandardButton.Ok),
                                                  self.buttons.button(QDialogButtonBox.StandardButton.Cancel)]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)
        chain[0].setFocus()

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def retranslate_ui(self) -> None:
        titles = {FIRST_ADMIN: self.tr("Create the administrator"), NEW_USER: self.tr("Add a user"),
                  NEW_PASSWORD: self.tr("New password")}
        self.setWindowTitle(titles[self._mode])
        if self._mode == FIRST_ADMIN:
            self.intro.setText(self.tr("Desk keeps government records: each person signs in with their own name. "
                                       "You are the first user and become the administrator, who adds the "
                                       "other users and chooses their roles."))
        elif self._mode == NEW_USER:
            self.intro.setText(self.tr("Clerk: enters and edits records. Leader: also approves and locks "
                                       "periods. Administrator: also manages users, settings and the unit."))
        else:
            self.intro.setText(self.tr("New password for %s. Tell it to the person; they can use it at once.")
                               % self._user_name)
        texts = {"name": self.tr("&User name:"), "full_name": self.tr("&Full name:"), "role": self.tr("&Role:"),
                 "password": self.tr("&Password (8 characters or more):"), "repeat": self.tr("Re&peat the password:")}
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Create") if self._mode != NEW_PASSWORD else self.tr("Set the password"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def values(self) -> dict:
        return {"name": self.name.text(), "full_name": self.full_name.text(),
                "role": Role(self.role.currentData()) if self._mode == NEW_USER else Role.ADMIN,
                "password": self.password.text()}

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def accept(self) -> None:
        if self.password.text() != self.repeat.text():
            self._show_error(self.tr("The two passwords differ."))
            self.repeat.clear()
            self.repeat.setFocus()
            return
        try:
            self._submit(self.values())
        except UserError as exc:
            self._show_error(str(exc))
            return
        super().accept()
