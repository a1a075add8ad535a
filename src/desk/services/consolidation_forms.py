"""What every form of a consolidated workbook shares: its code, its number column, and the units' rows read."""

from __future__ import annotations

from collections.abc import Iterable

from desk.domain.register import Record
from desk.reports.layout import Column

FORM = "TH"
STT = Column("_stt", "STT", 6, "text", align="center")


def whole(text: object) -> int | None:
    """A count as a commune's file carries it (text); None where it is blank or not a number."""
    if text is None:
        return None
    try:
        return int(str(text))
    except ValueError:
        return None


def grouped(rows: Iterable[Record]) -> dict[int, list[Record]]:
    """The rows by their unit's code, in their order."""
    out: dict[int, list[Record]] = {}
    for r in rows:
        out.setdefault(r["_unit"].code, []).append(r)
    return out
