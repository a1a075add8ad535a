"""`desk export officials|staffing|movements|visits|initiatives`: optional period, Vietnamese messages, exit codes."""

from __future__ import annotations

import openpyxl
import pytest

from desk.cli import main


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    assert main(["--data-dir", str(folder), "init", "--unit", "11329"]) == 0
    assert main(["--data-dir", str(folder), "demo", "--count", "5"]) == 0
    return folder


def cells(path) -> list:
    return [c for ws in openpyxl.load_workbook(path).worksheets for row in ws.iter_rows(values_only=True)
            for c in row if c is not None]


@pytest.mark.parametrize("what, expected", [
    ("officials", "Cán bộ, công chức, viên chức và người lao động"),
    ("staffing", "Tình hình biên chế, số lượng cán bộ, công chức"),
    ("movements", "Cán bộ, công chức được điều động, biệt phái, luân chuyển, tăng cường"),
    ("visits", "Các đợt khảo sát, làm việc tại đơn vị"),
    ("initiatives", "Sáng kiến, mô hình phục vụ người dân"),
])
def test_each_register_exports_today_without_a_period(data, tmp_path, capsys, what, expected):
    out = tmp_path / f"{what}.xlsx"
    assert main(["--data-dir", str(data), "export", what, "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "Đã xuất" in said and "tính đến ngày" in said and str(out) in said
    found = cells(out)
    assert expected in found and any(str(c).startswith("(Tính đến ngày") for c in found)


def test_a_period_parses_like_the_obstacle_export(data, tmp_path, capsys):
    out = tmp_path / "visits.xlsx"
    assert main(["--data-dir", str(data), "export", "visits", "--period", "2025-Q3", "--out", str(out)]) == 0
    assert "Quý III/2025" in capsys.readouterr().out
    found = cells(out)
    assert "(Từ ngày 15/06/2025 đến ngày 14/09/2025)" in found
    assert "Bộ Nội vụ" in found and "Sở Nội vụ Thành phố Hải Phòng" not in found    # that visit was in October
    out = tmp_path / "range.xlsx"
    assert main(["--data-dir", str(data), "export", "officials", "--from", "1/7/2025", "--to", "31/7/2025",
                 "--out", str(out)]) == 0


def test_bad_input_is_refused_in_vietnamese_and_writes_nothing(data, tmp_path, capsys):
    out = tmp_path / "x.xlsx"
    assert main(["--data-dir", str(data), "export", "movements", "--period", "2025-Q9", "--out", str(out)]) == 2
    assert "quý phải từ 1 đến 4" in capsys.readouterr().err
    assert main(["--data-dir", str(data), "export", "initiatives", "--out", str(tmp_path / "x.csv")]) == 2
    assert "phải có đuôi .xlsx" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:          # argparse: an unknown register
        main(["--data-dir", str(data), "export", "people", "--out", str(out)])
    assert exited.value.code == 2
    assert "tham số không hợp lệ" in capsys.readouterr().err
    assert not out.exists()
