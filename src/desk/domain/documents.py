"""Decree 30/2020 rules for a document's place line, signature block and draft date (Appendix I)."""

from __future__ import annotations

from datetime import date

from desk.domain.fields import Choice
from desk.domain.units import Unit

# Appendix I: the place (địa danh) is the unit's name without "xã"/"phường" ("Kiến An, ngày ..."),
# except a unit named after a person, with a number or after a historical event, which is
# written in full ("Phường Ngô Quyền", "Phường 1 Bảo Lộc"). Numbers are seen in the name; people
# and events are not, so these are the names of the 2025 unit list known to be people or events
# (a best reading; the place line is a setting a province may override).
NAMED_AFTER = frozenset({
    # people
    "Ngô Quyền", "Lê Lợi", "Quang Trung", "Nguyễn Huệ", "Kim Đồng", "Hai Bà Trưng", "Bà Triệu", "Trần Phú",
    "Trần Hưng Đạo", "Chu Văn An", "Lê Chân", "Nguyễn Bỉnh Khiêm", "Nguyễn Trãi", "Yết Kiêu", "Nguyễn Du",
    "Phạm Ngũ Lão", "Hoàng Văn Thụ", "Lý Thường Kiệt", "Tô Hiệu", "Lê Hồng Phong", "Võ Thị Sáu", "Hùng Vương",
    "Phan Bội Châu", "Phan Chu Trinh", "Lê Thánh Tông", "Đinh Tiên Hoàng", "Lý Thái Tổ", "Nguyễn Văn Cừ",
    "Trần Quốc Toản", "Hoàng Diệu", "Nguyễn Thái Học", "Mạc Đĩnh Chi", "Trần Quang Khải", "Lê Hoàn",
    "Nguyễn Đức Cảnh", "Võ Nguyễn Giáp", "Hồ Tùng Mậu", "Lương Thế Vinh", "Nguyễn Khuyến", "Tuệ Tĩnh",
    "Âu Cơ", "Đào Duy Từ", "Đặng Thùy Trâm", "Hoàng Hoa Thám", "Hồ Đắc Kiện", "Hồ Thị Kỷ", "Khúc Thừa Dụ",
    "Lê Đại Hành", "Lê Ích Mộc", "Lê Quý Đôn", "Lê Thanh Nghị", "Lương Thế Trân", "Lương Văn Tri",
    "Lưu Nghiệp Anh", "Lý Văn Lâm", "Ngô Mây", "Nguyễn Đại Năng", "Nguyễn Lương Bằng", "Nguyễn Nghiêm",
    "Nguyễn Phích", "Nguyễn Văn Linh", "Nguyễn Việt Khái", "Phạm Sư Mạnh", "Phan Đình Phùng", "Phan Ngọc Hiển",
    "Quách Phẩm", "Tạ An Khương", "Trần Lãm", "Trần Liễu", "Trần Nhân Tông", "Trần Phán", "Trần Văn Thời",
    "Triệu Việt Vương", "Trương Quang Trọng",
    # historical events (battles, uprisings)
    "Chi Lăng", "Bạch Đằng", "Điện Biên Phủ", "Đống Đa", "Ba Đình", "Đồng Khởi",
})

SIGNINGS = (
    Choice("chair", "Chủ tịch ký (TM. Ủy ban nhân dân / Chủ tịch)", "The chair signs"),
    Choice("deputy", "Phó Chủ tịch ký thay (TM. Ủy ban nhân dân / KT. Chủ tịch / Phó Chủ tịch)",
           "A vice-chair signs for the chair"),
)


def place_name(unit: Unit) -> str:
    """The place line's name by the decree's rule: "Kiến An", but "Phường Ngô Quyền", "Phường 1 Bảo Lộc"."""
    short = unit.short_name
    if short[:1].isdigit() or short in NAMED_AFTER:
        return unit.name
    return short


def signature_lines(signing: str, collective: str, head: str = "CHỦ TỊCH", deputy: str = "PHÓ CHỦ TỊCH") -> tuple[str,
                                                                                                                  ...]:
    """The lines above the signature of a collegial body (a People's Committee), in capitals:
    "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", or for a vice-chair "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"."""
    lines = [f"TM. {collective.upper()}"] if collective.strip() else []
    if signing == "deputy":
        lines += [f"KT. {head.upper()}", deputy.upper()]
    else:
        lines.append(head.upper())
    return tuple(lines)


def date_line(place: str, d: date | None, year: int | None = None) -> str:
    """Place and date as Decree 30 writes them: "Phường Ngô Quyền, ngày 05 tháng 02 năm 2026".

    Days below 10 and the months 1 and 2 get a leading zero; other months do not. A draft has
    no date yet (d None): the day and month are left blank for the registry, the year is given.
    """
    if d is None:
        return f"{place}, ngày      tháng      năm {year or ''}".rstrip()
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"{place}, ngày {d.day:02d} tháng {month} năm {d.year}"
