"""Grab PNGs of the window's screens and dialogs at a clerk's screen sizes, to look at (and for the README).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py --out /tmp/shots [--lang en] [--size 1024x768]

Uses a throw-away data folder filled with the demo data (made once, kept in --data).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES = {"1366x728": (1366, 728), "1024x768": (1024, 768)}


def _data(folder: Path, empty: bool) -> Path:
    from desk.services import demo, office
    from desk.services.workspace import open_workspace

    if not (folder / "desk.sqlite3").exists():
        folder.mkdir(parents=True, exist_ok=True)
        workspace = open_workspace(str(folder))
        with workspace.session() as session:
            unit = office.set_office_unit(session, 11329)     # Phường Ngô Quyền, Hải Phòng
            if empty:               # as the first start leaves it: Desk used from today
                from desk.services import reporting

                reporting.set_first_day(session, date.today(), today=date.today())
            else:
                demo.fill(session, unit, count=300, today=date.today())
        workspace.engine.dispose()
    return folder


def _grab(widget):
    from PySide6.QtWidgets import QApplication

    widget.show()
    for _ in range(3):
        QApplication.processEvents()
    image = widget.grab()
    return image


def _reason(window, screen):
    from desk.ui.reason_dialog import ReasonDialog

    title = str(screen.model.row_record(0).get("title"))
    return ReasonDialog(screen.tr("Void a record of «%s»") % screen.register.label,
                        screen.tr("Void «{title}»?\n\nThe record stays in the database, with the reason and who voided "
                                  "it, but leaves the register and the reports. Ctrl+Z takes it back while Desk is "
                                  "open.").format(title=title),
                        screen.tr("&Void the record"), screen.tr("&Keep it"), window)


def _restore(window):
    from desk import paths
    from desk.services import backups
    from desk.ui.restore_dialog import RestoreDialog

    backups.backup_now(window.context.workspace, datetime.now())
    return RestoreDialog(paths.backup_dir(window.context.workspace.folder), parent=window)


def _guide(window):
    from desk.ui.guide_dialog import GuideDialog

    return GuideDialog(window.actions, window.screen_actions, parent=window)


def _unit():
    from desk.ui.unit_dialog import UnitDialog

    return UnitDialog()


def _outside(window):
    from desk.ui.outside_dialog import OutsideSubmissionDialog

    return OutsideSubmissionDialog("Tháng 10/2026", date.today(), window)


def _export_period(window):
    from pathlib import Path

    from desk.ui.export_dialog import ExportDialog

    return ExportDialog(Path.home(), parent=window)


def take(window, only: set[str]):
    """(name, image) of each screen, then of each dialog opened from it."""
    from PySide6.QtWidgets import QApplication

    def wanted(name: str) -> bool:
        return not only or name in only

    for row, name in enumerate(window.stack.names):
        if wanted(name):
            window.nav.setCurrentRow(row)
            QApplication.processEvents()
            yield name, _grab(window)
    window.nav.setCurrentRow(window.stack.index_of("obstacles"))
    screen = window.screen("obstacles")
    screen.table.selectRow(0)
    dialogs = {
        "form_obstacle": lambda: screen.open_form(screen.model.row_record(0)),
        "form_new_obstacle": lambda: screen.open_form(None),
        "form_movement": lambda: window.screen("movements").open_form(None),
        "form_official": lambda: window.screen("officials").open_form(None),
        "form_visit": lambda: window.screen("visits").open_form(None),
        "form_initiative": lambda: window.screen("initiatives").open_form(None),
        "void": lambda: _reason(window, screen),
        "restore": lambda: _restore(window),
        "guide": lambda: _guide(window),
        "unit": lambda: _unit(),
        "outside": lambda: _outside(window),
        "export_period": lambda: _export_period(window),
    }
    if screen.model.rowCount() == 0:     # an empty register (--empty): no record to open or void
        for name in ("form_obstacle", "void"):
            dialogs.pop(name)
    for name, make in dialogs.items():
        if wanted(name):
            dialog = make()
            yield name, _grab(dialog)
            dialog.close()
            dialog.deleteLater()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="/tmp/shots")
    parser.add_argument("--data", default="/tmp/desk-shots-data")
    parser.add_argument("--lang", default="vi")
    parser.add_argument("--size", default="")
    parser.add_argument("--empty", action="store_true", help="a fresh database (no records)")
    parser.add_argument("--only", default="", help="comma-separated shot names")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from PySide6.QtWidgets import QApplication

    from desk.services.workspace import open_workspace
    from desk.ui import app as desk_app
    from desk.ui import settings as options
    from desk.ui.main_window import MainWindow

    app = desk_app.make_application()
    desk_app.install_translators(app, args.lang)
    data = _data(Path(args.data + ("-empty" if args.empty else "")), args.empty)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    only = set(filter(None, args.only.split(",")))
    for size_name, (width, height) in SIZES.items():
        if args.size and args.size != size_name:
            continue
        workspace = open_workspace(str(data))
        ini = out / f"settings-{size_name}.ini"
        ini.unlink(missing_ok=True)            # a first start: nothing remembered
        settings = options.Settings(ini)
        window = MainWindow(workspace, settings)
        window.resize(width, height)
        window.show()
        app.processEvents()
        for name, image in take(window, only):
            path = out / f"{name}{'-empty' if args.empty else ''}-{size_name}-{args.lang}.png"
            image.save(str(path))
            print(path)
        window.safety.on_close()
        window.close()
        window.deleteLater()
        app.processEvents()
        workspace.engine.dispose()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
