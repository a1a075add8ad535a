"""Very long tables (tens of thousands of rows) streamed into a sheet that openpyxl laid out.

openpyxl spends about 0.5 ms per styled cell: a province's list of 84,000 obstacles x 11
columns took 45 s in normal mode and 22 s in write-only mode (measured on the 2-core machine).
Here openpyxl writes everything else, plus one template row whose cell styles the generated
rows copy; the template row is then replaced, in the saved file, by the real rows written as
XML text (inline strings, never formulas). Only the last table of a sheet can be streamed:
nothing may follow it on that sheet.
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from desk.domain.lang import t
from desk.errors import UserError
from desk.fileio import write_atomically
from desk.reports.layout import EXCEL_MAX_CHARS, Column, write_row

EXCEL_MAX_ROWS = 1_048_576
_EPOCH = date(1899, 12, 30)
_HIDDEN_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_SAMPLE = {"text": "x", "date": date(2000, 1, 1), "int": 0}


@dataclass
class BulkTable:
    """Rows to stream into `ws` from `first_row` on, styled like the template row written there."""

    ws: Worksheet
    columns: tuple[Column, ...]
    first_row: int
    rows: Sequence[Mapping]


def reserve(ws: Worksheet, columns: Sequence[Column], row: int, rows: Sequence[Mapping]) -> BulkTable:
    """Write the template row at `row` (one cell of each column's kind) and plan the rows there."""
    if row + len(rows) > EXCEL_MAX_ROWS:
        raise ValueError(f"{len(rows)} rows do not fit on one sheet")
    write_row(ws, columns, {c.key: _SAMPLE.get(c.kind, "x") for c in columns}, row)
    return BulkTable(ws, tuple(columns), row, rows)


def save_with_bulk_rows(wb: Workbook, path: Path, tables: Sequence[BulkTable]) -> None:
    """Save the workbook atomically, with each table's rows in place of its template row."""
    buffer = io.BytesIO()
    wb.save(buffer)
    parts = {t.ws.path.lstrip("/"): t for t in tables}   # openpyxl set each sheet's part on saving

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(buffer) as source, \
                zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename in parts:
                    data = _splice(data.decode("utf-8"), parts[item.filename]).encode("utf-8")
                target.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)

    write_atomically(Path(path), write)


def _splice(xml: str, table: BulkTable) -> str:
    found = re.search(rf'<row r="{table.first_row}"[^>]*>(.*?)</row>', xml, re.S)
    if found is None:
        raise AssertionError(f"template row {table.first_row} not found in {table.ws.title}")
    styles = re.findall(r'<c r="[A-Z]+\d+"(?: s="(\d+)")?', found.group(1))
    if len(styles) != len(table.columns):
        raise AssertionError("template row does not have one cell per column")
    if xml.find("<row ", found.end()) != -1:
        raise AssertionError(f"rows follow the streamed table on {table.ws.title}")
    body = "".join(_rows(table, styles))
    last = table.first_row + max(len(table.rows), 1) - 1
    xml = xml[:found.start()] + body + xml[found.end():]
    letter = get_column_letter(len(table.columns))
    return re.sub(r'<dimension ref="([A-Z]+\d+):[A-Z]+\d+"\s*/>',
                  lambda m: f'<dimension ref="{m.group(1)}:{letter}{max(last, table.first_row)}"/>', xml, count=1)


def _rows(table: BulkTable, styles: list[str]) -> Iterable[str]:
    letters = [get_column_letter(i) for i in range(1, len(table.columns) + 1)]
    # Room per column in characters of average width (12 pt Times: about 0.47 em a character),
    # for a row-height estimate cheaper than layout's per-character one: 900,000 cells here.
    room = [max(1.0, (c.width * 7 * 0.75 - 8) / (0.47 * 12)) for c in table.columns]
    for offset, values in enumerate(table.rows):
        r = table.first_row + offset
        cells, lines = [], 1
        for col, (column, letter, style) in enumerate(zip(table.columns, letters, styles)):
            value = values.get(column.key)
            s = f' s="{style}"' if style else ""
            ref = f"{letter}{r}"
            if value is None or value == "":
                cells.append(f'<c r="{ref}"{s}/>')
            elif isinstance(value, bool):
                cells.append(_text_cell(ref, s, "Có" if value else "Không"))
            elif isinstance(value, datetime):
                cells.append(_text_cell(ref, s, value.strftime("%d/%m/%Y %H:%M")))
            elif isinstance(value, date):
                cells.append(f'<c r="{ref}"{s}><v>{(value - _EPOCH).days}</v></c>')
            elif isinstance(value, int | float):
                cells.append(f'<c r="{ref}"{s}><v>{value}</v></c>')
            else:
                text = str(value)
                cells.append(_text_cell(ref, s, text))
                lines = max(lines, sum(max(1, math.ceil(len(part) / room[col])) for part in text.split("\n")))
        height = min(409, lines * 12 * 1.3 + 5)
        yield f'<row r="{r}" ht="{height:.1f}" customHeight="1">{"".join(cells)}</row>'


def _text_cell(ref: str, style: str, text: str) -> str:
    text = ILLEGAL_CHARACTERS_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(text.encode("utf-16-le")) // 2 > EXCEL_MAX_CHARS:  # Excel counts UTF-16 units
        raise UserError(t(f"Không xuất được: nội dung ô {ref} dài hơn {EXCEL_MAX_CHARS:,} ký tự, "
                          "giới hạn của một ô Excel.".replace(",", "."),
                          f"Cannot export: the text of cell {ref} is longer than the "
                          f"{EXCEL_MAX_CHARS:,} characters an Excel cell holds."))
    text = escape(_HIDDEN_ESCAPE.sub("_x005F_", text))
    return f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
