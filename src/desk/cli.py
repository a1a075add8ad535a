"""The one entry point: no command opens the window; sub-commands do scripted work."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from desk import (
    __version__,
    cli_import,
    cli_registers,
    cli_replies,
    cli_reporting,
    cli_safety,
    cli_server,
    cli_words,
    running,
)
from desk.domain.formats import format_number_vi
from desk.errors import UserError

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2
log = logging.getLogger("desk")


def program_name() -> str:
    """What the user typed to run Desk: "desk" from source, the exe's name (desk-cli) when frozen."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).stem
    return "desk"


class _Parser(argparse.ArgumentParser):
    """argparse with its complaints in Vietnamese and exit code 2 for bad input."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"Lỗi: tham số không hợp lệ ({message}). Xem: {program_name()} --help\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=program_name(), description="Desk: sổ theo dõi và báo cáo của UBND cấp xã.")
    parser.add_argument("--version", action="version", version=f"Desk {__version__}")
    parser.add_argument("--data-dir", metavar="THƯ_MỤC",
                        help="thư mục dữ liệu (mặc định: thư mục dữ liệu của người dùng; hoặc biến DESK_DATA_DIR)")
    parser.add_argument("--database", metavar="URL",
                        help="cơ sở dữ liệu PostgreSQL dùng chung, ví dụ postgresql://canbo@maychu:5432/desk "
                             "(hoặc biến DESK_DATABASE_URL; mật khẩu: hỏi khi chạy, PGPASSWORD hoặc keyring)")
    cli_safety.add_global_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)

    init = commands.add_parser("init", help="chọn đơn vị (xã, phường, đặc khu) cho máy này")
    init.add_argument("--unit", required=True, metavar="MÃ", help="mã đơn vị theo danh mục, ví dụ 11329")
    init.add_argument("--admin", metavar="TÊN", help="tạo người quản trị đầu tiên (mật khẩu: hỏi khi chạy, "
                                                      "hoặc biến DESK_PASSWORD)")

    demo = commands.add_parser("demo", help="thêm dữ liệu mẫu để làm quen")
    demo.add_argument("--count", type=int, default=300, metavar="SỐ", help="số khó khăn, vướng mắc mẫu (mặc định 300)")

    export = commands.add_parser("export", help="xuất báo cáo Excel")
    export.add_argument("what", choices=["obstacles", "report", *cli_registers.names()], metavar="SỔ",
                        help="obstacles: khó khăn, vướng mắc; report: báo cáo định kỳ; " + cli_registers.help_text())
    export.add_argument("--period", metavar="KỲ", help="2025-10, 2025-Q3, 2025-H1, 2025-9M, 2025")
    export.add_argument("--from", dest="date_from", metavar="dd/mm/yyyy", help="từ ngày (kỳ đột xuất)")
    export.add_argument("--to", dest="date_to", metavar="dd/mm/yyyy", help="đến ngày (kỳ đột xuất)")
    export.add_argument("--out", required=True, metavar="TỆP.xlsx", help="tệp Excel sẽ ghi")
    cli_reporting.add_export_options(export)

    check = commands.add_parser("selfcheck", help="tự kiểm tra bản cài đặt trên một thư mục dữ liệu tạm")
    check.add_argument("--offscreen", action="store_true", help="vẽ cửa sổ không cần màn hình (nền tảng offscreen)")
    check.add_argument("--report", metavar="TỆP.txt",
                       help="ghi kết quả vào tệp (bản cài trên Windows không có cửa sổ dòng lệnh)")
    cli_safety.add_commands(commands)
    cli_server.add_commands(commands)
    cli_reporting.add_commands(commands)
    cli_import.add_commands(commands)
    cli_replies.add_commands(commands)
    return parser


def _period(args):
    from desk.domain import periods

    try:
        if args.period and (args.date_from or args.date_to):
            raise UserError("Chỉ dùng một trong hai cách: --period, hoặc --from và --to.")
        if args.period:
            return periods.parse_period(args.period)
        if args.date_from and args.date_to:
            return periods.date_range(periods.parse_date_vi(args.date_from), periods.parse_date_vi(args.date_to))
        raise UserError("Thiếu kỳ báo cáo: dùng --period (ví dụ 2025-Q3) hoặc --from dd/mm/yyyy --to dd/mm/yyyy.")
    except periods.PeriodError as exc:
        raise UserError(str(exc)) from None


def _cmd_init(args) -> str:
    from desk.domain.access import Permission, require
    from desk.services import office, users

    admin = ""
    with cli_safety.opened(args, create=True, warn=True) as (workspace, actor):
        with workspace.session() as session:
            current = office.office_unit(session)
            if users.has_users(session) and (current is None or str(current.code) != str(args.unit).strip()):
                require(actor, Permission.CHANGE_UNIT)     # once Desk has users, the unit is the admin's
            unit = office.set_office_unit(session, args.unit)
            if args.admin:
                admin = cli_safety.init_admin(args, session, actor)
    return f"Đã chọn đơn vị: {unit.display} (mã {unit.code}).{admin} Dữ liệu tại: {workspace.folder}"


def _cmd_demo(args) -> str:
    from desk.services import demo

    if args.count < 1 or args.count > 100_000:
        raise UserError("Số bản ghi mẫu phải từ 1 đến 100.000.")
    with cli_safety.opened(args) as (workspace, actor):
        unit = workspace.require_unit()
        with workspace.session() as session:
            added = demo.fill(session, unit, count=args.count, actor=actor)
    return (f"Đã thêm {added} khó khăn, vướng mắc mẫu cho {unit.name}, cùng cán bộ, khung biên chế, "
            "điều động, biệt phái, đợt khảo sát và sáng kiến mẫu.")


def _cmd_export(args) -> str:
    from desk.services import obstacle_report

    if args.what in cli_registers.names():        # a list: the period is optional (default: today's state)
        return cli_registers.export(args, _period(args) if cli_registers.has_period(args) else None)
    period = _period(args)
    if args.what == "report":
        return cli_reporting.export_report(args, period)
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"Tệp kết quả «{out}» phải có đuôi .xlsx.")
    with cli_safety.opened(args, exclusive=False) as (workspace, _actor):   # reads only: the window may be open
        unit = workspace.require_unit()
        with workspace.session() as session:
            data = obstacle_report.export(session, unit, period, out, signed_on=date.today())
    return f"Đã xuất báo cáo {period.label_vi} ({format_number_vi(len(data.rows))} khó khăn, vướng mắc) vào «{out}»."


def _cmd_selfcheck(args) -> str:
    from desk import paths, selfcheck

    report = Path(args.report) if args.report else None
    if report is None and sys.stdout is None:
        # A windowed build has nowhere to print: leave the result beside the logs.
        report = paths.log_dir(paths.data_dir(args.data_dir)) / "selfcheck.txt"
    return selfcheck.run(offscreen=args.offscreen, report_file=report)


COMMANDS = {"init": _cmd_init, "demo": _cmd_demo, "export": _cmd_export, "selfcheck": _cmd_selfcheck}
COMMANDS.update(cli_safety.COMMANDS)     # backup, restore, check, user
COMMANDS.update(cli_reporting.COMMANDS)  # unlock, consolidate
COMMANDS.update(cli_server.COMMANDS)     # migrate-to-server
COMMANDS.update(cli_import.COMMANDS)     # import, template
COMMANDS.update(cli_replies.COMMANDS)    # reply, import-reply


def _say(text: str, *, error: bool = False) -> None:
    """Print, unless there is no console (a windowed build has sys.stdout = None); never fail on its encoding."""
    stream = sys.stderr if error else sys.stdout
    if stream is None:
        return
    try:
        print(text, file=stream)
    except UnicodeEncodeError:   # a redirected Windows console in a legacy code page
        encoding = getattr(stream, "encoding", None) or "ascii"
        print(text.encode(encoding, "replace").decode(encoding), file=stream)


def _log_to_file(data_dir: str | None) -> None:
    """Commands log to <data>/logs like the window does: a windowed build has no stderr for tracebacks."""
    from desk import logs, paths

    folder = paths.data_dir(data_dir)
    logs.setup(folder if folder.is_dir() else None)


def _begin_database_check(data_dir: str | None) -> threading.Thread | None:
    """The start's check of a local database, begun now on a second thread: the window's modules take
    longer to load than the check to run (store.health.begin_open_check). Before the server chosen in
    Settings is known (that needs Qt's modules): where one is, the local file is checked for nothing."""
    # Not store.server: it loads SQLAlchemy, ~0.35 s the check would wait to begin.
    from desk import paths
    from desk.store import health

    if os.environ.get(paths.DATABASE_URL_ENV):
        return None         # a shared server: no file here to check
    return health.begin_open_check(paths.database_path(paths.data_dir(data_dir)))


@contextmanager
def _database(url: str | None, data_dir: str | None) -> Iterator[None]:
    """The data this run opens (opening reads it from the environment, as it reads DESK_DATABASE_URL):
    --database, else DESK_DATABASE_URL, else the server chosen in Settings for this data folder, as the
    window would; the environment is as before once the command ends."""
    from desk import paths

    before = os.environ.get(paths.DATABASE_URL_ENV)
    if not url and not before:
        from desk.ui.settings import chosen_server

        url = chosen_server(paths.data_dir(data_dir))
    if url:
        os.environ[paths.DATABASE_URL_ENV] = url
    try:
        if url or before:
            with _server_password_asked():
                yield
        else:       # the file on this computer: no server's password to ask (and SQLAlchemy not loaded yet)
            yield
    finally:
        if before is None:
            os.environ.pop(paths.DATABASE_URL_ENV, None)
        else:
            os.environ[paths.DATABASE_URL_ENV] = before


@contextmanager
def _server_password_asked() -> Iterator[None]:
    """A server's password not found elsewhere is asked at the terminal, when there is one."""
    from desk.store import server

    asked = server.ask
    if server.ask is None and sys.stdin is not None and sys.stdin.isatty():
        import getpass

        server.ask = getpass.getpass
    try:
        yield
    finally:
        server.ask = asked


def main(argv: list[str] | None = None) -> int:
    with cli_words.vietnamese():
        args = build_parser().parse_args(argv)
    running.announce()       # the installer waits for every Desk, window or command, to end
    if args.command is None and not args.database:
        _begin_database_check(args.data_dir)
    with _database(args.database, args.data_dir):
        if args.command is None:
            from desk import start_gc

            with start_gc.held():       # until the window is up (ui.app.run_app)
                from desk.ui.app import run_app

                return run_app(args.data_dir)
        _log_to_file(args.data_dir)
        try:
            _say(COMMANDS[args.command](args))
            return EXIT_OK
        except UserError as exc:
            _say(f"Lỗi: {exc}", error=True)
            return exc.exit_code
        except Exception:  # a bug: say so plainly, keep the traceback for the log
            log.exception("unexpected error in %s", args.command)
            _say("Lỗi không mong đợi. Chi tiết đã được ghi vào nhật ký; hãy báo cho bộ phận kỹ thuật.", error=True)
            return EXIT_FAILURE
