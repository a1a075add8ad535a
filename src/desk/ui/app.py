"""Starting the window: translations, the excepthook, the data folder and the first-run choice."""

from __future__ import annotations

import logging
import os
import sys
from functools import partial

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from desk import logs, paths, start_gc
from desk.domain import lang
from desk.errors import UserError
from desk.ui import messages
from desk.ui import settings as options

log = logging.getLogger(__name__)


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Desk's own strings and Qt's (dialog buttons, context menus) in the chosen language."""
    lang.set_language(language)
    installed = []
    # Qt ships no qtbase_vi; qt_vi covers the standard buttons and context menus Desk shows. English needs
    # only its plurals ("1 record", "2 records"; the source says "%n record(s)").
    for name in (("desk_en",) if language == "en" else ("desk_vi", "qt_vi")):
        folder = paths.resources_dir() / "i18n"
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("translation %s not found in %s", name, folder)
    if language != "en":
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    return installed


def _install_excepthook(log_file) -> None:
    def hook(kind, value, tb):
        if isinstance(value, UserError):
            messages.error(QApplication.activeWindow(), str(value))
            return
        log.critical("unexpected error", exc_info=(kind, value, tb))
        messages.unexpected(QApplication.activeWindow(), str(log_file))
    sys.excepthook = hook


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Desk")
    app.setOrganizationName("Desk")
    app.setFont(QFont("Noto Sans", 10) if "Noto Sans" in app.font().families() else app.font())
    icon = paths.resources_dir() / "icons" / "desk.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def run_app(data_dir: str | None = None) -> int:
    from desk.ui import qt_log

    qt_log.install()                  # before the application exists: plugin and font warnings too
    app = make_application()
    folder = paths.data_dir(data_dir)
    logs.setup(folder if folder.exists() else None)
    settings = options.Settings(paths.settings_path(folder))
    install_translators(app, settings.get(options.LANGUAGE))
    options.use_chosen_server(settings)
    if not os.environ.get(paths.DATABASE_URL_ENV):      # the file on this computer: no server's password to ask
        return _signed_in_window(app, data_dir, settings)
    # A shared server (DESK_DATABASE_URL) without a password found: asked for, hidden, never stored.
    from desk.store import server

    asked_before, server.ask = server.ask, lambda prompt: messages.ask_password(None, prompt)
    try:
        return _signed_in_window(app, data_dir, settings)
    finally:
        server.ask = asked_before       # what runs after the window in this process (a test) asks as before


def _signed_in_window(app: QApplication, data_dir: str | None, settings: options.Settings) -> int:
    """The folder's lock, a damaged database recovered, the unit, the sign-in, then the window until closed."""
    from desk.ui import sign_in_first
    from desk.ui.first_figures import FirstFigures

    # While the password is checked, the window's modules load and the overview's figures are read
    # (shown only once it is right).
    first = FirstFigures()
    started = sign_in_first.start(data_dir, settings, first)
    if isinstance(started, int):
        return started
    from desk.ui import start_flow, window_state
    from desk.ui.main_window import MainWindow

    workspace = started.opened.workspace
    log_file = logs.setup(workspace.folder)
    _install_excepthook(log_file)
    try:
        while True:
            window = MainWindow(workspace, settings, first_figures=first)
            window_state.show_window(window, settings)     # maximized on a small screen, or where it was left
            start_gc.started()
            code = app.exec()
            if not window.signed_out:
                return code
            # Signed out on a shared PC: the next person signs in; the folder stays locked to this Desk.
            window.deleteLater()
            start_gc.signed_out()
            first = FirstFigures()
            actor = start_flow.sign_in(started.opened, partial(first.read, workspace))
            if actor is None:
                return 0
            workspace.actor = actor
    finally:
        started.opened.close()        # the database, then the single-instance lock
