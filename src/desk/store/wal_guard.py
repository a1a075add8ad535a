"""A -wal file is replayed into the database by SQLite; only Desk's own, for this very file, may be.

SQLite ties a WAL to its database by file name only. Desk ties them by content: every write
transaction Desk commits moves the header's user_version one step along a chain of marks
(next_mark of the value before; a fresh random mark for a database that has none), so page 1 of
the WAL's last committed transaction says where in that chain the WAL ends. A WAL written on
top of this file ends at the file's own mark (a checkpoint already copied everything) or a few
steps after it (at most one step per committed transaction in the WAL). A WAL from another
database (a sync tool's copy, another office's file), an older copy of this one's WAL (a
restored folder: its mark lies behind the file's), or one with no page 1 at all (not written
by Desk) ends anywhere else, and is set aside, untouched, before SQLite replays it. The check
reads the WAL through a read-only connection, which never writes the database file nor
checkpoints; frame headers are read directly.
"""

from __future__ import annotations

import os
import re
import secrets
import sqlite3
import struct
from datetime import datetime
from pathlib import Path

from desk.domain.lang import t

WAL_MAGIC = (0x377F0682, 0x377F0683)
WAL_HEADER, FRAME_HEADER = 32, 24
_MARK_AT = 60                         # user_version in the database header
_WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)


def next_mark(mark: int) -> int:
    """The mark after `mark`: a fixed scramble (splitmix32-like), never 0, within SQLite's signed 32 bits."""
    x = (mark + 0x9E3779B9) & 0xFFFFFFFF
    x = ((x ^ (x >> 16)) * 0x85EBCA6B) & 0xFFFFFFFF
    x = ((x ^ (x >> 13)) * 0xC2B2AE35) & 0xFFFFFFFF
    x ^= x >> 16
    return (x & 0x7FFFFFFF) or 1


def fresh_mark() -> int:
    return secrets.randbelow(0x7FFFFFFE) + 1


def file_mark(path: Path) -> int:
    """The mark the database file holds (0: none, or no file)."""
    try:
        with open(path, "rb") as f:
            f.seek(_MARK_AT)
            raw = f.read(4)
    except OSError:
        return 0
    return struct.unpack(">i", raw)[0] if len(raw) == 4 else 0


def install(engine, path: Path) -> None:
    """Make every write transaction on the engine move the mark one step (before its first write)."""
    from sqlalchemy import event

    def before_execute(conn, cursor, statement, parameters, context, executemany):
        if conn.info.get("desk_marked") or not _WRITES.match(statement):
            return
        conn.info["desk_marked"] = True
        raw = cursor.connection
        current = raw.execute("PRAGMA user_version").fetchone()[0]
        raw.execute(f"PRAGMA user_version = {next_mark(current) if current else fresh_mark()}")

    def ended(conn):
        conn.info.pop("desk_marked", None)

    event.listen(engine, "before_cursor_execute", before_execute)
    event.listen(engine, "commit", ended)
    event.listen(engine, "rollback", ended)


def step(connection) -> None:
    """Move the mark one step in a transaction written without the engine (a raw sqlite3 connection)."""
    current = connection.execute("PRAGMA user_version").fetchone()[0]
    connection.execute(f"PRAGMA user_version = {next_mark(current) if current else fresh_mark()}")


def _page_size(header: bytes) -> int:
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def _frames(wal: Path, page_size: int, salts: bytes) -> tuple[int, int, bool]:
    """(committed frames, committed transactions, whether one of them wrote page 1) of the WAL's
    current generation, from the frame headers."""
    committed = seen = transactions = 0
    has_page_one = page_one_pending = False
    with open(wal, "rb") as f:
        offset = WAL_HEADER
        while True:
            f.seek(offset)
            head = f.read(FRAME_HEADER)
            if len(head) < FRAME_HEADER or head[8:16] != salts:
                break
            seen += 1
            page_one_pending |= int.from_bytes(head[0:4], "big") == 1
            if int.from_bytes(head[4:8], "big"):      # a commit frame: the transaction is whole
                committed, has_page_one = seen, has_page_one or page_one_pending
                transactions += 1
            offset += FRAME_HEADER + page_size
    return committed, transactions, has_page_one


def foreign_reason(path: Path) -> str | None:
    """Why the WAL beside the database must not be replayed into it, or None (no WAL, or Desk's own)."""
    wal = Path(f"{path}-wal")
    try:
        size = wal.stat().st_size
    except OSError:
        return None
    if size < WAL_HEADER + FRAME_HEADER:
        return None                                    # no frame: nothing to replay
    with open(wal, "rb") as f:
        header = f.read(WAL_HEADER)
    magic, _version, wal_page, _seq = struct.unpack(">IIII", header[:16])
    if magic not in WAL_MAGIC:
        return None                                    # SQLite ignores a WAL without its header
    try:
        with open(path, "rb") as f:
            db_header = f.read(100)
    except OSError:
        db_header = b""
    if len(db_header) >= 100 and _page_size(db_header) != wal_page:
        return t("cỡ trang khác với cơ sở dữ liệu", "its page size differs from the database's")
    committed, transactions, has_page_one = _frames(wal, wal_page, header[16:24])
    if not committed:
        return None
    mark = file_mark(path)
    if mark and not has_page_one:
        return t("không do Desk ghi cho tệp này", "it was not written by Desk for this file")
    try:
        reader = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            said = reader.execute("PRAGMA user_version").fetchone()[0]
        finally:
            reader.close()
    except sqlite3.Error:
        return t("nội dung không đọc được cùng cơ sở dữ liệu", "its content cannot be read with the database")
    if mark == 0:
        if said != 0:
            return t("thuộc một cơ sở dữ liệu khác", "it belongs to another database")
        if wal.stat().st_mtime < path.stat().st_mtime - 2:
            return t("cũ hơn cơ sở dữ liệu", "it is older than the database")
        return None
    reachable, step_mark = {mark}, mark
    for _ in range(transactions):
        step_mark = next_mark(step_mark)
        reachable.add(step_mark)
    if said not in reachable:
        return t("thuộc một cơ sở dữ liệu khác hoặc một lần lưu cũ hơn",
                 "it belongs to another database or to an older state of this one")
    return None


def set_aside(path: Path, now: datetime) -> Path:
    """Rename the WAL and its index aside (never deleted); returns the WAL's new name."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = Path(f"{path}-wal.set-aside-{stamp}")
    n = 2
    while target.exists():
        target = Path(f"{path}-wal.set-aside-{stamp}-{n}")
        n += 1
    os.replace(Path(f"{path}-wal"), target)
    shm = Path(f"{path}-shm")
    if shm.exists():
        os.replace(shm, Path(str(target).replace("-wal.set-aside-", "-shm.set-aside-")))
    return target


def ensure_marked(engine, path: Path) -> None:
    """A database file without a mark gets a fresh one, checkpointed into the file itself, so
    that every later WAL can be tied to it."""
    if file_mark(path):
        return
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        cursor.execute(f"PRAGMA user_version = {fresh_mark()}")
        cursor.execute("COMMIT")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()
