"""A province's or ministry's answers to communes' obstacles: the reply workbook's columns and a reply's rules."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from desk.domain.formats import format_date_vi
from desk.domain.registers.obstacles import STATUSES
from desk.domain.text import clean, fold

FORMAT = "desk-obstacle-replies"
FORMAT_VERSION = 1
SHEET = "Trả lời"                 # the sheet the answering body fills in
MANIFEST_SHEET = "_desk_reply"    # very hidden: what the file is, for which period and province
LISTS_SHEET = "_desk_reply_lists"  # hidden: the states the proposed-state column offers
HEADER_ROW = 5
FIRST_ROW = HEADER_ROW + 1


@dataclass(frozen=True)
class Column:
    key: str
    vi: str
    width: int
    given: bool        # written by Desk from the consolidation; the answering body leaves it as it is


COLUMNS = (
    Column("number", "STT", 6, True),
    Column("unit_code", "Mã đơn vị", 10, True),
    Column("unit_name", "Tên đơn vị", 22, True),
    Column("obstacle_id", "Mã khó khăn, vướng mắc", 20, True),
    Column("title", "Nội dung khó khăn, vướng mắc", 40, True),
    Column("status", "Tình trạng theo báo cáo", 16, True),
    Column("answer", "Nội dung trả lời, hướng dẫn", 44, False),
    Column("body", "Cơ quan trả lời", 20, False),
    Column("doc_number", "Số, ký hiệu văn bản", 18, False),
    Column("doc_date", "Ngày văn bản", 13, False),
    Column("proposed_state", "Tình trạng đề xuất", 20, False),
)
BY_KEY = {c.key: c for c in COLUMNS}
MAX_ANSWER = 10_000
MAX_BODY, MAX_NUMBER = 300, 100      # the latest answer, with them, fits the obstacle's column


def letter(key: str) -> str:
    """The Excel column letter of a column (A, B, ...)."""
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[[c.key for c in COLUMNS].index(key)]


def state_label(code: str) -> str:
    return next((s.vi for s in STATUSES if s.code == code), code)


def state_code(text: str) -> str | None:
    """The state a cell names, by its Vietnamese label or its code, accents and case ignored; None: no state."""
    wanted = fold(clean(text))
    for s in STATUSES:
        if wanted in (fold(s.vi), fold(s.code), fold(s.en)):
            return s.code
    return None


@dataclass(frozen=True)
class Reply:
    """One answer as the file gives it (the row it is on, for messages)."""

    row: int
    unit_code: str
    obstacle_id: str
    title: str
    answer: str
    body: str
    doc_number: str
    doc_date: date | None
    proposed_state: str | None

    @property
    def key(self) -> str:
        """What makes two replies the same reply (a file imported twice, or a row copied twice)."""
        parts = (self.obstacle_id, self.answer, self.body, self.doc_number,
                 self.doc_date.isoformat() if self.doc_date else "", self.proposed_state or "")
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()

    @property
    def document(self) -> str:
        """"Công văn số 123/SNV-XDCQ ngày 05/09/2025 của Sở Nội vụ" as far as the reply says."""
        return describe_document(self.body, self.doc_number, self.doc_date)


def describe_document(body: str, doc_number: str, doc_date: date | None) -> str:
    parts = []
    if doc_number:
        parts.append(f"Văn bản số {doc_number}")
    if doc_date:
        parts.append(f"ngày {format_date_vi(doc_date)}")
    if body:
        parts.append(f"của {body}" if parts else body)
    return " ".join(parts)


def summary(body: str, doc_number: str, doc_date: date | None, answer: str) -> str:
    """The latest answer as the register shows it: where it came from, then what it says."""
    source = describe_document(body, doc_number, doc_date)
    return f"{source}: {answer}" if source else answer


@dataclass(frozen=True)
class Answer:
    """An answer typed where the obstacles are listed (the consolidation screen) rather than in Excel:
    written into the reply workbook as the answering body would have filled its row."""

    answer: str
    body: str = ""
    doc_number: str = ""
    doc_date: date | None = None
    proposed_state: str | None = None      # a state code

    def problems(self, today: date) -> list[str]:
        """What the commune's import would refuse in it (the same rules as a row of the file), in Vietnamese."""
        found = []
        if not clean(self.answer):
            found.append("chưa ghi nội dung trả lời")
        for label, text, most in (("nội dung trả lời", self.answer, MAX_ANSWER),
                                  ("cơ quan trả lời", self.body, MAX_BODY),
                                  ("số, ký hiệu văn bản", self.doc_number, MAX_NUMBER)):
            if len(clean(text)) > most:
                found.append(f"{label} dài {len(clean(text))} ký tự, tối đa {most}")
        if self.doc_date is not None and self.doc_date > today:
            found.append("ngày văn bản sau hôm nay")
        if self.proposed_state is not None and self.proposed_state not in {s.code for s in STATUSES}:
            found.append(f"«{self.proposed_state}» không phải một tình trạng")
        return found

    def cells(self) -> dict[str, object]:
        """The reply columns' values."""
        return {"answer": clean(self.answer), "body": clean(self.body), "doc_number": clean(self.doc_number),
                "doc_date": self.doc_date, "proposed_state": state_label(self.proposed_state)
                if self.proposed_state else ""}
