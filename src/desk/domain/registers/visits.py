"""The field visits register (khảo sát, làm việc): visiting teams, what they saw, what they found."""

from __future__ import annotations

from datetime import date

from desk.domain.fields import TODAY, Choice, FieldSpec, Kind
from desk.domain.formats import format_date_vi
from desk.domain.lang import t
from desk.domain.register import Context, Filter, FixedChoices, ListSpec, Record, Register, Row

KINDS = (
    Choice("survey", "Khảo sát", "Survey"),
    Choice("working", "Làm việc", "Working session"),
    Choice("inspection", "Kiểm tra", "Inspection"),
    Choice("supervision", "Giám sát", "Supervision"),
)

FIXED_CHOICES: FixedChoices = {"visit_kind": KINDS}

FIELDS = (
    FieldSpec("start_date", "Từ ngày", "From", Kind.DATE, required=True, width=11, default=TODAY, indexed=True),
    FieldSpec("end_date", "Đến ngày", "To", Kind.DATE, width=11, follow_up=True),
    FieldSpec("kind", "Hình thức", "Kind", Kind.CHOICE, required=True, choices="visit_kind", width=11,
              default="survey"),
    FieldSpec("team_body", "Cơ quan của đoàn", "Visiting body", required=True, max_length=200, width=22,
              suggest="bodies", help_vi="Ví dụ: Bộ Nội vụ; Sở Nội vụ thành phố Hải Phòng",
              help_en="For example: Ministry of Home Affairs", searched=True),
    FieldSpec("team_lead", "Trưởng đoàn", "Team lead", max_length=200, width=20,
              help_vi="Họ tên và chức vụ, ví dụ: Ông Nguyễn Văn Hùng, Phó Vụ trưởng Vụ Chính quyền địa phương",
              help_en="Name and title", searched=True),
    FieldSpec("members", "Thành viên đoàn", "Team members", Kind.LONGTEXT, max_length=2000, width=24,
              in_table=False, in_export=False, searched=True),
    FieldSpec("basis", "Căn cứ (văn bản)", "Under (document)", max_length=300, width=20,
              help_vi="Ví dụ: Quyết định 878/QĐ-BNV ngày 12/8/2025 của Bộ Nội vụ",
              help_en="For example: Decision 878/QĐ-BNV", searched=True),
    FieldSpec("places", "Nơi đến khảo sát, làm việc", "Places visited", max_length=500, width=20,
              help_vi="Ví dụ: Trung tâm Phục vụ hành chính công; tổ dân phố số 3",
              help_en="For example: the service centre; residential group 3", searched=True),
    FieldSpec("content", "Nội dung làm việc", "Content", Kind.LONGTEXT, required=True, max_length=10000, width=28,
              searched=True),
    FieldSpec("findings", "Kết quả, kết luận của đoàn", "Findings", Kind.LONGTEXT, max_length=10000, width=28,
              in_table=False, searched=True, follow_up=True),
)

COMPUTED = (
    FieldSpec("obstacle_count", "Số khó khăn phát hiện", "Obstacles found", Kind.INT, width=10, in_form=False,
              help_vi="Số khó khăn, vướng mắc được ghi nhận từ đợt này", help_en="Obstacles recorded from this visit"),
)


def check_record(values: Record) -> dict[str, str]:
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        return {"end_date": t(f"Ngày kết thúc ({format_date_vi(end)}) không được trước ngày bắt đầu "
                              f"({format_date_vi(start)}).",
                              f"The end ({format_date_vi(end)}) cannot be before the start ({format_date_vi(start)}).")}
    return {}


def label_of(row: Row) -> str:
    """How a visit appears where an obstacle refers to it: "05/09/2025 – Bộ Nội vụ"."""
    start = row.get("start_date")
    when = f"{format_date_vi(start)}" if start else ""
    return " – ".join(part for part in (when, row.get("team_body") or "") if part)


def derive(rows: list[Record], context: Context) -> None:
    """obstacle_count: the (not voided) obstacles recorded from each visit by the context's day."""
    counts = context.count_referring("obstacles", "visit_id")
    for row in rows:
        row["obstacle_count"] = counts.get(row["id"], 0)


REGISTER = Register(
    name="visits", vi="Khảo sát, làm việc", en="Field visits", table_name="visit", position=6,
    fields=FIELDS, computed=COMPUTED, fixed_choices=FIXED_CHOICES, check_record=check_record,
    date_field="start_date", title_field="team_body", derive=derive, ref_label=label_of,
    table_order=("start_date", "end_date", "kind", "team_body", "obstacle_count"),
    ref_order=lambda row: (-(row.get("start_date") or date.min).toordinal(), row.get("team_body") or ""),
    ref_fields=("start_date", "team_body"),
    filters=(Filter("kind"),),
    affects=("obstacles",),     # an obstacle names the visit it was found during
    listing=ListSpec("Khảo sát, làm việc", "Các đợt khảo sát, làm việc tại đơn vị", "đợt", "Biểu số 05/KS",
                     "Danh-sach-dot-khao-sat", "danh sách đợt khảo sát, làm việc", "start_date", "end_date",
                     order=lambda r: r.get("start_date") or date.min),
)
