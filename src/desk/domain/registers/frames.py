"""The staffing frames register (khung biên chế): authorised numbers per office with an effective date."""

from __future__ import annotations

from datetime import date

from desk.domain.fields import Choice, FieldSpec, Kind
from desk.domain.file_rows import found_on
from desk.domain.formats import format_date_vi
from desk.domain.lang import t
from desk.domain.register import Context, Filter, FixedChoices, ListSpec, Record, Register
from desk.domain.registers.officials import offices
from desk.domain.staffing import Frame, frames_in_force, key_of, offices_frames

# Derived on a given day: which frame is the one that counts now.
FRAME_STATES = (
    Choice("in_force", "Đang áp dụng", "In force"),
    Choice("future", "Chưa có hiệu lực", "Not yet in force"),
    Choice("superseded", "Đã được thay thế", "Superseded"),
)

FIXED_CHOICES: FixedChoices = {"office": offices, "frame_state": FRAME_STATES}

FIELDS = (
    FieldSpec("office", "Phòng, ban", "Office", Kind.CHOICE, choices="office", width=26,
              help_vi="Để trống nếu là biên chế được giao chung cho toàn đơn vị.",
              help_en="Leave empty for the frame of the whole commune."),
    FieldSpec("job_position", "Vị trí việc làm", "Job position", max_length=200, width=22,
              help_vi="Để trống nếu biên chế giao chung cho cả phòng, ban.",
              help_en="Leave empty for a frame of the whole office.", searched=True),
    FieldSpec("authorised", "Số biên chế được giao", "Authorised number", Kind.INT,
              headings=("Biên chế được giao", "Số biên chế"), required=True, minimum=0,
              width=12),
    FieldSpec("effective_date", "Ngày có hiệu lực", "In force from", Kind.DATE,
              headings=("Ngày hiệu lực",), required=True, width=12, indexed=True),
    FieldSpec("decision", "Văn bản giao (số, ký hiệu, ngày)", "Decision (number, date)", max_length=300, width=26,
              help_vi="Ví dụ: Quyết định 1520/QĐ-UBND ngày 01/07/2025 của UBND thành phố",
              help_en="For example: Decision 1520/QĐ-UBND of 01/07/2025", searched=True),
    FieldSpec("note", "Ghi chú", "Note", Kind.LONGTEXT, max_length=2000, width=20, searched=True, follow_up=True),
)

COMPUTED = (
    FieldSpec("frame_state", "Hiệu lực", "Status", Kind.CHOICE, choices="frame_state", width=14, in_form=False),
)


def check_record(values: Record) -> dict[str, str]:
    """A job position belongs to an office: the frame of a position says which office holds it."""
    if values.get("job_position") and not values.get("office"):
        return {"office": t("Biên chế theo vị trí việc làm phải ghi thuộc phòng, ban nào.",
                            "A frame for a job position needs its office.")}
    return {}


def _frame(row: Record) -> Frame:
    """A stored frame as the staffing arithmetic reads it."""
    return Frame(row.get("office"), row.get("job_position") or "", row.get("authorised") or 0, row["effective_date"])


def derive(rows: list[Record], context: Context) -> None:
    """frame_state on the context's day: in force, not yet in force, or superseded by a newer frame."""
    today = context.today
    frames = [_frame(r) for r in context.rows(REGISTER.name) if r.get("effective_date") is not None]
    in_force = {key: frame.effective for key, frame in frames_in_force(frames, today).items()}
    for row in rows:
        effective = row.get("effective_date")
        if row["voided"]:
            row["frame_state"] = None
        elif effective is None or effective > today:
            row["frame_state"] = "future"
        else:
            key = key_of(row.get("office"), row.get("job_position"))
            row["frame_state"] = "in_force" if in_force.get(key) == effective else "superseded"


def warnings(values: Record, context: Context, record_id: str | None) -> list[str]:
    """Another frame for the same office and position from the same day: probably entered twice. A frame
    with no office is the whole unit's: said, with what it replaces, and when it is less than the offices'
    frames already are (the part no office holds would be negative)."""
    effective = values.get("effective_date")
    if effective is None:
        return []
    if not values.get("office") and not values.get("job_position"):
        return _whole_unit_warnings(values.get("authorised") or 0, effective, context, record_id)
    key = key_of(values.get("office"), values.get("job_position"))
    for other in context.rows(REGISTER.name):
        if other["id"] != record_id and other.get("effective_date") == effective \
                and key_of(other.get("office"), other.get("job_position")) == key:
            on_vi, on_en = found_on(other)
            return [t(f"Đã có khung biên chế {other['authorised']} người{on_vi} cho cùng phòng, ban và vị trí, "
                      f"hiệu lực cùng ngày {format_date_vi(effective)}: có thể nhập trùng.",
                      f"A frame of {other['authorised']}{on_en} for the same office and position from "
                      f"{format_date_vi(effective)} already exists: possibly entered twice.")]
    return []


def _whole_unit_warnings(authorised: int, effective: date, context: Context, record_id: str | None) -> list[str]:
    others = [_frame(r) for r in context.rows(REGISTER.name) if r["id"] != record_id and r.get("effective_date")]
    in_force = frames_in_force(others, effective)
    found = []
    replaced = in_force.get(("", ""))
    if replaced is not None:
        found.append(t(f"Khung này là biên chế chung của toàn đơn vị (không ghi phòng, ban): từ ngày "
                       f"{format_date_vi(effective)} thay khung {replaced.authorised} người đang áp dụng từ ngày "
                       f"{format_date_vi(replaced.effective)}. Nếu đây là biên chế của một phòng, ban, hãy chọn "
                       "phòng, ban đó.",
                       f"This is the whole unit's frame (no office given): from {format_date_vi(effective)} it "
                       f"replaces the frame of {replaced.authorised} in force since "
                       f"{format_date_vi(replaced.effective)}. If it is an office's frame, choose the office."))
    offices_total = offices_frames(in_force)
    if authorised < offices_total:
        found.append(t(f"Biên chế chung của toàn đơn vị ({authorised}) ít hơn tổng biên chế đã giao cho các phòng, "
                       f"ban ({offices_total}): phần chưa phân bổ sẽ là {authorised - offices_total}.",
                       f"The whole unit's frame ({authorised}) is less than the offices' frames together "
                       f"({offices_total}): the part not allocated would be {authorised - offices_total}."))
    return found


REGISTER = Register(
    name="staffing", vi="Khung biên chế", en="Staffing frames", table_name="staffing_frame", position=4,
    fields=FIELDS, computed=COMPUTED, fixed_choices=FIXED_CHOICES, check_record=check_record,
    date_field="effective_date", title_field="job_position", derive=derive, warnings=warnings,
    filters=(Filter("office"), Filter("frame_state")),
    listing=ListSpec("Khung biên chế", "Khung biên chế được giao", "người", "Biểu số 03/KBC", "Khung-bien-che",
                     "khung biên chế", "effective_date", None, group_by="office",
                     order=lambda r: (r.get("job_position") or "", r.get("effective_date") or date.min)),
)
