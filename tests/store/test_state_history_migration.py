"""Upgrading to the state history: every obstacle gets its dated states from the audit trail, kept
consistent with the record, and `desk check` finds nothing to report afterwards."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desk import paths
from desk.services import integrity_check
from desk.store.db import open_store

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(params=["schema_0001.sqlite3", "demo_0005.sqlite3"])
def upgraded(request, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    database = paths.database_path(folder)
    shutil.copyfile(FIXTURES / request.param, database)
    open_store(database).dispose()
    conn = sqlite3.connect(database)
    conn.row_factory = sqlite3.Row
    yield request.param, database, conn
    conn.close()


def _entries(conn, record_id):
    return [(r["value"], r["effective_on"]) for r in conn.execute(
        "SELECT value, effective_on FROM obstacle_state WHERE record_id = ? ORDER BY coalesce(effective_on, ''), id",
        (record_id,))]


def test_every_obstacle_has_a_history_that_ends_in_its_current_state(upgraded):
    _name, _database, conn = upgraded
    obstacles = conn.execute("SELECT id, raised_on, status, status_since, resolved_on FROM obstacle").fetchall()
    assert obstacles
    for row in obstacles:
        entries = _entries(conn, row["id"])
        assert entries[0][1] is None, "the first state holds from the day it was raised"
        assert entries[-1] == (row["status"], row["status_since"])
        dated = [day for _value, day in entries if day]
        assert dated == sorted(dated) and all(day >= row["raised_on"] for day in dated)
        if row["status"] == "resolved":
            assert row["status_since"] == row["resolved_on"]


def test_the_demo_of_the_previous_version_keeps_its_resolution_dates_and_dates_its_edits(upgraded):
    name, _database, conn = upgraded
    if name != "demo_0005.sqlite3":
        return
    # Resolved when entered (with a resolved-on date): received from the start, resolved that day
    row = conn.execute("SELECT id, resolved_on FROM obstacle WHERE status = 'resolved' AND id NOT IN "
                       "(SELECT record_id FROM audit_log WHERE action = 'edit' AND field = 'status')").fetchone()
    assert _entries(conn, row["id"]) == [("received", None), ("resolved", row["resolved_on"])]
    # Edited later (the fixture was made on 02/12/2026): the change is dated the day it was recorded
    edited = conn.execute("SELECT record_id, at, new_value FROM audit_log WHERE table_name = 'obstacle' "
                          "AND field = 'status' AND action = 'edit' AND new_value = 'in_progress'").fetchall()
    assert edited
    for record_id, at, _value in edited:
        assert _entries(conn, record_id)[-1] == ("in_progress", "2026-12-02"), at


def test_desk_check_finds_the_upgraded_database_as_its_trail_describes_it(upgraded):
    _name, database, conn = upgraded
    conn.close()
    assert integrity_check.check(database) == []
