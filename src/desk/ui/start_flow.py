"""Before the main window: the folder's lock, damage recovery, the risky-folder warning, unit, first admin, sign-in."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog

from desk.domain.access import Actor
from desk.errors import UserError
from desk.services import backups, office, startup, users
from desk.ui import messages
from desk.ui import settings as options

log = logging.getLogger(__name__)


@dataclass
class Started:
    opened: startup.Opened
    actor: Actor


def open_data(data_dir: str | None, clock=datetime.now, opening=None) -> startup.Opened | int:
    """The data folder opened for the window, or the exit code after telling the user why not (opening():
    the folder's opening, when it was begun behind the sign-in: ui.sign_in_first)."""
    try:
        opened = opening() if opening is not None else startup.open_data(data_dir, for_cli=False, now=clock())
    except (startup.DamagedAtStart, startup.MissingAtStart) as lost:
        if lost.backup is None:
            messages.error(None, str(lost))
            return 1
        log.warning("database unusable at start: %s", lost)      # the technical details, for support
        question = startup.recovery_question(lost, clock()) + "\n\n" + QCoreApplication.translate(
            "start", "Restore that backup now?")
        if not messages.confirm(None, question) or not recover(data_dir, lost.backup, clock):
            where = getattr(lost, "set_aside", None)
            messages.info(None, QCoreApplication.translate(
                "start", "Nothing was restored. The damaged file is kept as\n%s\nDesk will now close.") % where
                if where else QCoreApplication.translate("start", "Nothing was restored. Desk will now close."))
            return 1
        log.warning("recovered from %s", lost.backup)
        return open_data(data_dir, clock)
    except startup.AlreadyRunning as running:
        from desk.ui.open_window import bring_forward

        if bring_forward(running.folder):      # the open window came forward: nothing more to say
            return 0
        messages.error(None, str(running))
        return 1
    except UserError as exc:              # another Desk running, read-only, busy, too new, ...
        messages.error(None, str(exc))
        return 1
    return opened


def tell_on_opening(opened: startup.Opened, settings: options.Settings) -> None:
    """What opening the folder found to say: the database's notices, the risky folder's warning."""
    for notice in opened.workspace.notices:
        messages.warning(None, notice)
    warn_about_location(opened, settings)


def recover(data_dir: str | None, backup, clock) -> bool:
    """An administrator of the backup proves it (name and password stored in the backup), then it is restored."""
    from desk import paths
    from desk.ui.login_dialog import LoginDialog

    folder = paths.data_dir(data_dir)
    intro = QCoreApplication.translate(
        "start", "Only an administrator can restore. Type the user name and password of an administrator "
                 "as they were when the backup was made.")
    dialog = LoginDialog(None, check=lambda name, password: _restore(folder, backup, clock, name, password),
                         intro=intro)
    return dialog.exec() == QDialog.DialogCode.Accepted


def _restore(folder, backup, clock, name: str, password: str):
    try:
        return backups.recover(folder, backup, clock(), name=name, password=password)
    except backups.OtherUnitBackup:
        if not messages.confirm(None, QCoreApplication.translate(
                "start", "This backup holds another unit's data. Restore it anyway?")):
            raise
        return backups.recover(folder, backup, clock(), name=name, password=password, other_unit=True)


def warn_about_location(opened: startup.Opened, settings: options.Settings) -> bool:
    """Show the network / removable / cloud-sync warning once per data folder; True if shown now."""
    if opened.risk is None or settings.get(options.RISK_WARNED_FOLDER) == str(opened.workspace.folder):
        return False
    messages.warning(None, opened.risk.message)
    settings.set(options.RISK_WARNED_FOLDER, str(opened.workspace.folder))
    return True


def choose_unit(opened: startup.Opened) -> bool:
    workspace = opened.workspace
    if workspace.unit() is not None:
        with workspace.session() as session:
            office.refresh_unit_names(session)
        return True
    # The first run only: its module loads the list of every unit.
    from desk.ui.unit_dialog import UnitDialog

    dialog = UnitDialog()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    with workspace.session() as session:
        office.set_office_unit(session, dialog.selected_unit().code)
        from desk.services import reporting

        # Day one: the Reports screen starts here, not with a year of "overdue" reports Desk never knew.
        if reporting.first_day(session) is None:
            today = datetime.now().date()
            reporting.set_first_day(session, today, today=today)
    return True


def sign_in(opened: startup.Opened, meanwhile=None) -> Actor | None:
    """The first run creates the administrator; later runs ask for a name and password (meanwhile():
    what gets ready while the password is checked)."""
    from desk.ui.login_dialog import LoginDialog
    from desk.ui.user_form import FIRST_ADMIN, UserForm

    workspace = opened.workspace
    with workspace.session() as session:
        first_run = not users.has_users(session)
    if first_run:
        created: list[Actor] = []

        def submit(values: dict) -> None:
            with workspace.session() as session:
                created.append(users.create_first_admin(session, values["name"], values["password"],
                                                        values["full_name"]))

        if UserForm(FIRST_ADMIN, submit).exec() != QDialog.DialogCode.Accepted:
            return None
        return created[0]
    unit = workspace.unit()
    dialog = LoginDialog(workspace, unit.display if unit else "", meanwhile=meanwhile)
    return dialog.actor if dialog.exec() == QDialog.DialogCode.Accepted else None


def start(data_dir: str | None, settings: options.Settings, clock=datetime.now,
          meanwhile=None, opening=None) -> Started | int:
    """Everything between the command line and the main window; an int is the exit code. meanwhile(workspace):
    what gets ready for the window while the password is checked; opening(): as open_data's."""
    opened = open_data(data_dir, clock, opening)
    if isinstance(opened, int):
        return opened
    try:
        tell_on_opening(opened, settings)
        if not choose_unit(opened):
            opened.close()
            return 0
        actor = sign_in(opened, (lambda: meanwhile(opened.workspace)) if meanwhile else None)
    except BaseException:
        opened.close()
        raise
    if actor is None:
        opened.close()
        return 0
    opened.workspace.actor = actor
    return Started(opened, actor)
