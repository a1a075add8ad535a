"""The initiatives register (sáng kiến, mô hình): ways the commune found to serve citizens better."""

from __future__ import annotations

from datetime import date

from desk.domain.fields import TODAY, Choice, FieldSpec, Kind
from desk.domain.formats import format_date_vi
from desk.domain.lang import t
from desk.domain.register import Context, Filter, FixedChoices, ListSpec, Record, Register
from desk.domain.registers.officials import offices

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

FIXED_CHOICES: FixedChoices = {"channel": CHANNELS, "initiative_status": STATUSES, "office": offices}

FIELDS = (
    FieldSpec("name", "Tên sáng kiến, mô hình", "Initiative",
              headings=("Tên mô hình", "Tên sáng kiến", "Tên mô hình, sáng kiến"), required=True, max_length=300,
              width=28, searched=True),
    FieldSpec("start_date", "Ngày bắt đầu", "Started on", Kind.DATE, required=True, width=11, default=TODAY,
              indexed=True),
    FieldSpec("end_date", "Ngày kết thúc", "Ended on", Kind.DATE, width=11, in_table=False, in_export=False,
              follow_up=True),
    FieldSpec("lead_office", "Đơn vị chủ trì", "Led by", Kind.CHOICE, choices="office", width=20),
    FieldSpec("channels", "Hình thức, kênh thực hiện", "Channels", Kind.MULTI, required=True, choices="channel",
              width=28),
    FieldSpec("description", "Mô tả cách làm", "How it works", Kind.LONGTEXT, max_length=10000, width=30,
              in_table=False, in_export=False, searched=True),
    FieldSpec("participants", "Lực lượng tham gia", "Who takes part", max_length=300, width=22,
              help_vi="Ví dụ: Đoàn Thanh niên phường, tổ công nghệ số cộng đồng",
              help_en="For example: youth-union members, community digital teams", searched=True),
    # Counted since the initiative began, not per period: a report that says "in the period" would have
    # them added up across periods.
    FieldSpec("people_served", "Số lượt người dân được phục vụ (lũy kế)", "People served (to date)", Kind.INT,
              minimum=0, width=12, follow_up=True, headings=("Số lượt người dân được phục vụ",),
              help_vi="Tổng số từ khi triển khai đến nay, không chỉ trong kỳ.",
              help_en="The total since it began, not only within the period."),
    FieldSpec("dossiers_handled", "Số hồ sơ được hỗ trợ, giải quyết (lũy kế)", "Dossiers handled (to date)",
              Kind.INT, minimum=0, width=12, follow_up=True, headings=("Số hồ sơ được hỗ trợ, giải quyết",),
              help_vi="Tổng số từ khi triển khai đến nay, không chỉ trong kỳ.",
              help_en="The total since it began, not only within the period."),
    FieldSpec("results", "Kết quả, đánh giá", "Results", Kind.LONGTEXT, max_length=10000, width=26,
              in_table=False, searched=True, follow_up=True),
    FieldSpec("status", "Tình trạng", "Status", Kind.CHOICE, required=True, choices="initiative_status", width=14,
              default="active", indexed=True, follow_up=True),
)


def check_record(values: Record) -> dict[str, str]:
    errors: dict[str, str] = {}
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        errors["end_date"] = t(f"Ngày kết thúc ({format_date_vi(end)}) không được trước ngày bắt đầu "
                               f"({format_date_vi(start)}).",
                               f"The end ({format_date_vi(end)}) cannot be before the start ({format_date_vi(start)}).")
    elif values.get("status") == "ended" and not end:
        errors["end_date"] = t("Đã kết thúc thì phải ghi ngày kết thúc.", "An ended initiative needs its end date.")
    return errors


def status_on(status: str | None, start: date | None, end: date | None, day: date) -> str | None:
    """An initiative's status on a day: one ended after it was still under way then; one started after it was
    being prepared. The status is today's; its dates say when."""
    if status == "ended" and end is not None and end > day:
        return "active"
    if status in ("active", "ended") and start is not None and start > day:
        return "planned"
    return status


def as_it_stood(rows: list[Record], day: date, context: Context) -> None:
    """Initiatives' rows as a list on `day` shows them: their status then (status_on)."""
    for row in rows:
        row["status"] = status_on(row.get("status"), row.get("start_date"), row.get("end_date"), day)


REGISTER = Register(
    name="initiatives", vi="Sáng kiến, mô hình", en="Initiatives", table_name="initiative", position=7,
    fields=FIELDS, fixed_choices=FIXED_CHOICES, check_record=check_record,
    date_field="start_date", title_field="name",
    filters=(Filter("status"), Filter("channels"), Filter("lead_office")),
    listing=ListSpec("Sáng kiến, mô hình", "Sáng kiến, mô hình phục vụ người dân", "sáng kiến, mô hình",
                     "Biểu số 06/SK", "Danh-sach-sang-kien-mo-hinh", "danh sách sáng kiến, mô hình", "start_date",
                     "end_date", order=lambda r: r.get("start_date") or date.min, as_on=as_it_stood),
)
