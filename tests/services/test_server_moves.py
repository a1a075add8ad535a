"""Moving a commune's SQLite data to a PostgreSQL server (all or nothing, counted) and the server's pg_dump backups."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy.engine import make_url
from tests.conftest import NGO_QUYEN

from desk.domain.access import Actor, Role
from desk.domain.registers import REGISTERS
from desk.services import demo, demo_registers, office, records, server_moves, users
from desk.services.workspace import open_workspace
from desk.store import audit_chain, server

ADMIN = Actor("admin", Role.ADMIN)
DAY = date(2025, 12, 15)


@pytest.fixture
def commune(data_dir):
    """A commune's SQLite data: obstacles with their states, every register, a user."""
    ws = open_workspace(str(data_dir))
    with ws.session() as session:
        office.set_office_unit(session, NGO_QUYEN)
        unit = office.office_unit(session)
        demo.fill(session, unit, count=40, today=DAY)
        demo_registers.fill(session, unit, today=DAY)
        users.create_first_admin(session, "admin", "mật-khẩu-quản-trị")
    yield ws
    ws.engine.dispose()


def listed(ws) -> dict[str, list[dict]]:
    with ws.session() as session:
        return {name: sorted(({k: v for k, v in row.items() if k != "rowid"} for row in records.query(
            session, reg, records.RecordQuery(unit_code=NGO_QUYEN, include_voided=True))), key=lambda r: r["id"])
            for name, reg in REGISTERS.items()}


def test_the_whole_commune_moves_counted_and_works_the_same_on_the_server(commune, server_url, tmp_path):
    # When the commune's data moves to an empty server database
    target = server.open_server(server_url)
    moved = server_moves.migrate_to_server(commune.engine, target)
    target.dispose()
    # Then every table came over, each register lists the same records, and the trail's chain is whole
    assert moved.counts["obstacle"] >= 40 and moved.counts["audit_log"] > moved.counts["obstacle"]
    on_server = open_workspace(str(tmp_path), database=server_url)
    assert listed(on_server) == listed(commune)
    with on_server.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            f"SELECT {', '.join(audit_chain.COLUMNS)}, prev_hash, row_hash FROM audit_log ORDER BY id").all()
    assert list(audit_chain.breaks(rows)) == []
    # and the server numbers new rows after the copied ones (users, trail, state entries)
    with on_server.session() as session:
        users.add_user(session, ADMIN, "lan", Role.CLERK, "mật-khẩu-của-Lan")
        first = records.query(session, REGISTERS["obstacles"], records.RecordQuery(unit_code=NGO_QUYEN))[0]
        records.save(session, REGISTERS["obstacles"], {**records.stored_values(
            records.get(session, REGISTERS["obstacles"], first["id"]), REGISTERS["obstacles"]), "status": "resolved",
            "result": "Xong", "status_since": "16/12/2025"}, unit_code=NGO_QUYEN, record_id=first["id"], today=DAY)
        added = records.save(session, REGISTERS["obstacles"], {"domain": "PERSONNEL", "title": "Mới trên máy chủ",
                                                               "level": "province", "raised_on": "05/12/2025",
                                                               "status": "received"}, unit_code=NGO_QUYEN, today=DAY)
        session.commit()
    # (an obstacle's integer key too, which its states carry)
    with on_server.engine.connect() as connection:
        keys = dict(connection.exec_driver_sql("SELECT id, record_key FROM obstacle").all())
        wrong = connection.exec_driver_sql("SELECT count(*) FROM obstacle_state s JOIN obstacle o "
                                           "ON o.id = s.record_id WHERE s.record_key <> o.record_key").scalar()
    assert keys[added] == max(k for i, k in keys.items() if i != added) + 1 and wrong == 0
    on_server.engine.dispose()


def test_an_obstacle_sqlite_never_numbered_gets_a_key_of_its_own_on_the_server(commune, server_url, tmp_path):
    # Given an obstacle written outside Desk with no state: SQLite numbers an obstacle at its first state
    with commune.engine.begin() as connection:
        row = dict(connection.exec_driver_sql("SELECT * FROM obstacle ORDER BY record_key LIMIT 1").mappings().one())
        row.update(id="00000000-0000-4000-8000-000000000001", record_key=None)
        names = ", ".join(f'"{n}"' for n in row)
        connection.exec_driver_sql(f"INSERT INTO obstacle ({names}) VALUES ({', '.join('?' for _ in row)})",
                                   tuple(row.values()))
    # When the commune moves to a server
    target = server.open_server(server_url)
    server_moves.migrate_to_server(commune.engine, target)
    # Then it came over with a key after every copied one, and every key is its own
    with target.connect() as connection:
        keys = dict(connection.exec_driver_sql("SELECT id, record_key FROM obstacle").all())
    target.dispose()
    unnumbered = keys.pop("00000000-0000-4000-8000-000000000001")
    assert unnumbered == max(keys.values()) + 1 and len(set(keys.values())) == len(keys)


def test_a_server_database_holding_data_is_refused_and_left_as_it_was(commune, server_url):
    target = server.open_server(server_url)
    server_moves.migrate_to_server(commune.engine, target)
    before = server_moves.holds_data(target)
    with pytest.raises(server_moves.ServerNotEmpty, match="đã có dữ liệu"):
        server_moves.migrate_to_server(commune.engine, target)
    assert server_moves.holds_data(target) == before
    target.dispose()


def test_a_move_that_fails_midway_leaves_the_server_empty(commune, server_url, monkeypatch):
    target = server.open_server(server_url)

    def broken(writing):
        raise RuntimeError("mất điện giữa chừng")

    monkeypatch.setattr(server_moves, "_renumber", broken)
    with pytest.raises(server_moves.MoveFailed, match="máy chủ không bị thay đổi"):
        server_moves.migrate_to_server(commune.engine, target)
    assert server_moves.holds_data(target) == {}
    target.dispose()


def test_a_server_backup_is_a_listed_pg_dump_restored_only_into_an_empty_database(commune, server_url, pg_cluster,
                                                                                    tmp_path):
    target = server.open_server(server_url)
    server_moves.migrate_to_server(commune.engine, target)
    dump = server_moves.backup_server(target, tmp_path / "backups", datetime(2026, 1, 5, 8, 30))
    assert dump.name.endswith("20260105-083000.dump") and dump.read_bytes()[:5] == b"PGDMP"
    # Restoring over a database that holds tables is refused
    with pytest.raises(server_moves.ServerNotEmpty, match="không trống"):
        server_moves.restore_server(target, dump)
    # Into a new, empty database it brings back every row
    pg_cluster.admin("CREATE DATABASE desk_restored")
    try:
        empty_url = make_url(server_url).set(database="desk_restored").render_as_string(hide_password=False)
        empty = server.make_server_engine(server.parse_url(empty_url))
        server_moves.restore_server(empty, dump)
        empty.dispose()
        restored = server.open_server(empty_url)
        with restored.connect() as a, target.connect() as b:
            for table in ("obstacle", "official", "audit_log", "desk_user", "obstacle_state"):
                assert (a.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
                        == b.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() > 0)
        restored.dispose()
    finally:
        pg_cluster.admin("DROP DATABASE desk_restored WITH (FORCE)")
    target.dispose()
