"""Shared fixtures: a fresh data folder, the office set to Phường Ngô Quyền (Hải Phòng), on SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
import os
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from desk import paths
from desk.domain import lang, passwords
from desk.services import office
from desk.services.workspace import open_workspace
from desk.store import checkpoints, server

# The helpers Desk spawns run test doubles by name (tests/services/staging_faults.py): they find this folder
# on the path they inherit, as under `python -m pytest` (the README's command), so under plain `pytest` too.
_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.append(_ROOT)

NGO_QUYEN = 11329
# The suite hashes passwords thousands of times: at a cheaper scrypt cost than Desk's (2**17, 128 MB).
# tests/domain/test_passwords.py proves the production cost; processes the tests start use it too.
passwords.N = 2 ** 12


@pytest.fixture(autouse=True)
def _vietnamese_and_isolated(monkeypatch, tmp_path):
    """Every test starts in Vietnamese and can never touch the real user data folder."""
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.delenv(server.URL_ENV, raising=False)
    lang.set_language("vi")
    yield
    lang.set_language("vi")
    checkpoints.wait()      # a large write's WAL copied into its file after the test, not into the next one's


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


# The suites that run on both engines: every test there that opens a workspace runs twice.
BOTH_ENGINES = ("store", "services")
ENGINES = ("sqlite", "postgresql")
NO_POSTGRES_ENV = "DESK_NO_POSTGRES"
_TESTS = Path(__file__).parent
_numbers = itertools.count(1)


def pytest_configure(config):
    config.addinivalue_line("markers", "sqlite_only: about the SQLite file itself (WAL, backups of the file, "
                                       "damage): not run on PostgreSQL")


def pytest_generate_tests(metafunc):
    if "engine_kind" not in metafunc.fixturenames:
        return
    try:
        suite = Path(metafunc.definition.path).relative_to(_TESTS).parts[0]
    except ValueError:
        return
    # Without PostgreSQL the server runs are left out only when asked for: a missing server fails them.
    if (suite in BOTH_ENGINES and not metafunc.definition.get_closest_marker("sqlite_only")
            and os.environ.get(NO_POSTGRES_ENV) != "1"):
        metafunc.parametrize("engine_kind", ENGINES, indirect=True)


@pytest.fixture
def engine_kind(request) -> str:
    return getattr(request, "param", "sqlite")


@pytest.fixture(scope="session")
def pg_cluster():
    """One throw-away PostgreSQL server for the run, with a template database at Desk's schema."""
    from tests.pg_cluster import Cluster

    if os.environ.get(NO_POSTGRES_ENV) == "1":
        pytest.skip(f"{NO_POSTGRES_ENV}=1: the tests of a shared server are not run")

    cluster = Cluster().start()
    try:
        cluster.admin("CREATE DATABASE desk_template")
        server.open_server(cluster.url("desk_template")).dispose()
        yield cluster
    finally:
        cluster.stop()


def _fresh_database(request, prefix: str):
    """A database copied from Desk's schema template on the run's server, dropped when the test ends."""
    cluster = request.getfixturevalue("pg_cluster")
    name = f"{prefix}_{os.getpid()}_{next(_numbers)}"
    cluster.admin(f"CREATE DATABASE {name} TEMPLATE desk_template")
    try:
        yield cluster.url(name)
    finally:
        cluster.admin(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def server_url(request):
    """A fresh database at Desk's schema on the test run's PostgreSQL server, for tests about a server only."""
    yield from _fresh_database(request, "desk_server")


@pytest.fixture
def database_url(engine_kind, request):
    """None on SQLite; on PostgreSQL the URL of a fresh database at Desk's schema, dropped afterwards."""
    if engine_kind == "sqlite":
        yield None
        return
    yield from _fresh_database(request, "desk_test")


@pytest.fixture
def workspace(data_dir, database_url):
    ws = open_workspace(str(data_dir), database=database_url)
    with ws.session() as session:
        office.set_office_unit(session, NGO_QUYEN)
    yield ws
    ws.engine.dispose()


def desk_in(folder: Path):
    """A new data folder at `folder`, its database migrated and set to Phường Ngô Quyền (the caller disposes of it)."""
    folder.mkdir()
    workspace = open_workspace(str(folder))
    with workspace.session() as session:
        office.set_office_unit(session, NGO_QUYEN)
    return workspace


@contextmanager
def outside_desk(workspace):
    """A connection of another client than Desk (a DB browser, a script, psql), committing each statement:
    sqlite3 on the data folder's file, psycopg on the server's database."""
    url = workspace.engine.url
    if url.get_backend_name() == "sqlite":
        conn = sqlite3.connect(paths.database_path(workspace.folder), isolation_level=None)
        try:
            yield conn
        finally:
            conn.close()
        return
    import psycopg

    with psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password,
                         dbname=url.database, autocommit=True) as conn:
        yield conn


def integrity_errors() -> tuple[type[Exception], ...]:
    """What either client raises for a refused write."""
    import psycopg

    return sqlite3.IntegrityError, psycopg.IntegrityError
