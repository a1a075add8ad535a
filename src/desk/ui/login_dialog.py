"""Signing in at start (type the name, Tab, the password, Enter), or proving an administrator against a backup."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desk.domain.access import Actor
from desk.errors import UserError
from desk.ui.error_line import error_line


class SignInAbandoned(Exception):
    """Raised by a check that cannot go on (the folder behind the sign-in failed to open): the dialog closes."""


class LoginDialog(QDialog):
    """check(name, password) -> result replaces signing in to the workspace (a restore proves its
    administrator against the backup); `intro` replaces the unit's name above the fields; meanwhile():
    what may get ready while the password is checked (users.authenticate). `workspace` may be a function
    giving it, opened when the clerk signs in (ui.sign_in_first), or raising SignInAbandoned."""

    def __init__(self, workspace, unit_name: str = "", parent=None, *, check=None, intro: str = "",
                 meanwhile=None):
        super().__init__(parent)
        self._workspace = workspace
        self._unit_name = unit_name
        self._check, self._intro, self._meanwhile = check, intro, meanwhile
        self.actor: Actor | None = None
        self.result_value = None
        self._build_ui()
        self._connect()
        self.retranslate_ui()

    def _build_ui(self) -> None:
        self.setObjectName("loginDialog")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = error_line()
        self.name_label, self.password_label = QLabel(), QLabel()
        self.name_label.setBuddy(self.name)
        self.password_label.setBuddy(self.password)
        form = QFormLayout()
        form.addRow(self.name_label, self.name)
        form.addRow(self.password_label, self.password)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(440)
        ok, cancel = (self.buttons.button(b) for b in (QDialogButtonBox.StandardButton.Ok,
                                                        QDialogButtonBox.StandardButton.Cancel))
        for first, second in ((self.name, self.password), (self.password, ok), (ok, cancel)):
            QWidget.setTabOrder(first, second)
        self.name.setFocus()

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Sign in to Desk"))
        if self._intro:
            self.intro.setText(self._intro)
        else:
            self.intro.setText(self.tr("%s\nType your user name and password.") % self._unit_name
                               if self._unit_name else self.tr("Type your user name and password."))
        self.name_label.setText(self.tr("&User name:"))
        self.password_label.setText(self.tr("&Password:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def accept(self) -> None:
        try:
            if self._check is not None:
                self.result_value = self._check(self.name.text(), self.password.text())
            else:
                workspace = self._workspace() if callable(self._workspace) else self._workspace
                # Imported here, once the workspace is open: the sign-in asked before the database opens
                # shows without it (ui.sign_in_first), its modules loading on another thread until then.
                from desk.services import users

                with workspace.session() as session:
                    self.actor = users.authenticate(session, self.name.text(), self.password.text(),
                                                    meanwhile=self._meanwhile)
        except SignInAbandoned:
            self.reject()
            return
        except UserError as exc:
            self.error.setText(str(exc))
            self.error.show()
            self.password.clear()
            self.password.setFocus()
            return
        super().accept()
