"""A PostgreSQL server as the store: the address, the password, and each fault with its own message, nothing lost."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import make_url
from tests.conftest import NGO_QUYEN
from tests.pg_cluster import PASSWORD, SUPERUSER

from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.errors import UserError
from desk.services import office, records
from desk.services.workspace import open_workspace
from desk.store import server
from desk.store.migrate import NewerDatabase

VALUES = {"title": "Thiếu công chức địa chính", "domain": "PERSONNEL", "level": "province",
          "raised_on": "05/09/2025", "status": "received"}


def without_password(url: str) -> str:
    # URL.set(password=None) leaves the password as it is: the tuple's own _replace clears it.
    return make_url(url)._replace(password=None).render_as_string(hide_password=False)


def test_the_address_is_checked_and_a_typed_password_never_reaches_the_message():
    with pytest.raises(UserError, match="không đúng") as caught:
        server.parse_url("mysql://lan:bí-mật@máy-chủ/desk")
    assert "bí-mật" not in str(caught.value)
    url = server.parse_url("postgresql://lan@maychu:5433/desk?sslmode=require")
    assert (url.drivername, url.port, url.query["sslmode"]) == ("postgresql+psycopg", 5433, "require")


def test_an_unreachable_server_says_so_in_vietnamese(tmp_path, pg_cluster):
    closed = f"postgresql://{SUPERUSER}:{PASSWORD}@127.0.0.1:1/desk"
    with pytest.raises(server.ServerUnreachable, match="Không kết nối được máy chủ cơ sở dữ liệu"):
        open_workspace(str(tmp_path), database=closed)


def test_a_wrong_password_and_a_missing_database_each_have_their_message(tmp_path, server_url):
    wrong = make_url(server_url).set(password="sai").render_as_string(hide_password=False)
    with pytest.raises(server.ServerSignInFailed, match="sai tên người dùng hoặc mật khẩu"):
        open_workspace(str(tmp_path), database=wrong)
    missing = make_url(server_url).set(database="khong_co").render_as_string(hide_password=False)
    with pytest.raises(server.ServerDatabaseMissing, match="không có cơ sở dữ liệu"):
        open_workspace(str(tmp_path), database=missing)


def test_the_password_comes_from_pgpassword_or_is_asked_and_is_never_kept(tmp_path, server_url, monkeypatch):
    bare = without_password(server_url)
    monkeypatch.setenv("PGPASSWORD", PASSWORD)
    open_workspace(str(tmp_path), database=bare).engine.dispose()
    monkeypatch.delenv("PGPASSWORD")
    monkeypatch.setattr(server, "stored_password", lambda url: None)
    monkeypatch.setattr(server, "_pgpass_exists", lambda: False)
    asked = []
    ws = open_workspace(str(tmp_path), database=bare, ask=lambda prompt: asked.append(prompt) or PASSWORD)
    assert asked and SUPERUSER in asked[0]
    ws.engine.dispose()
    assert not any(PASSWORD in p.read_text(errors="ignore") for p in tmp_path.rglob("*") if p.is_file())


def test_the_database_url_comes_from_the_environment(tmp_path, server_url, monkeypatch):
    monkeypatch.setenv(server.URL_ENV, server_url)
    ws = open_workspace(str(tmp_path))
    assert ws.engine.dialect.name == "postgresql"
    ws.engine.dispose()


def test_a_database_of_a_newer_desk_is_refused_unchanged(tmp_path, server_url):
    ws = open_workspace(str(tmp_path), database=server_url)
    with ws.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    ws.engine.dispose()
    with pytest.raises(NewerDatabase, match="phiên bản Desk mới hơn"):
        open_workspace(str(tmp_path), database=server_url)


def test_a_connection_dropped_in_the_middle_of_a_save_rolls_it_back_and_a_retry_works(tmp_path, server_url,
                                                                                        pg_cluster):
    ws = open_workspace(str(tmp_path), database=server_url)
    with ws.session() as session:
        office.set_office_unit(session, NGO_QUYEN)
    # When the server ends the connection after the record went in but before the commit
    with pytest.raises(server.ConnectionLost, match="Lần lưu này chưa được ghi"), ws.session() as session:
        records.save(session, OBSTACLES, VALUES, unit_code=NGO_QUYEN)
        pid = session.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar()
        pg_cluster.admin(f"SELECT pg_terminate_backend({pid})")
    # Then nothing of it was written, and saving again works
    with ws.session() as session:
        assert records.query(session, OBSTACLES, records.RecordQuery(unit_code=NGO_QUYEN)) == []
        records.save(session, OBSTACLES, VALUES, unit_code=NGO_QUYEN)
    with ws.session() as session:
        assert len(records.query(session, OBSTACLES, records.RecordQuery(unit_code=NGO_QUYEN))) == 1
    ws.engine.dispose()


def test_the_trail_and_the_record_tables_refuse_rewriting_on_the_server_too(tmp_path, server_url):
    import psycopg

    ws = open_workspace(str(tmp_path), database=server_url)
    with ws.session() as session:
        office.set_office_unit(session, NGO_QUYEN)
        records.save(session, OBSTACLES, VALUES, unit_code=NGO_QUYEN)
    ws.engine.dispose()
    url = make_url(server_url)
    with psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password,
                         dbname=url.database, autocommit=True) as conn:
        for statement in ("TRUNCATE audit_log", "DELETE FROM obstacle", "UPDATE audit_log SET actor = 'x'"):
            with pytest.raises(psycopg.IntegrityError):
                conn.execute(statement)


def test_desk_check_on_a_server_finds_a_record_changed_around_desk(tmp_path, server_url):
    from desk.services import startup

    ws = open_workspace(str(tmp_path), database=server_url)
    with ws.session() as session:
        office.set_office_unit(session, NGO_QUYEN)
        records.save(session, OBSTACLES, VALUES, unit_code=NGO_QUYEN)
    assert startup.check(ws) == []
    with ws.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE obstacle SET title = 'Đã sửa lén'")
    found = startup.check(ws)
    assert len(found) == 1 and "Đã sửa lén" in found[0]
    ws.engine.dispose()


def test_the_window_leaves_a_servers_backups_to_the_it_persons_schedule(tmp_path, server_url):
    from datetime import datetime

    from desk.services import backups

    ws = open_workspace(str(tmp_path), database=server_url)
    assert backups.auto_backup(ws, datetime(2026, 1, 5, 17, 0)) is None
    dump = backups.backup_now(ws, datetime(2026, 1, 5, 17, 0), to=tmp_path / "usb")
    assert dump.suffix == ".dump" and dump.read_bytes()[:5] == b"PGDMP"
    ws.engine.dispose()


def test_the_self_check_keeps_to_its_own_folder_when_a_server_is_set(tmp_path, monkeypatch):
    monkeypatch.setenv(server.URL_ENV, "postgresql://desk@127.0.0.1:1/desk")
    ws = open_workspace(str(tmp_path), local=True)
    assert ws.engine.dialect.name == "sqlite"
    ws.engine.dispose()


def test_a_second_offices_database_is_refused_with_its_own_message(tmp_path, server_url, pg_cluster):
    from desk.services.workspace import AnotherOffice

    # Given this computer worked for Phường Ngô Quyền on the server
    ws = open_workspace(str(tmp_path), database=server_url)
    with ws.session() as session:
        office.set_office_unit(session, NGO_QUYEN)
    ws.engine.dispose()
    open_workspace(str(tmp_path), database=server_url).engine.dispose()
    # When its address points at another commune's database on the same server
    pg_cluster.admin("CREATE DATABASE desk_other_office TEMPLATE desk_template")
    try:
        other = make_url(server_url).set(database="desk_other_office").render_as_string(hide_password=False)
        setup = open_workspace(str(tmp_path / "it"), database=other, create=True)
        with setup.session() as session:
            office.set_office_unit(session, 11407)
        setup.engine.dispose()
        # Then Desk refuses it, naming both offices
        with pytest.raises(AnotherOffice, match="không phải của đơn vị máy này vẫn làm việc"):
            open_workspace(str(tmp_path), database=other)
    finally:
        pg_cluster.admin("DROP DATABASE desk_other_office WITH (FORCE)")


def test_a_connection_dropped_in_the_middle_of_an_import_writes_nothing_and_a_retry_imports(
        tmp_path, server_url, pg_cluster, monkeypatch):
    from tests.services.test_importing import CLERK, CLERK_ROWS, fill, make_template, stored

    from desk.services import importing
    from desk.store import audit

    ws = open_workspace(str(tmp_path), database=server_url)
    with ws.session() as session:
        office.set_office_unit(session, NGO_QUYEN)
    path = fill(make_template(ws, tmp_path / "mau.xlsx"), CLERK_ROWS)
    # When the server ends the connection while the import writes its audit rows
    real = audit.insert_stored

    def cut(session, names, rows):
        pid = session.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar()
        pg_cluster.admin(f"SELECT pg_terminate_backend({pid})")
        return real(session, names, rows)

    monkeypatch.setattr(audit, "insert_stored", cut)
    with pytest.raises(server.ConnectionLost, match="Lần lưu này chưa được ghi"):
        importing.import_file(ws, path, actor=CLERK)
    # Then nothing of it is there, and importing again works
    monkeypatch.setattr(audit, "insert_stored", real)
    assert stored(ws) == []
    assert importing.import_file(ws, path, actor=CLERK).committed
    assert len(stored(ws)) == 2
    ws.engine.dispose()


def test_the_role_desk_signs_in_with_cannot_rewrite_the_trail_by_its_rights_either(tmp_path, pg_cluster):
    import psycopg

    # Given the README's set-up: a role of Desk's own that owns the office's database (not a superuser)
    pg_cluster.admin("CREATE ROLE desk_app LOGIN PASSWORD 'mật-khẩu-desk'",
                     "CREATE DATABASE desk_app_db OWNER desk_app ENCODING 'UTF8' TEMPLATE template0")
    try:
        url = make_url(pg_cluster.url("desk_app_db")).set(username="desk_app", password="mật-khẩu-desk")
        ws = open_workspace(str(tmp_path), database=url.render_as_string(hide_password=False), create=True)
        with ws.session() as session:                 # Desk made the tables and writes as that role
            office.set_office_unit(session, NGO_QUYEN)
            records.save(session, OBSTACLES, VALUES, unit_code=NGO_QUYEN)
        ws.engine.dispose()
        # When that role tries to rewrite the trail, whatever the triggers
        with psycopg.connect(host=url.host, port=url.port, user="desk_app", password="mật-khẩu-desk",
                             dbname="desk_app_db", autocommit=True) as conn:
            assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] > 0
            for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log", "TRUNCATE audit_log"):
                # Then its rights refuse it, before any trigger runs
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(statement)
            rights = conn.execute("SELECT has_table_privilege('audit_log', 'INSERT'), "
                                  "has_table_privilege('audit_log', 'UPDATE')").fetchone()
            assert rights == (True, False)                  # adding to the trail stays allowed
    finally:
        pg_cluster.admin("DROP DATABASE IF EXISTS desk_app_db WITH (FORCE)", "DROP ROLE IF EXISTS desk_app")
