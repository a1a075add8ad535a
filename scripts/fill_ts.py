"""Fill desk_vi.ts from a source -> Vietnamese table (used once per new batch of UI strings)."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

VI = {
    "&From:": "&Từ ngày:", "&Month:": "&Tháng:", "&Period:": "&Kỳ báo cáo:", "&Quarter:": "&Quý:",
    "&To:": "Đế&n ngày:", "&Year:": "&Năm:", "9 months": "9 tháng", "Cancel": "Hủy bỏ",
    "Choose file and export...": "Chọn tệp và xuất...", "Date range (ad hoc)": "Khoảng ngày (đột xuất)",
    "Excel workbook (*.xlsx)": "Tệp Excel (*.xlsx)", "Export the obstacle report": "Xuất báo cáo khó khăn, vướng mắc",
    "First 6 months": "6 tháng đầu năm", "Month": "Tháng", "Quarter": "Quý", "Save the report as": "Lưu báo cáo thành",
    "Type both dates as dd/mm/yyyy.": "Nhập cả hai ngày theo dạng dd/mm/yyyy.", "Year": "Năm",
    "&File": "&Tệp", "&Help": "Trợ &giúp", "&Records": "&Sổ theo dõi",
    "Desk %s\nRecords and reports of the commune-level People's Committee.\nData folder: %s":
        "Desk %s\nSổ theo dõi và báo cáo của Ủy ban nhân dân cấp xã.\nThư mục dữ liệu: %s",
    "Desk – %s": "Desk – %s", "Obstacles": "Khó khăn, vướng mắc",
    "Records are kept per unit. Switch this installation to %s?":
        "Dữ liệu được lưu theo từng đơn vị. Chuyển máy này sang %s?",
    "The report for {period} was saved ({count} obstacles):\n{path}":
        "Đã lưu báo cáo {period} ({count} khó khăn, vướng mắc):\n{path}",
    "The unit was changed. Desk will now close; start it again to continue.":
        "Đã đổi đơn vị. Desk sẽ đóng lại; hãy mở lại để tiếp tục.",
    "&Save": "&Lưu", "* required. Enter or Ctrl+S saves, Esc cancels. Dates as dd/mm/yyyy.":
        "* bắt buộc. Enter hoặc Ctrl+S để lưu, Esc để hủy. Ngày nhập dạng dd/mm/yyyy.",
    "Edit record": "Sửa bản ghi", "New record": "Thêm bản ghi mới",
    "%n overdue": "%n quá hạn", "%n record(s) shown": "Đang hiển thị %n bản ghi", "All: %s": "Tất cả: %s",
    "From date (dd/mm/yyyy)": "Từ ngày (dd/mm/yyyy)", "Overdue": "Quá hạn xử lý",
    'Search (Ctrl+F): no accents needed, e.g. "ngo quyen"': "Tìm kiếm (Ctrl+F): gõ không dấu cũng được, ví dụ «ngo quyen»",
    "Show voided": "Hiện bản ghi đã hủy",
    "The record stays in the database but is hidden from the register and reports.\nReason for voiding (required):":
        "Bản ghi vẫn được lưu nhưng không hiện trong sổ và báo cáo.\nLý do hủy (bắt buộc):",
    "This record is voided: %s": "Bản ghi này đã bị hủy: %s", "To date (dd/mm/yyyy)": "Đến ngày (dd/mm/yyyy)",
    "Void record": "Hủy bản ghi", "from dd/mm/yyyy": "từ dd/mm/yyyy", "to dd/mm/yyyy": "đến dd/mm/yyyy",
    "&Language:": "&Ngôn ngữ:", "A new language applies the next time Desk starts.":
        "Ngôn ngữ mới có hiệu lực từ lần mở Desk tiếp theo.",
    "Distribution (one per line):": "Nơi nhận (mỗi dòng một nơi):", "Document symbol:": "Ký hiệu văn bản:",
    "Interface": "Giao diện", "Prepared by:": "Người lập biểu:", "Receiving unit:": "Đơn vị nhận báo cáo:",
    "Reports": "Báo cáo", "Settings": "Cài đặt", "Signer's name:": "Họ tên người ký:",
    "Signer's title:": "Chức vụ người ký:", "Signing on behalf of:": "Thay mặt (TM.):",
    "%n unit(s) match": "%n đơn vị phù hợp", "&Commune / ward:": "&Xã / phường:",
    "&Province / city:": "&Tỉnh / thành phố:", "Choose your office's unit": "Chọn đơn vị của cơ quan",
    'Desk keeps the records of one commune-level unit. Choose the province, then your commune, ward or special zone. Type part of the name; accents are not needed ("ngo quyen" finds Phường Ngô Quyền).':
        "Desk lưu sổ theo dõi của một đơn vị hành chính cấp xã. Chọn tỉnh, thành phố, rồi chọn xã, phường hoặc đặc khu của cơ quan. Gõ một phần tên, không cần dấu («ngo quyen» sẽ tìm thấy Phường Ngô Quyền).",
    "Use this unit": "Chọn đơn vị này", "e.g. ngo quyen": "ví dụ: ngo quyen",
    "— all 34 provinces and cities —": "— tất cả 34 tỉnh, thành phố —",
    "&About Desk": "&Giới thiệu Desk", "&Edit record": "&Sửa bản ghi", "&New record": "&Thêm mới",
    "&Quit": "T&hoát", "&Search": "&Tìm kiếm", "&Settings...": "&Cài đặt...", "&Void record...": "&Hủy bản ghi...",
    "Change &unit...": "Đổi đơ&n vị...", "E&xport report...": "&Xuất báo cáo...",
    "Show &voided records": "Hiện bản ghi đã &hủy",
    "An unexpected error occurred. Your saved data is safe. The details were written to:\n{0}\nPlease send this file to technical support.":
        "Đã xảy ra lỗi không mong đợi. Dữ liệu đã lưu vẫn an toàn. Chi tiết được ghi vào:\n{0}\nHãy gửi tệp này cho bộ phận kỹ thuật.",
    "Desk": "Desk",
}


def fill(ts: Path) -> list[str]:
    tree = ET.parse(ts)
    left = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if translation.get("type") not in ("unfinished", None) or source not in VI:
            if translation.get("type") == "unfinished":
                left.append(source)
            continue
        if translation.get("type") is None and "".join(translation.itertext()).strip():
            continue
        translation.attrib.pop("type", None)
        forms = translation.findall("numerusform")
        if forms:
            for form in forms:
                form.text = VI[source]
        else:
            translation.text = VI[source]
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return left


if __name__ == "__main__":
    remaining = fill(Path(sys.argv[1]))
    print("untranslated:", remaining)
