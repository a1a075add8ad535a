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
