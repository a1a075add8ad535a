"""Testing a server's address before this computer uses it: each finding said in Vietnamese, nothing written."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url
from tests.conftest import NGO_QUYEN
from tests.pg_cluster import PASSWORD

from desk.services import office, server_setup
from desk.services.workspace import SERVER_OFFICE_FILE, AnotherOffice, open_workspace
from desk.store import server
from desk.store.migrate import NewerDatabase


def _bare(url: str) -> str:
    return make_url(url)._replace(password=None).render_as_string(hide_password=False)


@pytest.fixture
def ngo_quyen(tmp_path, server_url):
    """The server database of Phường Ngô Quyền, as a Desk set it up."""
    ws = open_workspace(str(tmp_path / "it"), database=server_url, create=True)
    with ws.session() as session:
        office.set_office_unit(session, NGO_QUYEN)
    ws.engine.dispose()
    return server_url


def test_a_reachable_desk_database_is_named_with_its_office_and_nothing_is_written(tmp_path, ngo_quyen):
    folder = tmp_path / "pc"
    folder.mkdir()
    said = server_setup.check_connection(folder, _bare(ngo_quyen), PASSWORD)
    assert said.startswith("Kết nối được") and "Phường Ngô Quyền" in said
    assert list(folder.iterdir()) == []        # not even the office this computer works for


def test_a_wrong_password_is_said_as_the_start_would_say_it(tmp_path, ngo_quyen):
    with pytest.raises(server.ServerSignInFailed, match="sai tên người dùng hoặc mật khẩu"):
        server_setup.check_connection(tmp_path, _bare(ngo_quyen), "sai")


def test_an_unreachable_server_and_a_missing_database_are_told_apart(tmp_path, ngo_quyen, pg_cluster):
    with pytest.raises(server.ServerUnreachable, match="Không kết nối được"):
        server_setup.check_connection(tmp_path, "postgresql://desk@127.0.0.1:1/desk", PASSWORD)
    missing = make_url(_bare(ngo_quyen)).set(database="khong_co").render_as_string(hide_password=False)
    with pytest.raises(server.ServerDatabaseMissing, match="không có cơ sở dữ liệu"):
        server_setup.check_connection(tmp_path, missing, PASSWORD)


def test_a_newer_desks_database_is_refused_and_left_unchanged(tmp_path, ngo_quyen):
    import psycopg

    url = make_url(ngo_quyen)
    with psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password,
                         dbname=url.database, autocommit=True) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(NewerDatabase, match="phiên bản Desk mới hơn"):
        server_setup.check_connection(tmp_path, _bare(ngo_quyen), PASSWORD)


def test_another_programs_database_is_not_taken_for_desks_and_an_empty_one_is_welcome(tmp_path, pg_cluster):
    pg_cluster.admin("CREATE DATABASE ke_toan", "CREATE DATABASE desk_moi")
    try:
        import psycopg

        with psycopg.connect(pg_cluster.url("ke_toan"), autocommit=True) as conn:
            conn.execute("CREATE TABLE so_cai (id integer)")
        with pytest.raises(server_setup.NotADeskDatabase, match="không phải của Desk"):
            server_setup.check_connection(tmp_path, _bare(pg_cluster.url("ke_toan")), PASSWORD)
        said = server_setup.check_connection(tmp_path, _bare(pg_cluster.url("desk_moi")), PASSWORD)
        assert "còn trống" in said
        with psycopg.connect(pg_cluster.url("desk_moi"), autocommit=True) as conn:
            assert conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0] == 0
    finally:
        pg_cluster.admin("DROP DATABASE ke_toan WITH (FORCE)", "DROP DATABASE desk_moi WITH (FORCE)")


def test_another_offices_database_is_refused_as_at_the_start(tmp_path, ngo_quyen):
    (tmp_path / SERVER_OFFICE_FILE).write_text("11407", encoding="utf-8")
    with pytest.raises(AnotherOffice, match="không phải của đơn vị máy này vẫn làm việc"):
        server_setup.check_connection(tmp_path, _bare(ngo_quyen), PASSWORD)
