"""On a server, another Desk's committed write is announced with its register's table (LISTEN/NOTIFY)."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from tests.conftest import NGO_QUYEN

from desk.services import office
from desk.services.workspace import open_workspace
from desk.store import notices

SRC = Path(__file__).resolve().parents[2] / "src"
# Another clerk's Desk, in a process of its own: one obstacle saved, then a rolled-back one.
OTHER_DESK = """
import sys
from desk.domain.registers.obstacles import REGISTER
from desk.services import records
from desk.services.workspace import open_workspace
ws = open_workspace(sys.argv[1], database=sys.argv[2], create=True)
values = {"title": "Của người khác", "domain": "PERSONNEL", "level": "province", "raised_on": "05/09/2025",
          "status": "received"}
try:
    with ws.session() as session:
        records.save(session, REGISTER, {**values, "title": "Bỏ dở"}, unit_code=int(sys.argv[3]))
        raise KeyboardInterrupt
except KeyboardInterrupt:
    pass
with ws.session() as session:
    records.save(session, REGISTER, values, unit_code=int(sys.argv[3]))
ws.engine.dispose()
"""


def test_another_desks_save_is_announced_once_committed(tmp_path, server_url):
    ws = open_workspace(str(tmp_path / "mine"), database=server_url, create=True)
    with ws.session() as session:
        office.set_office_unit(session, NGO_QUYEN)
    heard: list[frozenset[str]] = []
    ready, done = threading.Event(), threading.Event()

    def listen():
        for tables in notices.listen(ws.engine, done.is_set, wait_s=0.1):
            if not tables:
                ready.set()
            else:
                heard.append(tables)
                done.set()

    listener = threading.Thread(target=listen)
    listener.start()
    try:
        assert ready.wait(10)
        # When another process saves an obstacle (and abandons another one)
        subprocess.run([sys.executable, "-c", OTHER_DESK, str(tmp_path / "other"), server_url, str(NGO_QUYEN)],
                       check=True, env={"PYTHONPATH": str(SRC), "PATH": ""}, timeout=120)
        # Then the listener hears which tables its committed save wrote, once
        assert done.wait(10)
    finally:
        done.set()
        listener.join(10)
        ws.engine.dispose()
    assert heard == [frozenset({"obstacle", "obstacle_state"})]
