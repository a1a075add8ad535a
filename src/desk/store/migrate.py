"""Alembic migrations run from code, in one transaction, with a refusal of newer schemas."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from desk.domain.lang import t
from desk.errors import StoreError
from desk.store import revisions
from desk.store.revisions import head_revision, known_revisions

MIGRATION_LOCK = 0x4445534B02       # a server's lock while one Desk migrates it ("DESK" + 2)


def alembic_config():
    from alembic.config import Config

    config = Config()
    # Computed at run time so a frozen build finds the revisions it ships as data.
    config.set_main_option("script_location", str(revisions.MIGRATIONS_DIR))
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return revision_of(connection)


def revision_of(connection) -> str | None:
    if connection.dialect.name != "sqlite":
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    try:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError as exc:
        if "no such table" in str(exc):
            return None
        raise


def refuse_newer(current: str | None) -> None:
    """NewerDatabase when the database's schema revision is one this Desk does not know."""
    if current is not None and current not in known_revisions():
        raise NewerDatabase(current, t(
            f"Cơ sở dữ liệu này do phiên bản Desk mới hơn tạo ra (lược đồ {current}). "
            "Hãy cài phiên bản Desk mới nhất; dữ liệu không bị thay đổi.",
            f"This database was created by a newer Desk (schema {current}). "
            "Install the newest Desk; the data was not changed."))


def upgrade_to_head(engine: Engine, *, backup_first: bool = True) -> None:
    """Migrate to the newest schema in ONE transaction, after a verified backup of an existing database.

    If any step fails, the transaction rolls back (SQLite's DDL is transactional; db.py emits BEGIN)
    and the database is exactly as before; the error names the backup.
    """
    current = current_revision(engine)
    refuse_newer(current)
    if current == head_revision():
        return
    from alembic import command
    saved = None
    if current is not None and backup_first and engine.dialect.name == "sqlite":
        from desk.store.backup import backup_before_migration

        saved = backup_before_migration(Path(engine.url.database), current)
    config = alembic_config()
    try:
        with engine.begin() as connection:
            if connection.dialect.name != "sqlite":
                # Desks started at once on a new server: one migrates, the others wait and find it done.
                connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
                if revision_of(connection) == head_revision():
                    return
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except StoreError:
        raise
    except Exception as exc:
        where = f" «{saved}»" if saved else ""
        raise MigrationFailed(t(
            f"Không nâng cấp được cơ sở dữ liệu lên phiên bản mới ({type(exc).__name__}: {exc}). "
            f"Dữ liệu vẫn giữ nguyên như trước khi nâng cấp; bản sao lưu{where}.",
            f"The database could not be upgraded ({type(exc).__name__}: {exc}). "
            f"The data is exactly as before the upgrade; backup{where}.")) from exc


class NewerDatabase(StoreError):
    """The database was made by a newer Desk (a schema revision this one does not know)."""

    def __init__(self, revision: str, text: str):
        self.revision = revision
        super().__init__(text)


class MigrationFailed(StoreError):
    """A migration raised; its transaction was rolled back."""
