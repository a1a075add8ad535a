"""Is the database file healthy? Header checks, quick and full integrity checks, setting a damaged file aside."""

from __future__ import annotations

import os
import sqlite3
import threading
from datetime import datetime
from pathlib import Path

from desk.store import faults
from desk.store.faults import HEADER_ERASED, MALFORMED, NOT_SQLITE, TRUNCATED, DatabaseDamaged

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
# Files that belong to a database and must move with it: the WAL holds committed transactions.
COMPANIONS = ("-wal", "-shm", "-journal")


def diagnose_header(path: Path) -> str | None:
    """The kind of damage visible in the file's first bytes and its length, or None if they look right."""
    size = path.stat().st_size
    if size == 0:
        return None                       # SQLite treats an empty file as a new, empty database
    with open(path, "rb") as f:
        header = f.read(HEADER_SIZE)
    if not header.startswith(SQLITE_MAGIC):
        if len(header) >= 16 and not any(header):
            return HEADER_ERASED
        return NOT_SQLITE
    if len(header) < HEADER_SIZE:
        return TRUNCATED
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The page count in the header is only trustworthy when its "valid-for" number matches the
    # change counter; and while a WAL holds frames, the main file may legitimately lag behind.
    counted = header[24:28] == header[92:96]
    wal = Path(f"{path}-wal")
    wal_in_use = wal.exists() and wal.stat().st_size > 0
    if counted and pages and not wal_in_use and size < pages * page_size:
        return TRUNCATED
    return None


def quick_check(path: Path, *, at_rest: bool = False) -> None:
    """Raise DatabaseDamaged (with its kind) unless the file passes the header check and PRAGMA quick_check.
    at_rest: read the file as it lies (see pragma_rows)."""
    kind = diagnose_header(path)
    if kind:
        raise DatabaseDamaged(kind, path)
    problems = pragma_rows(path, "PRAGMA quick_check(20)", at_rest=at_rest)
    if problems != ["ok"]:
        raise DatabaseDamaged(MALFORMED, path, "; ".join(problems[:3]))


# Up to this size the start runs the full integrity check, which also finds index entries that no
# longer match their rows (quick_check does not). Measured on a 2-core VM: 10k obstacles (9.8 MB)
# quick_check 13 ms, integrity_check 42 ms; 100k (96 MB) 81 ms against 567 ms. Above it the start
# runs quick_check, and a save that meets index damage notes it for the next start (preflight).
FULL_CHECK_MAX_BYTES = 32 * 1024 * 1024


def open_check(path: Path) -> None:
    """The check at every start: full integrity check up to FULL_CHECK_MAX_BYTES, else quick_check. Done
    already when begin_open_check passed this very file (the same size and time, nothing beside it)."""
    if _passed_early(path):
        return
    _open_check(path)


def _open_check(path: Path, at_rest: bool = False) -> None:
    if path.stat().st_size > FULL_CHECK_MAX_BYTES:
        quick_check(path, at_rest=at_rest)
        return
    kind = diagnose_header(path)
    if kind:
        raise DatabaseDamaged(kind, path)
    problems = pragma_rows(path, "PRAGMA integrity_check(20)", at_rest=at_rest)
    if problems != ["ok"]:
        raise DatabaseDamaged(MALFORMED, path, "; ".join(problems[:3]))


# --- the start's check, begun while the window's modules load ------------------------------------

_begun: dict[str, tuple[threading.Thread, list[tuple]]] = {}


def _key(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def _state(path: Path) -> tuple:
    """What any write to the database changes: its file's size and time, and whether a WAL or journal is beside it
    (its companions but the shared-memory file, which any reader changes)."""
    found: list[tuple[int, int] | None] = []
    for suffix in ("", *(s for s in COMPANIONS if s != "-shm")):
        try:
            stat = os.stat(f"{path}{suffix}")
        except FileNotFoundError:
            found.append(None)
        else:
            found.append((stat.st_size, stat.st_mtime_ns))
    return tuple(found)


def at_rest(path: Path) -> bool:
    """Desk closed the database cleanly: a file with content and no WAL or journal beside it."""
    state = _state(path)
    return state[0] is not None and state[0][0] > 0 and state[1:] == (None, None)


def begin_open_check(path: Path) -> threading.Thread | None:
    """Start open_check's work on a second thread, for the open_check that follows to take: SQLite lets
    go of the GIL, so the check (~0.15 s at 27 MB) runs while the window's modules load on the first.
    Only a database at rest is checked early (no WAL or journal beside it: Desk ended cleanly), read
    without a lock and without creating anything beside it, before the folder's lock and preflight.
    Its "ok" stands only for the file exactly as it was: if anything changed it (size, time, a WAL or
    journal now beside it) or the check met a problem, open_check checks again as it always has.
    Returns the thread, or None when the file is not at rest (or absent, or empty)."""
    if not at_rest(path):
        return None
    before = _state(path)
    passed: list[tuple] = []

    def check() -> None:
        try:
            _open_check(path, at_rest=True)
        except Exception:       # damage or anything else: open_check meets it again and says so
            return
        if _state(path) == before:
            passed.append(before)

    thread = threading.Thread(target=check, name="database check", daemon=True)
    _begun[_key(path)] = (thread, passed)
    thread.start()
    return thread


def _passed_early(path: Path) -> bool:
    begun = _begun.pop(_key(path), None)
    if begun is None:
        return False
    thread, passed = begun
    thread.join()
    return bool(passed) and _state(path) == passed[0]


def full_check(path: Path) -> list[str]:
    """Every problem PRAGMA integrity_check and foreign_key_check find; [] means the database is sound."""
    kind = diagnose_header(path)
    if kind:
        return [str(DatabaseDamaged(kind, path))]
    problems = [p for p in pragma_rows(path, "PRAGMA integrity_check") if p != "ok"]
    problems += pragma_rows(path, "PRAGMA foreign_key_check")
    return problems


def pragma_rows(path: Path, pragma: str, *, at_rest: bool = False) -> list[str]:
    """The pragma's rows as text. at_rest: the file read as immutable, read-only (no lock taken, no WAL
    or shared-memory file made beside it; only for a file nothing else writes to and with no WAL)."""
    connection = (sqlite3.connect(Path(path).absolute().as_uri() + "?mode=ro&immutable=1", uri=True,
                                  isolation_level=None) if at_rest else sqlite3.connect(path, isolation_level=None))
    try:
        return [" ".join(str(v) for v in row) for row in connection.execute(pragma).fetchall()]
    except sqlite3.DatabaseError as exc:
        fault = faults.from_code(getattr(exc, "sqlite_errorcode", None), path, str(exc))
        if fault is not None:
            raise fault from exc
        raise
    finally:
        connection.close()


def set_aside(path: Path, now: datetime, label: str = "corrupt") -> Path:
    """Rename a damaged database (with its WAL) to `<name>.corrupt-YYYYmmdd-HHMMSS` (or another label,
    e.g. "newer-0007" for a newer Desk's database); never delete it."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    n = 2
    while target.exists():
        target = path.with_name(f"{path.name}.{label}-{stamp}-{n}")
        n += 1
    os.replace(path, target)
    for suffix in COMPANIONS:
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            os.replace(companion, Path(f"{target}{suffix}"))
    return target
