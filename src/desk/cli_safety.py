"""The command line's data-safety side: --user, the single-instance lock, and backup, restore, check, user."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from desk.domain.access import Actor, Role, os_actor
from desk.domain.lang import t
from desk.errors import StoreError, UserError

PASSWORD_ENV = "DESK_PASSWORD"            # the acting user's password (--user), or the new admin's (init --admin)
NEW_PASSWORD_ENV = "DESK_NEW_PASSWORD"    # the password given to a user being added


def add_commands(commands) -> None:
    backup = commands.add_parser("backup", help="sao lưu cơ sở dữ liệu (đã kiểm tra toàn vẹn)")
    backup.add_argument("--to", metavar="THƯ_MỤC", help="thư mục nhận bản sao lưu, ví dụ ổ USB "
                                                        "(mặc định: thư mục backups trong thư mục dữ liệu)")
    restore = commands.add_parser("restore", help="khôi phục cơ sở dữ liệu từ một tệp sao lưu (quyền quản trị)")
    restore.add_argument("file", metavar="TỆP", help="tệp sao lưu .sqlite3")
    restore.add_argument("--other-unit", action="store_true",
                         help="người quản trị xác nhận khôi phục bản sao lưu của một đơn vị khác")
    restore.add_argument("--os-admin", action="store_true",
                         help="khôi phục bằng quyền quản trị của máy tính (cửa sổ lệnh «Run as administrator») khi "
                              "không có người quản trị Desk nào xác minh được")
    commands.add_parser("check", help="kiểm tra toàn vẹn cơ sở dữ liệu (đầy đủ)")
    user = commands.add_parser("user", help="quản lý người dùng (quyền quản trị)")
    user_commands = user.add_subparsers(dest="user_command", metavar="VIỆC", required=True)
    add = user_commands.add_parser("add", help="thêm người dùng (mật khẩu: hỏi khi chạy, hoặc DESK_NEW_PASSWORD)")
    add.add_argument("name", metavar="TÊN")
    add.add_argument("--role", default="clerk", metavar="VAI_TRÒ", help="clerk, leader hoặc admin (mặc định clerk)")
    add.add_argument("--full-name", default="", metavar="HỌ_TÊN")
    user_commands.add_parser("list", help="liệt kê người dùng")


def _warn(text: str) -> None:
    if sys.stderr is None:                 # a windowed build has no console
        return
    try:
        print(text, file=sys.stderr)
    except UnicodeEncodeError:             # a legacy Windows code page
        print(text.encode("ascii", "replace").decode("ascii"), file=sys.stderr)


def _password(prompt: str, variable: str, *, confirm: bool = False) -> str:
    value = os.environ.get(variable)
    if value is not None:
        return value
    if sys.stdin is None:
        raise UserError(t(f"Không có bàn phím để nhập mật khẩu; hãy đặt biến {variable}.",
                          f"There is no console to type the password; set {variable}."))
    try:
        first = getpass.getpass(prompt)
        again = getpass.getpass(t("Nhập lại mật khẩu: ", "Repeat the password: ")) if confirm else first
    except EOFError:     # input ended before a line (a script, a pipe, a scheduled task): nothing typed
        raise UserError(t(f"Chưa nhập mật khẩu: đầu vào đã hết trước khi có mật khẩu. Hãy gõ mật khẩu khi "
                          f"được hỏi, hoặc đặt biến {variable}.",
                          f"No password was typed: the input ended first. Type it when asked, or set "
                          f"{variable}.")) from None
    if again != first:
        raise UserError(t("Hai lần nhập mật khẩu không giống nhau.", "The two passwords differ."))
    return first


def acting_user(args, workspace) -> Actor:
    """The --user (signed in with a password), else the computer's user acting as a clerk."""
    from desk.services import users

    if not getattr(args, "user", None):
        return os_actor()
    with workspace.session() as session:
        if not users.has_users(session):
            raise UserError(t("Desk chưa có người dùng nào. Tạo người quản trị đầu tiên bằng: "
                              "desk init --unit MÃ --admin TÊN",
                              "Desk has no users yet. Create the first administrator with: "
                              "desk init --unit CODE --admin NAME"))
    password = _password(t(f"Mật khẩu của {args.user}: ", f"Password for {args.user}: "), PASSWORD_ENV)
    with workspace.session() as session:
        return users.authenticate(session, args.user, password)


@contextmanager
def opened(args, *, create: bool = False, exclusive: bool = True, warn: bool = False) -> Iterator[tuple]:
    """(workspace, actor) for one command; the data folder's lock is held until the block ends."""
    from desk.services import startup

    data = startup.open_data(args.data_dir, create=create, exclusive=exclusive, for_cli=True)
    try:
        if warn and data.risk is not None:
            _warn(t("Cảnh báo: ", "Warning: ") + data.risk.message)
        if args.command != "check":          # check reports them as findings
            for notice in data.workspace.notices:
                _warn(t("Cảnh báo: ", "Warning: ") + notice)
        yield data.workspace, acting_user(args, data.workspace)
    finally:
        data.close()


def init_admin(args, session, actor: Actor) -> str:
    """`desk init --admin NAME`: the first administrator (only while Desk has no users)."""
    from desk.services import users

    password = _password(t(f"Mật khẩu cho người quản trị {args.admin}: ", f"Password for administrator {args.admin}: "),
                         PASSWORD_ENV, confirm=True)
    admin = users.create_first_admin(session, args.admin, password, creator=actor)
    return t(f" Người quản trị: {admin.name}.", f" Administrator: {admin.name}.")


def cmd_backup(args) -> str:
    from desk import cli_server
    from desk.services import backups

    if cli_server.on_server():
        return cli_server.backup(args, opened)
    with opened(args, exclusive=False) as (workspace, _actor):
        path = backups.backup_now(workspace, datetime.now(), to=Path(args.to) if args.to else None)
    return t(f"Đã sao lưu vào «{path}» (bản sao đã qua kiểm tra toàn vẹn).",
             f"Backed up to «{path}» (the copy passed an integrity check).")


def cmd_restore(args) -> str:
    """Always an administrator: of the live database (--user), or, when it is damaged, missing or from a
    newer Desk (set aside first), of the backup itself (--user, checked against the backup's users),
    or the computer's administrator (--os-admin)."""
    from desk import cli_server, paths
    from desk.services import backups
    from desk.services.workspace import Workspace
    from desk.store import health
    from desk.store.db import open_store
    from desk.store.faults import DatabaseDamaged
    from desk.store.instance_lock import InstanceLock
    from desk.store.migrate import NewerDatabase
    from desk.store.preflight import DatabaseMissing

    if cli_server.on_server():
        return cli_server.restore(args)
    folder = paths.data_dir(args.data_dir)
    if not folder.is_dir():
        raise UserError(t(f"Thư mục dữ liệu «{folder}» không tồn tại.", f"The data folder «{folder}» does not exist."))
    source = Path(args.file)
    now = datetime.now()
    with InstanceLock(folder):
        database = paths.database_path(folder)
        engine = None
        if database.exists():
            try:
                engine = open_store(database)
            except DatabaseDamaged:
                health.set_aside(database, now)      # kept, never deleted; nothing left to protect
            except NewerDatabase as newer:
                health.set_aside(database, now, label=f"newer-{newer.revision}")
            except DatabaseMissing:
                engine = None
        if engine is None:
            if not args.os_admin and not getattr(args, "user", None):
                raise UserError(t(
                    "Cơ sở dữ liệu hiện tại không dùng được (hỏng, bị mất hoặc của phiên bản Desk mới hơn): chỉ người "
                    "quản trị có trong bản sao lưu mới khôi phục được. Chạy: desk --user TÊN restore TỆP (mật khẩu "
                    "của người đó trong bản sao lưu), hoặc --os-admin với quyền quản trị của máy tính.",
                    "The current database cannot be used (damaged, missing or from a newer Desk): only an "
                    "administrator found in the backup can restore. Run: desk --user NAME restore FILE (that "
                    "person's password in the backup), or --os-admin with the computer's administrator rights."))
            password = None if args.os_admin else _password(
                t(f"Mật khẩu của {args.user} (trong bản sao lưu): ", f"Password of {args.user} (in the backup): "),
                PASSWORD_ENV)
            done = backups.recover(folder, source, now, name=getattr(args, "user", None), password=password,
                                   os_admin=args.os_admin, other_unit=args.other_unit)
        else:
            try:
                actor = acting_user(args, Workspace(folder, engine))
                done = backups.restore(folder, source, actor, now, engine=engine, other_unit=args.other_unit)
            finally:
                engine.dispose()
    kept = t(f" Cơ sở dữ liệu trước đó được giữ tại «{done.kept}».",
             f" The previous database was kept at «{done.kept}».") \
        if done.kept else ""
    return t(f"Đã khôi phục dữ liệu từ «{source}».", f"Restored the data from «{source}».") + kept


class CheckFailed(StoreError):
    """`desk check` found problems: exit 1."""


def cmd_check(args) -> str:
    from desk.services import startup

    with opened(args, exclusive=False, warn=True) as (workspace, _actor):
        problems = startup.check(workspace)
    if problems:
        listed = "\n  ".join(problems[:20])
        raise CheckFailed(t(f"Kiểm tra phát hiện {len(problems)} lỗi trong cơ sở dữ liệu:\n  {listed}\n"
                            "Hãy sao lưu ngay (desk backup --to THƯ_MỤC) rồi khôi phục bản sao lưu tốt gần nhất.",
                            f"The check found {len(problems)} problem(s) in the database:\n  {listed}\n"
                            "Back up now (desk backup --to FOLDER), then restore the newest good backup."))
    return t("Cơ sở dữ liệu tốt: kiểm tra toàn vẹn, khóa ngoại, chuỗi mã băm của nhật ký, cấu trúc và trigger, "
             "và đối chiếu từng bản ghi với nhật ký không phát hiện lỗi.",
             "The database is sound: the integrity and foreign-key checks, the audit trail's hash chain, the "
             "structure and triggers, and every record against the trail found no problem.")


def cmd_user(args) -> str:
    from desk.domain.access import Permission, require
    from desk.services import users

    with opened(args) as (workspace, actor):
        require(actor, Permission.MANAGE_USERS)
        with workspace.session() as session:
            if args.user_command == "list":
                rows = [f"{u.name}\t{Role(u.role).label}\t{u.full_name}\t"
                        + (t("đang hoạt động", "active") if u.active else t("ngừng hoạt động", "deactivated"))
                        for u in users.list_users(session)]
                return "\n".join(rows)
            role = Role.parse(args.role)
            password = _password(t(f"Mật khẩu cho {args.name}: ", f"Password for {args.name}: "), NEW_PASSWORD_ENV,
                                 confirm=True)
            user = users.add_user(session, actor, args.name, role, password, args.full_name)
    return t(f"Đã thêm người dùng «{user.name}» (vai trò {Role(user.role).label}).",
             f"Added the user «{user.name}» (role {Role(user.role).label}).")


COMMANDS = {"backup": cmd_backup, "restore": cmd_restore, "check": cmd_check, "user": cmd_user}
