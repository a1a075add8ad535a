"""The initiatives register (sáng kiến, mô hình): ways the commune found to serve citizens better."""

from __future__ import annotations

from desk.domain.fields import TODAY, Choice, FieldSpec, Kind
from desk.domain.lang import t
from desk.domain.officials import offices
from desk.domain.formats import format_date_vi

CHANNELS = (
    Choice("in_person", "Trực tiếp tại bộ phận một cửa", "In person at the one-stop desk"),
    Choice("mobile", "Tổ lưu động, đến tận nhà", "Mobile team, home visits"),
    Choice("fanpage", "Trang Facebook (fanpage)", "Facebook page"),
    Choice("zalo", "Nhóm Zalo", "Zalo group"),
    Choice("website", "Trang thông tin điện tử", "Website"),
    Choice("hotline", "Đường dây nóng", "Hotline"),
    Choice("loudspeaker", "Loa truyền thanh", "Public loudspeakers"),
    Choice("other", "Khác", "Other"),
)

STATUSES = (
    Choice("planned", "Đang chuẩn bị", "Being prepared"),
    Choice("active", "Đang triển khai", "Active"),
    Choice("paused", "Tạm dừng", "Paused"),
    Choice("ended", "Đã kết thúc", "Ended"),
)

FIXED_CHOICES = {"channel": CHANNELS, "initiative_status": STATUSES, "office": offices}

FIELDS = (
    FieldSpec("name", "Tên sáng kiến, mô hình", "Initiative", required=True, max_length=300, width=28),
    FieldSpec("start_date", "Ngày bắt đầu", "Started on", Kind.DATE, required=True, width=11, default=TODAY),
    FieldSpec("end_date", "Ngày kết thúc", "Ended on", Kind.DATE, width=11, in_table=False, in_export=False),
    FieldSpec("lead_office", "Đơn vị chủ trì", "Led by", Kind.CHOICE, choices="office", width=20),
    FieldSpec("channels", "Hình thức, kênh thực hiện", "Channels", Kind.MULTI, required=True, choices="channel",
              width=28),
    FieldSpec("description", "Mô tả cách làm", "How it works", Kind.LONGTEXT, max_length=10000, width=30,
              in_table=False, in_export=False),
    FieldSpec("participants", "Lực lượng tham gia", "Who takes part", max_length=300, width=22,
              help_vi="Ví dụ: Đoàn Thanh niên phường, tổ công nghệ số cộng đồng",
              help_en="For example: youth-union members, community digital teams"),
    FieldSpec("people_served", "Số lượt người dân được phục vụ", "People served", Kind.INT, minimum=0, width=12),
    FieldSpec("dossiers_handled", "Số hồ sơ được hỗ trợ, giải quyết", "Dossiers handled", Kind.INT, minimum=0,
              width=12),
    FieldSpec("results", "Kết quả, đánh giá", "Results", Kind.LONGTEXT, max_length=10000, width=26,
              in_table=False),
    FieldSpec("status", "Tình trạng", "Status", Kind.CHOICE, required=True, choices="initiative_status", width=14,
              default="active"),
)


def check_record(values: dict) -> dict[str, str]:
    errors: dict[str, str] = {}
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        errors["end_date"] = t(f"Ngày kết thúc ({format_date_vi(end)}) không được trước ngày bắt đầu ({format_date_vi(start)}).",
                               f"The end ({format_date_vi(end)}) cannot be before the start ({format_date_vi(start)}).")
    elif values.get("status") == "ended" and not end:
        errors["end_date"] = t("Đã kết thúc thì phải ghi ngày kết thúc.", "An ended initiative needs its end date.")
    return errors
