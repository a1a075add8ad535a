"""kill -9 at random moments during writes, 50 times: the database is sound, no transaction half-applied,
and every save that was acknowledged is there.

A helper process imports Desk once, then forks a writer per run (importing Desk costs about a
second; a fork a few milliseconds), sleeps a random time and kills the writer with SIGKILL. The
writer prints each record's id only after its transaction committed: that is the acknowledgement
a clerk sees when the form closes. Each transaction creates record i and edits record i-1, so a
half-applied transaction would show as a record without its audit rows, or an edit without its
record.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desk import paths

# About the SQLite file itself (kill -9 under its journal): a server keeps its own durability.
pytestmark = pytest.mark.sqlite_only

RUNS = 50
FIELDS_PER_RECORD = 6          # title, domain, description, level, raised_on, status: one create row each

SERVER = textwrap.dedent(r"""
    import os, random, shutil, signal, sys, time
    from pathlib import Path

    from desk.domain.access import Actor, Role
    from desk.services import records
    from desk.domain.registers.obstacles import REGISTER as OBSTACLES
    from desk.store.db import make_engine, session_scope

    template, runs, seed, out = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
    rng = random.Random(seed)
    actor = Actor("lan", Role.CLERK, 1)

    def values(i, status="received"):
        return {"title": f"Bản ghi số {i}", "domain": "PERSONNEL", "description": "Thiếu công chức địa chính " * 20,
                "level": "province", "raised_on": "05/09/2025", "status": status}

    def write_forever(database, acks, ready):
        engine = make_engine(database)
        with session_scope(engine) as session:
            records.choices(session, OBSTACLES, "domain")      # connected and warmed up
        os.write(ready, b"1")
        previous = None
        i = 0
        while True:
            with session_scope(engine) as session:
                record_id = records.save(session, OBSTACLES, values(i), unit_code=11329, actor=actor)
                if previous is not None:
                    records.save(session, OBSTACLES, values(i - 1, "in_progress"), unit_code=11329,
                                 record_id=previous, actor=actor)
            os.write(acks, f"{i} {record_id}\n".encode())      # only after the commit returned
            previous = record_id
            i += 1

    for run in range(runs):
        folder = out / f"run{run:02d}"
        folder.mkdir()
        database = folder / "desk.sqlite3"
        shutil.copyfile(template, database)
        acks = os.open(folder / "acks.txt", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        ready_r, ready_w = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(ready_r)
                write_forever(database, acks, ready_w)
            finally:
                os._exit(3)
        os.close(ready_w)
        os.read(ready_r, 1)                 # the writer is about to start its first transaction
        os.close(ready_r)
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        os.close(acks)
        print(run, os.WTERMSIG(status) if os.WIFSIGNALED(status) else -os.WEXITSTATUS(status), flush=True)
""")


def check_run(folder: Path) -> int:
    acked = [line.split() for line in (folder / "acks.txt").read_text().splitlines() if line.strip()]
    conn = sqlite3.connect(folder / "desk.sqlite3")          # opening replays the WAL, as Desk would
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], folder
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == [], folder
        stored = {title: (rid, status) for rid, title, status in
                  conn.execute("SELECT id, title, status FROM obstacle")}
        audit_rows: dict[str, list[str]] = {}
        for rid, action in conn.execute("SELECT record_id, action FROM audit_log WHERE table_name='obstacle'"):
            audit_rows.setdefault(rid, []).append(action)
    finally:
        conn.close()
    # Every acknowledged save is there
    for i, record_id in acked:
        assert stored.get(f"Bản ghi số {i}", (None,))[0] == record_id, f"{folder}: acknowledged save {i} lost"
    # At most one transaction more than acknowledged committed (killed between commit and print)
    assert len(stored) in (len(acked), len(acked) + 1), folder
    # No half-applied transaction: record n exists with its audit rows exactly when transaction n
    # committed, and then record n-1 carries that transaction's edit
    count = len(stored)
    for n in range(count):
        record_id, status = stored[f"Bản ghi số {n}"]
        expected_edit = n < count - 1
        assert status == ("in_progress" if expected_edit else "received"), (folder, n)
        # the edit changes the status and the day it took effect: two rows
        assert sorted(audit_rows.get(record_id, [])) == ["create"] * FIELDS_PER_RECORD + ["edit"] * 2 * expected_edit, \
            (folder, n)
    assert set(audit_rows) == {rid for rid, _ in stored.values()}, folder
    return len(acked)


def test_kill_9_during_writes_never_loses_an_acknowledged_save_nor_half_applies_one(workspace, tmp_path):
    workspace.engine.dispose()
    template = paths.database_path(workspace.folder)
    out = tmp_path / "runs"
    out.mkdir()
    seed = random.randrange(1_000_000)
    done = subprocess.run([sys.executable, "-c", SERVER, str(template), str(RUNS), str(seed), str(out)],
                          capture_output=True, text=True, timeout=180, env={**os.environ, "PYTHONHASHSEED": "0"})
    assert done.returncode == 0, done.stderr
    # Every writer was killed by SIGKILL (9), none stopped on its own
    signals = [int(line.split()[1]) for line in done.stdout.splitlines()]
    assert signals == [9] * RUNS, f"seed {seed}: {done.stdout}"
    acknowledged = [check_run(out / f"run{run:02d}") for run in range(RUNS)]
    # The kills landed at different points: some runs before any commit, most in the middle of many
    assert sum(acknowledged) >= RUNS // 2 and len(set(acknowledged)) >= 3, f"seed {seed}: {acknowledged}"
