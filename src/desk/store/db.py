"""Opening the database: connection pragmas, migrations to the current schema, sessions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, create_engine

from desk.domain.lang import t
from desk.errors import StoreError

BUSY_TIMEOUT_MS = 5000


def _on_connect(dbapi_connection: sqlite3.Connection, _record) -> None:
    # Every connection, not once per file: foreign_keys and synchronous are per connection.
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _on_connect)
    return engine


def open_store(path: Path) -> Engine:
    """The engine for the database at `path`, created or migrated to the current schema."""
    from desk.store.migrate import upgrade_to_head

    if not path.parent.is_dir():
        raise StoreError(t(f"Thư mục dữ liệu «{path.parent}» không tồn tại.",
                           f"The data folder «{path.parent}» does not exist."))
    engine = make_engine(path)
    with translated_errors(path):
        upgrade_to_head(engine)
    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: committed when the block ends, rolled back entirely on any error."""
    with translated_errors(None), Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def translated_errors(path: Path | None) -> Iterator[None]:
    """Turn SQLite's known failures into messages a clerk can act on."""
    try:
        yield
    except DBAPIError as exc:
        raise store_error(exc.orig, path) from exc
    except sqlite3.DatabaseError as exc:
        raise store_error(exc, path) from exc


def store_error(exc: BaseException | None, path: Path | None) -> Exception:
    text = str(exc).lower()
    where = f" ({path})" if path else ""
    if "locked" in text or "busy" in text:
        return StoreError(t("Cơ sở dữ liệu đang bận (một chương trình khác đang ghi). Hãy thử lại sau ít giây.",
                            "The database is busy (another program is writing). Try again in a few seconds."))
    if "readonly" in text or "read-only" in text:
        return StoreError(t(f"Không ghi được vào cơ sở dữ liệu{where}: tệp hoặc thư mục chỉ cho phép đọc.",
                            f"Cannot write to the database{where}: the file or folder is read-only."))
    if "full" in text:
        return StoreError(t(f"Ổ đĩa đã đầy, không ghi được dữ liệu{where}. Hãy giải phóng dung lượng rồi lưu lại.",
                            f"The disk is full{where}. Free some space and save again."))
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(t(f"Tệp cơ sở dữ liệu bị hỏng{where}. Hãy khôi phục từ bản sao lưu gần nhất.",
                            f"The database file is damaged{where}. Restore the newest backup."))
    if "unable to open" in text:
        return StoreError(t(f"Không mở được cơ sở dữ liệu{where}: kiểm tra thư mục dữ liệu và quyền truy cập.",
                            f"Cannot open the database{where}: check the data folder and its permissions."))
    return exc if isinstance(exc, Exception) else RuntimeError(text)
