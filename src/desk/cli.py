"""The one entry point: no command opens the window; sub-commands do scripted work."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desk import __version__, cli_words, running
from desk.errors import UserError

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2
log = logging.getLogger("desk")


def program_name() -> str:
    """What the user typed to run Desk: "desk" from source, the exe's name (desk-cli) when frozen."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).stem
    return "desk"


class Parser(argparse.ArgumentParser):
    """argparse with its complaints in Vietnamese and exit code 2 for bad input."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"Lỗi: tham số không hợp lệ ({message}). Xem: {program_name()} --help\n")


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """The options given before any command, and to `desk` alone (the window)."""
    parser.add_argument("--version", action="version", version=f"Desk {__version__}")
    parser.add_argument("--data-dir", metavar="THƯ_MỤC",
                        help="thư mục dữ liệu (mặc định: thư mục dữ liệu của người dùng; hoặc biến DESK_DATA_DIR)")
    parser.add_argument("--database", metavar="URL",
                        help="cơ sở dữ liệu PostgreSQL dùng chung, ví dụ postgresql://canbo@maychu:5432/desk "
                             "(hoặc biến DESK_DATABASE_URL; mật khẩu: hỏi khi chạy, PGPASSWORD hoặc keyring)")
    parser.add_argument("--user", metavar="TÊN",
                        help="thực hiện với tư cách người dùng Desk này (mật khẩu hỏi khi chạy, hoặc biến "
                             "DESK_PASSWORD); không có --user: ghi nhận người dùng máy tính, chỉ với quyền "
                             "cán bộ nhập liệu")


class _NotTheWindow(Exception):
    """Arguments the window's start does not read alone: a command, the help, or a mistake to be told."""


class _WindowParser(Parser):
    def error(self, message: str):
        raise _NotTheWindow(message)


def _window_arguments(argv: list[str] | None) -> argparse.Namespace | None:
    """`desk` with no command (the window), read without the commands' parser: that one loads every
    command's module (~30 ms, before the sign-in could be up). None for anything else, which the full
    parser reads (and words, when it is wrong)."""
    parser = _WindowParser(prog=program_name(), add_help=False)
    add_global_options(parser)
    try:
        args, rest = parser.parse_known_args(argv)
    except _NotTheWindow:
        return None
    if rest:
        return None
    args.command = None
    return args


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    with cli_words.vietnamese():
        args = _window_arguments(argv)
        if args is None:
            from desk import cli_commands

            args = cli_commands.build_parser().parse_args(argv)
    return args


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
    args = parse_arguments(argv)
    running.announce()       # the installer waits for every Desk, window or command, to end
    if args.command is None and not args.database:
        _begin_database_check(args.data_dir)
    with _database(args.database, args.data_dir):
        if args.command is None:
            from desk import start_gc

            with start_gc.held():       # until the window is up (ui.app.run_app)
                from desk.ui.app import run_app

                return run_app(args.data_dir)
        from desk.cli_commands import COMMANDS

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
