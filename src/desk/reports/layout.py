"""Decree 30/2020 building blocks for Excel reports: header, title, table, footer, print setup."""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache, cached_property
from itertools import repeat
from operator import itemgetter

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from desk.domain.documents import date_line
from desk.domain.fields import FieldSpec
from desk.domain.formats import format_date_vi
from desk.domain.kinds import ExcelType
from desk.domain.units import KINDS as UNIT_KINDS
from desk.errors import UserError
from desk.reports.texts import (
    EXCEL_MAX_CHARS,
    FORMULA_STARTS,
    clean_text,
    escape_hidden,
    excel_length,
    too_long_error,
)

FONT_NAME = "Times New Roman"
DATE_FORMAT = "dd/mm/yyyy"
# Thousands grouped with a dot whatever the reader's locale (26.430): "#,##0" would follow the
# viewer's own separators. A literal dot between digit placeholders, by size (to 999.999.999).
NUMBER_FORMAT = '[>=1000000]#\\.###\\.###;[>=1000]#\\.###;0'
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# The rules under the body name and the motto are a run of box-drawing characters: a cell
# border spans whole columns (far too long over a wide column), and openpyxl cannot draw
# shapes. Text renders the same in Excel and LibreOffice, and its length follows the text's.
RULE_CHAR = "\u2500"


@dataclass(frozen=True)
class DocumentHeader:
    """What the top and bottom of a Decree 30 document say; the same for every sheet."""

    parent_body: str            # "ỦY BAN NHÂN DÂN"
    body: str                   # "PHƯỜNG NGÔ QUYỀN"
    doc_number: str             # "Số: 05/BC-UBND", or "Số:      /BC-UBND" before numbering
    place: str                  # "Phường Ngô Quyền" (documents.place_name, or the setting)
    signed_on: date | None      # None: a draft, whose date the registry fills in
    title: str                  # "BÁO CÁO"
    subject: str                # the trích yếu
    period_line: str            # "(Từ ngày 15/06/2025 đến ngày 14/09/2025)"
    reporting_unit: str
    receiving_unit: str
    recipients: tuple[str, ...]
    signature: tuple[str, ...] = ()     # the lines above the signature: ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
    signer_name: str = ""
    preparer_name: str = ""
    form_code: str = ""         # "Biểu số 01/KKVM"
    draft: bool = False         # "DỰ THẢO": no number, no date yet
    year: int = 0               # a draft's year, for its blank date line
    issuer: str = ""            # how an annex names the issuer: "Ủy ban nhân dân phường Ngô Quyền"
    preparer: bool = False      # this sheet's form carries "NGƯỜI LẬP BIỂU" (the province's template asks)
    # The first line names the governing body (cơ quan chủ quản: "UBND THÀNH PHỐ HẢI PHÒNG" above
    # "SỞ NỘI VỤ"), which Decree 30 prints upright, not bold; a commune's two lines name one body.
    governing_body: bool = False

    @property
    def date_text(self) -> str:
        return date_line(self.place, self.signed_on, self.year)

    @property
    def reference(self) -> str:
        """How an annex names the report it belongs to: "(Kèm theo Báo cáo số 05/BC-UBND ngày
        16/09/2025 của Ủy ban nhân dân phường Ngô Quyền)"; a draft's number and date are blank."""
        number = self.doc_number.removeprefix("Số:").strip()
        when = format_date_vi(self.signed_on) if self.signed_on else f"     /     /{self.year or ''}"
        of = f" của {self.issuer}" if self.issuer else ""
        return f"(Kèm theo {self.title.capitalize()} số {number} ngày {when}{of})"


@dataclass(frozen=True)
class Column:
    """One table column: its key in the row dicts, heading, width in Excel characters, kind."""

    key: str
    header: str
    width: float = 16
    kind: str = "text"          # "text" | "date" | "int"
    align: str = ""             # horizontal alignment; "" = the kind's

    @property
    def horizontal(self) -> str:
        # Numbers right-aligned, to be read by place value (DOMAIN.md §5); dates centred.
        return self.align or {"int": "right", "date": "center"}.get(self.kind, "left")

    @classmethod
    def of(cls, spec: FieldSpec, **overrides) -> Column:
        """The column of a declared field: its Vietnamese heading, width, and the kind its cells have."""
        kind = {ExcelType.DATE: "date", ExcelType.WHOLE: "int"}.get(spec.codec.excel, "text")
        return cls(**{"key": spec.name, "header": spec.vi, "width": spec.width, "kind": kind, **overrides})


def number_column(key: str, count: int) -> Column:
    """The "STT" column of a table of `count` rows, wide enough for its last number as printed
    ("10.000" does not fit the 6 characters that "9.999" does: LibreOffice and Excel print "###")."""
    return Column(key, "STT", max(6, len(f"{count:,}") + 1), "text", align="center")


def column_codes(columns: Sequence[Column]) -> tuple[str, ...]:
    """The code row under the headings: A, B, C... for text and dates, 1, 2, 3... for numbers."""
    letters = numbers = 0
    codes = []
    for column in columns:
        if column.kind == "int":
            numbers += 1
            codes.append(str(numbers))
        else:
            letters += 1
            codes.append(get_column_letter(letters))
    return tuple(codes)


# --- cells -----------------------------------------------------------------------------------

def write_text(cell, value: str, label: str = "") -> None:
    """Store user text as text, never as a formula, and refuse what Excel would truncate."""
    text = escape_hidden(clean_text(value))
    length = excel_length(text)
    if length > EXCEL_MAX_CHARS:
        raise _too_long(cell, label, length)
    cell.value = text
    cell.data_type = "s"  # openpyxl makes any str starting with "=" a formula
    if text[:1] in FORMULA_STARTS:
        cell.quotePrefix = True   # Excel keeps it text when the cell is edited, instead of a live formula


def write_value(cell, value, label: str = "") -> None:
    """Write a str, date, int or None; dates stay real dates shown as dd/mm/yyyy."""
    if value is None or value == "":
        cell.value = None
    elif isinstance(value, bool):
        write_text(cell, "Có" if value else "Không", label)
    elif isinstance(value, datetime):
        cell.value = value
        cell.number_format = DATE_FORMAT + " hh:mm"
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int | float):
        cell.value = value
        cell.number_format = NUMBER_FORMAT
    elif isinstance(value, str):
        write_text(cell, value, label)
    else:
        raise TypeError(f"cannot write {type(value).__name__} to {cell.coordinate}")


def _too_long(cell, label: str, length: int) -> UserError:
    return too_long_error(cell.parent.title, cell.row, cell.column_letter, label, length)


@cache
def font(size: float = 12, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic, color="FF000000")


_THIN = Side(style="thin", color="FF000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


# --- row heights -----------------------------------------------------------------------------
# Every row gets a height estimated from its text: Excel does not fit rows holding merged
# cells, and LibreOffice keeps the default height even for wrapped text. The estimate errs on
# the tall side: a row a little too tall is harmless, one too short cuts a line off the print.

def _em(ch: str) -> float:
    """Average Times New Roman advance widths, in em, rounded up."""
    if ch == " ":
        return 0.25
    if ch.isupper():
        return 0.68
    if ch.isdigit():
        return 0.5
    if ch.islower():
        return 0.46
    return 0.3


class _EmTable(dict):
    """_em of each character met so far: one dictionary lookup a character instead of a call."""

    def __missing__(self, ch: str) -> float:
        self[ch] = width = _em(ch)
        return width


_EM = _EmTable()


def _text_points(text: str, size: float, bold: bool) -> float:
    return sum(map(_EM.__getitem__, text)) * size * (1.08 if bold else 1.0)


def _span_points(columns: Sequence[Column], first: int, last: int) -> float:
    return sum(_column_points(c.width) for c in columns[first - 1:last])


def _column_points(width: float) -> float:
    # A stored width w is 7w pixels with the default font (Calibri 11: 7-pixel digits, padding
    # included in w); a pixel is 0.75 pt. Text is wrapped for this, Excel's narrower column.
    return 7 * width * 0.75


# What a width unit takes on paper as LibreOffice prints it (measured: 5.6 pt, against Excel's
# 5.25): page widths are reckoned with the wider of the two.
PRINT_POINTS_PER_UNIT = 5.6


# A cell's padding, and the share of the rest a wrapped line fills (words do not break mid-word).
_PADDING = 8
_FILLED = 0.9


def _room(points: float) -> float:
    """The points of text a line of a cell `points` wide holds."""
    return max(points - _PADDING, 10) * _FILLED


def _lines(text: str, size: float, bold: bool, points: float) -> int:
    room = _room(points)
    # A line held together (non-breaking spaces) that fits the cell is one line: it cannot wrap.
    return sum(1 if NBSP in line and _text_points(line, size, bold) <= _inside(points)
               else max(1, math.ceil(_text_points(line, size, bold) / room)) for line in text.split("\n"))


def _height(lines: int, size: float) -> float:
    return lines * size * 1.4 + 4


# The mean advance of a character that is not a space, in Vietnamese text with its usual few
# capitals: 0.47 em by _em (measured on generated obstacle lists); a little more errs tall.
_EM_MEAN = 0.48


def row_height_estimator(columns: Sequence[Column], size: float = 12, *, exact: bool = False):
    """write_row's row height without writing the row: (values, bold) -> points.

    A text that would fit on one line even in capitals takes one line unseen. exact=True
    measures longer ones with _lines, as write_row does (about 4 µs a cell). Otherwise, for very
    long tables, they are measured by counting: spaces a quarter em, other characters _EM_MEAN
    (a capital's 0.68 in a text all in capitals). On generated lists of 1,000 obstacles this
    gives _lines' height for 98% of rows and one line more for the rest, at half the cost.
    """
    plans, capital = _height_plans(columns, size)
    one_line = round(_height(1, size), 1)

    def height(values: Mapping, bold: bool = False) -> float:
        lines = 1
        for key, sure, per_em, points in plans[bold]:
            text = values.get(key)
            if type(text) is not str or (len(text) <= sure and "\n" not in text):
                continue
            count = _lines(text, size, bold, points) if exact else _estimate_text(text, per_em, capital)
            if count > lines:
                lines = count
        return one_line if lines == 1 else min(_MAX_ROW_HEIGHT, round(_height(lines, size), 1))

    return height


def estimated_heights(columns: Sequence[Column], rows: Sequence[Mapping], size: float = 12, *,
                      bold_key: str | None = None, measures: TextMeasures | None = None) -> list[float]:
    """row_height_estimator(columns, size)'s height of each row (bold where the row's bold_key is
    true), worked out column by column, each label a column repeats counted once: a 100,000-row
    obstacle list has over 700,000 texts to count (row by row: ~0.75 s of its report, this way ~0.5 s).
    measures: what was measured of these rows' texts for another table of them (see TextMeasures)."""
    plans, capital = _height_plans(columns, size)
    measures = measures if measures is not None else TextMeasures()
    measures.gather(rows, [key for key, *_ in plans[False]])
    counted = [_column_lines(measures.of(rows, key), sure, per_em, capital)
               for key, sure, per_em, _points in plans[False]]
    most = list(map(max, *counted)) if len(counted) > 1 else counted[0] if counted else [1] * len(rows)
    # (A count is 0 only for what fits on a line: one line, as the estimator's.)
    heights = {lines: round(_height(1, size), 1) if lines <= 1 else min(_MAX_ROW_HEIGHT, round(_height(lines, size), 1))
               for lines in set(most)}
    made = list(map(heights.__getitem__, most))
    if bold_key is not None:
        estimate = row_height_estimator(columns, size)
        for index, values in enumerate(rows):
            if values.get(bold_key):      # total lines: a few a table
                made[index] = estimate(values, True)
    return made


class TextMeasures:
    """What row heights need of the columns of some rows that does not depend on a column's width (its
    values, their lengths, spaces, capitals), kept for another table of the same rows: the obstacle
    report lists its 100,000 rows twice (the list, then causes and proposals), with the titles and
    proposals in both (~0.15 s measured twice)."""

    def __init__(self) -> None:
        # Kept with the rows themselves: an id is only theirs while they live.
        self._kept: dict[tuple[int, str], tuple[Sequence[Mapping], _Texts]] = {}

    def of(self, rows: Sequence[Mapping], key: str) -> _Texts:
        found = self._kept.get((id(rows), key))
        if found is not None and found[0] is rows:
            return found[1]
        texts = _Texts(_column(rows, key))
        self._kept[id(rows), key] = (rows, texts)
        return texts

    def values(self, rows: Sequence[Mapping], keys: Sequence[str]) -> list[list] | None:
        """Each key's values in rows, as measured; None unless every key's were."""
        found = [self._kept.get((id(rows), key)) for key in keys]
        if any(kept is None or kept[0] is not rows for kept in found):
            return None
        return [kept[1].values for kept in found if kept is not None]

    def gather(self, rows: Sequence[Mapping], keys: Sequence[str]) -> None:
        """The values of the keys not kept yet, read row by row a run of rows at a time: a column read
        apart visits every row's dict once per key (84,000 obstacles' dicts x 11 columns of the province's
        list: ~0.2 s waiting on memory, row by row about a third of that)."""
        missing = list(dict.fromkeys(key for key in keys if (found := self._kept.get((id(rows), key))) is None
                                     or found[0] is not rows))
        if len(missing) < 2:
            return
        values: list[list] = [[] for _ in missing]
        for start in range(0, len(rows), _GATHERED_ROWS):     # a run at a time: the rows' tuples never all held
            for column, part in zip(values, gathered_columns(rows[start:start + _GATHERED_ROWS], missing)):
                column += part
        for key, column in zip(missing, values):
            self._kept[id(rows), key] = (rows, _Texts(column))


_GATHERED_ROWS = 2_000


_LABELS_SEEN = 2_000      # a column's first values, looked at to tell labels from texts all different
_LABEL_REPEATS = 4        # a column of labels has at most a quarter as many distinct values as values


def _distinct_labels(values: list) -> list | None:
    """The distinct values in order of first appearance, when they repeat as labels do (domains, states,
    levels); None otherwise."""
    distinct = dict.fromkeys(values)
    return list(distinct) if len(distinct) * _LABEL_REPEATS <= len(values) else None


class _Texts:
    """A column's values, and what counting their lines needs, each worked out when first asked."""

    def __init__(self, values: list):
        self.values = values

    @cached_property
    def kinds(self) -> set[type]:
        return set(map(type, self.values))

    @cached_property
    def labels(self) -> _Texts | None:
        """The distinct values, when the column repeats them (domains, states, levels): each counted once."""
        values = self.values
        # A column of texts all different (titles, proposals) is told by its first values: not hashed whole.
        if len(values) > _LABEL_REPEATS * _LABELS_SEEN and _distinct_labels(values[:_LABELS_SEEN]) is None:
            return None
        distinct = _distinct_labels(values)
        return _Texts(distinct) if distinct is not None else None

    @cached_property
    def filled(self) -> list[str]:
        return [text or "" for text in self.values] if len(self.kinds) > 1 else self.values

    @cached_property
    def single_lines(self) -> bool:
        return "\n" not in "".join(self.filled)

    @cached_property
    def lengths(self) -> list[int]:
        return list(map(len, self.filled))

    @cached_property
    def spaces(self) -> list[int]:
        return list(map(str.count, self.filled, repeat(" ")))

    @cached_property
    def capitals(self) -> list[bool]:
        return list(map(str.isupper, self.filled))


def _height_plans(columns: Sequence[Column], size: float) -> tuple[dict[bool, list[tuple[str, float, float, float]]],
                                                                   float]:
    """Each column's (key, characters that fit on a line even in capitals, lines per em, width), for
    normal and bold text; and a capital's width in em."""
    capital = _em("W")
    plans: dict[bool, list[tuple[str, float, float, float]]] = {}
    for bold, factor in ((False, size), (True, size * 1.08)):
        plan = plans[bold] = []
        for index, column in enumerate(columns, start=1):
            points = _span_points(columns, index, index)
            room = _room(points)
            plan.append((column.key, room / (capital * factor), factor / room, points))
    return plans, capital


def gathered_columns(rows: Sequence[Mapping], keys: list[str]) -> list[list]:
    """The values of each key in rows (None where a row lacks it), a list per key: each row's dict read
    once, not once a column (a list of 84,000 obstacles' rows read column by column waited on memory
    ~0.06 s longer); bulk_rows asks it a run of rows at a time."""
    if len(keys) > 1 and rows and all(type(values) is dict for values in rows):
        try:
            return [list(values) for values in zip(*map(itemgetter(*keys), rows))]
        except KeyError:        # a row without some key: each column apart, with None there
            pass
    return [_column(rows, key) for key in keys]


def _column(rows: Sequence[Mapping], key: str) -> list:
    try:
        return list(map(dict.get, rows, repeat(key)))   # type: ignore[arg-type]
    except TypeError:  # rows that are mappings but not dicts
        return [values.get(key) for values in rows]


def _column_lines(column: _Texts, sure: float, per_em: float, capital: float) -> list[int]:
    """The lines of each of a column's values (1 for what is not text or fits on a line unseen); a
    column of single-line texts is counted by map, _estimate_lines' sum for each at once."""
    texts, kinds = column.values, column.kinds
    if str not in kinds:
        return [1] * len(texts)
    if kinds <= _TEXT_OR_NONE:
        labels = column.labels
        if labels is not None:
            lines = dict(zip(labels.values, _column_lines(labels, sure, per_em, capital)))
            return list(map(lines.__getitem__, texts))
        if column.single_lines:
            lengths = column.lengths
            if max(lengths) <= sure:
                return [1] * len(texts)
            ceil, mean = math.ceil, _EM_MEAN
            return [1 if n <= sure else ceil(((n - spaces) * (capital if upper else mean) + spaces * 0.25) * per_em)
                    for n, spaces, upper in zip(lengths, column.spaces, column.capitals)]
    return [1 if type(text) is not str or (len(text) <= sure and "\n" not in text)
            else _estimate_text(text, per_em, capital) for text in texts]


_TEXT_OR_NONE = frozenset((str, type(None)))


def _estimate_text(text: str, per_em: float, capital: float) -> int:
    if "\n" in text:
        return sum(_estimate_lines(part, per_em, capital) for part in text.split("\n"))
    return _estimate_lines(text, per_em, capital)


def _estimate_lines(text: str, per_em: float, capital: float) -> int:
    return max(1, math.ceil(_counted_ems(text, capital) * per_em))


def _counted_ems(text: str, capital: float) -> float:
    """A text's width in em by counting: spaces a quarter em, other characters _EM_MEAN (`capital` in a
    text all in capitals)."""
    spaces = text.count(" ")
    return (len(text) - spaces) * (capital if text.isupper() else _EM_MEAN) + spaces * 0.25


_MAX_ROW_HEIGHT = 409  # points; Excel refuses taller rows


def _fit_row(ws: Worksheet, row: int, height: float) -> None:
    dim = ws.row_dimensions[row]
    dim.height = min(_MAX_ROW_HEIGHT, max(dim.height or 0, round(height, 1)))


# --- blocks ----------------------------------------------------------------------------------

# The width a table may take, in column-width units, to print at 100% between Decree 30's
# margins: A4 landscape (714 pt) and portrait (468 pt) at PRINT_POINTS_PER_UNIT.
LANDSCAPE_UNITS = 126
PORTRAIT_UNITS = 82
_NARROWEST = 8.0            # a text column is not squeezed below this


def fit_columns(columns: Sequence[Column], units: float = LANDSCAPE_UNITS, *,
                tables: Sequence[Sequence[Mapping]] = ()) -> tuple[Column, ...]:
    """The columns narrowed to print at 100% on the page; numbers, dates and the row number keep theirs.

    tables: the rows the columns will show (a list's sections, one sequence each). With them, each text
    column gets room by what it holds (content_widths): a column left empty shrinks to its heading's need
    and the texts get the rest. Without them, text columns give up width in proportion (squeezed)."""
    columns = tuple(columns)
    if sum(c.width for c in columns) <= units:
        return columns
    widths = content_widths(columns, units, sampled_rows(tables)) if tables else None
    if widths is None:
        return squeezed(columns, units)
    return tuple(replace(c, width=w) for c, w in zip(columns, widths))


def squeezed(columns: Sequence[Column], units: float = LANDSCAPE_UNITS) -> tuple[Column, ...]:
    """Text columns narrowed in proportion to their declared widths, none below _NARROWEST."""
    columns = tuple(columns)
    widths = [c.width for c in columns]
    squeezable = {i for i, c in enumerate(columns) if c.kind == "text" and c.width > _NARROWEST}
    while squeezable and sum(widths) > units + 1e-9:
        fixed = sum(w for i, w in enumerate(widths) if i not in squeezable)
        factor = (units - fixed) / sum(widths[i] for i in squeezable)
        floored = {i for i in squeezable if widths[i] * factor < _NARROWEST}
        for i in squeezable:
            widths[i] = _NARROWEST if i in floored else round(widths[i] * factor, 2)
        if not floored:
            break
        squeezable -= floored
    return tuple(replace(c, width=w) for c, w in zip(columns, widths))


# Widths are chosen from at most this many rows, spread evenly over the tables (the same rows every
# time): 100,000 rows read whole would cost a tenth of a second for what 500 tell as well.
_SAMPLE_ROWS = 500
# A heading may wrap onto this many lines before its column needs more room: at 4, the obstacle list's
# long headings took more from the texts than their shorter heading row gave back on each page.
_HEADING_LINES = 5
# A word longer than this many units (a link, a path) may break: kept whole, it would crowd out the rest.
_LONGEST_WORD = 16.0


def sampled_rows(tables: Sequence[Sequence[Mapping]], limit: int = _SAMPLE_ROWS) -> list[Mapping]:
    """At most `limit` rows of the tables, evenly spread over them all, in order."""
    count = sum(len(rows) for rows in tables)
    step = max(1, math.ceil(count / limit))
    sample: list[Mapping] = []
    offset = 0                      # where the next table's first sampled row falls
    for rows in tables:
        sample.extend(rows[offset::step])
        offset = (offset - len(rows)) % step
    return sample


def _flexible(column: Column) -> bool:
    """A column whose width follows its text: left-aligned text (not numbers, dates, the row number)."""
    return column.kind == "text" and not column.align


@dataclass(frozen=True)
class _Need:
    """What a text column asks of the page's width, in units."""

    least: float        # its heading's longest word, a word of its text, _NARROWEST
    most: float         # its longest text on one line: more width would be left blank
    weight: float       # its mean text length: the room it gets beside the others goes by it
    long: float = 0.0   # the points of a long text of it (_LONG_SHARE of its rows are no longer)


def _units_for(points: float) -> float:
    """The width (units) in which a text of `points` fits on one line: _lines' room, inverted, 5% spare
    (LibreOffice sets text a little wider than the estimate)."""
    return (points * 1.05 / _FILLED + _PADDING) / _column_points(1)


def _need(column: Column, values: list) -> _Need:
    """What a column asks, from its heading and its values in the sample."""
    texts = [v for v in values if type(v) is str and v]
    heading = column.header.split()
    least = max([_NARROWEST, *(_units_for(_text_points(word, 12, True)) for word in heading),
                 _units_for(_text_points(column.header, 12, True) / _HEADING_LINES)])
    if not texts:
        return _Need(least, least, 0.0)
    distinct = set(texts)       # labels (domains, states) repeat: each looked at once
    # Each text's longest word (by letters) measured: a capital or a "w" makes a shorter one wider.
    longest_words = {max(text.split(), key=len) for text in distinct if not text.isspace()}
    word = _units_for(max((_text_points(w, 12, False) for w in longest_words), default=0.0))
    least = max(least, min(word, _LONGEST_WORD))
    most = max(least, _units_for(_text_points(max(distinct, key=len), 12, False)))
    return _Need(least, most, sum(map(len, texts)) / len(values), _long_points(texts, len(values)))


_LONG_SHARE = 0.9      # a long text: one that nine rows in ten do not pass


def _long_points(texts: list[str], count: int) -> float:
    """The points (as row_height_estimator counts them) of the text that _LONG_SHARE of `count` rows, the
    others empty, do not pass."""
    ems = sorted(_counted_ems(text, _em("W")) for text in texts)
    at = int(_LONG_SHARE * count) - (count - len(ems))   # the empty rows come first
    return ems[min(len(ems) - 1, at)] * 12 if at >= 0 else 0.0


def content_widths(columns: Sequence[Column], units: float, sample: Sequence[Mapping]) -> list[float] | None:
    """Widths that fit `units`, each text column's by what the sample holds in it (see _shared); None
    when the sample has no text or the columns cannot all have their least (then squeezed)."""
    flexible = [i for i, c in enumerate(columns) if _flexible(c)]
    values = gathered_columns(sample, [columns[i].key for i in flexible]) if sample else []
    if not flexible or not values:
        return None
    needs = [_need(columns[i], column) for i, column in zip(flexible, values)]
    room = units - sum(c.width for i, c in enumerate(columns) if i not in set(flexible))
    if not any(n.weight for n in needs) or sum(n.least for n in needs) > room:
        return None
    widths = [c.width for c in columns]
    for i, width in zip(flexible, _shared(_evened(needs, room), room)):
        widths[i] = width
    return widths


def _evened(needs: Sequence[_Need], room: float) -> list[_Need]:
    """The needs with each least raised to hold its long text in as few lines as the room allows for
    every column at once: a row is as tall as its tallest cell, so a column of long labels (a state
    "Đã báo cáo, kiến nghị cấp trên") is not left at twice the lines of the others."""
    for lines in range(1, 40):
        leasts = [min(n.most, max(n.least, _units_for(n.long / lines))) for n in needs]
        if sum(leasts) <= room:
            return [replace(n, least=least) for n, least in zip(needs, leasts)]
    return list(needs)


def _shared(needs: Sequence[_Need], room: float) -> list[float]:
    """The room shared in proportion to each column's mean text length, each held between its least and
    most: the lines a row takes are then about even across its columns, and an empty column gives its
    room to the full ones. What is left when every column has its most goes out in proportion to it."""
    def widths(scale: float) -> list[float]:
        return [min(n.most, max(n.least, scale * n.weight)) for n in needs]

    if sum(n.most for n in needs) <= room:
        extra = room / sum(n.most for n in needs)
        return [math.floor(n.most * extra * 100) / 100 for n in needs]
    low, high = 0.0, room / min(n.weight for n in needs if n.weight)
    for _ in range(40):     # the scale at which they fill the room, by bisection
        middle = (low + high) / 2
        if sum(widths(middle)) > room:
            high = middle
        else:
            low = middle
    return [math.floor(width * 100) / 100 for width in widths(low)]


def prepare_sheet(ws: Worksheet, columns: Sequence[Column]) -> None:
    """Column widths from the columns; no grid lines: the sheet is a document, not a worksheet."""
    if len(columns) < 2:
        raise ValueError("a report sheet needs at least two columns (left and right blocks)")
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.sheet_view.showGridLines = False


def _halves(columns: Sequence[Column], left: float = 0.4) -> tuple[tuple[int, int], tuple[int, int]]:
    """The left block (issuing body, recipients) takes about this share of the width; the right the rest."""
    total = sum(c.width for c in columns)
    running, best, best_gap = 0.0, 1, math.inf
    for k, column in enumerate(columns[:-1], start=1):
        running += column.width
        if abs(running - left * total) < best_gap:
            best, best_gap = k, abs(running - left * total)
    return (1, best), (best + 1, len(columns))


def _put(ws, columns, row, span, value, *, size=13, bold=False, italic=False,
         horizontal="center", border=False, vertical="center"):
    first, last = span
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    cell = ws.cell(row, first)
    write_value(cell, value)
    cell.font = font(size, bold, italic)
    cell.alignment = Alignment(horizontal=horizontal, vertical=vertical, wrap_text=True)
    if border:
        for col in range(first, last + 1):
            ws.cell(row, col).border = _BOX
    text = value if isinstance(value, str) else ""
    _fit_row(ws, row, _height(_lines(text, size, bold, _span_points(columns, first, last)), size))
    return cell


def _rule(ws, columns, row, span, under: str, size: float, bold: bool, share: float) -> None:
    # A box-drawing character is 0.6 em wide in most fonts; the rule is drawn at 12 pt.
    length = max(3, round(_text_points(under, size, bold) * share / (0.6 * 12)))
    _put(ws, columns, row, span, RULE_CHAR * length, size=12)
    ws.row_dimensions[row].height = 8


# Words that name the kind of a unit; the name after them is printed on one line ("UBND / THÀNH
# PHỐ HẢI PHÒNG", never "UBND THÀNH PHỐ HẢI / PHÒNG").
_UNIT_WORDS = re.compile(rf"\b({'|'.join(UNIT_KINDS)})\b(?= (\w))", re.IGNORECASE)
NBSP = "\u00a0"


def _unit_word(text: str) -> re.Match[str] | None:
    """Where a unit's name starts: its kind in capitals or capitalised ("THÀNH PHỐ", "Phường"), or in lower
    case inside a sentence when a proper name follows ("Sở Nội vụ thành phố Hải Phòng"; not "Đảng ủy xã")."""
    for found in _UNIT_WORDS.finditer(text):
        named = found.group(2)
        if found.group(1)[0].isupper() or named.isupper() or named.isdigit():
            return found
    return None


def unbroken_name(text: str) -> str:
    """An issuing body's line with its unit's name held together: the spaces from the unit word on
    are non-breaking, so a line that must wrap does so before the name."""
    found = _unit_word(text)
    if found is None:
        return text
    return text[:found.start()] + text[found.start():].replace(" ", NBSP)


def _held_line(text: str, size: float, bold: bool, points: float) -> str:
    """A body's name that is close to its half's width breaks before the unit's name ("UBND" /
    "THÀNH PHỐ HẢI PHÒNG"): the readers' own wrapping differs from our estimate by a few percent,
    and a wrap the row height did not count for prints one line over the other. A name too wide for
    its cell is broken as _held_name breaks it."""
    found = _unit_word(text)
    if found is None or _text_points(text, size, bold) <= _room(points) * 0.8:
        return unbroken_name(text)
    name = text[found.start():]
    if found.start() == 0 or _text_points(name, size, bold) > _inside(points):
        return _held_name(text, size, bold, points)
    return text[:found.start()].rstrip() + "\n" + unbroken_name(name)


def _held_name(text: str, size: float, bold: bool, points: float) -> str:
    """unbroken_name(text), or, when the unit's name is wider than the cell, two lines broken between
    words, each held (_two_lines): held whole, a reader breaks it inside a word ("HỒ CHÍ MIN" / "H")."""
    found = _unit_word(text)
    if found is None or _text_points(text[found.start():], size, bold) <= _inside(points):
        return unbroken_name(text)
    return _two_lines(text, size, bold, _inside(points), kind=found.span(1))


def _inside(points: float) -> float:
    """The points of text one line of a cell holds, for a line that cannot wrap between its words: the
    estimate is within ~2% of what Excel and LibreOffice print (Times New Roman, Liberation Serif), not
    the cautious share a wrapped line fills (_room)."""
    return max(points - _PADDING, 10)


def _two_lines(text: str, size: float, bold: bool, inside: float, kind: tuple[int, int]) -> str:
    """text on two lines no wider than `inside` points, each held together; as it is (a reader wraps it
    between words) when no two lines fit. Broken where a clerk would: after a dash ("VĂN MIẾU -" /
    "QUỐC TỬ GIÁM"), else around the unit's kind ("UBND THÀNH PHỐ" / "HỒ CHÍ MINH"; `kind` is where it
    is, never broken inside), else where the longer line is the shortest; never before a dash."""
    fitting = []
    for gap in (i for i, ch in enumerate(text) if ch == " "):
        first, second = text[:gap], text[gap + 1:]
        if kind[0] < gap < kind[1] or second.startswith(_DASHES):
            continue
        widest = max(_text_points(first, size, bold), _text_points(second, size, bold))
        if widest <= inside:
            where = 0 if first.endswith(_DASHES) else 1 if gap in (kind[0] - 1, kind[1]) else 2
            fitting.append((where, widest, first, second))
    if not fitting:
        return text
    *_, first, second = min(fitting)
    return first.replace(" ", NBSP) + "\n" + second.replace(" ", NBSP)


_DASHES = ("-", "–")


def write_document_header(ws: Worksheet, columns: Sequence[Column], header: DocumentHeader,
                          row: int = 1) -> int:
    """Issuing body and number on the left; Quốc hiệu, Tiêu ngữ and the date on the right; a
    draft says "DỰ THẢO" under its (blank) number."""
    left, right = _halves(columns)
    body = header.body.upper()
    parent = _held_line(header.parent_body.upper(), 12, not header.governing_body, _span_points(columns, *left))
    _put(ws, columns, row, left, parent, size=12, bold=not header.governing_body)
    _put(ws, columns, row, right, NATIONAL_TITLE, size=12, bold=True)
    held = _held_line(body, 12, True, _span_points(columns, *left))
    _put(ws, columns, row + 1, left, held, size=12, bold=True)
    _put(ws, columns, row + 1, right, MOTTO, size=13, bold=True)
    # Decree 30: 1/3 to 1/2 of the line above it
    widest = max(held.split("\n"), key=lambda line: _text_points(line, 12, True))
    _rule(ws, columns, row + 2, left, widest, 12, True, share=0.4)
    _rule(ws, columns, row + 2, right, MOTTO, 13, True, share=1.0)  # as long as the motto
    _put(ws, columns, row + 3, left, header.doc_number, size=13)
    _put(ws, columns, row + 3, right, header.date_text, size=13, italic=True)
    if header.draft:
        _put(ws, columns, row + 4, left, DRAFT_MARK, size=13, bold=True)
        return row + 6
    return row + 5


DRAFT_MARK = "DỰ THẢO"


def write_form_header(ws: Worksheet, columns: Sequence[Column], header: DocumentHeader,
                      row: int = 1) -> int:
    """A data form's corner texts: "Biểu số ..." left, reporting and receiving units right."""
    left, right = _halves(columns)
    _put(ws, columns, row, left, header.form_code, size=12, bold=True, horizontal="left")
    _put(ws, columns, row, right, f"Đơn vị báo cáo: {header.reporting_unit}", size=12,
         horizontal="left")
    _put(ws, columns, row + 1, right, f"Đơn vị nhận báo cáo: {header.receiving_unit}", size=12,
         horizontal="left")
    return row + 3


def write_title(ws: Worksheet, columns: Sequence[Column], title: str, subject: str = "",
                period_line: str = "", row: int = 1, *, reference: str = "") -> int:
    """Title in bold capitals, the subject (trích yếu) under it, the period line in italics, and
    a short rule under them (Decree 30); an annex's reference to its report under its title."""
    everything = (1, len(columns))
    _put(ws, columns, row, everything, title.upper(), size=14, bold=True)
    row += 1
    if subject:
        _put(ws, columns, row, everything, subject, size=14, bold=True)
        row += 1
    if reference:
        _put(ws, columns, row, everything, reference, size=13, italic=True)
        row += 1
    if period_line:
        _put(ws, columns, row, everything, period_line, size=13, italic=True)
        row += 1
    if subject or reference:
        _rule(ws, columns, row, everything, subject or title, 14, True, share=0.35)
        row += 1
    return row + 1


def write_unit_line(ws: Worksheet, columns: Sequence[Column], unit: str, row: int) -> int:
    """The line "Đơn vị tính: ..." at the right, just above the table."""
    _put(ws, columns, row, (1, len(columns)), f"Đơn vị tính: {unit}", size=12, italic=True,
         horizontal="right")
    return row + 1


def write_table_header(ws: Worksheet, columns: Sequence[Column], row: int) -> int:
    """The heading row and the column-code row under it."""
    height = 0.0
    for index, (column, code) in enumerate(zip(columns, column_codes(columns)), start=1):
        _cell(ws, row, index, column.header, size=12, bold=True, horizontal="center")
        _cell(ws, row + 1, index, code, size=11, italic=True, horizontal="center")
        height = max(height, _height(_lines(column.header, 12, True,
                                            _span_points(columns, index, index)), 12))
    _fit_row(ws, row, height + 2)
    _fit_row(ws, row + 1, _height(1, 11))
    return row + 2


def write_row(ws: Worksheet, columns: Sequence[Column], values: Mapping, row: int, *,
              bold: bool = False) -> int:
    """One bordered table row; values maps column key -> value (missing keys stay blank)."""
    lines = 1
    for index, column in enumerate(columns, start=1):
        value = values.get(column.key)
        _cell(ws, row, index, value, size=12, bold=bold, horizontal=column.horizontal,
              label=column.header)
        if isinstance(value, str):
            lines = max(lines, _lines(value, 12, bold, _span_points(columns, index, index)))
    # Set, not left to the reader: LibreOffice keeps the default height and cuts wrapped text.
    _fit_row(ws, row, _height(lines, 12))
    return row + 1


def write_band(ws: Worksheet, columns: Sequence[Column], text: str, row: int, *, first: int = 1,
               bold: bool = True, italic: bool = False, horizontal: str = "left") -> int:
    """A table row with one text across columns first..last: a section heading or "Không có"."""
    for index in range(1, first):
        _cell(ws, row, index, None, size=12)
    _put(ws, columns, row, (first, len(columns)), text, size=12, bold=bold, italic=italic,
         horizontal=horizontal, border=True)
    return row + 1


def write_note(ws: Worksheet, columns: Sequence[Column], text: str, row: int) -> int:
    """A line of italic text across the sheet, under a table."""
    _put(ws, columns, row, (1, len(columns)), text, size=12, italic=True, horizontal="left")
    return row + 1


def write_paragraph(ws: Worksheet, columns: Sequence[Column], text: str, row: int, *,
                    bold: bool = False, italic: bool = False, size: float = 13) -> int:
    """A paragraph of a text report across the sheet: wrapped, justified, row height fitted; a
    long one is cut at sentence ends over several rows (a row prints on one page, and Excel
    caps a row at 409 points)."""
    everything = (1, len(columns))
    room = _span_points(columns, 1, len(columns))
    for piece in _pieces(text, size, bold, room):
        if bold:
            piece = balanced_heading(piece, size, room)
        _put(ws, columns, row, everything, piece, size=size, bold=bold, italic=italic,
             horizontal="left" if bold else "justify")
        row += 1
    return row


_PARAGRAPH_LINES = 10       # lines a text row holds at most

# A heading's second line up to this share of a line is a word or two left behind (the widths are a little
# generous: the bold serif prints narrower than they say).
_SHORT_LAST_LINE = 0.3


def balanced_heading(text: str, size: float, points: float) -> str:
    """A bold heading that wraps onto a second line for its last word or two, broken by hand at the
    separator nearest its middle instead ("IV. ĐIỀU ĐỘNG, BIỆT PHÁI; KHẢO SÁT, LÀM VIỆC;" over "SÁNG KIẾN,
    MÔ HÌNH", not "MÔ" ending one line and "HÌNH" alone on the next): a reviewer reads a word left alone
    under a heading as a slip. Each part is sure to fit its line, so no reader wraps it again."""
    line, room = _inside(points), _room(points)    # what a reader's line holds; what is sure to fit
    if "\n" in text or not line < _text_points(text, size, True) <= (1 + _SHORT_LAST_LINE) * line:
        return text
    words = text.split(" ")
    breaks = []
    for cut in range(1, len(words)):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        widths = _text_points(head, size, True), _text_points(tail, size, True)
        if max(widths) <= room:
            # After ";" first, then after ",", then between any two words; the most even of them.
            rank = 0 if head.endswith(";") else 1 if head.endswith(",") else 2
            breaks.append((rank, abs(widths[0] - widths[1]), f"{head}\n{tail}"))
    return min(breaks, key=lambda found: found[:2])[2] if breaks else text


def _pieces(text: str, size: float, bold: bool, room: float) -> list[str]:
    pieces: list[str] = []
    for paragraph in (p.strip() for p in text.split("\n")):
        if not paragraph:
            continue
        current = ""
        for sentence in re.split(r"(?<=[.;:!?])\s+", paragraph):
            candidate = f"{current} {sentence}".strip()
            if current and _lines(candidate, size, bold, room) > _PARAGRAPH_LINES:
                pieces.append(current)
                candidate = sentence
            while _lines(candidate, size, bold, room) > _PARAGRAPH_LINES:     # one very long sentence
                words = candidate.split(" ")
                cut = max(1, len(words) // 2)
                while cut > 1 and _lines(" ".join(words[:cut]), size, bold, room) > _PARAGRAPH_LINES:
                    cut //= 2
                pieces.append(" ".join(words[:cut]))
                candidate = " ".join(words[cut:])
            current = candidate
        if current:
            pieces.append(current)
    return pieces or [""]


def write_signature(ws: Worksheet, columns: Sequence[Column], header: DocumentHeader, row: int, *,
                    recipients: bool = True) -> tuple[int, int]:
    """The document's one signature block at the right ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", room for
    the signature and seal, the name); "Nơi nhận:" and the recipients at the bottom left beside it
    (Decree 30). A data form that asks for its preparer has "NGƯỜI LẬP BIỂU" between the two, so
    the three stand side by side on one page. Returns (the block's first row, the row after it)."""
    if header.preparer and recipients:
        sent, prepared, signed = _thirds(columns)
    else:
        # Side by side, half the width each: at 40% a recipient such as "- Sở Nội vụ thành phố Hải
        # Phòng;" broke over two lines on the portrait report.
        halves = _halves(columns, 0.5)
        (sent, signed), prepared = halves, halves[0]
    ws.row_dimensions[row].height = 15  # a blank line above the signatures
    first = row + 1
    lines = list(header.signature) or [""]
    for offset, line in enumerate(lines):
        _put(ws, columns, first + offset, signed, line.upper(), size=13, bold=True)
    hint = first + len(lines)
    if header.preparer:         # a data form: who signs what is spelled out (Decree 30 forms)
        _put(ws, columns, hint - 1, prepared, "NGƯỜI LẬP BIỂU", size=13, bold=True)
        _put(ws, columns, hint, prepared, "(Ký, họ tên)", size=12, italic=True)
        _put(ws, columns, hint, signed, "(Ký, đóng dấu, họ tên)", size=12, italic=True)
        hint += 1
    name_row = hint + _SIGNATURE_ROWS
    for gap in range(hint, name_row):
        _fit_row(ws, gap, _SIGNATURE_SPACE / _SIGNATURE_ROWS)    # room for the signature and the seal
    _put(ws, columns, name_row, signed, header.signer_name, size=13, bold=True)
    if header.preparer:
        _put(ws, columns, name_row, prepared, header.preparer_name, size=13, bold=True)
    last = name_row
    if recipients:
        _put(ws, columns, first, sent, "Nơi nhận:", size=12, bold=True, italic=True, horizontal="left")
        for offset, line in enumerate(recipient_lines(header.recipients), start=1):
            _put(ws, columns, first + offset, sent, _held_name(line, 11, False, _span_points(columns, *sent)), size=11,
                 horizontal="left")
            last = max(last, first + offset)
    return first, last + 1


def _thirds(columns: Sequence[Column]) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    """Three blocks across the sheet (distribution, preparer, signer), each about a third wide."""
    total = sum(c.width for c in columns)
    cuts, running = [], 0.0
    for k, column in enumerate(columns[:-1], start=1):
        running += column.width
        if len(cuts) < 2 and running >= total * (len(cuts) + 1) / 3 - column.width / 2:
            cuts.append(k)
    while len(cuts) < 2:                     # too few columns to share: the halves' split twice
        cuts.append(min(len(columns) - 1, (cuts[-1] if cuts else 0) + 1))
    a, b = cuts
    b = max(b, a + 1)
    return (1, a), (a + 1, b), (b + 1, len(columns))


_SIGNATURE_ROWS = 4         # rows between the title and the name ...
_SIGNATURE_SPACE = 76.0     # ... taking this many points: room for a signature and the seal


def write_preparer(ws: Worksheet, columns: Sequence[Column], header: DocumentHeader, row: int) -> tuple[int, int]:
    """An annexed form's only signature, when the province's template asks for it: "NGƯỜI LẬP BIỂU"
    at the left (the report's head signs the report, not each annex). Returns (first row, row after)."""
    left, _right = _halves(columns)
    ws.row_dimensions[row].height = 15
    first = row + 1
    _put(ws, columns, first, left, "NGƯỜI LẬP BIỂU", size=13, bold=True)
    _put(ws, columns, first + 1, left, "(Ký, họ tên)", size=12, italic=True)
    for gap in range(first + 2, first + 2 + _SIGNATURE_ROWS):
        _fit_row(ws, gap, _SIGNATURE_SPACE / _SIGNATURE_ROWS)
    name_row = first + 2 + _SIGNATURE_ROWS
    _put(ws, columns, name_row, left, header.preparer_name, size=13, bold=True)
    return first, name_row + 1


def recipient_lines(recipients: Sequence[str]) -> list[str]:
    """One line per recipient ("- Sở Nội vụ;"), ending with the registry copy ("- Lưu: VT.")."""
    names = [n.strip().lstrip("-–•+ ").rstrip(" ;.,") for n in recipients]
    names = [n for n in names if n]
    # A clerk who typed their own "Lưu: VT, VP" line gets it last instead of a second one.
    if not names or not names[-1].casefold().startswith("lưu"):
        names.append("Lưu: VT")
    return [f"- {n};" for n in names[:-1]] + [f"- {names[-1]}."]


def _cell(ws, row, col, value, *, size, bold=False, italic=False, horizontal="left", label=""):
    cell = ws.cell(row, col)
    write_value(cell, value, label)
    style_table_cell(cell, size=size, bold=bold, italic=italic, horizontal=horizontal)
    return cell


def style_table_cell(cell, *, size: float, bold: bool = False, italic: bool = False,
                     horizontal: str = "left") -> None:
    """The look of a bordered table cell (bulk_rows takes its style from a cell styled here)."""
    cell.font = font(size, bold, italic)
    cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True,
                               indent=1 if horizontal == "right" else 0)
    cell.border = _BOX


# --- print and properties --------------------------------------------------------------------

_A4_PT = (842.0, 595.0)     # landscape; portrait is the other way round
_MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}  # Decree 30, the narrow end
# Every page break is Desk's, made with this much of the page to spare: Excel rounds each row's
# height to whole pixels, so its pages may hold a little less than the heights add up to.
_PAGE_SLACK = 0.97
# Excel keeps at most 1,026 manual page breaks on a sheet; a longer table is paged by the printer.
_MAX_BREAKS = 1_000


def _inches(mm: float) -> float:
    return round(mm / 25.4, 3)


def setup_print(ws: Worksheet, header_rows: str | None = None, *, portrait: bool = False) -> None:
    """A4 (landscape for tables, portrait for a text report), one page wide, Decree 30 margins,
    header_rows ("8:9") on every page, page numbers from the second page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT if portrait else ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if header_rows:
        ws.print_title_rows = header_rows
    ws.page_margins = PageMargins(**{side: _inches(mm) for side, mm in _MARGINS_MM.items()},
                                  header=_inches(10), footer=_inches(10))
    ws.print_options.horizontalCentered = True
    # Decree 30: page numbers at the top centre, from the second page on; each sheet (the
    # report, its annex) counts its own pages.
    ws.page_setup.firstPageNumber = 1
    ws.page_setup.useFirstPageNumber = True
    ws.HeaderFooter.differentFirst = True
    ws.oddHeader.center.text = "&P"
    ws.oddHeader.center.font = f"{FONT_NAME},Regular"
    ws.oddHeader.center.size = 13


# `heights`, where given, is the height of rows that openpyxl does not hold (bulk_rows streams
# them into the saved file): row -> points, or None for a row openpyxl holds.
Heights = Callable[[int], float | None]


class RowHeights:
    """Heights of runs of rows that openpyxl does not hold (each run: its first row and its rows' heights),
    as a Heights; pagination takes them run by run rather than asking row by row (a 100,000-row list
    was asked 245,000 times, about 0.1 s of its report)."""

    def __init__(self, runs: Iterable[tuple[int, Sequence[float]]]):
        self.runs = sorted(runs, key=lambda run: run[0])
        self._firsts = [first for first, _ in self.runs]

    def __call__(self, row: int) -> float | None:
        # The run a row is in found by bisection: a sheet of one table per unit (the ministry's staffing
        # annex: 3,321) asked each row of every run in turn.
        at = bisect_right(self._firsts, row) - 1
        if at >= 0:
            first, heights = self.runs[at]
            if row - first < len(heights):
                return heights[row - first]
        return None

    def fill(self, sizes: list[float]) -> None:
        """Put each run's heights into sizes (indexed by row number), as far as sizes goes."""
        for first, heights in self.runs:
            if first < len(sizes):
                sizes[first:first + len(heights)] = heights[:len(sizes) - first]


def paginate(ws: Worksheet, last_row: int, *, table: tuple[int, int] | None = None,
             keep: tuple[int, int] | None = None, lead: int = 1, heights: Heights | None = None,
             glued: Iterable[int] = ()) -> list[int]:
    """Decide every page break of the sheet (call after setup_print); returns the first row of each
    page after the first.

    table = (first heading row, last row): its two heading rows repeat on every page it runs onto,
    and only then (a heading over nothing looks broken). keep = (first, last): rows printed on one
    page with at least `lead` rows of what comes before them (the signature block with the end of
    the table or text, never on a page of its own). glued: rows that go with the row after them
    (a heading is not left at the foot of a page). Excel has no "keep with next" and printers
    paginate a little differently, so Desk breaks every page itself, with room to spare. A sheet with a
    table that needs a little more than its page is fitted to it instead (no break).
    """
    # The table's heading rows, and the "Đơn vị tính" line over them, go with its first row: a page never
    # ends on a heading over nothing.
    glued = frozenset(glued)
    if table is not None:
        above = table[0] - 1
        glued |= {table[0], table[0] + 1} | ({above} if above >= 1 and ws.cell(above, 1).value else set())
    page = _page_height(ws) * _PAGE_SLACK
    titles = (table[0], table[0] + 1) if table else None
    starts = _page_starts(ws, last_row, page, titles, keep, lead, heights, glued)
    if 0 < len(starts) <= 2 and table is not None \
            and _fits_one_page_shrunk(ws, max(last_row, keep[1] if keep else 0), page, heights):
        ws.page_setup.fitToHeight = 1
        return []
    crosses = table is not None and any(table[0] + 2 <= s <= table[1] for s in starts)
    if titles and not crosses:
        starts = _page_starts(ws, last_row, page, None, keep, lead, heights, glued)
    if crosses and table is not None:
        ws.print_title_rows = f"{table[0]}:{table[0] + 1}"
    if len(starts) <= _MAX_BREAKS:
        for start in starts:
            ws.row_breaks.append(Break(id=start - 1))
    return starts


# A form a little taller than its page (its last row, or its notes, alone on a second page) is fitted to
# one page, as Excel's "fit sheet on one page" does, when that prints it at 90% or more: the size below
# which a reviewer finds the print too small (tests/reports/printed.py). A text report is never shrunk.
_MIN_FIT_SCALE = 0.9


def _fits_one_page_shrunk(ws: Worksheet, last_row: int, page: float, heights: Heights | None) -> bool:
    # Asked only of a sheet Desk breaks once or twice (a form, not a long list: rows summed once more).
    return sum(_sizes(ws, last_row, heights)[1:]) * _MIN_FIT_SCALE <= page


def _page_starts(ws, last_row, page, titles, keep, lead, heights, glued=frozenset()) -> list[int]:
    sizes = _sizes(ws, max(last_row, keep[1] if keep else 0, titles[1] if titles else 0), heights)
    title_height = sum(sizes[titles[0]:titles[1] + 1]) if titles else 0.0
    zone = None
    if keep is not None:
        zone_first = max(1, keep[0] - lead)
        if sum(sizes[zone_first:keep[1] + 1]) + title_height <= page:
            zone = (zone_first, keep[1])
    starts: list[int] = []
    start, used, row = 1, 0.0, 1
    while row <= last_row:
        height = sizes[row]
        if used + height > page and row > start:
            new = row
            if zone and zone[0] < row <= zone[1] and zone[0] > start:
                new = zone[0]               # the block goes over with the rows that lead to it
            while new - 1 in glued and new - 1 > start:
                new -= 1                    # a heading goes over with what it heads
            starts.append(new)
            start, row = new, new
            used = title_height if titles and new > titles[1] else 0.0
            continue
        used += height
        row += 1
    return starts


def _sizes(ws: Worksheet, last_row: int, heights: Heights | None) -> list[float]:
    """_row_height of rows 1..last_row, by row number (sizes[0] unused)."""
    sizes = [15.0] * (last_row + 1)
    for row, dim in ws.row_dimensions.items():
        if 1 <= row <= last_row and dim.height:
            sizes[row] = dim.height
    if isinstance(heights, RowHeights):
        heights.fill(sizes)
    elif heights is not None:
        for row in range(1, last_row + 1):
            if (streamed := heights(row)) is not None:
                sizes[row] = streamed
    return sizes


def _page_height(ws: Worksheet) -> float:
    """The printable height of a page, in sheet points (before fit-to-width shrinks them)."""
    width_pt, height_pt = _A4_PT
    if ws.page_setup.orientation == ws.ORIENTATION_PORTRAIT:
        width_pt, height_pt = height_pt, width_pt
    margins = ws.page_margins
    printable_width = width_pt - (margins.left + margins.right) * 72
    printable_height = height_pt - (margins.top + margins.bottom) * 72
    return printable_height / print_scale(ws, printable_width)


def print_scale(ws: Worksheet, printable_width: float | None = None) -> float:
    """The scale fit-to-width prints the sheet at (1.0 when its columns fit the page)."""
    if printable_width is None:
        width_pt = _A4_PT[1] if ws.page_setup.orientation == ws.ORIENTATION_PORTRAIT else _A4_PT[0]
        printable_width = width_pt - (ws.page_margins.left + ws.page_margins.right) * 72
    content = sum((dim.width or 8.43) * PRINT_POINTS_PER_UNIT for dim in ws.column_dimensions.values())
    return min(1.0, printable_width / content) if content else 1.0


def set_properties(wb: Workbook, title: str) -> None:
    """Creator, title and the status "Final": a document to read and sign, not a working sheet.

    Excel's own "Mark as Final" is a custom property (_MarkAsFinal, a vt:bool) that other readers
    reject (Gnumeric warns on any custom property), so the core status says it instead.
    """
    wb.properties.creator = "Desk"
    wb.properties.lastModifiedBy = "Desk"
    wb.properties.title = title
    wb.properties.contentStatus = "Final"
