"""From the command line: the report's text, the new registers' lists and templates, and their consolidation."""

from __future__ import annotations

import openpyxl

from desk.cli import main
from desk.domain.registers import REGISTERS
from desk.reports.import_template import DATA_SHEET


def setup(tmp_path, capsys, unit: str = "11329", name: str = "data") -> str:
    data = tmp_path / name
    assert main(["--data-dir", str(data), "init", "--unit", unit]) == 0
    assert main(["--data-dir", str(data), "demo", "--count", "40"]) == 0
    capsys.readouterr()
    return str(data)


def test_the_report_text_is_written_from_a_file_shown_and_printed(tmp_path, capsys):
    data = setup(tmp_path, capsys)
    typed = tmp_path / "ton-tai.txt"
    typed.write_text("Thiếu công chức địa chính.\nTrụ sở phân tán ở ba điểm.\n", encoding="utf-8")
    assert main(["--data-dir", data, "report-text", "--period", "2025-10", "--section", "shortcomings",
                 "--file", str(typed)]) == 0
    assert "Đã ghi phần «Tồn tại, hạn chế và nguyên nhân» của báo cáo Tháng 10/2025." in capsys.readouterr().out
    assert main(["--data-dir", data, "report-text", "--period", "2025-10"]) == 0
    assert "[shortcomings] Tồn tại, hạn chế và nguyên nhân\nThiếu công chức địa chính.\nTrụ sở phân tán" in \
        capsys.readouterr().out
    assert main(["--data-dir", data, "report-text", "--period", "2025-10", "--section", "ket-qua",
                 "--file", str(typed)]) == 2
    assert "Không có phần «ket-qua»" in capsys.readouterr().err
    out = tmp_path / "t10.xlsx"
    assert main(["--data-dir", data, "export", "report", "--period", "2025-10", "--out", str(out)]) == 0
    cover = [c for row in openpyxl.load_workbook(out)["Báo cáo"].iter_rows(values_only=True) for c in row if c]
    assert "III. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN" in cover and "Trụ sở phân tán ở ba điểm." in cover


def test_the_new_registers_export_and_have_templates(tmp_path, capsys):
    data = setup(tmp_path, capsys)
    for name, heading in (("procedures", "Tiếp nhận trực tuyến"), ("needs", "Lĩnh vực chuyên môn *")):
        out = tmp_path / f"{name}.xlsx"
        assert main(["--data-dir", data, "export", name, "--period", "2025-Q3", "--out", str(out)]) == 0
        assert openpyxl.load_workbook(out).active["A1"].value == "ỦY BAN NHÂN DÂN"
        template = tmp_path / f"mau-{name}.xlsx"
        assert main(["--data-dir", data, "template", name, "--out", str(template)]) == 0
        headings = [c.value for c in openpyxl.load_workbook(template)[DATA_SHEET][1] if c.value]
        assert heading in headings
        assert headings[0].removesuffix(" *") == REGISTERS[name].fields[0].vi


def test_the_province_consolidates_procedures_and_needs_by_commune(tmp_path, capsys):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for unit, name in (("11329", "a"), ("11383", "b")):
        data = setup(tmp_path, capsys, unit, name)
        assert main(["--data-dir", data, "export", "report", "--period", "2025-Q3", "--submit",
                     "--out", str(inbox / f"{unit}.xlsx")]) == 0
    out = tmp_path / "tong-hop.xlsx"
    assert main(["consolidate", str(inbox), "--period", "2025-Q3", "--out", str(out)]) == 0
    wb = openpyxl.load_workbook(out)
    tthc = [r for r in wb["TTHC"].iter_rows(values_only=True) if r[1] in ("Tổng cộng", "Phường Ngô Quyền",
                                                                         "Phường Lê Chân")]
    total, *units = tthc
    assert len(units) == 2 and all(total[k] == sum(u[k] for u in units) for k in range(2, 11))
    needs = {r[1]: r for r in wb["Nhu cầu nhân sự"].iter_rows(values_only=True) if isinstance(r[1], str)}
    assert needs["Tổng cộng"][4] == sum(r[4] for k, r in needs.items() if k not in ("Tổng cộng", "Lĩnh vực chuyên môn")
                                        and isinstance(r[4], int))
    assert needs["Công nghệ thông tin, chuyển đổi số"][5] == 2        # both communes lack IT staff
