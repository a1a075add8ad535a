"""A register list on a shared server learns that another clerk changed it and refreshes, the clerk's place kept."""

from __future__ import annotations

import pytest
from tests.conftest import NGO_QUYEN

from desk.domain.access import Actor, Role
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services import office, records
from desk.services.workspace import open_workspace

VALUES = {"domain": "PERSONNEL", "level": "province", "raised_on": "05/09/2025", "status": "received"}


@pytest.fixture
def workspace(data_dir, server_url):
    """The window's workspace on the test run's PostgreSQL server."""
    ws = open_workspace(str(data_dir), database=server_url)
    with ws.session() as session:
        office.set_office_unit(session, NGO_QUYEN)
    yield ws
    ws.engine.dispose()


def test_another_clerks_new_record_appears_and_the_selection_stays(qtbot, window, workspace, server_url, tmp_path):
    # Given the list of obstacles with the clerk's record selected
    with workspace.session() as session:
        mine = records.save(session, OBSTACLES, {**VALUES, "title": "B: hồ sơ của tôi"}, unit_code=NGO_QUYEN)
    screen = window.screen("obstacles")
    window.nav.setCurrentRow(window.stack.index_of("obstacles"))
    screen.requery()
    screen.select_id(mine)
    screen.poll_timer.setInterval(50)
    qtbot.waitUntil(lambda: screen._seen_version is not None)
    # When another Desk adds a record on the server
    other = open_workspace(str(tmp_path / "other"), database=server_url, create=True)
    with other.session() as session:
        records.save(session, OBSTACLES, {**VALUES, "title": "A: của người khác"}, unit_code=NGO_QUYEN,
                     actor=Actor("lan", Role.CLERK))
    other.engine.dispose()
    # Then the list shows it without the clerk doing anything, and the clerk's record is still selected
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2, timeout=5000)
    assert screen.current_id() == mine


def test_the_servers_notice_refreshes_the_list_at_once_keeping_the_clerks_place(qtbot, window, workspace,
                                                                                 server_url, tmp_path):
    # Given the list of obstacles scrolled down, a record selected, the poll left aside
    with workspace.session() as session:
        ids = [records.save(session, OBSTACLES, {**VALUES, "title": f"B: hồ sơ {n:03}"}, unit_code=NGO_QUYEN)
               for n in range(60)]
    screen = window.screen("obstacles")
    window.nav.setCurrentRow(window.stack.index_of("obstacles"))
    screen.poll_timer.stop()
    screen.requery()
    screen.select_id(ids[40])
    bar = screen.table.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    top = bar.value()
    assert top > 0
    qtbot.waitUntil(lambda: window.shared.listening, timeout=10_000)
    # When another Desk adds a record on the server
    other = open_workspace(str(tmp_path / "other"), database=server_url, create=True)
    with other.session() as session:
        records.save(session, OBSTACLES, {**VALUES, "title": "Z: của người khác"}, unit_code=NGO_QUYEN,
                     actor=Actor("lan", Role.CLERK))
    other.engine.dispose()
    # Then the list shows it within moments, the clerk's record still selected and the scroll where it was
    qtbot.waitUntil(lambda: screen.model.rowCount() == 61, timeout=5000)
    assert screen.current_id() == ids[40] and bar.value() == top
