"""A data folder opened for work: its database engine and the office unit it belongs to."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from desk import paths
from desk.domain.access import Actor
from desk.domain.lang import t
from desk.domain.units import Unit
from desk.errors import UserError
from desk.services import office
from desk.store import server
from desk.store.db import open_store, session_scope


@dataclass
class Workspace:
    folder: Path
    engine: Engine
    actor: Actor | None = None      # who signed in to the window; None: the computer's user, as a clerk
    # What opening found and dealt with (a stray WAL set aside, a trigger put back): told to the user.
    notices: list[str] = field(default_factory=list)

    def session(self) -> AbstractContextManager[Session]:
        return session_scope(self.engine)

    def unit(self) -> Unit | None:
        with self.session() as session:
            return office.office_unit(session)

    def require_unit(self) -> Unit:
        unit = self.unit()
        if unit is None:
            raise UserError(t("Chưa chọn đơn vị (xã, phường, đặc khu) cho máy này. "
                              "Hãy mở Desk để chọn, hoặc chạy: desk init --unit MÃ_ĐƠN_VỊ",
                              "No unit is set for this installation. Open Desk to choose one, "
                              "or run: desk init --unit UNIT_CODE"))
        return unit


def open_workspace(folder_option: str | None = None, *, create: bool = False, exclusive: bool = True,
                   database: str | None = None, ask: Callable[[str], str | None] | None = None,
                   local: bool = False) -> Workspace:
    """Open the data folder; the default folder is created, a folder the user named must exist.

    database: a PostgreSQL server's URL (else DESK_DATABASE_URL): the records live there, the folder
    keeps this computer's logs and settings. ask(prompt) -> password, when none is found elsewhere.
    local: the folder's own SQLite database whatever DESK_DATABASE_URL says (the self-check's folder).
    """
    folder = paths.data_dir(folder_option)
    named = bool(folder_option) or bool(os.environ.get(paths.DATA_DIR_ENV))
    if not folder.exists():
        if named and not create:
            raise UserError(t(f"Thư mục dữ liệu «{folder}» không tồn tại. Hãy tạo thư mục đó, "
                              "hoặc chạy «desk --data-dir THƯ_MỤC init --unit MÃ» để khởi tạo.",
                              f"The data folder «{folder}» does not exist. Create it, or run "
                              "«desk --data-dir FOLDER init --unit CODE» to set it up."))
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(t(f"Không tạo được thư mục dữ liệu «{folder}»: {exc.strerror}.",
                              f"Cannot create the data folder «{folder}»: {exc.strerror}.")) from None
    if not folder.is_dir():
        raise UserError(t(f"«{folder}» không phải là thư mục.", f"«{folder}» is not a folder."))
    notices: list[str] = []
    database = None if local else database or os.environ.get(server.URL_ENV) or None
    if database:
        engine = server.open_server(database, ask=ask)
        try:
            same_office(folder, engine)
        except BaseException:
            engine.dispose()
            raise
        return Workspace(folder, engine, notices=notices)
    engine = open_store(paths.database_path(folder), exclusive=exclusive, notices=notices)
    return Workspace(folder, engine, notices=notices)


# The office a computer's Desk worked for on a server, remembered in its data folder: pointed at
# another office's database by mistake (a second commune on the same server), it refuses to write there.
SERVER_OFFICE_FILE = "server-office.txt"


class AnotherOffice(UserError):
    """The server database belongs to another office than the one this computer worked for."""


def same_office(folder: Path, engine: Engine, *, remember: bool = True) -> None:
    """AnotherOffice when the server database is another office's than the one this computer worked for;
    remember: a first office is written down (a connection test only looks)."""
    with session_scope(engine) as session:
        unit = office.office_unit(session)
    if unit is None:
        return              # a new database: its unit is chosen at the first start
    remembered = folder / SERVER_OFFICE_FILE
    known = remembered.read_text(encoding="utf-8").strip() if remembered.exists() else ""
    if known and known != str(unit.code):
        raise AnotherOffice(t(
            f"Cơ sở dữ liệu trên máy chủ là của {unit.name} (mã {unit.code}), không phải của đơn vị máy này vẫn làm "
            f"việc (mã {known}): có thể địa chỉ trỏ nhầm sang cơ sở dữ liệu của đơn vị khác. Không có gì bị thay "
            f"đổi. Nếu đúng là máy này chuyển sang làm việc cho {unit.name}, hãy xóa tệp «{remembered}».",
            f"The server database belongs to {unit.name} (code {unit.code}), not to the office this computer works "
            f"for (code {known}): the address may point at another office's database. Nothing was changed. If this "
            f"computer now works for {unit.name}, delete the file «{remembered}»."))
    if not known and remember:
        try:
            remembered.write_text(str(unit.code), encoding="utf-8")
        except OSError:
            pass            # a read-only folder: the check waits for one that can be written
