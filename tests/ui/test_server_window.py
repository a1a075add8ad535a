"""The window on a shared server: what it leaves to the IT person's command line, and says so."""

from __future__ import annotations

import pytest
from tests.conftest import NGO_QUYEN

from desk.services import office, users
from desk.services.workspace import open_workspace
from desk.ui import messages
from desk.ui.actions import ActionId


@pytest.fixture
def workspace(data_dir, server_url):
    ws = open_workspace(str(data_dir), database=server_url)
    with ws.session() as session:
        office.set_office_unit(session, NGO_QUYEN)
        ws.actor = users.create_first_admin(session, "quantri", "mật-khẩu-quản-trị")
    yield ws
    ws.engine.dispose()


def test_restore_on_a_server_points_to_the_command_and_replaces_nothing(qtbot, window, workspace, shown,
                                                                         monkeypatch, server_url):
    monkeypatch.setattr(messages, "choose_backup", lambda *args: pytest.fail("no backup is chosen on a server"))
    window.actions[ActionId.RESTORE].trigger()
    assert shown.errors == [] and len(shown.infos) == 1
    said = shown.infos[0]
    host, database = workspace.engine.url.host, workspace.engine.url.database
    assert f"desk-cli --database postgresql://desk_admin@{host}:{workspace.engine.url.port}/NEW_DATABASE " \
           "restore FILE.dump" in said
    assert "mật-khẩu" not in said and database not in said
    assert window.isVisible()            # nothing was replaced: the clerk keeps working
    assert workspace.require_unit().code == NGO_QUYEN
