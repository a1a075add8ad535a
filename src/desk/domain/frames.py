"""The staffing frames register (khung biên chế): authorised numbers per office with an effective date."""

from __future__ import annotations

import re

from desk.domain.fields import Choice, FieldSpec, Kind
from desk.domain.lang import t
from desk.domain.officials import offices
from desk.domain.text import fold

# Derived on a given day: which frame is the one that counts now.
FRAME_STATES = (
    Choice("in_force", "Đang áp dụng", "In force"),
    Choice("future", "Chưa có hiệu lực", "Not yet in force"),
    Choice("superseded", "Đã được thay thế", "Superseded"),
)

FIXED_CHOICES = {"office": offices, "frame_state": FRAME_STATES}

FIELDS = (
    FieldSpec("office", "Phòng, ban", "Office", Kind.CHOICE, choices="office", width=26,
              help_vi="Để trống nếu là biên chế được giao cho toàn xã.",
              help_en="Leave empty for the frame of the whole commune."),
    FieldSpec("job_position", "Vị trí việc làm", "Job position", max_length=200, width=22,
              help_vi="Để trống nếu biên chế giao chung cho cả phòng, ban.",
              help_en="Leave empty for a frame of the whole office."),
    FieldSpec("authorised", "Số biên chế được giao", "Authorised number", Kind.INT, required=True, minimum=0,
              width=12),
    FieldSpec("effective_date", "Ngày có hiệu lực", "In force from", Kind.DATE, required=True, width=12),
    FieldSpec("decision", "Văn bản giao (số, ký hiệu, ngày)", "Decision (number, date)", max_length=300, width=26,
              help_vi="Ví dụ: Quyết định 1520/QĐ-UBND ngày 01/07/2025 của UBND thành phố",
              help_en="For example: Decision 1520/QĐ-UBND of 01/07/2025"),
    FieldSpec("note", "Ghi chú", "Note", Kind.LONGTEXT, max_length=2000, width=20),
)

COMPUTED = (
    FieldSpec("frame_state", "Hiệu lực", "Status", Kind.CHOICE, choices="frame_state", width=14, in_form=False),
)


def check_record(values: dict) -> dict[str, str]:
    """A job position belongs to an office: the frame of a position says which office holds it."""
    if values.get("job_position") and not values.get("office"):
        return {"office": t("Biên chế theo vị trí việc làm phải ghi thuộc phòng, ban nào.",
                            "A frame for a job position needs its office.")}
    return {}


def position_key(job_position: str | None) -> str:
    """A job position as compared: accents, case, dashes and commas aside ("Địa chính – xây dựng" is
    "dia chinh - xay dung")."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(job_position or "")).split())


def key_of(office: str | None, job_position: str | None) -> tuple[str, str]:
    """What a newer frame replaces: the same office (or the whole commune) and job position."""
    return office or "", position_key(job_position)
