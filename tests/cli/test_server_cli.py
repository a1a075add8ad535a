"""The commands for a shared server: migrate-to-server, backup and restore with pg_dump, --database and its faults."""

from __future__ import annotations

from sqlalchemy.engine import make_url

from desk.cli import main
from desk.store import server


def test_a_commune_moves_to_the_server_then_backs_up_and_restores_there(tmp_path, server_url, pg_cluster,
                                                                        monkeypatch, capsys):
    # Given a commune's SQLite data with a few obstacles
    local = tmp_path / "local"
    assert main(["--data-dir", str(local), "init", "--unit", "11329"]) == 0
    assert main(["--data-dir", str(local), "demo", "--count", "5"]) == 0
    # When it moves to the server, the same command refuses a second time
    assert main(["--data-dir", str(local), "migrate-to-server", server_url]) == 0
    said = capsys.readouterr().out
    assert "Đã chuyển" in said and "desk --database" in said and make_url(server_url).password not in said
    assert main(["--data-dir", str(local), "migrate-to-server", server_url]) == 1
    assert "đã có dữ liệu" in capsys.readouterr().err
    # Then another PC backs the server up with pg_dump
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setenv(server.URL_ENV, server_url)
    assert main(["--data-dir", str(other), "backup", "--to", str(tmp_path / "dumps")]) == 0
    (dump,) = (tmp_path / "dumps").glob("*.dump")
    # and restores it only into an empty database
    assert main(["--data-dir", str(other), "restore", str(dump)]) == 1
    assert "không trống" in capsys.readouterr().err
    pg_cluster.admin("CREATE DATABASE desk_cli_restored")
    try:
        fresh = make_url(server_url).set(database="desk_cli_restored").render_as_string(hide_password=False)
        assert main(["--data-dir", str(other), "--database", fresh, "restore", str(dump)]) == 0
        assert main(["--data-dir", str(other), "--database", fresh, "export", "obstacles", "--period", "2025", "--out",
                     str(tmp_path / "out.xlsx")]) == 0
    finally:
        pg_cluster.admin("DROP DATABASE desk_cli_restored WITH (FORCE)")


def test_an_unreachable_server_is_a_vietnamese_message_not_a_traceback(tmp_path, capsys, pg_cluster):
    code = main(["--data-dir", str(tmp_path), "--database", "postgresql://desk:x@127.0.0.1:1/desk", "demo"])
    err = capsys.readouterr().err
    assert code == 1 and "Không kết nối được máy chủ cơ sở dữ liệu" in err and "Traceback" not in err


def test_database_is_for_the_one_command_and_leaves_the_environment_as_it_was(tmp_path, capsys):
    import os

    main(["--data-dir", str(tmp_path), "--database", "postgresql://desk:x@127.0.0.1:1/desk", "demo"])
    capsys.readouterr()
    assert server.URL_ENV not in os.environ


def _choose_in_settings(folder, url) -> None:
    """What the administrator's Settings page keeps for this computer: the server's address, no password."""
    from desk.ui import settings as options

    address = make_url(url)
    folder.mkdir(parents=True, exist_ok=True)
    stored = options.Settings(folder / "settings.ini")
    stored.keep(stored.server().replace(store="postgresql", host=address.host, port=address.port,
                                        database=address.database, user=address.username))


def test_a_command_uses_the_server_chosen_in_settings_as_the_window_does(tmp_path, server_url, monkeypatch,
                                                                           capsys):
    import os
    import re

    # Given a commune moved to the server, and a PC whose Settings page chose that server
    local = tmp_path / "local"
    assert main(["--data-dir", str(local), "init", "--unit", "11329"]) == 0
    assert main(["--data-dir", str(local), "demo", "--count", "5"]) == 0
    export = ["export", "obstacles", "--period", "2025", "--out"]
    assert main(["--data-dir", str(local), *export, str(tmp_path / "here.xlsx")]) == 0
    (counted_here,) = re.findall(r"\((\d+) khó khăn", capsys.readouterr().out)
    assert main(["--data-dir", str(local), "migrate-to-server", server_url]) == 0
    office_pc = tmp_path / "office-pc"
    _choose_in_settings(office_pc, server_url)
    monkeypatch.setenv("PGPASSWORD", make_url(server_url).password)
    monkeypatch.delenv(server.URL_ENV, raising=False)
    capsys.readouterr()
    # When the clerk backs up and exports with no --database
    assert main(["--data-dir", str(office_pc), "backup", "--to", str(tmp_path / "dumps")]) == 0
    assert main(["--data-dir", str(office_pc), *export, str(tmp_path / "there.xlsx")]) == 0
    # Then the backup is the server's (pg_dump), the export counts the server's obstacles, no empty
    # database file was made on the PC instead, and the environment is as it was
    assert len(list((tmp_path / "dumps").glob("*.dump"))) == 1
    assert re.findall(r"\((\d+) khó khăn", capsys.readouterr().out) == [counted_here] and int(counted_here) > 0
    assert not (office_pc / "desk.sqlite3").exists()
    assert server.URL_ENV not in os.environ


def test_a_server_chosen_in_settings_that_cannot_be_reached_is_said_and_nothing_is_made_here(tmp_path, capsys):
    office_pc = tmp_path / "office-pc"
    _choose_in_settings(office_pc, "postgresql://desk@127.0.0.1:1/desk_ngoquyen")
    code = main(["--data-dir", str(office_pc), "demo"])
    err = capsys.readouterr().err
    assert code == 1 and "Không kết nối được máy chủ cơ sở dữ liệu" in err and "Traceback" not in err
    assert not (office_pc / "desk.sqlite3").exists()
