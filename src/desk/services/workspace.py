"""A data folder opened for work: its database engine and the office unit it belongs to."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine

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

    def session(self):
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
                   database: str | None = None, ask=None, local: bool = False) -> Workspace:
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
        return Workspace(folder, server.open_server(database, ask=ask), notices=notices)
    engine = open_store(paths.database_path(folder), exclusive=exclusive, notices=notices)
    return Workspace(folder, engine, notices=notices)
