"""A database on either engine left at an earlier revision, for the tests of the migration after it."""

from __future__ import annotations

import random

from alembic import command

from desk.store.db import make_engine
from desk.store.migrate import alembic_config


def engine_at(request, tmp_path, revision: str):
    """An engine on a new database (request.param: "sqlite" or "postgresql") migrated up to revision."""
    if request.param == "sqlite":
        engine = make_engine(tmp_path / "desk.sqlite3")
    else:
        from desk.store.server import make_server_engine, parse_url

        cluster = request.getfixturevalue("pg_cluster")
        name = f"desk_at_{revision}_{random.randrange(10**9)}"
        cluster.admin(f"CREATE DATABASE {name}")
        request.addfinalizer(lambda: cluster.admin(f"DROP DATABASE {name} WITH (FORCE)"))
        engine = make_server_engine(parse_url(cluster.url(name)))
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return engine


def insert_obstacles(engine, rows: list[dict]) -> None:
    """Obstacle rows (bench.data's) with the title's derived columns, as far as the table at its revision has them."""
    import sqlalchemy as sa

    from desk.domain.derived_keys import title_columns
    from desk.domain.registers.obstacles import REGISTER as OBSTACLES

    with engine.begin() as connection:
        obstacle = sa.Table("obstacle", sa.MetaData(), autoload_with=connection)
        names = {c.name for c in obstacle.columns}
        connection.execute(sa.insert(obstacle), [{k: v for k, v in {**r, **title_columns(OBSTACLES, r)}.items()
                                                  if k in names} for r in rows])
