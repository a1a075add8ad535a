"""`desk template` and `desk import`: exit 0 when done, 2 for a file with errors; nothing half-written."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import openpyxl
import pytest
from tests.importers.books import write_book

from desk.cli import main
from desk.domain.legacy_text import Encoding, from_unicode
from desk.domain.registers import REGISTERS
from desk.reports.import_template import DATA_SHEET, MARKER_SHEET


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    assert main(["--data-dir", str(folder), "init", "--unit", "11329"]) == 0
    return folder


def desk(data, *args) -> int:
    return main(["--data-dir", str(data), *args])


def count(data) -> int:
    from desk.domain.registers.obstacles import REGISTER as OBSTACLES
    from desk.services import records
    from desk.services.workspace import open_workspace

    ws = open_workspace(str(data))
    with ws.session() as session:
        n = len(records.query(session, OBSTACLES, records.RecordQuery(unit_code=11329)))
    ws.engine.dispose()
    return n


def fill(path, rows):
    wb = openpyxl.load_workbook(path)
    ws = wb[DATA_SHEET]
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(r, c, value)
            if isinstance(value, str):
                cell.data_type = "s"   # typed into the template's text column: text, even "=..."
    wb.save(path)


ROW = ["Thiếu máy in", "Khác", None, None, "Cấp xã", None, date(2025, 10, 1), None, "Mới tiếp nhận"]


@pytest.mark.parametrize("name", list(REGISTERS))
def test_a_template_for_every_register(data, tmp_path, capsys, name):
    out = tmp_path / f"mau-{name}.xlsx"
    assert desk(data, "template", name, "--out", str(out)) == 0
    assert f"Đã tạo mẫu nhập liệu sổ «{REGISTERS[name].vi}»" in capsys.readouterr().out
    wb = openpyxl.load_workbook(out)
    headings = [c.value for c in wb[DATA_SHEET][1] if c.value]
    assert headings[0].removesuffix(" *") == next(f.vi for f in REGISTERS[name].fields if f.in_form)
    marker = {r[0]: r[1] for r in wb[MARKER_SHEET].iter_rows(values_only=True)}
    assert (marker["register"], marker["unit_code"]) == (name, "11329")
    assert wb[MARKER_SHEET].sheet_state == "veryHidden"


def test_template_dry_run_then_import(data, tmp_path, capsys):
    path = tmp_path / "mau.xlsx"
    desk(data, "template", "obstacles", "--out", str(path))
    fill(path, [ROW, ["=Trụ sở", *ROW[1:]]])
    capsys.readouterr()
    assert desk(data, "import", str(path), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "hợp lệ (sổ «Khó khăn, vướng mắc»: 2 bản ghi mới, 0 bản ghi cập nhật). Chạy thử: chưa ghi gì." in out
    assert count(data) == 0
    assert desk(data, "import", str(path)) == 0
    assert "Đã nhập tệp «mau.xlsx»: sổ «Khó khăn, vướng mắc»: 2 bản ghi mới" in capsys.readouterr().out
    assert count(data) == 2


def test_a_file_with_errors_exits_2_lists_them_and_saves_the_report(data, tmp_path, capsys):
    path = tmp_path / "mau.xlsx"
    desk(data, "template", "obstacles", "--out", str(path))
    fill(path, [ROW] + [[f"Dòng {i}", "Không rõ", None, None, "Cấp xã", None, "32/13/2025", None, "Mới tiếp nhận"]
                        for i in range(15)])
    report = tmp_path / "loi.xlsx"
    capsys.readouterr()
    assert desk(data, "import", str(path), "--report", str(report)) == 2
    err = capsys.readouterr().err
    assert "Lỗi: Tệp «mau.xlsx» có 30 lỗi; chưa ghi gì." in err
    assert "Trang «Dữ liệu», dòng 3, cột B («Lĩnh vực *») – giá trị «Không rõ»" in err
    assert err.count("\n  - ") == 20 and "... và 10 lỗi khác." in err
    assert f"Danh sách đầy đủ đã lưu vào «{report}»." in err
    assert openpyxl.load_workbook(report).active.max_row >= 30
    assert count(data) == 0


def test_the_error_list_is_never_saved_over_the_file_being_imported(data, tmp_path, capsys):
    path = tmp_path / "mau.xlsx"
    desk(data, "template", "obstacles", "--out", str(path))
    fill(path, [["Dòng 1", "Không rõ", None, None, "Cấp xã", None, "32/13/2025", None, "Mới tiếp nhận"]])
    before = path.read_bytes()
    capsys.readouterr()
    assert desk(data, "import", str(path), "--report", str(path)) == 2
    assert "đó là chính tệp đang nhập, ghi vào sẽ mất tệp ấy" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_legacy_text_needs_convert_legacy(data, tmp_path, capsys):
    abc = from_unicode("Thiếu máy tính ở bộ phận một cửa", Encoding.TCVN3)
    path = write_book(tmp_path / "cu.xlsx", {"Sheet1": [
        ["Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Cấp có thẩm quyền giải quyết", "Ngày phát sinh", "Tình trạng"],
        [abc, "Khác", "Cấp xã", "01/10/2025", "Mới tiếp nhận"]]}, fonts={"Sheet1": {"A2": ".VnTime"}})
    assert desk(data, "import", str(path)) == 2
    err = capsys.readouterr().err
    assert "có chữ gõ bằng bảng mã cũ TCVN3 (ABC) (phông .VnTime): 1 ô" in err
    assert f"Sheet1!A2: «{abc}» → «Thiếu máy tính ở bộ phận một cửa»" in err
    assert "--convert-legacy" in err and count(data) == 0
    assert desk(data, "import", str(path), "--convert-legacy") == 0
    assert "Đã chuyển 1 ô từ bảng mã TCVN3 (ABC) sang Unicode." in capsys.readouterr().out
    assert count(data) == 1


def test_a_hostile_file_exits_2_in_a_real_process(data, tmp_path):
    path = tmp_path / "bang.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    env = dict(os.environ, DESK_DATA_DIR=str(data))
    done = subprocess.run([sys.executable, "-m", "desk", "import", str(path)], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 2
    assert "Lỗi: Không nhập được tệp «bang.xlsx»: đây là tệp Excel 97–2003 (.xls) đã bị đổi tên" in done.stderr


def test_a_file_too_heavy_for_the_reader_exits_2_with_a_message_in_a_real_process(data, tmp_path):
    from tests.importers.hostile import _far

    # Given a 2 KB file within the gate's limits whose parse needs ~680 MB, and a 400 MB ceiling
    path = tmp_path / "nang.xlsx"
    path.write_bytes(_far("IV62000"))
    env = dict(os.environ, DESK_DATA_DIR=str(data), DESK_READER_MEMORY_MB="400")
    # When `desk import` reads it
    done = subprocess.run([sys.executable, "-m", "desk", "import", str(path)], capture_output=True, text=True,
                          env=env, timeout=120)
    # Then only the reading worker ended: Desk says which file and why, exit 2, nothing imported
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("Lỗi: Không nhập được tệp «nang.xlsx»: "
                                  "đọc tệp cần quá nhiều bộ nhớ (giới hạn 0,4 GB)")
    assert "memory allocation" not in done.stderr and "Traceback" not in done.stderr
    assert count(data) == 0


def test_the_same_file_twice_is_refused_until_confirmed_with_again(data, tmp_path, capsys):
    path = tmp_path / "ds.xlsx"
    assert desk(data, "template", "obstacles", "--out", str(path)) == 0
    fill(path, [ROW])
    assert desk(data, "import", str(path)) == 0 and count(data) == 1
    capsys.readouterr()
    # The second time: when and by whom, nothing written, exit 2
    assert desk(data, "import", str(path)) == 2
    err = capsys.readouterr().err
    assert "Lỗi: Tệp «ds.xlsx» (cùng nội dung) đã được nhập trước đây: lúc " in err
    assert "Chưa ghi gì. Nếu thật sự muốn nhập lần nữa, chạy lại với --again." in err
    assert count(data) == 1
    # Confirmed with --again it is imported once more
    assert desk(data, "import", str(path), "--again") == 0 and count(data) == 2


def test_a_path_that_is_no_readable_file_is_named_in_vietnamese_not_an_unexpected_error(data, tmp_path, capsys):
    # A file that is not there, a folder named like a workbook, and a device (it never ends: hashing it hung)
    folder = tmp_path / "bao-cao.xlsx"
    folder.mkdir()
    device = tmp_path / "thiet-bi.xlsx"
    device.symlink_to("/dev/zero")
    said = {}
    for path in (tmp_path / "khong-co.xlsx", folder, device):
        for command in (["import", "--dry-run", str(path)], ["import-reply", "--dry-run", str(path)]):
            assert desk(data, *command) == 2, command
            said[(command[0], path.name)] = capsys.readouterr().err
    assert all("Lỗi không mong đợi" not in text for text in said.values())
    assert "không tìm thấy tệp" in said[("import", "khong-co.xlsx")]
    assert "đây là một thư mục, không phải tệp" in said[("import", "bao-cao.xlsx")]
    assert "không phải là một tệp thông thường" in said[("import-reply", "thiet-bi.xlsx")]
