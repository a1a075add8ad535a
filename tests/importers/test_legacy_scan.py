"""Legacy text in a workbook: found by the cells' fonts and by pattern, proposed, applied only when asked."""

from __future__ import annotations

from tests.importers.books import write_book

from desk.domain.legacy_text import Encoding, from_unicode
from desk.importers import legacy
from desk.importers.workbook import read_book

TCVN3 = Encoding.TCVN3


def tcvn3(text: str) -> str:
    return from_unicode(text, TCVN3)


def test_a_vntime_workbook_is_found_by_its_fonts_and_converted_cell_by_cell(tmp_path):
    rows = [[tcvn3("Nội dung khó khăn, vướng mắc"), tcvn3("Lĩnh vực")],
            [tcvn3("Thiếu máy tính ở bộ phận một cửa"), tcvn3("Khác")],
            [tcvn3("Trụ sở chật"), "Tự rà soát"]]            # B3 was typed in Unicode: left alone
    fonts = {"A1": ".VnTimeH", "B1": ".VnTime", "A2": ".VnTime", "B2": ".VnTime", "A3": ".VnTime", "B3": "Arial"}
    path = write_book(tmp_path / "abc.xlsx", {"Sheet1": rows}, fonts={"Sheet1": fonts})
    book = read_book(path)
    finding = legacy.scan(book)
    assert finding.encoding is TCVN3 and finding.name == "TCVN3 (ABC)"
    assert set(finding.fonts) == {".VnTime", ".VnTimeH"}
    assert finding.conversions[("Sheet1", 1, 1)] == "NỘI DUNG KHÓ KHĂN, VƯỚNG MẮC"   # a capital font
    assert finding.conversions[("Sheet1", 2, 1)] == "Thiếu máy tính ở bộ phận một cửa"
    assert finding.conversions[("Sheet1", 2, 2)] == "Khác"
    assert ("Sheet1", 3, 2) not in finding.conversions
    assert ("Sheet1!A2", tcvn3("Thiếu máy tính ở bộ phận một cửa"), "Thiếu máy tính ở bộ phận một cửa") \
        in finding.samples
    # Scanning changes nothing; applying does.
    assert book.sheet("Sheet1").value(2, 2) == tcvn3("Khác")
    legacy.apply(book, finding)
    assert book.sheet("Sheet1").value(2, 2) == "Khác"
    assert book.sheet("Sheet1").value(3, 2) == "Tự rà soát"


def test_vni_text_is_found_by_pattern_without_any_legacy_font(tmp_path):
    rows = [["Nội dung khó khăn, vướng mắc"], [from_unicode("Khó khăn về trụ sở làm việc", Encoding.VNI)],
            ["Phường Ngô Quyền"]]
    path = write_book(tmp_path / "vni.xlsx", {"Sheet1": rows})
    finding = legacy.scan(read_book(path))
    assert finding.encoding is Encoding.VNI
    assert finding.fonts == ()
    assert finding.conversions == {("Sheet1", 2, 1): "Khó khăn về trụ sở làm việc"}


def test_a_unicode_workbook_has_nothing_to_convert(tmp_path):
    rows = [["Nội dung khó khăn, vướng mắc", "Lĩnh vực"], ["Có", "Khác"], ["Cà phê", "Đề nghị hỗ trợ"]]
    path = write_book(tmp_path / "u.xlsx", {"Sheet1": rows})
    assert legacy.scan(read_book(path)) is None


def test_hidden_sheets_are_not_scanned(tmp_path):
    path = write_book(tmp_path / "h.xlsx", {"A": [["x"]], "B": [[tcvn3("Biểu số")]]}, hidden=["B"])
    assert legacy.scan(read_book(path)) is None


def test_the_whole_sheet_is_scanned_once_a_sample_shows_legacy_text(tmp_path, monkeypatch):
    monkeypatch.setattr(legacy, "SAMPLE_ROWS", 2)
    rows = [["Nội dung"], [tcvn3("Thiếu máy in")], ["Có"], [tcvn3("Trụ sở chật")]]
    path = write_book(tmp_path / "long.xlsx", {"Sheet1": rows})
    finding = legacy.scan(read_book(path))
    assert set(finding.conversions) == {("Sheet1", 2, 1), ("Sheet1", 4, 1)}
    # A Unicode sample stops the scan: legacy text first met below the sample is not looked for.
    path = write_book(tmp_path / "late.xlsx", {"Sheet1": [["Nội dung"], ["Có"], ["Khác"], [tcvn3("Trụ sở chật")]]})
    assert legacy.scan(read_book(path)) is None
