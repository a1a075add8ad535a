"""Pointing this computer's Desk at a shared server: testing an address before it is used, nothing changed."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from desk.domain.lang import t
from desk.errors import StoreError
from desk.services import office
from desk.services.workspace import same_office
from desk.store import migrate, revisions, server
from desk.store.db import session_scope


class NotADeskDatabase(StoreError):
    """The database holds tables that Desk did not make."""


def check_connection(folder: Path, text: str, password: str = "") -> str:
    """What a Desk started with address `text` would find there, as a sentence; the faults (unreachable,
    wrong password, no such database, a newer Desk's schema, not Desk's, another office's) are raised
    with their own messages. Nothing is written: neither the database, nor the folder, nor the keyring."""
    url = server.parse_url(text)
    url = url.set(password=password) if password else server.with_password(url)
    at = server.where(url)
    engine = server.make_server_engine(url)
    try:
        with server.translated(url):
            with engine.connect() as connection:
                revision = migrate.revision_of(connection)
                tables = inspect(connection).get_table_names()
            if revision is None and tables:
                raise NotADeskDatabase(t(
                    f"Cơ sở dữ liệu{at} đã có {len(tables)} bảng nhưng không phải của Desk. Hãy tạo một cơ sở dữ "
                    "liệu riêng cho Desk (xem hướng dẫn cho người phụ trách kỹ thuật); không có gì bị thay đổi.",
                    f"The database{at} has {len(tables)} tables but is not Desk's. Create a database of its own "
                    "for Desk (see the IT person's guide); nothing was changed."))
            if revision is None:
                return t(f"Kết nối được{at}. Cơ sở dữ liệu còn trống: Desk sẽ tạo các bảng khi mở lần sau.",
                         f"Connected to{at}. The database is empty: Desk creates its tables at the next start.")
            migrate.refuse_newer(revision)
            if revision != revisions.head_revision():
                return t(f"Kết nối được{at}: cơ sở dữ liệu Desk của phiên bản trước, sẽ được nâng cấp khi mở lần "
                         "sau.",
                         f"Connected to{at}: a Desk database of an earlier version, upgraded at the next start.")
            same_office(folder, engine, remember=False)
            with session_scope(engine) as session:
                unit = office.office_unit(session)
    finally:
        engine.dispose()
    if unit is None:
        return t(f"Kết nối được{at}: cơ sở dữ liệu Desk chưa chọn đơn vị.",
                 f"Connected to{at}: a Desk database with no unit chosen yet.")
    return t(f"Kết nối được{at}: cơ sở dữ liệu Desk của {unit.name}.",
             f"Connected to{at}: the Desk database of {unit.name}.")
