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


def upgrade_to_head(engine: Engine) -> None:
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
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
