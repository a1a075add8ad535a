"""Several clerks on one PostgreSQL server: stale saves refused, no lost update, numbers unique and gap-free."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select
from tests.conftest import NGO_QUYEN
from tests.services.registers_helpers import obstacle

from desk.domain.access import Actor, Role
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import office, records
from desk.services.workspace import open_workspace
from desk.store import audit, audit_chain
from desk.store.security import AuditEntry

ROOT = Path(__file__).resolve().parents[2]
LAN, MAI = Actor("lan", Role.CLERK), Actor("mai", Role.CLERK)


@pytest.fixture
def shared(server_url, tmp_path):
    """The office's database on the server, as the first Desk opened it."""
    folder = tmp_path / "first"
    folder.mkdir()
    ws = open_workspace(str(folder), database=server_url)
    with ws.session() as session:
        office.set_office_unit(session, NGO_QUYEN)
    yield ws
    ws.engine.dispose()


def test_the_second_save_of_a_record_is_refused_and_says_what_the_first_changed(shared, tmp_path):
    # Given two Desks that opened the same record at the same version
    record_id = obstacle(shared, title="Thiếu công chức địa chính")
    other = open_workspace(str(tmp_path), database=str(shared.engine.url.render_as_string(hide_password=False)))
    with shared.session() as session:
        record = records.get(session, OBSTACLES, record_id)
        values, version = records.stored_values(record, OBSTACLES), record.version
    # When Lan saves a new title, then Mai saves her own edit made from the old version
    with other.session() as session:
        records.save(session, OBSTACLES, {**values, "title": "Thiếu công chức tư pháp"}, unit_code=NGO_QUYEN,
                     record_id=record_id, actor=LAN, version=version)
    with pytest.raises(records.RecordChanged) as refused, shared.session() as session:
        records.save(session, OBSTACLES, {**values, "proposal": "Bổ sung biên chế"}, unit_code=NGO_QUYEN,
                     record_id=record_id, actor=MAI, version=version)
    # Then Mai is told who changed what, nothing of hers was written, and saving from the new version works
    message = str(refused.value)
    assert "«lan»" in message and "Thiếu công chức địa chính" in message and "Thiếu công chức tư pháp" in message
    assert refused.value.version == version + 1
    with shared.session() as session:
        assert records.get(session, OBSTACLES, record_id).proposal is None
        records.save(session, OBSTACLES, {**values, "proposal": "Bổ sung biên chế"}, unit_code=NGO_QUYEN,
                     record_id=record_id, actor=MAI, version=refused.value.version)
    with shared.session() as session:
        saved = records.get(session, OBSTACLES, record_id)
        assert (saved.title, saved.proposal, saved.version) == ("Thiếu công chức địa chính", "Bổ sung biên chế",
                                                                version + 2)
    other.engine.dispose()


def test_clerks_in_several_processes_lose_no_save_share_no_number_and_leave_a_whole_trail(shared, tmp_path):
    # Given five obstacles on the server and four Desks in their own processes
    ids = [obstacle(shared, title=f"Vướng mắc {i}", impact_count=0) for i in range(5)]
    url = shared.engine.url.render_as_string(hide_password=False)
    # Scaled to run in under a minute on two cores; the full run: DESK_SEVERAL_CLERKS=10x1000
    clerks, saves = (int(n) for n in os.environ.get("DESK_SEVERAL_CLERKS", "4x60").split("x"))
    numbers = 15
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)])}
    # When each saves the shared records many times (retrying a refused save) and takes report numbers
    running = []
    for i in range(clerks):
        folder = tmp_path / f"clerk{i}"
        folder.mkdir()
        running.append(subprocess.Popen(
            [sys.executable, "-m", "tests.services.clerk_worker", url, str(folder), f"clerk{i}", str(saves),
             str(numbers), str(i)], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    results = []
    for process in running:
        out, err = process.communicate(timeout=max(240, saves))
        assert process.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    # Then every save counted once (none lost), the numbers are 1..N each given once
    with shared.session() as session:
        total = sum(records.get(session, OBSTACLES, i).impact_count for i in ids)
        versions = sum(records.get(session, OBSTACLES, i).version for i in ids)
        taken = sorted(n for r in results for n in r["numbers"])
        assert total == clerks * saves
        assert versions == len(ids) * 1 + clerks * saves
        assert taken == list(range(1, clerks * numbers + 1))
        # and the trail holds every save, its hash chain whole
        edits = session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == audit.EDIT, AuditEntry.field == "impact_count"))
        assert edits == clerks * saves
        rows = session.connection().exec_driver_sql(
            f"SELECT {', '.join(audit_chain.COLUMNS)}, prev_hash, row_hash FROM audit_log ORDER BY id").fetchall()
        assert list(audit_chain.breaks(rows)) == []
    assert sum(r["refused"] for r in results) > 0      # the clerks did collide


def test_a_period_locked_on_one_desk_waits_for_a_save_in_flight_and_refuses_every_later_one(shared, tmp_path):
    import threading
    import time

    from desk.domain import periods
    from desk.services import period_lock

    q3 = periods.parse_period("2025-Q3")
    leader = Actor("hung", Role.LEADER)
    url = shared.engine.url.render_as_string(hide_password=False)
    other = open_workspace(str(tmp_path), database=url)
    values = {"title": "Thiếu máy tính", "domain": "PERSONNEL", "level": "province", "raised_on": "05/09/2025",
              "status": "received"}
    # Given a clerk's save into Q3 in flight on one Desk (written, not yet committed)
    saved, release, locked_at = threading.Event(), threading.Event(), []

    def clerk():
        with shared.session() as session:
            records.save(session, OBSTACLES, values, unit_code=NGO_QUYEN, actor=LAN)
            saved.set()
            release.wait(10)
            time.sleep(0.3)
        committed.append(time.monotonic())

    committed: list[float] = []
    thread = threading.Thread(target=clerk)
    thread.start()
    saved.wait(10)
    # When the leader locks Q3 on another Desk meanwhile
    release.set()
    with other.session() as session:
        period_lock.lock(session, NGO_QUYEN, q3, actor=leader, reason="Đã nộp báo cáo quý III")
        locked_at.append(time.monotonic())
    thread.join()
    # Then the lock waited for the save in flight, and every save into Q3 after it is refused on any Desk
    assert locked_at[0] >= committed[0]
    for ws in (shared, other):
        with pytest.raises(period_lock.PeriodLockedError), ws.session() as session:
            records.save(session, OBSTACLES, values, unit_code=NGO_QUYEN, actor=MAI)
    other.engine.dispose()
