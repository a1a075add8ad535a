"""Migration 0002: the new registers' tables, and obstacles of an older database kept, linkable to visits."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from desk import paths
from desk.store.db import make_engine
from desk.store.migrate import alembic_config, upgrade_to_head


def test_an_older_database_keeps_its_obstacles_and_gains_the_registers(data_dir):
    # Given a database at revision 0001 with an obstacle in it
    engine = make_engine(paths.database_path(data_dir))
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO obstacle (id, unit_code, created_at, updated_at, voided, search_key, title, domain, status) "
            "VALUES ('o1', 11341, '2025-09-05 08:00:00', '2025-09-05 08:00:00', 0, '', 'Trụ sở chật', 'PREMISES', "
            "'received')"))
    # When Desk opens it
    upgrade_to_head(engine)
    # Then the obstacle is still there, not linked to any visit, and the new tables exist
    with engine.connect() as connection:
        assert connection.execute(text("SELECT title, visit_id FROM obstacle")).one() == ("Trụ sở chật", None)
        tables = {r[0] for r in connection.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
    assert {"official", "staffing_frame", "movement", "visit", "initiative"} <= tables
    # And an obstacle can only point at a visit that exists
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(text("UPDATE obstacle SET visit_id = 'no-such-visit' WHERE id = 'o1'"))
    engine.dispose()
