"""A large import's new records made ready by a second process while the file is checked, copied in on commit."""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select, text
from tests.conftest import NGO_QUYEN, desk_in
from tests.services.staging_faults import failing_add, fails_once_rotated, loaded_then, slow_add, slow_warm

from desk import helper_pools, paths
from desk.domain.access import Actor, Role
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import history, import_staging, importing, records, templates
from desk.services.integrity_check import check
from desk.store import audit, checkpoints
from desk.store.models import history_table_of, table_of
from desk.store.security import AuditEntry

CLERK = Actor("lan", Role.CLERK)
STATES = ("received", "in_progress", "resolved")


@pytest.fixture
def staged(monkeypatch):
    """Files of a few rows are staged as 100,000-row ones are, two records handed over at a time and two
    to an import batch row of the audit trail; the staged writes, counted."""
    monkeypatch.setattr(import_staging, "STAGED_ROWS", 3)
    monkeypatch.setattr(import_staging, "STAGED_BYTES", 0)
    monkeypatch.setattr(import_staging, "_CHUNK", 2)
    monkeypatch.setattr(importing.bulk_records, "AUDIT_BATCH", 2)
    monkeypatch.setattr(import_staging.Staging, "making", loaded_then(import_staging.Staging.making))
    writes = _Writes()
    copy = import_staging.write

    def counted(session, reg, staging, making, **kwargs):
        copied = copy(session, reg, staging, making, **kwargs)
        if copied:
            writes.append(making.made.count)
            writes.parts.append(making.made.parts)
        return copied
    monkeypatch.setattr(import_staging, "write", counted)
    return writes


class _Writes(list):
    """The records each staged write copied in; `parts`: the staged files it copied, with their records."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[tuple] = []


made_at_once = import_staging.Staging.making


@pytest.fixture
def desk(tmp_path):
    """A fresh Desk to import into."""
    workspace = desk_in(tmp_path / "desk")
    yield workspace
    workspace.engine.dispose()


def checked(workspace, path: Path) -> tuple[importing.ImportPlan, Path]:
    """The check the window shows, and the folder its records are staged in."""
    plan = importing.import_file(workspace, path, dry_run=True, actor=CLERK)
    assert plan.staging is not None and plan.staging.folder.is_dir()
    return plan, plan.staging.folder


def exported_records(folder: Path, count: int) -> Path:
    """A template with `count` records of another Desk (IDs, states, descriptions), as a 100k-row file would be."""
    source = desk_in(folder / "nguon")
    try:
        with source.session() as session:
            for n in range(count):
                records.save(session, OBSTACLES, {
                    "title": f"Thiếu công chức chuyển đổi số ở tổ dân phố số {n}", "domain": "PERSONNEL",
                    "level": "province", "raised_on": date(2025, 9, 1 + n), "status": STATES[n % 3],
                    "description": f"Phát hiện qua rà soát lần {n}" if n % 2 else None,
                    "proposal": "Đề nghị tỉnh biệt phái 02 công chức",
                    "result": "Tỉnh đã biệt phái 02 công chức" if STATES[n % 3] == "resolved" else None},
                    unit_code=NGO_QUYEN, actor=CLERK)
        out = folder / "du-lieu.xlsx"
        with source.session() as session:
            templates.export_template(session, OBSTACLES, source.require_unit(), out, with_records=True)
    finally:
        source.engine.dispose()
    return out


@pytest.fixture
def exported(tmp_path) -> Path:
    """A template with 7 records of another Desk."""
    return exported_records(tmp_path, 7)


def checked_then_committed(workspace, path: Path) -> importing.ImportPlan:
    """What the window does: the check the clerk reads, then the commit of that plan."""
    plan = importing.import_file(workspace, path, dry_run=True, actor=CLERK)
    assert plan.ok, [p.line() for p in plan.problems]
    return importing.commit_checked(workspace, plan, actor=CLERK)


def rows_of(workspace) -> dict[str, list[tuple]]:
    """Every stored row an import writes, but the moment it was written."""
    moments = {"created_at", "updated_at", "recorded_at", "at"}
    found = {}
    with workspace.session() as session:
        for name, table in [("records", table_of(OBSTACLES)), ("entries", history_table_of(OBSTACLES))]:
            columns = [c for c in table.__table__.columns if c.name not in moments]
            found[name] = [tuple(row) for row in session.execute(select(*columns).order_by(columns[0]))]
        trail = session.scalars(select(AuditEntry).where(AuditEntry.action == audit.IMPORT)
                                .order_by(AuditEntry.id)).all()
        found["audit"] = [(a.table_name, a.record_id, a.field, a.new_value, a.reason, a.actor) for a in trail]
    return found


def test_a_staged_import_stores_exactly_what_the_usual_write_stores(tmp_path, exported, staged):
    # Given the same file imported into two fresh Desks: as the window does it (staged while checked),
    # and written row by row as a small file is
    window, usual = desk_in(tmp_path / "cua-so"), desk_in(tmp_path / "thuong")
    try:
        plan = checked_then_committed(window, exported)
        assert staged == [7]                    # the staged copy was what the commit wrote
        direct = importing.import_file(usual, exported, actor=CLERK, stage=False)
        assert plan.committed and direct.committed and plan.new_count == direct.new_count == 7
        # Then every record, history entry and import batch row of the audit trail is the same
        stored, expected = rows_of(window), rows_of(usual)
        assert stored == expected
        assert len(stored["records"]) == 7 and len(stored["entries"]) >= 7
        assert [json.loads(row[3])["records"][0][1] for row in stored["audit"]][0].endswith("dòng 2")
        assert len(stored["audit"]) == 4        # 7 records, 2 to a batch row
    finally:
        window.engine.dispose()
        usual.engine.dispose()


def test_a_staged_import_passes_desk_check_and_its_history_shows_the_imported_values(desk, exported, staged):
    checked_then_committed(desk, exported)
    assert staged == [7]
    with desk.session() as session:
        first = records.query(session, OBSTACLES, records.RecordQuery(unit_code=NGO_QUYEN))[0]
        shown = history.record_history(session, OBSTACLES, first["id"])
    # Then the trail accounts for every stored value (desk check), and the record's history says
    # where it came from, with its values then
    assert check(paths.database_path(desk.folder)) == []
    assert all("du-lieu.xlsx" in row.reason for row in shown)
    assert first["title"] in {row.new for row in shown}


def test_the_staged_file_is_closed_and_removed_once_committed(desk, exported, staged):
    plan, folder = checked(desk, exported)
    importing.commit_checked(desk, plan, actor=CLERK)
    assert staged == [7] and plan.staging is None
    # Then the scratch folder is gone, the database has no other file attached, and no helper runs
    assert not folder.exists()
    assert desk.engine.pool.checkedin() == 1        # the one connection the import used
    with desk.session() as session:
        attached = [row[1] for row in session.execute(text("PRAGMA database_list"))]
    assert "main" in attached and import_staging.SCHEMA not in attached
    assert not multiprocessing.active_children()


def test_a_check_never_committed_leaves_no_helper_and_no_file(desk, exported, staged):
    plan, folder = checked(desk, exported)
    assert multiprocessing.active_children()
    # When the clerk closes the dialog without importing
    del plan
    gc.collect()
    # Then the helper has ended and its file is gone; nothing was written
    assert not folder.exists()
    assert not multiprocessing.active_children()
    with desk.session() as session:
        assert records.query(session, OBSTACLES, records.RecordQuery(unit_code=NGO_QUYEN)) == []


def test_a_helper_that_fails_leaves_the_records_to_the_usual_write(tmp_path, exported, staged, monkeypatch):
    # Given a helper that fails on the records handed to it (out of memory, killed)
    monkeypatch.setattr(import_staging, "_add", failing_add)
    window, usual = desk_in(tmp_path / "cua-so"), desk_in(tmp_path / "thuong")
    try:
        plan = checked_then_committed(window, exported)
        importing.import_file(usual, exported, actor=CLERK, stage=False)
        # Then the import is whole all the same, written as usual
        assert plan.committed and staged == []
        assert rows_of(window) == rows_of(usual)
        assert not multiprocessing.active_children()
    finally:
        window.engine.dispose()
        usual.engine.dispose()


def test_data_changed_after_the_check_is_checked_again_and_the_staged_records_dropped(desk, exported, staged):
    plan, folder = checked(desk, exported)
    # When a record is saved before the clerk clicks "Nhập"
    with desk.session() as session:
        records.save(session, OBSTACLES, {"title": "Trụ sở chật", "domain": "PREMISES", "level": "commune",
                                          "raised_on": date(2025, 10, 1), "status": "received"},
                     unit_code=NGO_QUYEN, actor=CLERK)
    again = importing.commit_checked(desk, plan, actor=CLERK)
    # Then the file is checked again as it is written (staged again for that write), the first check's
    # staged records thrown away
    assert again is not plan and again.committed and again.new_count == 7
    assert staged == [7] and not folder.exists()
    with desk.session() as session:
        assert len(records.query(session, OBSTACLES, records.RecordQuery(unit_code=NGO_QUYEN))) == 8
    assert check(paths.database_path(desk.folder)) == []


@pytest.fixture
def behind(staged, monkeypatch) -> list[tuple]:
    """A helper that takes ~0.3 s a chunk, as 5,000 records do (it falls behind the check); the staged
    files each commit copied in."""
    monkeypatch.setattr(import_staging, "_add", slow_add)
    return staged.parts


@pytest.fixture
def window_and_usual(tmp_path):
    """Two fresh Desks: one to import into as the window does, one to write the same file row by row."""
    window, usual = desk_in(tmp_path / "cua-so"), desk_in(tmp_path / "thuong")
    yield window, usual
    window.engine.dispose()
    usual.engine.dispose()


def test_what_the_helper_made_is_copied_in_while_this_process_makes_a_share_and_the_helper_the_rest(
        tmp_path, behind, window_and_usual):
    # Given a helper behind (it shared the cores with the check) when the clerk presses "Nhập" at once on a
    # file of 20 records (10 handed over, two at a time)
    window, usual = window_and_usual
    exported = exported_records(tmp_path, 20)
    plan = checked_then_committed(window, exported)
    importing.import_file(usual, exported, actor=CLERK, stage=False)
    assert plan.committed and plan.new_count == 20
    # Then what the helper had made was closed in a file of its own, copied in first; this process made the
    # next records, and the helper the last ones, in files copied in as each was closed
    assert len(behind) == 1, behind
    files = behind[0]
    folders = [path.parent.name for path, _count in files]
    assert len(files) >= 4 and folders[1] == "here" and folders.count("here") == 1, files
    assert files[0][1] >= 2 and files[1][1] >= 2 and sum(count for _path, count in files) == 20
    # And every record, history entry and import batch row of the audit trail is the usual write's, in the
    # file's order
    stored, expected = rows_of(window), rows_of(usual)
    assert stored == expected
    assert len(stored["audit"]) == 10
    with window.session() as session:
        keys = [row[0] for row in session.execute(text("SELECT record_key FROM obstacle ORDER BY rowid"))]
        attached = [row[1] for row in session.execute(text("PRAGMA database_list"))]
    assert keys == sorted(keys) and len(set(keys)) == 20
    assert not [name for name in attached if name.startswith(import_staging.SCHEMA)]
    assert check(paths.database_path(window.folder)) == []
    assert not multiprocessing.active_children()


class _Reached:
    """A chunk's future as seen when the helper reaches it while the later ones are being taken back."""

    def __init__(self, future):
        self.future = future

    def done(self) -> bool:
        return self.future.done()

    def running(self) -> bool:
        return False

    def cancel(self) -> bool:
        return False


def test_a_chunk_the_helper_reaches_as_the_later_ones_are_taken_back_stays_in_its_first_file(
        exported, behind, window_and_usual):
    # Given a helper behind, which reaches the second chunk while the later ones are being taken back
    window, usual = window_and_usual
    plan = importing.import_file(window, exported, dry_run=True, actor=CLERK)
    assert plan.staging is not None
    chunks = plan.staging._chunks
    chunks[1] = (_Reached(chunks[1][0]), chunks[1][1])
    importing.commit_checked(window, plan, actor=CLERK)
    importing.import_file(usual, exported, actor=CLERK, stage=False)
    # Then its first file holds that chunk and the ones before, and the import is the usual write
    assert plan.committed and len(behind) == 1
    assert behind[0][0][1] >= 4 and sum(count for _path, count in behind[0]) == 7, behind
    assert rows_of(window) == rows_of(usual)
    assert not multiprocessing.active_children()


def test_a_helper_failing_after_its_first_file_was_copied_in_leaves_all_to_the_usual_write(
        exported, behind, window_and_usual, monkeypatch):
    # Given a helper behind, which fails on the records it makes once "Nhập" was pressed (its first file,
    # made before, is already copied in by then)
    monkeypatch.setattr(import_staging, "_add", fails_once_rotated)
    monkeypatch.setattr(import_staging, "_COPY_COST", 0.0)     # this process takes a share: nothing wins the race
    window, usual = window_and_usual
    plan = checked_then_committed(window, exported)
    importing.import_file(usual, exported, actor=CLERK, stage=False)
    # Then nothing of the staged records is kept: the import is whole, written as usual, each record once
    assert plan.committed and behind == []
    assert rows_of(window) == rows_of(usual)
    with window.session() as session:
        attached = [row[1] for row in session.execute(text("PRAGMA database_list"))]
    assert not [name for name in attached if name.startswith(import_staging.SCHEMA)]
    assert check(paths.database_path(window.folder)) == []
    assert not multiprocessing.active_children()


def test_a_file_that_updates_records_is_not_staged(desk, exported, staged):
    importing.import_file(desk, exported, actor=CLERK, again=True)
    staged.clear()
    # When the same records come back with one title changed (an update, not a new record)
    wb = openpyxl.load_workbook(exported)
    wb.worksheets[0].cell(2, 1).value = "Thiếu công chức (đã sửa)"
    changed = exported.with_name("da-sua.xlsx")
    wb.save(changed)
    plan = importing.import_file(desk, changed, dry_run=True, actor=CLERK)
    assert plan.staging is None
    done = importing.commit_checked(desk, plan, actor=CLERK)
    # Then it is written as usual
    assert done.committed and (done.updated_count, done.unchanged_count) == (1, 6) and staged == []


def test_a_helper_still_loading_when_the_clerk_imports_is_not_waited_for(desk, exported, staged, monkeypatch):
    # Given a helper slow to start (an office PC's antivirus scanning each new process), and a clerk who
    # presses "Nhập" at once
    monkeypatch.setattr(import_staging, "_warm", slow_warm)
    monkeypatch.setattr(import_staging.Staging, "making", made_at_once)
    plan = checked_then_committed(desk, exported)
    # Then the records are written as usual, whole, and the helper is ended
    assert plan.committed and plan.new_count == 7 and staged == []
    with desk.session() as session:
        assert len(records.query(session, OBSTACLES, records.RecordQuery(unit_code=NGO_QUYEN))) == 7
    assert not multiprocessing.active_children()


def test_the_import_helper_runs_below_the_window_s_priority_and_the_other_helpers_do_not():
    # Given the import's helper (the clerk is not waiting for it) and a report's (she is)
    background, loaded = helper_pools.start(int, background=True)
    foreground, ready = helper_pools.start(int)
    try:
        # Then the first yields the processor to the window and its reading worker; the second does not
        assert background.submit(os.nice, 0).result(timeout=60) > os.nice(0)
        assert foreground.submit(os.nice, 0).result(timeout=60) == os.nice(0)
    finally:
        helper_pools.end(background, loaded, [])
        helper_pools.end(foreground, ready, [])


def test_a_large_import_s_commit_leaves_the_wal_s_copy_to_a_thread_and_a_small_one_does_not(
        exported, window_and_usual, monkeypatch):
    small, large = window_and_usual
    copied = []
    monkeypatch.setattr(checkpoints, "_checkpoint", copied.append)
    # Given a file of 7 new records, below the size from which the copy is left to a thread
    monkeypatch.setattr(importing, "_CHECKPOINT_AFTER_ROWS", 8)
    assert checked_then_committed(small, exported).committed
    checkpoints.wait()
    assert copied == []
    # When it is as large as that size
    monkeypatch.setattr(importing, "_CHECKPOINT_AFTER_ROWS", 7)
    assert checked_then_committed(large, exported).committed
    checkpoints.wait()
    # Then its commit left the copy to a thread, on that Desk's database, and its connection copies as usual
    assert copied == [large.engine]
    with large.session() as session:
        raw = session.connection().connection.dbapi_connection
        assert raw.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == checkpoints.AUTOCHECKPOINT_PAGES
    assert check(paths.database_path(large.folder)) == []
