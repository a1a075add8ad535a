"""The field visits register (khảo sát, làm việc): visiting teams, what they saw, what they found."""

from __future__ import annotations

from desk.domain.fields import TODAY, Choice, FieldSpec, Kind
from desk.domain.lang import t
from desk.domain.formats import format_date_vi

KINDS = (
    Choice("survey", "Khảo sát", "Survey"),
    Choice("working", "Làm việc", "Working session"),
    Choice("inspection", "Kiểm tra", "Inspection"),
    Choice("supervision", "Giám sát", "Supervision"),
)

FIXED_CHOICES = {"visit_kind": KINDS}

FIELDS = (
    FieldSpec("start_date", "Từ ngày", "From", Kind.DATE, required=True, width=11, default=TODAY),
    FieldSpec("end_date", "Đến ngày", "To", Kind.DATE, width=11),
    FieldSpec("kind", "Hình thức", "Kind", Kind.CHOICE, required=True, choices="visit_kind", width=11,
              default="survey"),
    FieldSpec("team_body", "Cơ quan của đoàn", "Visiting body", required=True, max_length=200, width=22,
              suggest="bodies", help_vi="Ví dụ: Bộ Nội vụ; Sở Nội vụ thành phố Hải Phòng",
              help_en="For example: Ministry of Home Affairs"),
    FieldSpec("team_lead", "Trưởng đoàn", "Team lead", max_length=200, width=20,
              help_vi="Họ tên và chức vụ, ví dụ: Ông Nguyễn Văn Hùng, Phó Vụ trưởng Vụ Chính quyền địa phương",
              help_en="Name and title"),
    FieldSpec("members", "Thành viên đoàn", "Team members", Kind.LONGTEXT, max_length=2000, width=24,
              in_table=False, in_export=False),
    FieldSpec("basis", "Căn cứ (văn bản)", "Under (document)", max_length=300, width=20,
              help_vi="Ví dụ: Quyết định 878/QĐ-BNV ngày 12/8/2025 của Bộ Nội vụ",
              help_en="For example: Decision 878/QĐ-BNV"),
    FieldSpec("places", "Nơi đến khảo sát, làm việc", "Places visited", max_length=500, width=20,
              help_vi="Ví dụ: Trung tâm Phục vụ hành chính công; tổ dân phố số 3",
              help_en="For example: the service centre; residential group 3"),
    FieldSpec("content", "Nội dung làm việc", "Content", Kind.LONGTEXT, required=True, max_length=10000, width=28),
    FieldSpec("findings", "Kết quả, kết luận của đoàn", "Findings", Kind.LONGTEXT, max_length=10000, width=28,
              in_table=False),
)

COMPUTED = (
    FieldSpec("obstacle_count", "Số khó khăn phát hiện", "Obstacles found", Kind.INT, width=10, in_form=False,
              help_vi="Số khó khăn, vướng mắc được ghi nhận từ đợt này", help_en="Obstacles recorded from this visit"),
)


def check_record(values: dict) -> dict[str, str]:
    start, end = values.get("start_date"), values.get("end_date")
    if start and end and end < start:
        return {"end_date": t(f"Ngày kết thúc ({format_date_vi(end)}) không được trước ngày bắt đầu ({format_date_vi(start)}).",
                              f"The end ({format_date_vi(end)}) cannot be before the start ({format_date_vi(start)}).")}
    return {}


def label_of(row: dict) -> str:
    """How a visit appears where an obstacle refers to it: "05/09/2025 – Bộ Nội vụ"."""
    start = row.get("start_date")
    when = f"{format_date_vi(start)}" if start else ""
    return " – ".join(part for part in (when, row.get("team_body") or "") if part)
