"""From a cell's raw value to the input a field takes: Excel serial dates, numbers shown as text."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from desk.domain.fields import FieldSpec
from desk.domain.formats import format_date_time_vi, format_date_vi
from desk.domain.kinds import FIRST_YEAR, ExcelType
from desk.domain.lang import t
from desk.importers.workbook import is_blank, serial_to_date

# "05/11/2025 00:00:00" or "2025-11-05 10:30": Excel and other programs add a time of day.
_TRAILING_TIME = re.compile(r"^(\S+)\s+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")


SHOWN_LENGTH = 200       # characters of a cell quoted back in the problem report; a longer one ends in "…"


def display(value) -> str:
    """A cell value as the clerk saw it in Excel, for the problem report (a very long one cut, with "…")."""
    text = _display(value)
    return text if len(text) <= SHOWN_LENGTH else text[:SHOWN_LENGTH] + "…"


def _display(value) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return format_date_time_vi(value) if value.time() != time(0) else format_date_vi(value)
    if isinstance(value, date):
        return format_date_vi(value)
    if isinstance(value, float):
        return _number_text(value)
    return str(value)


def _number_text(value: float) -> str:
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if value.is_integer():          # 1e308 is not 309 digits to the clerk
        return f"{value:.6g}".replace(".", ",")
    return repr(value).replace(".", ",")  # Vietnamese decimal comma (DOMAIN.md §6)


def field_input(value, spec: FieldSpec, *, date1904: bool = False):
    """What records.validate should receive for this cell; ValueError(message) if it cannot be one."""
    if is_blank(value):
        return None
    match spec.codec.excel:
        case ExcelType.DATE:
            return _date_input(value, spec, date1904)
        case ExcelType.WHOLE:
            return _int_input(value, spec)
        case ExcelType.BOOL:
            if isinstance(value, int | float) and not isinstance(value, bool):
                return value != 0
            return value
        case _:
            text = _text_input(value)
            if spec.digits and isinstance(value, int | float) and not isinstance(value, bool) and text.isdigit():
                # A number cell: Excel dropped the code's leading zeros ("001085000123" kept as 1085000123).
                return text.zfill(spec.digits)
            return text


def field_reader(spec: FieldSpec, *, date1904: bool = False) -> Callable[[object], object]:
    """field_input for one field, as a function to apply to each of its cells (a whole column)."""
    def read(value):
        return field_input(value, spec, date1904=date1904)

    if spec.codec.excel != ExcelType.TEXT:
        return read

    def read_text(value):
        # Most cells of a text or list column are text: field_input's answer without its dispatch.
        if type(value) is str:
            return value if value.strip() else None
        return read(value)

    return read_text


def _date_input(value, spec: FieldSpec, date1904: bool):
    if isinstance(value, date):
        # 30/12/1899 is what python-calamine makes of a serial no date can be (NaN)
        if value.year < FIRST_YEAR:
            raise ValueError(_not_a_date(spec, display(value)))
        return value.date() if isinstance(value, datetime) else value
    if isinstance(value, time | timedelta):
        # A serial under 1 in a date cell: python-calamine gives its time of day; the clerk typed the number.
        raise ValueError(_not_a_date(spec, _number_text(_day_fraction(value))))
    if isinstance(value, bool):
        raise ValueError(_not_a_date(spec, display(value)))
    if isinstance(value, int | float):
        found = serial_to_date(value, date1904)
        if found is None:
            raise ValueError(_not_a_date(spec, display(value)))
        return found
    text = str(value).strip()
    if match := _TRAILING_TIME.match(text):
        text = match.group(1)
    return text  # records.validate parses dd/mm/yyyy, d/m/yyyy and yyyy-mm-dd and explains mistakes


def _day_fraction(value: time | timedelta) -> float:
    """The Excel serial a time of day (or a duration) stands for: the part of a day it is."""
    if isinstance(value, timedelta):
        return value / timedelta(days=1)
    return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400


def _not_a_date(spec: FieldSpec, shown: str) -> str:
    return t(f"«{spec.vi}»: «{shown}» không phải là ngày (nhập dạng dd/mm/yyyy).",
             f"«{spec.en}»: «{shown}» is not a date (type it as dd/mm/yyyy).")


def _int_input(value, spec: FieldSpec):
    if isinstance(value, bool):
        raise ValueError(t(f"«{spec.vi}» phải là số nguyên.", f"«{spec.en}» must be a whole number."))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError(t(f"«{spec.vi}»: «{_number_text(value)}» không phải số nguyên.",
                           f"«{spec.en}»: «{_number_text(value)}» is not a whole number."))
    if isinstance(value, date | time | timedelta):
        raise ValueError(t(f"«{spec.vi}»: «{display(value)}» không phải số.",
                           f"«{spec.en}»: «{display(value)}» is not a number."))
    return str(value)  # "1.234" (dots group thousands) is read by records.validate


def _text_input(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | date | time):
        return display(value)
    if isinstance(value, timedelta):
        return str(value)
    return str(value)
