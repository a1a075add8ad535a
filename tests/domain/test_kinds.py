"""Each field kind is one codec: what it parses, how it shows, how it exports, in one place."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desk.domain.fields import Choice, FieldSpec, Kind
from desk.domain.formats import (
    format_count,
    format_date_time_vi,
    format_date_vi,
    format_number_vi,
    format_time_date_vi,
)
from desk.domain.kinds import CODECS

LEVELS = (Choice("commune", "Cấp xã", "Commune"), Choice("province", "Cấp tỉnh", "Province"))


def test_every_kind_has_its_codec():
    assert set(CODECS) == set(Kind)


@pytest.mark.parametrize("kind, typed, stored, shown", [
    (Kind.TEXT, "  Thiếu   máy in ", "Thiếu máy in", "Thiếu máy in"),
    (Kind.TEXT, "Thiếu\u200b máy\ufeff in", "Thiếu máy in", "Thiếu máy in"),     # zero-width, pasted
    (Kind.TEXT, "\u200b\u200b\u2060", "", ""),
    (Kind.LONGTEXT, "dòng 1\r\ndòng 2 ", "dòng 1\ndòng 2", "dòng 1 ⏎ dòng 2"),
    (Kind.DATE, "5/2/2026", date(2026, 2, 5), "05/02/2026"),
    (Kind.INT, "26.430", 26430, "26.430"),
    (Kind.BOOL, "Có", True, "✓"),
    (Kind.CHOICE, "cap tinh", "province", "Cấp tỉnh"),
    (Kind.MULTI, "Cấp tỉnh; commune", "commune,province", "Cấp xã, Cấp tỉnh"),
])
def test_a_typed_value_is_stored_and_shown_as_a_clerk_expects(kind, typed, stored, shown):
    spec = FieldSpec("f", "Trường", "Field", kind)
    codec = spec.codec
    value = codec.parse(spec, typed, LEVELS)
    assert value == stored
    assert codec.display(spec, value, {"f": {c.code: c.vi for c in LEVELS}}) == shown


def test_a_value_outside_the_list_is_refused_with_the_field_named():
    spec = FieldSpec("level", "Cấp có thẩm quyền", "Level", Kind.CHOICE)
    with pytest.raises(ValueError, match="«Cấp có thẩm quyền»: giá trị «Cấp huyện» không có trong danh mục"):
        spec.codec.parse(spec, "Cấp huyện", LEVELS)


def test_a_tick_box_reads_how_people_tick_and_asks_about_anything_else():
    spec = FieldSpec("training_matches", "Chuyên môn phù hợp", "Training matches", Kind.BOOL)
    for ticked in ("x", "✓", "v", "Có", "Phù hợp", "Đúng", True, 1):
        assert spec.codec.parse(spec, ticked, ()) is True, ticked
    for unticked in ("Không", "không phù hợp", "0", "-", False):
        assert spec.codec.parse(spec, unticked, ()) is False, unticked
    with pytest.raises(ValueError, match="«Chuyên môn phù hợp»: «Chưa rõ» không rõ là có hay không"):
        spec.codec.parse(spec, "Chưa rõ", ())


def test_a_listed_label_holding_a_comma_is_read_whole():
    channels = (Choice("mobile", "Tổ lưu động, đến tận nhà", "Mobile team"), Choice("zalo", "Nhóm Zalo", "Zalo"),
                Choice("culture", "Phòng Văn hóa – Xã hội", "Culture and society"))
    spec = FieldSpec("channels", "Hình thức, kênh thực hiện", "Channels", Kind.MULTI)
    # As Desk exports it, as the list sheet names it, as codes, and a dash typed from the keyboard
    assert spec.codec.parse(spec, "Tổ lưu động, đến tận nhà; Nhóm Zalo", channels) == "mobile,zalo"
    assert spec.codec.parse(spec, "Tổ lưu động, đến tận nhà", channels) == "mobile"
    assert spec.codec.parse(spec, "mobile,zalo", channels) == "mobile,zalo"
    assert spec.codec.parse(spec, "Phòng Văn hóa - Xã hội", channels) == "culture"
    assert spec.codec.parse(spec, "phong van hoa-xa hoi", channels) == "culture"
    with pytest.raises(ValueError, match="giá trị «Loa» không có trong danh mục"):
        spec.codec.parse(spec, "Nhóm Zalo, Loa", channels)


def test_a_reference_is_found_by_its_label_or_a_name_that_fits_one_record_only():
    spec = FieldSpec("official_id", "Cán bộ của xã", "Our official", Kind.REF, ref="official")
    people = (Choice("a", "Nguyễn Văn Hùng (1985)", "Nguyễn Văn Hùng (1985)",
                     ("Nguyễn Văn Hùng", "Nguyễn Văn Hùng (02/03/1985)")),
              Choice("b", "Nguyễn Văn Hùng (1985)", "Nguyễn Văn Hùng (1985)",
                     ("Nguyễn Văn Hùng", "Nguyễn Văn Hùng (20/10/1985)")),
              Choice("c", "Trần Thị Thu Hương (1990)", "Trần Thị Thu Hương (1990)",
                     ("Trần Thị Thu Hương", "Trần Thị Thu Hương (05/06/1990)")))
    assert spec.codec.parse(spec, "tran thi thu huong", people) == "c"
    assert spec.codec.parse(spec, "Nguyễn Văn Hùng (20/10/1985)", people) == "b"
    # Two of one name and birth year: neither is taken unseen, and the message tells them apart
    with pytest.raises(ValueError, match=r"«Nguyễn Văn Hùng \(1985\)» có thể là 2 bản ghi "
                                         r"\(«Nguyễn Văn Hùng \(02/03/1985\)»; «Nguyễn Văn Hùng \(20/10/1985\)»\)"):
        spec.codec.parse(spec, "Nguyễn Văn Hùng (1985)", people)
    with pytest.raises(ValueError, match="không tìm thấy «Hoàng Văn Nam»"):
        spec.codec.parse(spec, "Hoàng Văn Nam", people)


def test_empty_input_is_no_value_except_for_a_tick_box():
    for kind, codec in CODECS.items():
        spec = FieldSpec("f", "Trường", "Field", kind)
        assert codec.parse(spec, "  ", LEVELS) == (False if kind == Kind.BOOL else None)


def test_exports_write_labels_and_ticks_not_codes():
    multi = FieldSpec("f", "Trường", "Field", Kind.MULTI)
    labels = {"f": {c.code: c.vi for c in LEVELS}}
    assert multi.codec.export(multi, "commune,province", labels) == "Cấp xã; Cấp tỉnh"
    tick = FieldSpec("b", "Phù hợp", "Fits", Kind.BOOL)
    assert (tick.codec.export(tick, True, {}), tick.codec.export(tick, False, {})) == ("x", None)


def test_the_audit_trails_text_comes_back_as_the_value():
    assert CODECS[Kind.DATE].from_text("2025-09-14") == date(2025, 9, 14)
    assert CODECS[Kind.BOOL].from_text("1") is True
    assert CODECS[Kind.INT].from_text("12") == 12


def test_dates_times_and_numbers_are_written_the_vietnamese_way():
    at = datetime(2026, 2, 5, 9, 7, 3)
    assert format_date_vi(at) == "05/02/2026"
    assert format_time_date_vi(at) == "09:07 ngày 05/02/2026"
    assert format_date_time_vi(at, seconds=True) == "05/02/2026 09:07:03"
    assert format_number_vi(26430) == "26.430"
    assert format_number_vi(2.684, 2) == "2,68"
    assert format_number_vi(1234567.5, 1) == "1.234.567,5"


def test_a_count_in_the_window_is_grouped_as_its_language_groups_it():
    from desk.domain import lang

    assert format_count(3321) == "3.321"          # Vietnamese, the default
    lang.set_language("en")
    try:
        assert format_count(3321) == "3,321"
    finally:
        lang.set_language("vi")
