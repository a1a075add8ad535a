"""Decree 30/2020 building blocks for Excel reports: header, title, table, footer, print setup."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.packaging.custom import BoolProperty
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from desk.domain.fields import FieldSpec
from desk.domain.kinds import ExcelType
from desk.domain.lang import t
from desk.errors import UserError

FONT_NAME = "Times New Roman"
DATE_FORMAT = "dd/mm/yyyy"
EXCEL_MAX_CHARS = 32_767
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
    place: str                  # "Ngô Quyền"
    signed_on: date
    title: str                  # "BÁO CÁO"
    subject: str                # the trích yếu
    period_line: str            # "(Từ ngày 15/06/2025 đến ngày 14/09/2025)"
    reporting_unit: str
    receiving_unit: str
    recipients: tuple[str, ...]
    signer_authority: str       # "TM. ỦY BAN NHÂN DÂN" (may be "")
    signer_title: str           # "CHỦ TỊCH"
    signer_name: str = ""
    preparer_name: str = ""
    form_code: str = ""         # "Biểu số 01/KKVM"


def date_line(place: str, d: date) -> str:
    """Place and date as Decree 30 writes them: "Ngô Quyền, ngày 05 tháng 02 năm 2026".

    Days below 10 and the months 1 and 2 get a leading zero; other months do not.
    """
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"{place}, ngày {d.day:02d} tháng {month} năm {d.year}"


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
        return self.align or {"int": "center", "date": "center"}.get(self.kind, "left")

    @classmethod
    def of(cls, spec: FieldSpec, **overrides) -> Column:
        """The column of a declared field: its Vietnamese heading, width, and the kind its cells have."""
        kind = {ExcelType.DATE: "date", ExcelType.WHOLE: "int"}.get(spec.codec.excel, "text")
        return cls(**{"key": spec.name, "header": spec.vi, "width": spec.width, "kind": kind, **overrides})


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

_HIDDEN_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")


def clean_text(value: str) -> str:
    """User text as a cell stores it: NFC, "\n" line breaks, no control characters."""
    text = unicodedata.normalize("NFC", value)  # returns the same object when already NFC
    if text.isprintable():  # the common case: nothing to replace (one C-level scan)
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Control characters cannot be stored in the file at all (openpyxl raises); they are
    # invisible, so dropping them changes nothing the reader sees.
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def escape_hidden(text: str) -> str:
    """Excel reads "_x0041_" as an escaped "A"; "_x005F_" keeps the underscore literal."""
    return _HIDDEN_ESCAPE.sub("_x005F_", text) if "_x" in text else text


def excel_length(text: str) -> int:
    """The length Excel counts: UTF-16 units (a character outside the BMP counts two)."""
    if len(text) * 2 <= EXCEL_MAX_CHARS:  # cannot be over the limit: skip the encoding
        return len(text)
    return len(text.encode("utf-16-le")) // 2


FORMULA_STARTS = ("=", "+", "-", "@")   # what makes Excel read typed text as a formula


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
        cell.number_format = "#,##0"
    elif isinstance(value, str):
        write_text(cell, value, label)
    else:
        raise TypeError(f"cannot write {type(value).__name__} to {cell.coordinate}")


def _too_long(cell, label: str, length: int) -> UserError:
    return too_long_error(cell.parent.title, cell.row, cell.column_letter, label, length)


def too_long_error(sheet: str, row: int, column_letter: str, label: str, length: int) -> UserError:
    """The clerk's message for a text longer than a cell holds, naming sheet, row and column."""
    where_vi = f"trang «{sheet}», dòng {row}, cột {column_letter}"
    where_en = f"sheet «{sheet}», row {row}, column {column_letter}"
    if label:
        where_vi += f" («{label}»)"
        where_en += f" («{label}»)"
    n, limit = _thousands(length), _thousands(EXCEL_MAX_CHARS)
    return UserError(t(
        f"Không xuất được báo cáo: nội dung ở {where_vi} dài {n} ký tự, vượt giới hạn {limit} "
        f"ký tự của một ô Excel. Hãy rút gọn nội dung này rồi xuất lại.",
        f"Cannot export the report: the text at {where_en} has {n} characters, more than the "
        f"{limit} an Excel cell holds. Shorten it and export again."))


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@lru_cache(maxsize=None)
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
    # included in w); a pixel is 0.75 pt. LibreOffice without Calibri installed differs.
    return 7 * width * 0.75


def _lines(text: str, size: float, bold: bool, points: float) -> int:
    room = max(points - 8, 10) * 0.9  # cell padding, and words do not break mid-word
    return sum(max(1, math.ceil(_text_points(line, size, bold) / room)) for line in text.split("\n"))


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
    capital = _em("W")
    plans = {}
    for bold, factor in ((False, size), (True, size * 1.08)):
        plan = plans[bold] = []
        for index, column in enumerate(columns, start=1):
            points = _span_points(columns, index, index)
            room = max(points - 8, 10) * 0.9  # as _lines computes it
            # (key, characters that fit on a line even in capitals, lines per em, width)
            plan.append((column.key, room / (capital * factor), factor / room, points))
    one_line = round(_height(1, size), 1)

    def height(values: Mapping, bold: bool = False) -> float:
        lines = 1
        for key, sure, per_em, points in plans[bold]:
            text = values.get(key)
            if type(text) is not str or (len(text) <= sure and "\n" not in text):
                continue
            if exact:
                count = _lines(text, size, bold, points)
            elif "\n" in text:
                count = sum(_estimate_lines(part, per_em, capital) for part in text.split("\n"))
            else:  # _estimate_lines, inline: this runs for most cells of a 100,000-row list
                spaces = text.count(" ")
                em = capital if text.isupper() else _EM_MEAN
                count = math.ceil(((len(text) - spaces) * em + spaces * 0.25) * per_em)
            if count > lines:
                lines = count
        return one_line if lines == 1 else min(_MAX_ROW_HEIGHT, round(_height(lines, size), 1))

    return height


def _estimate_lines(text: str, per_em: float, capital: float) -> int:
    spaces = text.count(" ")
    em = capital if text.isupper() else _EM_MEAN
    return max(1, math.ceil(((len(text) - spaces) * em + spaces * 0.25) * per_em))


_MAX_ROW_HEIGHT = 409  # points; Excel refuses taller rows


def _fit_row(ws: Worksheet, row: int, height: float) -> None:
    dim = ws.row_dimensions[row]
    dim.height = min(_MAX_ROW_HEIGHT, max(dim.height or 0, round(height, 1)))


# --- blocks ----------------------------------------------------------------------------------

def prepare_sheet(ws: Worksheet, columns: Sequence[Column]) -> None:
    """Column widths from the columns; no grid lines: the sheet is a document, not a worksheet."""
    if len(columns) < 2:
        raise ValueError("a report sheet needs at least two columns (left and right blocks)")
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = column.width
    ws.sheet_view.showGridLines = False


def _halves(columns: Sequence[Column]) -> tuple[tuple[int, int], tuple[int, int]]:
    """The left block (issuing body, signatures) takes about 40% of the width; the right the rest."""
    total = sum(c.width for c in columns)
    running, best, best_gap = 0.0, 1, math.inf
    for k, column in enumerate(columns[:-1], start=1):
        running += column.width
        if abs(running - 0.4 * total) < best_gap:
            best, best_gap = k, abs(running - 0.4 * total)
    return (1, best), (best + 1, len(columns))


def _put(ws, columns, row, span, value, *, size=13, bold=False, italic=False,
         horizontal="center", border=False):
    first, last = span
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    cell = ws.cell(row, first)
    write_value(cell, value)
    cell.font = font(size, bold, italic)
    cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
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


def write_document_header(ws: Worksheet, columns: Sequence[Column], header: DocumentHeader,
                          row: int = 1) -> int:
    """Issuing body and number on the left; Quốc hiệu, Tiêu ngữ and the date on the right."""
    left, right = _halves(columns)
    body = header.body.upper()
    _put(ws, columns, row, left, header.parent_body.upper(), size=12, bold=True)
    _put(ws, columns, row, right, NATIONAL_TITLE, size=12, bold=True)
    _put(ws, columns, row + 1, left, body, size=12, bold=True)
    _put(ws, columns, row + 1, right, MOTTO, size=13, bold=True)
    _rule(ws, columns, row + 2, left, body, 12, True, share=0.4)    # Decree 30: 1/3 to 1/2
    _rule(ws, columns, row + 2, right, MOTTO, 13, True, share=1.0)  # as long as the motto
    _put(ws, columns, row + 3, left, header.doc_number, size=13)
    _put(ws, columns, row + 3, right, date_line(header.place, header.signed_on), size=13, italic=True)
    return row + 5


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
                period_line: str = "", row: int = 1) -> int:
    """Title in bold capitals, the subject under it, then the period line in italics."""
    everything = (1, len(columns))
    _put(ws, columns, row, everything, title.upper(), size=14, bold=True)
    row += 1
    if subject:
        _put(ws, columns, row, everything, subject, size=14, bold=True)
        row += 1
    if period_line:
        _put(ws, columns, row, everything, period_line, size=13, italic=True)
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
    """A paragraph of a text report across the sheet: left-aligned, wrapped, row height fitted."""
    _put(ws, columns, row, (1, len(columns)), text, size=size, bold=bold, italic=italic,
         horizontal="left")
    return row + 1


def write_footer(ws: Worksheet, columns: Sequence[Column], header: DocumentHeader, row: int, *,
                 with_date: bool = True, with_recipients: bool = True) -> int:
    """Date line, preparer and signer blocks, then "Nơi nhận:" with one recipient a line."""
    left, right = _halves(columns)
    ws.row_dimensions[row].height = 15  # a blank line above the signatures
    row += 1
    if with_date:
        _put(ws, columns, row, right, date_line(header.place, header.signed_on), size=13,
             italic=True)
        row += 1
    if header.signer_authority:
        _put(ws, columns, row, right, header.signer_authority.upper(), size=13, bold=True)
        row += 1
    _put(ws, columns, row, left, "NGƯỜI LẬP BIỂU", size=13, bold=True)
    _put(ws, columns, row, right, header.signer_title.upper(), size=13, bold=True)
    _put(ws, columns, row + 1, left, "(Ký, họ tên)", size=12, italic=True)
    _put(ws, columns, row + 1, right, "(Ký, đóng dấu, họ tên)", size=12, italic=True)
    ws.row_dimensions[row + 2].height = 80  # room for the signature and the seal
    _put(ws, columns, row + 3, left, header.preparer_name, size=13, bold=True)
    _put(ws, columns, row + 3, right, header.signer_name, size=13, bold=True)
    ws.row_dimensions[row + 4].height = 15
    row += 5
    if with_recipients:
        _put(ws, columns, row, left, "Nơi nhận:", size=12, bold=True, italic=True,
             horizontal="left")
        row += 1
        for line in recipient_lines(header.recipients):
            _put(ws, columns, row, left, line, size=11, horizontal="left")
            row += 1
    return row


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

_A4_LANDSCAPE_PT = (842.0, 595.0)
_MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}  # Decree 30, the narrow end


def _inches(mm: float) -> float:
    return round(mm / 25.4, 3)


def setup_print(ws: Worksheet, header_rows: str | None) -> None:
    """A4 landscape, one page wide, Decree 30 margins, header_rows ("8:9") on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
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


def keep_together(ws: Worksheet, first_row: int, last_row: int, heights: Heights | None = None) -> None:
    """Start a new page before first_row if rows first..last would otherwise be split.

    Excel has no "keep with next" for rows; this replays its pagination from the row heights
    (all set by this module) and the fit-to-width scale. Call it after setup_print.
    """
    page_height = _page_height(ws)
    if _rows_height(ws, first_row, last_row, heights) > page_height:
        return  # taller than a page: splitting cannot be helped
    titles = _title_rows(ws)
    used = 0.0
    for row in range(1, last_row + 1):
        height = _row_height(ws, row, heights)
        if used + height > page_height:  # Excel starts a new page at this row
            used = _rows_height(ws, *titles, heights) if titles else 0.0
        if row == first_row:
            if used + _rows_height(ws, first_row, last_row, heights) > page_height:
                ws.row_breaks.append(Break(id=first_row - 1))
            return
        used += height


def fits_one_page(ws: Worksheet, last_row: int, heights: Heights | None = None) -> bool:
    """Whether rows 1..last_row print on one page (call after setup_print).

    A table that fits needs no repeated heading: a second page holding only the signatures
    under an empty table heading looks broken.
    """
    return _rows_height(ws, 1, last_row, heights) <= _page_height(ws)


def _page_height(ws: Worksheet) -> float:
    """The printable height of a page, in sheet points (before fit-to-width shrinks them)."""
    width_pt, height_pt = _A4_LANDSCAPE_PT
    if ws.page_setup.orientation == ws.ORIENTATION_PORTRAIT:  # a text report (set after setup_print)
        width_pt, height_pt = height_pt, width_pt
    margins = ws.page_margins
    printable_width = width_pt - (margins.left + margins.right) * 72
    printable_height = height_pt - (margins.top + margins.bottom) * 72
    content_width = sum(_column_points(dim.width or 8.43)
                        for dim in ws.column_dimensions.values()) or printable_width
    scale = min(1.0, math.floor(printable_width / content_width * 100) / 100)
    return printable_height / scale * 0.97  # a little slack for rounding in the printer driver


def _row_height(ws: Worksheet, row: int, heights: Heights | None = None) -> float:
    if heights is not None and (streamed := heights(row)) is not None:
        return streamed
    # .get: indexing row_dimensions would add an (empty) row to the sheet
    dim = ws.row_dimensions.get(row)
    return (dim.height if dim is not None else None) or 15.0


def _rows_height(ws: Worksheet, first: int, last: int, heights: Heights | None = None) -> float:
    return sum(_row_height(ws, r, heights) for r in range(first, last + 1))


def _title_rows(ws: Worksheet) -> tuple[int, int] | None:
    rows = ws.print_title_rows  # "8:9"
    if not rows:
        return None
    first, last = rows.replace("$", "").split(":")
    return int(first), int(last)


def set_properties(wb: Workbook, title: str) -> None:
    """Creator and title, and "marked as final" so Excel opens the report read-only."""
    wb.properties.creator = "Desk"
    wb.properties.lastModifiedBy = "Desk"
    wb.properties.title = title
    wb.properties.contentStatus = "Final"
    # The custom property Excel itself writes for File > Info > Mark as Final.
    wb.custom_doc_props.append(BoolProperty(name="_MarkAsFinal", value=True))
