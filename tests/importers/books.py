"""Small workbooks for the importer tests, written with openpyxl as a clerk's Excel would."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import openpyxl
from openpyxl.styles import Font


def write_book(path: Path, sheets: dict[str, Sequence[Sequence]], *, merges: dict[str, Iterable[str]] | None = None,
               fonts: dict[str, dict[str, str]] | None = None, hidden: Iterable[str] = (),
               creator: str = "Microsoft Excel", text_cells: bool = True,
               hidden_rows: dict[str, Iterable[int]] | None = None) -> Path:
    """sheets: name -> rows of values (None = empty); merges: name -> ["A1:A2"]; fonts: name -> {cell: font};
    hidden_rows: name -> row numbers hidden as Excel hides them (by hand or by a filter).

    Strings are written as text even when they start with "=" (as a clerk typing into a text cell).
    """
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = ws.cell(r, c, value)
                if isinstance(value, str) and text_cells:
                    cell.data_type = "s"
        for ref in (merges or {}).get(name, ()):
            ws.merge_cells(ref)
        for ref, font in (fonts or {}).get(name, {}).items():
            ws[ref].font = Font(name=font)
        if name in hidden:
            ws.sheet_state = "hidden"
        for row in (hidden_rows or {}).get(name, ()):
            ws.row_dimensions[row].hidden = True
    wb.properties.creator = creator
    wb.save(path)
    return Path(path)
