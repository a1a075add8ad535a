"""The command line contract: Vietnamese messages; exit 0 success, 2 bad input, 1 failure."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

import openpyxl
import pytest

from desk import cli
from desk.cli import main


def run(*args: str, env_data: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if env_data:
        env["DESK_DATA_DIR"] = env_data
    return subprocess.run([sys.executable, "-m", "desk", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_init_demo_export_end_to_end_in_a_real_process(tmp_path):
    data, out = tmp_path / "data", tmp_path / "bao-cao.xlsx"
    # Given a brand-new data folder set up from the command line
    done = run("--data-dir", str(data), "init", "--unit", "11329")
    assert done.returncode == 0, done.stderr
    assert "Phường Ngô Quyền" in done.stdout
    # When demo data is added and the Q3/2025 report exported
    assert run("--data-dir", str(data), "demo").returncode == 0
    done = run("--data-dir", str(data), "export", "obstacles", "--period", "2025-Q3", "--out", str(out))
    # Then the workbook exists and says which window it covers
    assert done.returncode == 0, done.stderr
    assert "Quý III/2025" in done.stdout
    cells = [c for row in openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert "(Từ ngày 15/06/2025 đến ngày 14/09/2025)" in cells


def test_data_dir_from_the_environment_variable(tmp_path, monkeypatch):
    data = tmp_path / "env-data"
    data.mkdir()
    monkeypatch.setenv("DESK_DATA_DIR", str(data))
    assert main(["init", "--unit", "11329"]) == 0
    assert (data / "desk.sqlite3").exists()


def test_unknown_unit_code_is_bad_input(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "init", "--unit", "99999"]) == 2
    err = capsys.readouterr().err
    assert "Không có đơn vị hành chính cấp xã mã «99999»" in err


@pytest.mark.parametrize("period, expected", [
    ("2025-13", "tháng phải từ 1 đến 12"),
    ("2025-Q5", "«2025-Q5»"),
    ("quy 3", "Kỳ báo cáo «quy 3» không đúng dạng"),
])
def test_a_period_that_does_not_parse_is_bad_input(tmp_path, capsys, period, expected):
    main(["--data-dir", str(tmp_path), "init", "--unit", "11329"])
    code = main(["--data-dir", str(tmp_path), "export", "obstacles", "--period", period,
                 "--out", str(tmp_path / "x.xlsx")])
    assert code == 2
    assert expected in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()


def test_explicit_range_and_an_impossible_date(tmp_path, capsys):
    main(["--data-dir", str(tmp_path), "init", "--unit", "11329"])
    out = tmp_path / "range.xlsx"
    assert main(["--data-dir", str(tmp_path), "export", "obstacles", "--from", "31/02/2025", "--to", "01/03/2025",
                 "--out", str(out)]) == 2
    assert "31/02/2025" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path), "export", "obstacles", "--from", "1/3/2025", "--to", "15/03/2025",
                 "--out", str(out)]) == 0
    assert out.exists()


def test_unwritable_output_path_is_bad_input_and_leaves_nothing(tmp_path, capsys):
    main(["--data-dir", str(tmp_path), "init", "--unit", "11329"])
    target = tmp_path / "no-such-folder" / "x.xlsx"
    assert main(["--data-dir", str(tmp_path), "export", "obstacles", "--period", "2025", "--out", str(target)]) == 2
    assert "no-such-folder" in capsys.readouterr().err
    assert not target.parent.exists()


def test_a_missing_data_folder_is_named(tmp_path, capsys):
    missing = tmp_path / "khong-co"
    assert main(["--data-dir", str(missing), "demo"]) == 2
    err = capsys.readouterr().err
    assert f"Thư mục dữ liệu «{missing}» không tồn tại" in err
    assert not missing.exists()


def test_export_before_init_says_how_to_set_the_unit(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "export", "obstacles", "--period", "2025",
                 "--out", str(tmp_path / "x.xlsx")]) == 2
    assert "desk init --unit" in capsys.readouterr().err


def test_bad_arguments_exit_2_in_vietnamese(tmp_path, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--data-dir", str(tmp_path), "export", "obstacles"])
    assert exited.value.code == 2
    assert "Lỗi: tham số không hợp lệ" in capsys.readouterr().err


def test_help_and_complaints_are_all_in_vietnamese_and_other_parsers_keep_their_language(tmp_path, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    shown = capsys.readouterr().out
    assert shown.startswith("Cách dùng: desk ")
    assert {"tham số:", "tùy chọn:"} <= set(shown.splitlines())
    assert "-h, --help           xem hướng dẫn này rồi thoát" in shown
    with pytest.raises(SystemExit):
        main(["--data-dir", str(tmp_path), "demo", "--count", "ba"])
    said = capsys.readouterr().err
    assert "Cách dùng: desk demo [-h] [--count SỐ]" in said
    assert "Lỗi: tham số không hợp lệ (tham số --count: giá trị không hợp lệ: 'ba')" in said
    with pytest.raises(SystemExit):
        main(["--data-dir", str(tmp_path), "consolidate", "--national"])
    assert "(thiếu tham số bắt buộc: TỆP_HOẶC_THƯ_MỤC, --period, --out)" in capsys.readouterr().err
    # A parser that is not Desk's, made after: in argparse's own words
    other = argparse.ArgumentParser(prog="khac")
    assert other.format_help().startswith("usage: khac") and "show this help message and exit" in other.format_help()


def test_a_damaged_database_is_a_failure_with_its_own_message(tmp_path, capsys):
    (tmp_path / "desk.sqlite3").write_bytes(b"not a database at all " * 200)
    assert main(["--data-dir", str(tmp_path), "demo"]) == 1
    assert "bị hỏng" in capsys.readouterr().err
    # Never deleted, renamed aside byte for byte (desk.sqlite3.corrupt-YYYYmmdd-HHMMSS)
    [aside] = tmp_path.glob("desk.sqlite3.corrupt-*")
    assert aside.read_bytes() == b"not a database at all " * 200


def test_periodic_report_export_says_what_it_holds_in_vietnamese(tmp_path, capsys):
    main(["--data-dir", str(tmp_path), "init", "--unit", "11329"])
    main(["--data-dir", str(tmp_path), "demo", "--count", "20"])
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path), "export", "report", "--period", "2025",
                 "--out", str(tmp_path / "nam.xlsx")]) == 0
    said = capsys.readouterr().out
    assert "khó khăn, vướng mắc" in said and "choices" not in said and "obstacles" not in said


def test_the_window_start_reads_its_own_options_and_leaves_commands_help_and_mistakes_to_the_full_parser(
        tmp_path, capsys):
    # `desk` alone, with the options before any command: read as the full parser reads them
    args = cli.parse_arguments(["--data-dir", str(tmp_path), "--user", "lan"])
    assert (args.command, args.data_dir, args.user, args.database) == (None, str(tmp_path), "lan", None)
    # A folder named like a command is still the folder
    assert cli.parse_arguments(["--data-dir", "backup"]).command is None
    # The help after the window's options lists every command
    with pytest.raises(SystemExit) as exited:
        cli.parse_arguments(["--data-dir", str(tmp_path), "-h"])
    assert exited.value.code == 0
    shown = capsys.readouterr().out
    assert all(f"    {command} " in shown for command in ("backup", "import", "consolidate", "export"))
    # A mistake in the window's options is told with the full usage, in Vietnamese, exit code 2
    for wrong, told in ((["--data-dir"], "tham số --data-dir: cần một giá trị"),
                        (["--data-dir", str(tmp_path), "--bogus"], "không có tham số này: --bogus")):
        with pytest.raises(SystemExit) as exited:
            cli.parse_arguments(wrong)
        assert exited.value.code == cli.EXIT_BAD_INPUT
        said = capsys.readouterr().err
        assert "LỆNH ..." in said and f"Lỗi: tham số không hợp lệ ({told})" in said
