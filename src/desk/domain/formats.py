"""How dates, times and numbers are written for Vietnamese readers (DOMAIN.md §6), in one place."""

from __future__ import annotations

from datetime import date, datetime

from desk.domain.lang import language


def format_date_vi(d: date) -> str:
    """05/02/2026: day and month with two digits, never month first."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def format_time_date_vi(at: datetime) -> str:
    """"14:05 ngày 05/02/2026", as a sentence says when something happened."""
    return f"{at.hour:02d}:{at.minute:02d} ngày {format_date_vi(at)}"


def format_date_time_vi(at: datetime, *, seconds: bool = False) -> str:
    """"05/02/2026 14:05" (or with seconds), for a table cell."""
    clock = f"{at.hour:02d}:{at.minute:02d}" + (f":{at.second:02d}" if seconds else "")
    return f"{format_date_vi(at)} {clock}"


def format_number_vi(n: int | float, decimals: int | None = None) -> str:
    """26.430 and 2,68: a dot groups thousands and a comma marks decimals, whatever the machine's locale."""
    text = f"{n:,.{decimals}f}" if decimals is not None else (f"{n:,}" if isinstance(n, int) else f"{n:,}")
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def format_count(n: int) -> str:
    """A count in a message, in the language Desk speaks (t): 3.321 in Vietnamese, 3,321 in English."""
    return format_number_vi(n) if language() == "vi" else f"{n:,}"
