"""A PostgreSQL server as the store: the URL, the password (never stored), the engine, the faults a clerk can act on."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.engine.url import URL
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlmodel import create_engine

from desk import paths
from desk.domain.lang import t
from desk.errors import StoreError, UserError
from desk.store.dialect import qmark_to_format

log = logging.getLogger(__name__)
URL_ENV = paths.DATABASE_URL_ENV
KEYRING_SERVICE = "Desk"
CONNECT_TIMEOUT_S = 5
# How a password is asked for when none is found (the CLI: getpass; the window: a dialog); None: never.
ask: Callable[[str], str | None] | None = None


def is_server_url(text: str | None) -> bool:
    return bool(text) and text.split(":", 1)[0].split("+", 1)[0] in ("postgresql", "postgres")


def parse_url(text: str) -> URL:
    """postgresql://USER@HOST:PORT/DB?sslmode=... as SQLAlchemy's URL for psycopg 3; query options
    (sslmode, sslrootcert, ...) go to libpq as they are."""
    try:
        url = make_url(text.strip())
    except ArgumentError:
        url = None
    if url is None or url.get_backend_name() not in ("postgresql", "postgres") or not url.database:
        raise UserError(t(f"Địa chỉ cơ sở dữ liệu «{_shown(text)}» không đúng. Hãy viết theo dạng "
                          "postgresql://TÊN_NGƯỜI_DÙNG@MÁY_CHỦ:5432/TÊN_CSDL",
                          f"The database address «{_shown(text)}» is not valid. Write it as "
                          "postgresql://USER@HOST:5432/DATABASE"))
    return url.set(drivername="postgresql+psycopg")


def _shown(text: str) -> str:
    """The URL without a password typed into it (it must not reach a message or a log)."""
    try:
        return make_url(text).render_as_string(hide_password=True)
    except ArgumentError:
        return text.split("@")[-1]


def keyring_key(url: URL) -> str:
    return f"{url.username}@{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def stored_password(url: URL) -> str | None:
    """The password the OS keyring holds for this server and user (Windows Credential Manager), if any."""
    try:
        import keyring
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, keyring_key(url))
    except Exception as exc:        # no keyring back end on this machine: asked for instead
        log.info("keyring unavailable: %s", exc)
        return None


def keep_password(url: URL, password: str) -> bool:
    """The password into the OS keyring (Windows Credential Manager) for this server and user; False
    when this computer has no keyring (Desk then asks for it at each start: it never writes it itself)."""
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, keyring_key(url), password)
    except Exception as exc:        # not installed, or no back end (a Linux session without one)
        log.info("keyring unavailable, password not kept: %s", exc)
        return False
    return True


# libpq's TLS modes, as an administrator chooses one (prefer: libpq's own default).
SSL_MODES = ("prefer", "require", "verify-ca", "verify-full", "disable")


def address(host: str, port: int, database: str, user: str, sslmode: str = "prefer") -> str:
    """postgresql://USER@HOST:PORT/DB[?sslmode=...] from its parts, never with a password."""
    query = {"sslmode": sslmode} if sslmode and sslmode != "prefer" else {}
    url = URL.create("postgresql", username=user or None, host=host.strip() or None, port=port,
                     database=database.strip(), query=query)
    return url.render_as_string(hide_password=False)


def with_password(url: URL, ask: Callable[[str], str | None] | None = None) -> URL:
    """The URL with its password: typed in it, PGPASSWORD or ~/.pgpass (libpq reads them itself),
    the OS keyring, or asked for (ask(prompt)). Never written anywhere by Desk."""
    if url.password or os.environ.get("PGPASSWORD") or os.environ.get("PGPASSFILE"):
        return url
    password = stored_password(url)
    if password is None and ask is not None and not _pgpass_exists():
        password = ask(t(f"Mật khẩu của «{url.username}» trên máy chủ {url.host or 'localhost'}: ",
                         f"Password of «{url.username}» on the server {url.host or 'localhost'}: "))
    return url.set(password=password) if password else url


def _pgpass_exists() -> bool:
    name = "pgpass.conf" if os.name == "nt" else ".pgpass"
    base = os.environ.get("APPDATA", "") if os.name == "nt" else os.path.expanduser("~")
    folder = os.path.join(base, "postgresql") if os.name == "nt" else base
    return os.path.exists(os.path.join(folder, name))


def _driver_sql(conn, cursor, statement, parameters, context, executemany):
    # Desk's driver-level SQL (exec_driver_sql) is written with SQLite's ? marks and plain %;
    # SQLAlchemy's own statements come compiled for psycopg and pass unchanged.
    if context is None or getattr(context, "compiled", None) is not None:
        return statement, parameters
    if isinstance(parameters, (tuple, list)) and (not parameters or not isinstance(parameters[0], dict)):
        return qmark_to_format(statement), parameters
    if not parameters and "%" in statement:
        return statement.replace("%", "%%"), parameters
    return statement, parameters


def make_server_engine(url: URL) -> Engine:
    engine = create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=4,
                           # Times are stored as UTC in columns without a zone: the session's zone must be
                           # UTC, else the server's own (Asia/Ho_Chi_Minh) would shift them by 7 hours.
                           connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "Desk",
                                         "options": "-c timezone=UTC"})
    event.listen(engine, "before_cursor_execute", _driver_sql, retval=True)
    return engine


def open_server(text: str, *, ask: Callable[[str], str | None] | None = None) -> Engine:
    """The engine of the server database at URL `text`, reachable, signed in, migrated to this Desk's schema."""
    from desk.store.migrate import upgrade_to_head

    url = with_password(parse_url(text), ask or globals()["ask"])
    engine = make_server_engine(url)
    try:
        with translated(url):
            with engine.connect() as connection:
                connection.exec_driver_sql("SELECT 1")
            upgrade_to_head(engine, backup_first=False)
    except BaseException:
        engine.dispose()
        raise
    return engine


# -- faults --------------------------------------------------------------------------------------
class ServerUnreachable(StoreError):
    """No server answers at the address (down, wrong host or port, a firewall)."""


class ServerSignInFailed(StoreError):
    """The server refused the user name or password."""


class ServerDatabaseMissing(StoreError):
    """The server answers but has no database of that name."""


class ConnectionLost(StoreError):
    """The connection broke during a unit of work: it was rolled back on the server."""


class ServerRefused(StoreError):
    """The server refused the work for lack of a right (the role may not write that table)."""


def where(url: URL | None) -> str:
    if url is None:
        return ""
    return f" «{url.host or 'localhost'}:{url.port or 5432}/{url.database}»"


def server_error(exc: BaseException, url: URL | None) -> Exception | None:
    """The fault for a psycopg error, or None when it is not one a clerk or the IT person can act on."""
    try:
        import psycopg
    except ImportError:
        return None
    if not isinstance(exc, psycopg.Error):
        return None
    state = getattr(exc, "sqlstate", None) or ""
    text = str(exc)
    at = where(url)
    if state in ("28P01", "28000") or "password authentication failed" in text or "no password supplied" in text:
        return ServerSignInFailed(t(
            f"Máy chủ cơ sở dữ liệu{at} từ chối đăng nhập: sai tên người dùng hoặc mật khẩu. "
            "Hãy kiểm tra lại với người quản trị; dữ liệu không bị thay đổi.",
            f"The database server{at} refused the sign-in: wrong user name or password. "
            "Check them with the administrator; nothing was changed."))
    if state == "3D000" or ("database" in text and "does not exist" in text):
        return ServerDatabaseMissing(t(
            f"Máy chủ không có cơ sở dữ liệu{at}. Hãy kiểm tra tên cơ sở dữ liệu trong địa chỉ.",
            f"The server has no database{at}. Check the database name in the address."))
    if state.startswith("42501"):
        return ServerRefused(t(
            f"Máy chủ{at} không cho phép tài khoản này thực hiện thao tác ({text.splitlines()[0]}). "
            "Lần lưu này chưa được ghi.",
            f"The server{at} does not allow this account to do that ({text.splitlines()[0]}). "
            "This save was not written."))
    if state.startswith("08") or state in ("57P01", "57P02", "57P03") or isinstance(exc, psycopg.OperationalError):
        if "connection" in text and ("refused" in text or "timeout" in text or "translate host" in text
                                     or "resolve" in text or "No route" in text):
            return ServerUnreachable(t(
                f"Không kết nối được máy chủ cơ sở dữ liệu{at}: máy chủ tắt, sai địa chỉ hoặc bị tường lửa chặn. "
                "Hãy kiểm tra mạng rồi thử lại; dữ liệu không bị thay đổi.",
                f"Cannot reach the database server{at}: it is off, the address is wrong or a firewall blocks it. "
                "Check the network and try again; nothing was changed."))
        return ConnectionLost(t(
            f"Mất kết nối với máy chủ cơ sở dữ liệu{at} giữa chừng. Lần lưu này chưa được ghi (máy chủ đã hủy "
            "toàn bộ); những gì đã nhập vẫn còn, hãy lưu lại khi mạng ổn định.",
            f"The connection to the database server{at} was lost midway. This save was not written (the server "
            "undid all of it); what was typed is kept, save again when the network is back."))
    return None


@contextmanager
def translated(url: URL | None) -> Iterator[None]:
    try:
        yield
    except DBAPIError as exc:
        fault = server_error(exc.orig, url)
        if fault is None:
            raise
        raise fault from exc
    except Exception as exc:
        fault = server_error(exc, url)
        if fault is None:
            raise
        raise fault from exc
