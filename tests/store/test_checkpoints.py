"""A large write commits without copying its WAL into the database file; a thread copies it right after."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import text
from tests.conftest import desk_in

from desk import paths
from desk.store import checkpoints

ROWS = 20_000       # ~8 MB of pages: well over the 1,000 pages after which a commit copies them itself


@pytest.fixture
def desk(tmp_path):
    workspace = desk_in(tmp_path / "desk")
    yield workspace
    workspace.engine.dispose()


@pytest.fixture
def held(monkeypatch) -> threading.Event:
    """The copy after the commit waits until the test lets it go."""
    go = threading.Event()
    copy = checkpoints._checkpoint

    def when_let_go(engine) -> None:
        assert go.wait(timeout=60)
        copy(engine)
    monkeypatch.setattr(checkpoints, "_checkpoint", when_let_go)
    return go


def _large_write(session) -> None:
    session.execute(text("CREATE TABLE bulk (n INTEGER, words TEXT)"))
    session.execute(text("INSERT INTO bulk VALUES (:n, :words)"),
                    [{"n": n, "words": f"Thiếu công chức chuyển đổi số {n} " * 10} for n in range(ROWS)])


def test_a_large_write_is_committed_to_the_wal_and_copied_into_the_file_by_a_thread(desk, held):
    database = paths.database_path(desk.folder)
    before = database.stat().st_size
    with desk.session() as session:
        _large_write(session)
        checkpoints.after_commit(session)
        raw = session.connection().connection.dbapi_connection
    # Then the commit left the pages in the WAL, where Desk reads them: the file itself has not grown
    assert database.stat().st_size == before
    with desk.session() as session:
        assert session.execute(text("SELECT count(*) FROM bulk")).scalar() == ROWS
    # And the connection's next commits copy as usual
    assert raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == checkpoints.AUTOCHECKPOINT_PAGES
    # When the thread is let go, the pages are copied into the file
    held.set()
    checkpoints.wait()
    assert database.stat().st_size > before + 4_000_000
    with desk.session() as session:
        assert session.execute(text("SELECT count(*) FROM bulk")).scalar() == ROWS


def test_a_write_rolled_back_starts_no_copy_and_its_connection_copies_as_usual(desk, held):
    with pytest.raises(RuntimeError), desk.session() as session:
        _large_write(session)
        checkpoints.after_commit(session)
        raw = session.connection().connection.dbapi_connection
        raise RuntimeError("the clerk's import failed half way")
    assert raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == checkpoints.AUTOCHECKPOINT_PAGES
    assert not [thread for thread in threading.enumerate() if thread.name == "desk-checkpoint"]
    with desk.session() as session:
        assert not session.execute(text("SELECT name FROM sqlite_master WHERE name = 'bulk'")).all()
