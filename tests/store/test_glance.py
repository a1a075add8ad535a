"""The glance before the sign-in: a cleanly closed database gives its unit; anything else, or any doubt, nothing."""

from __future__ import annotations

import os
import sqlite3

import pytest
from tests.conftest import desk_in

from desk import paths
from desk.services import users
from desk.store.glance import glance


@pytest.fixture
def database(tmp_path):
    workspace = desk_in(tmp_path / "du-lieu")
    with workspace.session() as session:
        users.create_first_admin(session, "quantri", "mật-khẩu-quản-trị")
    workspace.engine.dispose()
    return paths.database_path(workspace.folder)


def _glance(database):
    return glance(database)


def _outside(database, sql: str) -> None:
    connection = sqlite3.connect(database, isolation_level=None)
    try:
        connection.execute(sql)
    finally:
        connection.close()


def test_a_database_desk_closed_cleanly_gives_its_unit_and_is_left_exactly_as_it_was(database):
    before = sorted(os.listdir(database.parent)), database.stat().st_mtime_ns, database.read_bytes()
    seen = _glance(database)
    assert seen is not None
    assert seen.display.startswith("Phường Ngô Quyền")
    assert (sorted(os.listdir(database.parent)), database.stat().st_mtime_ns, database.read_bytes()) == before


@pytest.mark.parametrize("change", [
    "DELETE FROM setting WHERE key = 'office.unit_code'",            # no unit chosen yet
    "UPDATE alembic_version SET version_num = '0016'",                # an older schema: it is upgraded first
    "UPDATE alembic_version SET version_num = '9999_from_a_newer_desk'",
    "DROP TABLE desk_user",
])
def test_a_database_that_needs_more_than_a_sign_in_gives_nothing(database, change):
    _outside(database, change)
    assert _glance(database) is None


def test_a_database_without_users_gives_nothing_the_first_administrator_is_made_first(tmp_path):
    workspace = desk_in(tmp_path / "moi")
    workspace.engine.dispose()
    assert _glance(paths.database_path(workspace.folder)) is None


def test_a_database_not_closed_cleanly_or_not_a_database_gives_nothing(database, tmp_path):
    (wal := database.with_name(database.name + "-wal")).write_bytes(b"")
    assert _glance(database) is None            # a WAL beside it: another Desk has it open, or one ended badly
    wal.unlink()
    database.with_name(database.name + "-journal").write_bytes(b"x")
    assert _glance(database) is None
    garbage = tmp_path / "hong.sqlite3"
    garbage.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert _glance(garbage) is None
    (empty := tmp_path / "rong.sqlite3").write_bytes(b"")
    assert _glance(empty) is None
    assert _glance(tmp_path / "khong-co.sqlite3") is None
