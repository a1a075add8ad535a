"""The outline of a periodic report as real commune reports lay it out, and the sections the clerk types."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desk.domain.lang import t

MAX_TEXT = 20_000       # characters of one typed section


@dataclass(frozen=True)
class TextSection:
    """A narrative section the clerk writes for a period (the report editor's tabs)."""

    key: str
    vi: str
    en: str
    part: str               # the outline part it is printed in (PARTS)
    hint_vi: str = ""
    hint_en: str = ""

    @property
    def label(self) -> str:
        return t(self.vi, self.en)

    @property
    def hint(self) -> str:
        return t(self.hint_vi, self.hint_en)


# I. general situation and results; II. difficulties and obstacles; III. shortcomings and causes;
# IV. tasks for the next period; V. proposals and recommendations (DOMAIN.md §3).
PARTS = (
    ("results", "TÌNH HÌNH CHUNG VÀ KẾT QUẢ ĐẠT ĐƯỢC"),
    ("obstacles", "KHÓ KHĂN, VƯỚNG MẮC"),
    ("shortcomings", "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"),
    ("tasks", "NHIỆM VỤ TRỌNG TÂM KỲ TỚI"),
    ("recommendations", "KIẾN NGHỊ, ĐỀ XUẤT"),
)

TEXT_SECTIONS = (
    TextSection("general", "Đánh giá chung", "General assessment", "results",
                "Tình hình vận hành chính quyền địa phương hai cấp trong kỳ.",
                "How the two-tier local government ran during the period."),
    TextSection("results", "Kết quả đạt được", "Results", "results",
                "Những việc đã làm được; số liệu chi tiết được Desk điền từ các sổ.",
                "What was achieved; Desk adds the figures from the registers."),
    TextSection("shortcomings", "Tồn tại, hạn chế và nguyên nhân", "Shortcomings and their causes", "shortcomings",
                "Hạn chế còn tồn tại, nguyên nhân khách quan và chủ quan.",
                "What fell short, and why."),
    TextSection("tasks", "Nhiệm vụ trọng tâm kỳ tới", "Tasks for the next period", "tasks",
                "Các nhiệm vụ, giải pháp trọng tâm của kỳ tới.", "The main tasks of the next period."),
    TextSection("recommendations", "Kiến nghị, đề xuất", "Recommendations", "recommendations",
                "Kiến nghị chung; các kiến nghị về từng khó khăn, vướng mắc được Desk liệt kê theo cơ quan.",
                "General recommendations; Desk lists each obstacle's proposal by the body addressed."),
)
TEXT_KEYS = tuple(s.key for s in TEXT_SECTIONS)

# Decree 30's levels under a part's Roman numeral: "1.", "2." (khoản), then "a)", "b)" (điểm), then "-".
# Points take the letters of the Vietnamese alphabet in its order: đ after d, no f, j, w or z.
POINT_LETTERS = "abcdđeghiklmnopqrstuvxy"


def point_label(number: int, nested: bool) -> str:
    """The label of a section's number-th point: "1." directly under the part's heading, "a)" under a
    numbered subheading of the part (a part of several pieces numbers them "1.", "2.")."""
    if not nested:
        return f"{number}."
    return f"{POINT_LETTERS[number - 1]})" if number <= len(POINT_LETTERS) else f"{number})"


_POINT_LABEL = re.compile(rf"(?:\d+\.|[{POINT_LETTERS}]\)|\d+\)) ")


def without_point_label(text: str) -> str:
    """A paragraph's text without the label point_label gave it ("1. ", "đ) "): a point's words read the same
    wherever its section printed."""
    found = _POINT_LABEL.match(text)
    return text[found.end():] if found else text
