"""Commands for a shared PostgreSQL server: moving a commune's data there, its backups and restores (pg_dump)."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from desk.domain.lang import t


def add_commands(commands) -> None:
    move = commands.add_parser("migrate-to-server",
                               help="chuyển toàn bộ dữ liệu của thư mục dữ liệu này lên một cơ sở dữ liệu PostgreSQL "
                                    "trống (tất cả hoặc không gì cả, có đối chiếu số dòng)")
    move.add_argument("url", metavar="URL", help="ví dụ postgresql://desk@maychu:5432/desk_ngoquyen")


def on_server() -> bool:
    """A server is in use for this run (--database or DESK_DATABASE_URL)."""
    from desk.store import server

    return server.is_server_url(os.environ.get(server.URL_ENV))


def cmd_migrate_to_server(args) -> str:
    from desk import paths
    from desk.services import server_moves
    from desk.store import server
    from desk.store.db import open_store
    from desk.store.instance_lock import InstanceLock

    folder = paths.data_dir(args.data_dir)
    database = paths.database_path(folder)
    if not database.exists():
        from desk.errors import UserError

        raise UserError(t(f"Không có cơ sở dữ liệu trong «{folder}» để chuyển.",
                          f"There is no database in «{folder}» to move."))
    with InstanceLock(folder):           # no Desk writes to the file while it is copied
        source = open_store(database)
        target = server.open_server(args.url)
        try:
            moved = server_moves.migrate_to_server(source, target)
        finally:
            source.dispose()
            target.dispose()
    total = sum(moved.counts.values())
    address = server.parse_url(args.url).render_as_string(hide_password=True).replace("+psycopg", "")
    return t(f"Đã chuyển {total} dòng dữ liệu ({len(moved.counts)} bảng, số dòng từng bảng đã đối chiếu) lên máy chủ. "
             f"Từ nay mở Desk với: desk --database {address} hoặc đặt biến DESK_DATABASE_URL. "
             "Tệp dữ liệu trên máy này được giữ nguyên.",
             f"Moved {total} rows ({len(moved.counts)} tables, each table's count checked) to the server. "
             f"From now on start Desk with: desk --database {address} or set DESK_DATABASE_URL. "
             "The data file on this computer was kept as it was.")


def backup(args, opened) -> str:
    """`desk backup` on a server: pg_dump (custom format), listed back by pg_restore."""
    from desk import paths
    from desk.services import server_moves

    with opened(args, exclusive=False) as (workspace, _actor):
        folder = Path(args.to) if args.to else paths.backup_dir(workspace.folder)
        path = server_moves.backup_server(workspace.engine, folder, datetime.now())
    return t(f"Đã sao lưu cơ sở dữ liệu trên máy chủ vào «{path}» (pg_dump, định dạng custom; đã đọc lại được "
             "danh mục của bản sao lưu).",
             f"Backed up the server database to «{path}» (pg_dump, custom format; its table of contents was "
             "read back).")


def restore(args) -> str:
    """`desk restore FILE.dump` on a server: only into a new, empty database."""
    from desk.services import server_moves
    from desk.store import server

    url = server.with_password(server.parse_url(os.environ[server.URL_ENV]), server.ask)
    engine = server.make_server_engine(url)       # not migrated: the database must stay empty until restored
    try:
        with server.translated(url):
            server_moves.restore_server(engine, Path(args.file))
    finally:
        engine.dispose()
    engine = server.open_server(os.environ[server.URL_ENV])    # restored: checked and brought to this schema
    engine.dispose()
    return t(f"Đã khôi phục «{args.file}» vào cơ sở dữ liệu trên máy chủ.",
             f"Restored «{args.file}» into the server database.")


COMMANDS = {"migrate-to-server": cmd_migrate_to_server}
