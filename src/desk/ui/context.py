"""What a screen, form or command needs from the window, typed, instead of reaching into the window."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtWidgets import QWidget

from desk.domain.access import Actor, Permission, os_actor, require
from desk.domain.units import Unit
from desk.errors import UserError
from desk.services.workspace import Workspace
from desk.ui import messages
from desk.ui import settings as options
from desk.ui.operations import Operations


@dataclass
class WindowContext:
    workspace: Workspace
    unit: Unit
    settings: options.Settings
    operations: Operations
    today: Callable[[], date] = field(default=date.today)
    # The window's commands a dialog in front of it offers too (Ctrl+L locks, F1 opens the guide).
    shared_actions: list = field(default_factory=list)
    # On a shared server: what other clerks changed (ui.shared_changes.SharedChanges); None on SQLite.
    shared: object | None = None
    # The overview's figures read while the password was checked (ui.first_figures.FirstFigures), or None.
    first_figures: object | None = None

    @property
    def actor(self) -> Actor:
        """Who is signed in (the computer's user, as a clerk, when nobody signed in)."""
        return self.workspace.actor or os_actor()

    def session(self):
        """A unit of work for reading (writes go through `operations`)."""
        return self.workspace.session()

    def allowed(self, parent: QWidget | None, permission: Permission) -> bool:
        """True if the signed-in user may; otherwise the refusal is shown."""
        try:
            require(self.actor, permission)
        except UserError as exc:
            messages.error(parent, str(exc))
            return False
        return True
