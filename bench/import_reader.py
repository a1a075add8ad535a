"""`python -m bench.import_reader [ROWS]`: the import reader against a bare read, on a generated workbook.

Prints seconds for: openpyxl read-only (values only), python-calamine bare (to_python), and Desk's
reader in stages (safety gate, read_book, legacy scan, table finding), with the ratio of the whole
reader to the bare calamine read (target: < 2x at 100,000 rows).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path


def make_workbook(path: Path, rows: int) -> Path:
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Dữ liệu")
    ws.append(["Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Mô tả chi tiết", "Kiến nghị, đề xuất",
               "Cấp có thẩm quyền giải quyết", "Nguồn phát hiện", "Ngày phát sinh", "Hạn xử lý", "Tình trạng",
               "Kết quả xử lý", "Văn bản hướng dẫn (số, ký hiệu, ngày)", "Đơn vị cũ (trước sắp xếp)"])
    rng = random.Random(6)
    for i in range(rows):
        raised = date(2025, 7, 1) + timedelta(days=rng.randrange(150))
        ws.append([f"Thiếu công chức công nghệ thông tin, chuyển đổi số (tổ dân phố số {i % 40})",
                   "Nhân sự (thừa, thiếu, chuyên môn không phù hợp)",
                   f"Phát hiện qua rà soát ngày {raised:%d/%m/%Y}.",
                   "Đề nghị tỉnh điều động, biệt phái 02 công chức có chuyên môn CNTT", "Cấp tỉnh", "Tự rà soát",
                   raised, raised + timedelta(days=30), "Đang xử lý", None, f"{1000 + i % 9000}/SNV-CQĐP", None])
    wb.save(path)
    return path


def bare_read(path: Path) -> int:
    """python-calamine reading every worksheet's values, nothing else: the baseline of the import
    target (bench.measures.import_workbook). Returns the number of rows read."""
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    try:
        return sum(len(wb.get_sheet_by_name(name).to_python(skip_empty_area=False)) for name in wb.sheet_names)
    finally:
        wb.close()


def timed(label: str, work, results: dict) -> object:
    start = time.perf_counter()
    value = work()
    results[label] = time.perf_counter() - start
    return value


def main(rows: int = 20_000) -> dict:
    import openpyxl

    from desk.importers import legacy, safety
    from desk.importers.tables import find_tables
    from desk.importers.workbook import read_book
    from desk.services.importing import catalogue

    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = make_workbook(Path(tmp) / "import.xlsx", rows)

        def openpyxl_read():
            wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
            n = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
            wb.close()
            return n

        timed("openpyxl read-only", openpyxl_read, results)
        timed("calamine bare", lambda: bare_read(path), results)
        timed("desk: safety gate", lambda: safety.check_xlsx(path), results)
        book = timed("desk: read_book (gate + values)", lambda: read_book(path), results)
        timed("desk: legacy scan", lambda: legacy.scan(book), results)
        found = timed("desk: find tables", lambda: find_tables(book, catalogue()), results)
        assert len(found.tables[0].rows) == rows
    whole = results["desk: read_book (gate + values)"] + results["desk: legacy scan"] + results["desk: find tables"]
    print(f"{rows:,} rows x 12 columns")
    for label, seconds in results.items():
        print(f"  {label:34} {seconds:7.2f} s")
    print(f"  {'desk reader, whole':34} {whole:7.2f} s  = {whole / results['calamine bare']:.2f} x calamine bare")
    return results


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
