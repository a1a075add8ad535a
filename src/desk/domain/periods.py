"""Reporting periods: Decree 09 cut-off windows, calendar periods, ISO weeks and explicit ranges."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desk.domain.formats import format_date_vi as format_date_vi  # callers import it from here too

MIN_YEAR, MAX_YEAR = 2000, 2100

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_MONTHS_EN = [None, "January", "February", "March", "April", "May", "June", "July",
              "August", "September", "October", "November", "December"]


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"  # the first 6 months only: there is no "H2" report
    NINE_MONTHS = "9m"
    YEAR = "year"
    WEEK = "week"
    RANGE = "range"


class PeriodRule(StrEnum):
    DECREE_09 = "decree09"
    CALENDAR = "calendar"
    EXPLICIT = "explicit"


class PeriodError(ValueError):
    """Bad period or date input; the message is Vietnamese and meant for the user."""


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    rule: PeriodRule
    start: date
    end: date  # inclusive
    code: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(
                f"Ngày kết thúc ({format_date_vi(self.end)}) trước ngày bắt đầu "
                f"({format_date_vi(self.start)})."
            )

    def counted_on(self, today: date) -> date:
        """The day the period's figures are taken: its last day, or `today` while it still runs."""
        return min(self.end, today)

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end

    @property
    def period_line(self) -> str:
        return f"(Từ ngày {format_date_vi(self.start)} đến ngày {format_date_vi(self.end)})"

    # Both rules end a month/quarter/half/9M/year inside its own month and year,
    # so the end date names the period whichever rule built it.
    @property
    def label_vi(self) -> str:
        y, m = self.end.year, self.end.month
        match self.kind:
            case PeriodKind.MONTH:
                return f"Tháng {m:02d}/{y}"
            case PeriodKind.QUARTER:
                return f"Quý {_ROMAN[(m + 2) // 3]}/{y}"
            case PeriodKind.HALF:
                return f"6 tháng đầu năm {y}"
            case PeriodKind.NINE_MONTHS:
                return f"9 tháng năm {y}"
            case PeriodKind.YEAR:
                return f"Năm {y}"
            case PeriodKind.WEEK:
                iso = self.start.isocalendar()
                return f"Tuần {iso.week:02d}/{iso.year} ({self._span()})"
        return f"Từ {format_date_vi(self.start)} đến {format_date_vi(self.end)}"

    @property
    def in_subject(self) -> str:
        """How a document's subject line names the period ("… hai cấp quý III/2025"): an ad-hoc period, not at
        all, since its dates are the line under the subject."""
        if self.kind is PeriodKind.RANGE:
            return ""
        return self.label_vi[0].lower() + self.label_vi[1:]

    @property
    def label_en(self) -> str:
        y, m = self.end.year, self.end.month
        match self.kind:
            case PeriodKind.MONTH:
                return f"{_MONTHS_EN[m]} {y}"
            case PeriodKind.QUARTER:
                return f"Q{(m + 2) // 3} {y}"
            case PeriodKind.HALF:
                return f"First 6 months of {y}"
            case PeriodKind.NINE_MONTHS:
                return f"First 9 months of {y}"
            case PeriodKind.YEAR:
                return f"Year {y}"
            case PeriodKind.WEEK:
                iso = self.start.isocalendar()
                return f"Week {iso.week:02d}/{iso.year} ({self._span()})"
        return f"From {format_date_vi(self.start)} to {format_date_vi(self.end)}"

    def _span(self) -> str:
        return f"{format_date_vi(self.start)}–{format_date_vi(self.end)}"


# --- validation -------------------------------------------------------------------------

def _check(value: int, lo: int, hi: int, field: str, detail: str, source: str | None) -> None:
    """Raise for value outside lo..hi, naming the user's text when we have it."""
    if lo <= value <= hi:
        return
    if source is not None:
        raise PeriodError(f"{field} không hợp lệ trong kỳ báo cáo «{source}»: {detail}.")
    raise PeriodError(f"{field} {value} không hợp lệ: {detail}.")


def _check_year(y: int, source: str | None = None) -> None:
    _check(y, MIN_YEAR, MAX_YEAR, "Năm", f"năm phải từ {MIN_YEAR} đến {MAX_YEAR}", source)


def _iso_weeks(iso_year: int) -> int:
    # 28 December always falls in the last ISO week of its year.
    return date(iso_year, 12, 28).isocalendar().week


def _check_week(iso_year: int, w: int, source: str | None = None) -> None:
    n = _iso_weeks(iso_year)
    _check(w, 1, n, "Tuần",
           f"tuần phải từ 1 đến {n} (năm {iso_year} có {n} tuần theo ISO 8601)", source)


def _rule(rule: PeriodRule | str) -> PeriodRule:
    rule = PeriodRule(rule)
    if rule is PeriodRule.EXPLICIT:
        raise PeriodError("Quy tắc «explicit» chỉ dùng cho kỳ tự chọn (từ ngày ... đến ngày ...).")
    return rule


# --- constructors -----------------------------------------------------------------------

def _months(kind: PeriodKind, rule: PeriodRule | str, y: int, first: int, last: int,
            code: str) -> Period:
    """The window covering months first..last of year y under the rule."""
    rule = _rule(rule)
    _check_year(y)
    if rule is PeriodRule.CALENDAR:
        start = date(y, first, 1)
        end = date(y, last, calendar.monthrange(y, last)[1])
    else:
        # Decree 09 Art. 12: data are cut off on the 14th, so a window opens on the 15th
        # of the month before (December of the previous year for month 1).
        start = date(y - 1, 12, 15) if first == 1 else date(y, first - 1, 15)
        end = date(y, last, 14)
    return Period(kind, rule, start, end, code)


def month(year: int, m: int, rule: PeriodRule | str = PeriodRule.DECREE_09) -> Period:
    _check(m, 1, 12, "Tháng", "tháng phải từ 1 đến 12", None)
    return _months(PeriodKind.MONTH, rule, year, m, m, f"{year}-{m:02d}")


def quarter(year: int, q: int, rule: PeriodRule | str = PeriodRule.DECREE_09) -> Period:
    _check(q, 1, 4, "Quý", "quý phải từ 1 đến 4", None)
    return _months(PeriodKind.QUARTER, rule, year, 3 * q - 2, 3 * q, f"{year}-Q{q}")


def half(year: int, rule: PeriodRule | str = PeriodRule.DECREE_09) -> Period:
    return _months(PeriodKind.HALF, rule, year, 1, 6, f"{year}-H1")


def nine_months(year: int, rule: PeriodRule | str = PeriodRule.DECREE_09) -> Period:
    return _months(PeriodKind.NINE_MONTHS, rule, year, 1, 9, f"{year}-9M")


def year(y: int, rule: PeriodRule | str = PeriodRule.DECREE_09) -> Period:
    return _months(PeriodKind.YEAR, rule, y, 1, 12, f"{y}")


def week(iso_year: int, iso_week: int) -> Period:
    _check_year(iso_year)
    _check_week(iso_year, iso_week)
    start = date.fromisocalendar(iso_year, iso_week, 1)
    return Period(PeriodKind.WEEK, PeriodRule.CALENDAR, start, start + timedelta(days=6),
                  f"{iso_year}-W{iso_week:02d}")


def date_range(start: date, end: date) -> Period:
    for d in (start, end):
        if not MIN_YEAR <= d.year <= MAX_YEAR:
            raise PeriodError(f"Ngày {format_date_vi(d)} không hợp lệ cho kỳ báo cáo: "
                              f"năm phải từ {MIN_YEAR} đến {MAX_YEAR}.")
    return Period(PeriodKind.RANGE, PeriodRule.EXPLICIT, start, end,
                  f"{start.isoformat()}..{end.isoformat()}")


# --- parsing ----------------------------------------------------------------------------

_PERIOD_RE = re.compile(
    r"(?P<y>\d{4})(?:-(?:(?P<m>\d{1,2})|Q(?P<q>\d)|W(?P<w>\d{1,2})|(?P<h>H1)|(?P<n>9M)))?",
    re.ASCII | re.IGNORECASE,
)
_FORMS = ("Dùng: 2025-10 (tháng), 2025-Q3 (quý), 2025-H1 (6 tháng), 2025-9M (9 tháng), "
          "2025 (năm), 2025-W05 (tuần).")


def parse_period(text: str, rule: PeriodRule | str = PeriodRule.DECREE_09) -> Period:
    s = text.strip()
    if ".." in s:  # the canonical code of a range, so every Period.code parses back
        a, _, b = s.partition("..")
        return date_range(parse_date_vi(a), parse_date_vi(b))
    mt = _PERIOD_RE.fullmatch(s)
    if mt is None:
        raise PeriodError(f"Kỳ báo cáo «{s}» không đúng dạng. {_FORMS}")
    y = int(mt["y"])
    _check_year(y, s)
    if mt["m"]:
        _check(int(mt["m"]), 1, 12, "Tháng", "tháng phải từ 1 đến 12", s)
        return month(y, int(mt["m"]), rule)
    if mt["q"]:
        _check(int(mt["q"]), 1, 4, "Quý", "quý phải từ 1 đến 4", s)
        return quarter(y, int(mt["q"]), rule)
    if mt["w"]:
        _check_week(y, int(mt["w"]), s)
        return week(y, int(mt["w"]))
    if mt["h"]:
        return half(y, rule)
    if mt["n"]:
        return nine_months(y, rule)
    return year(y, rule)


_DMY_RE = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d+)", re.ASCII)
_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)


def parse_date_vi(text: str) -> date:
    s = text.strip()
    if mt := _ISO_RE.fullmatch(s):
        y, m, d = (int(g) for g in mt.groups())
    elif mt := _DMY_RE.fullmatch(s):
        if len(mt[4]) != 4:
            raise PeriodError(f"Ngày «{s}» phải ghi năm đủ 4 chữ số, ví dụ 05/02/2026.")
        d, m, y = int(mt[1]), int(mt[3]), int(mt[4])
    else:
        raise PeriodError(f"Ngày «{s}» không đúng dạng. Dùng ngày/tháng/năm, "
                          "ví dụ 05/02/2026 hoặc 5/2/2026, hoặc 2026-02-05.")
    if y == 0:
        raise PeriodError(f"Ngày «{s}» không tồn tại (không có năm 0).")
    if not 1 <= m <= 12:
        # Most likely someone typed month/day; say which order we expect.
        raise PeriodError(f"Ngày «{s}» không tồn tại: tháng phải từ 1 đến 12 "
                          "(ghi ngày trước, tháng sau: ngày/tháng/năm).")
    if not 1 <= d <= calendar.monthrange(y, m)[1]:
        raise PeriodError(f"Ngày «{s}» không tồn tại (tháng {m} năm {y} không có ngày {d}).")
    return date(y, m, d)


# --- navigation -------------------------------------------------------------------------

def _latest_started(kind: PeriodKind | str, d: date, rule: PeriodRule | str) -> Period:
    """The period of kind that started last on or before d (it contains d if any does)."""
    kind = PeriodKind(kind)
    if kind is PeriodKind.WEEK:
        iso = d.isocalendar()
        return week(iso.year, iso.week)
    if kind is PeriodKind.RANGE:
        raise PeriodError("Kỳ tự chọn không tự xác định được: "
                          "hãy ghi rõ ngày bắt đầu và ngày kết thúc.")
    y, m = d.year, d.month
    if _rule(rule) is PeriodRule.DECREE_09 and d.day >= 15:
        # From the 15th on, data count towards the next month's report.
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    match kind:
        case PeriodKind.MONTH:
            return month(y, m, rule)
        case PeriodKind.QUARTER:
            return quarter(y, (m + 2) // 3, rule)
        case PeriodKind.HALF:
            return half(y, rule)
        case PeriodKind.NINE_MONTHS:
            return nine_months(y, rule)
    return year(y, rule)


def containing(kind: PeriodKind | str, d: date,
               rule: PeriodRule | str = PeriodRule.DECREE_09) -> Period:
    p = _latest_started(kind, d, rule)
    if not p.contains(d):
        # Half and 9-month windows do not cover the whole year (there is no H2 report).
        raise PeriodError(f"Ngày {format_date_vi(d)} không thuộc kỳ "
                          f"{'6 tháng đầu năm' if p.kind is PeriodKind.HALF else '9 tháng'} "
                          f"nào ({p.label_vi}: {p._span()}).")
    return p


def previous(period: Period) -> Period:
    end = period.end
    match period.kind:
        case PeriodKind.MONTH:
            y, m = (end.year - 1, 12) if end.month == 1 else (end.year, end.month - 1)
            return month(y, m, period.rule)
        case PeriodKind.QUARTER:
            y, q = (end.year - 1, 4) if end.month <= 3 else (end.year, (end.month + 2) // 3 - 1)
            return quarter(y, q, period.rule)
        case PeriodKind.HALF:
            return half(end.year - 1, period.rule)
        case PeriodKind.NINE_MONTHS:
            return nine_months(end.year - 1, period.rule)
        case PeriodKind.YEAR:
            return year(end.year - 1, period.rule)
        case PeriodKind.WEEK:
            iso = (period.start - timedelta(days=7)).isocalendar()
            return week(iso.year, iso.week)
    length = end - period.start
    new_end = period.start - timedelta(days=1)
    return date_range(new_end - length, new_end)


def recent(kind: PeriodKind | str, today: date, n: int,
           rule: PeriodRule | str = PeriodRule.DECREE_09) -> list[Period]:
    """The last n periods of kind, oldest first, ending with the one containing today.

    For half and 9-month kinds on a day no window covers, the series ends with the latest
    one already started, so a dashboard still has something to show.
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    out: list[Period] = []
    if n:
        out.append(_latest_started(kind, today, rule))
    while len(out) < n:
        out.append(previous(out[-1]))
    return out[::-1]
