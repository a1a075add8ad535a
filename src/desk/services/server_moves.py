"""Moving a commune's data to a PostgreSQL server (all or nothing, counted), and the server's backups with pg_dump."""

from __future__ import annotations

import glob
import itertools
import logging
import os
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Table, func, insert, inspect, select, text
from sqlalchemy.engine import Connection, Engine

from desk.domain.lang import t
from desk.errors import StoreError, UserError
from desk.store import audit_chain, server
from desk.store.tables import metadata

log = logging.getLogger(__name__)
# What the migrations seed into a new database; a server still holding only these is empty.
SEEDED = ("choice_item", "setting", "alembic_version")
AUDIT = "audit_log"
_CHUNK = 5_000


class ServerNotEmpty(StoreError):
    """The server's database already holds a commune's data: nothing is copied over it."""


class MoveFailed(StoreError):
    """The copy did not match its source: the server's transaction was rolled back."""


@dataclass(frozen=True)
class Moved:
    counts: dict[str, int]      # table -> rows copied (each checked against the source)


def _counts(connection: Connection, tables: Iterable[Table]) -> dict[str, int]:
    return {table.name: connection.execute(select(func.count()).select_from(table)).scalar_one() for table in tables}


def holds_data(engine: Engine) -> dict[str, int]:
    """The tables of a server database that hold rows beyond what a new database is seeded with."""
    with engine.connect() as connection:
        names = set(inspect(connection).get_table_names())
        tables = [table for table in metadata.sorted_tables if table.name in names and table.name not in SEEDED]
        return {name: n for name, n in _counts(connection, tables).items() if n}


def migrate_to_server(source: Engine, target: Engine) -> Moved:
    """Copy every table of the local (SQLite) database into the empty server database, in ONE
    transaction: the counts of every table and the audit trail's hash chain are checked before it
    commits, and any difference or failure leaves the server as it was."""
    found = holds_data(target)
    if found:
        listed = ", ".join(f"{name} ({n})" for name, n in sorted(found.items()))
        raise ServerNotEmpty(t(
            f"Cơ sở dữ liệu trên máy chủ đã có dữ liệu ({listed}): Desk chỉ chuyển dữ liệu vào một cơ sở dữ liệu "
            "trống, không ghi đè. Hãy tạo một cơ sở dữ liệu mới trên máy chủ.",
            f"The server database already holds data ({listed}): Desk only moves data into an empty database, "
            "never over one. Create a new database on the server."))
    tables = metadata.sorted_tables          # parents before the tables that refer to them
    with source.connect() as reading:
        expected = _counts(reading, tables)
        try:
            with server.translated(target.url), target.begin() as writing:
                for name in SEEDED[:2]:      # the source's own choice lists and settings replace the seeds
                    writing.execute(text(f'DELETE FROM "{name}"'))
                for table in tables:
                    _copy(reading, writing, table)
                _renumber(writing)
                got = _counts(writing, tables)
                wrong = {name: (n, got.get(name)) for name, n in expected.items() if got.get(name) != n}
                if wrong:
                    raise MoveFailed(t(
                        "Số dòng trên máy chủ khác với dữ liệu gốc ("
                        + ", ".join(f"{name}: {a} ≠ {b}" for name, (a, b) in wrong.items())
                        + "); máy chủ không bị thay đổi.",
                        "The server's row counts differ from the source ("
                        + ", ".join(f"{name}: {a} ≠ {b}" for name, (a, b) in wrong.items())
                        + "); the server was not changed."))
                rows = writing.exec_driver_sql(
                    f"SELECT {', '.join(audit_chain.COLUMNS)}, prev_hash, row_hash FROM audit_log ORDER BY id").all()
                broken = list(audit_chain.breaks(rows))
                if broken:
                    raise MoveFailed(t(
                        f"Chuỗi mã băm của nhật ký trên máy chủ bị đứt ở dòng {broken[0][0]}; "
                        "máy chủ không bị thay đổi.",
                        f"The audit trail's hash chain on the server breaks at row {broken[0][0]}; "
                        "the server was not changed."))
        except StoreError:
            raise
        except Exception as exc:
            log.exception("migrate-to-server failed")
            raise MoveFailed(t(
                f"Không chuyển được dữ liệu lên máy chủ ({type(exc).__name__}: {str(exc).splitlines()[0]}); "
                "máy chủ không bị thay đổi, dữ liệu trên máy này vẫn nguyên.",
                f"The data could not be moved to the server ({type(exc).__name__}: {str(exc).splitlines()[0]}); "
                "the server was not changed, the data on this computer is intact.")) from exc
    return Moved(expected)


def _copy(reading: Connection, writing: Connection, table: Table) -> None:
    if table.name == AUDIT:
        # The trail's stored text, byte for byte: its hash chain covers exactly that text.
        names = ", ".join(audit_chain.COLUMNS + ("prev_hash", "row_hash"))
        rows = reading.exec_driver_sql(f"SELECT {names} FROM audit_log ORDER BY id").all()
        marks = ", ".join("?" for _ in range(len(audit_chain.COLUMNS) + 2))
        for start in range(0, len(rows), _CHUNK):
            writing.exec_driver_sql(f"INSERT INTO audit_log ({names}) VALUES ({marks})",
                                    [tuple(r) for r in rows[start:start + _CHUNK]])
        return
    # Typed values (dates, booleans, times) read from SQLite and written as the server's types;
    # in row id order, so the server numbers its rows in the same order.
    fresh = _keys_after(reading, table)
    result = reading.execute(select(table).order_by(text("rowid")))
    while True:
        chunk = result.fetchmany(_CHUNK)
        if not chunk:
            break
        copied = [dict(row._mapping) for row in chunk]
        if fresh is not None:
            for values in copied:
                if values["record_key"] is None:
                    values["record_key"] = next(fresh)
        writing.execute(insert(table), copied)


def _keys_after(reading: Connection, table: Table) -> Iterator[int] | None:
    """Keys after the highest, for records SQLite has not numbered (one written with no state, outside
    Desk): left empty, the server's sequence would number them from 1 and a copied key would repeat one."""
    if "record_key" not in table.c:
        return None
    highest = reading.execute(select(func.coalesce(func.max(table.c.record_key), 0))).scalar_one()
    return itertools.count(highest + 1)


def _renumber(writing: Connection) -> None:
    """Integer keys were copied as they were: each table's counter continues after its highest (a record's
    record_key too, numbered by a sequence of its own: migration 0014)."""
    for table in metadata.sorted_tables:
        for column in ("id", "rowid", "record_key"):
            if not _has(writing, table, column):
                continue
            sequence = writing.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                       {"t": f'"{table.name}"', "c": column}).scalar()
            if sequence:
                highest = f'coalesce((SELECT max("{column}") FROM "{table.name}"), 0) + 1'
                writing.execute(text(f"SELECT setval(:s, {highest}, false)"), {"s": sequence})


def _has(writing: Connection, table: Table, column: str) -> bool:
    return column in {c["name"] for c in inspect(writing).get_columns(table.name)}


# -- pg_dump and pg_restore ---------------------------------------------------------------------
def tool(name: str) -> str:
    """pg_dump or pg_restore: on PATH, or where PostgreSQL installs it (Windows, Debian)."""
    found = shutil.which(name)
    if found:
        return found
    patterns = [f"/usr/lib/postgresql/*/bin/{name}", rf"C:\Program Files\PostgreSQL\*\bin\{name}.exe"]
    candidates = sorted((p for pattern in patterns for p in glob.glob(pattern)), reverse=True)
    if not candidates:
        raise UserError(t(
            f"Không tìm thấy công cụ {name} của PostgreSQL trên máy này. Hãy cài PostgreSQL (chỉ cần phần "
            "Command Line Tools) hoặc thêm thư mục bin của nó vào PATH.",
            f"PostgreSQL's {name} was not found on this computer. Install PostgreSQL (its Command Line Tools "
            "are enough) or add its bin folder to PATH."))
    return candidates[0]


def _libpq_env(engine: Engine) -> dict[str, str]:
    """The connection for pg_dump/pg_restore in their environment: the password never on a command line."""
    url = engine.url
    env = {**os.environ, "PGHOST": url.host or "localhost", "PGPORT": str(url.port or 5432),
           "PGUSER": url.username or "", "PGDATABASE": url.database or ""}
    if url.password:
        env["PGPASSWORD"] = url.password
    for key, value in url.query.items():       # sslmode, sslrootcert, ...: libpq's own names
        env[f"PG{key.upper()}"] = value if isinstance(value, str) else value[0]
    return env


def _run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        raise StoreError(t(f"{Path(args[0]).name} báo lỗi: {done.stderr.strip()[:500]}",
                           f"{Path(args[0]).name} failed: {done.stderr.strip()[:500]}"))
    return done.stdout


def backup_server(engine: Engine, folder: Path, now: datetime) -> Path:
    """pg_dump in its custom format into `folder`, then listed by pg_restore: a dump that cannot be
    listed is removed and the backup fails."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"desk-{engine.url.database}-{now:%Y%m%d-%H%M%S}.dump"
    env = _libpq_env(engine)
    partial = path.with_suffix(".partial")
    try:
        _run([tool("pg_dump"), "--format=custom", "--no-owner", f"--file={partial}"], env)
        listing = _run([tool("pg_restore"), "--list", str(partial)], env)
        if "TABLE DATA" not in listing or "audit_log" not in listing:
            raise StoreError(t("Bản sao lưu vừa tạo không đọc lại được đầy đủ; đã xóa bản hỏng.",
                               "The backup just made could not be read back whole; the broken copy was removed."))
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def restore_server(engine: Engine, dump: Path) -> None:
    """pg_restore into the server database, only when it holds no table at all (a new, empty database)."""
    with engine.connect() as connection:
        names = inspect(connection).get_table_names()
    if names:
        raise ServerNotEmpty(t(
            f"Cơ sở dữ liệu «{engine.url.database}» trên máy chủ không trống ({len(names)} bảng): Desk chỉ khôi "
            "phục vào một cơ sở dữ liệu mới, trống. Hãy tạo cơ sở dữ liệu mới rồi khôi phục vào đó.",
            f"The server database «{engine.url.database}» is not empty ({len(names)} tables): Desk only restores "
            "into a new, empty database. Create a new database and restore into it."))
    env = _libpq_env(engine)
    _run([tool("pg_restore"), "--list", str(dump)], env)       # a file that is not a dump: refused first
    _run([tool("pg_restore"), "--no-owner", "--single-transaction", "--exit-on-error",
          f"--dbname={engine.url.database}", str(dump)], env)
