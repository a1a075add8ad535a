"""Alembic migrations run from code, in one transaction, with a refusal of newer schemas."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from desk.domain.lang import t
from desk.errors import StoreError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    # Computed at run time so a frozen build finds the revisions it ships as data.
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def upgrade_to_head(engine: Engine, *, backup_first: bool = True) -> None:
    """Migrate to the newest schema in ONE transaction, after a verified backup of an existing database.

    If any step fails, the transaction rolls back (SQLite's DDL is transactional; db.py emits BEGIN)
    and the database is exactly as before; the error names the backup.
    """
    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(engine)
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise StoreError(t(
            f"Cơ sở dữ liệu này do phiên bản Desk mới hơn tạo ra (lược đồ {current}). "
            "Hãy cài phiên bản Desk mới nhất; dữ liệu không bị thay đổi.",
            f"This database was created by a newer Desk (schema {current}). "
            "Install the newest Desk; the data was not changed."))
    if current == script.get_current_head():
        return
    saved = None
    if current is not None and backup_first:
        from desk.store.backup import backup_before_migration

        saved = backup_before_migration(Path(engine.url.database), current)
    config = alembic_config()
    try:
        with engine.begin() as connection:
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


class MigrationFailed(StoreError):
    """A migration raised; its transaction was rolled back."""
