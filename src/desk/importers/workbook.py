"""Reading a checked .xlsx into plain cell values with their sheet, row and column (python-calamine)."""

from __future__ import annotations

import marshal
import zipfile
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from itertools import compress
from pathlib import Path

from desk.domain.lang import t
from desk.importers.safety import RefusedFile, SheetMarks, check_xlsx, open_xlsx

# Cell values are what python-calamine gives: str ("" for an empty cell), float, int, bool,
# date, datetime, time or timedelta. Formulas are never evaluated; their cached value is read.
# calamine reads ~5x faster than openpyxl's read-only mode (20,000 rows x 13 columns: 0.58 s
# against 3.15 s on a 2-core machine) and unescapes "_x005F_" as Excel does; openpyxl is
# used only for what calamine does not give: the font of each cell, when legacy fonts occur.

_MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@dataclass(frozen=True)
class Merge:
    """A merged range, 1-based and inclusive, as Excel numbers rows and columns."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int

    def __contains__(self, cell: tuple[int, int]) -> bool:
        row, col = cell
        return self.first_row <= row <= self.last_row and self.first_col <= col <= self.last_col

    @property
    def width(self) -> int:
        return self.last_col - self.first_col + 1


@dataclass
class Sheet:
    """One worksheet: rows[i][j] is the value of Excel row i+1, column j+1."""

    name: str
    visible: bool
    rows: list[list]
    merges: tuple[Merge, ...] = ()
    hidden_rows: frozenset[int] = frozenset()     # 1-based numbers of the rows Excel hides
    hidden_columns: frozenset[int] = frozenset()  # 1-based numbers of the columns Excel hides
    _starts: dict[tuple[int, int], Merge] = field(default_factory=dict, repr=False)
    _by_row: dict[int, tuple[Merge, ...]] = field(default_factory=dict, repr=False)
    _width: int | None = field(default=None, repr=False)

    def __post_init__(self):
        self._starts = {(m.first_row, m.first_col): m for m in self.merges}

    # Sent from the reading worker process: marshal writes lists of text and numbers ~6x faster
    # than pickle and reads them as fast; the date cells (which marshal cannot hold, and pickle
    # slowly) travel as day numbers beside them. A sheet whose rows are all as wide (python-calamine
    # gives them so) travels column by column: zip turns rows into columns and back in C, and only the
    # columns holding other values than plain ones are walked in Python (a register's 100,000 rows:
    # ~0.8 s to pack row by row, where 300,000 dates were found and blanked one by one).
    def __getstate__(self):
        rows = self.rows
        days: list[tuple[int, list[int], list[int]]] = []      # (column, rows, day numbers) of its dates
        others: list[tuple[int, int, object]] = []               # (row, column, value): times, durations
        if rows and rows[0] and len(set(map(len, rows))) == 1:     # (rows of no cell have no columns)
            columns: list = list(zip(*rows))
            for c, column in enumerate(columns):
                kinds = list(map(type, column))
                odd = set(kinds) - _PLAIN
                if not odd:
                    continue
                if date in odd:
                    dated = [kind is date for kind in kinds]
                    days.append((c, list(compress(range(len(column)), dated)),
                                 list(map(date.toordinal, compress(column, dated)))))
                if odd - {date}:        # times, durations: rare, walked only where they are
                    others += ((r, c, v) for r, (v, kind) in enumerate(zip(column, kinds))
                               if kind is not date and kind not in _PLAIN)
                columns[c] = [v if kind in _PLAIN else None for v, kind in zip(column, kinds)]
            return (self.name, self.visible, True, marshal.dumps(columns, _MARSHAL_VERSION), marshal.dumps(days),
                    others, self.merges, self.hidden_rows, self.hidden_columns)
        odd = [(r, c, v) for r, row in enumerate(rows) if not _PLAIN.issuperset(map(type, row))
               for c, v in enumerate(row) if type(v) not in _PLAIN]
        for r, c, _v in odd:
            rows[r][c] = None           # marshal cannot write them; put back below
        try:
            packed = marshal.dumps(rows, _MARSHAL_VERSION)
        finally:
            for r, c, v in odd:
                rows[r][c] = v
        for r, c, v in odd:
            if type(v) is date:
                days.append((c, [r], [v.toordinal()]))
            else:
                others.append((r, c, v))
        return (self.name, self.visible, False, packed, marshal.dumps(days), others, self.merges, self.hidden_rows,
                self.hidden_columns)

    def __setstate__(self, state):
        name, visible, by_columns, packed, packed_days, others, merges, hidden, hidden_columns = state
        found = marshal.loads(packed)
        days = marshal.loads(packed_days)
        ordinal = date.fromordinal
        if by_columns:
            for c, where, numbers in days:
                column = found[c] = list(found[c])
                for r, day in zip(where, map(ordinal, numbers)):
                    column[r] = day
            rows = list(map(list, zip(*found)))
        else:
            rows = found
            for c, where, numbers in days:
                for r, day in zip(where, map(ordinal, numbers)):
                    rows[r][c] = day
        for r, c, value in others:
            rows[r][c] = value
        self.__init__(name, visible, rows, merges, hidden, hidden_columns)

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        if self._width is None:
            self._width = max((len(r) for r in self.rows), default=0)
        return self._width

    def value(self, row: int, col: int):
        """The value at 1-based (row, col); "" outside the used area."""
        if 1 <= row <= len(self.rows):
            cells = self.rows[row - 1]
            if 1 <= col <= len(cells):
                return cells[col - 1]
        return ""

    def merge_at(self, row: int, col: int) -> Merge | None:
        """The merged range holding a cell (looked up per row: a range may span 100,000 rows)."""
        if not self.merges:
            return None
        covering = self._by_row.get(row)
        if covering is None:
            covering = self._by_row[row] = tuple(m for m in self.merges if m.first_row <= row <= m.last_row)
        return next((m for m in covering if m.first_col <= col <= m.last_col), None)

    def merge_starting_at(self, row: int, col: int) -> Merge | None:
        return self._starts.get((row, col))

    def shown_value(self, row: int, col: int):
        """What the eye sees at a cell: a merged range shows its top-left value everywhere."""
        merge = self.merge_at(row, col)
        if merge is not None:
            return self.value(merge.first_row, merge.first_col)
        return self.value(row, col)


_PLAIN = frozenset({str, int, float, bool, type(None)})
# marshal's format 2: no back-references, which python-calamine's cells (each its own object) never use,
# written in half the time of the latest format.
_MARSHAL_VERSION = 2


@dataclass
class Book:
    """A whole workbook's values, and the few facts about it the importers use."""

    path: Path
    sheets: list[Sheet]
    fonts: frozenset[str] = frozenset()   # every font name the workbook's styles declare
    creator: str = ""
    title: str = ""
    date1904: bool = False
    # sheet name -> {(row, col): font name}, read with the values when the workbook declares a
    # legacy font (the legacy scan needs each cell's font; openpyxl reads it, in the worker too)
    cell_fonts: dict[str, dict[tuple[int, int], str]] | None = None

    def sheet(self, name: str) -> Sheet | None:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        lowered = name.strip().casefold()
        return next((s for s in self.sheets if s.name.strip().casefold() == lowered), None)


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_book(path: Path, *, check: bool = True) -> Book:
    """Every sheet's values (hidden sheets too), after the safety gate unless check=False.

    Raises RefusedFile (a UserError naming the file) for a file that is not a safe .xlsx or
    that cannot be read.
    """
    path = Path(path)
    marked = check_xlsx(path) if check else {}
    try:
        workbook = open_xlsx(path)
        try:
            sheets = []
            for meta in workbook.sheets_metadata:
                if str(meta.typ).rsplit(".", 1)[-1] not in ("WorkSheet",):
                    continue  # chart sheets, dialog sheets: no cells
                sheet = workbook.get_sheet_by_name(meta.name)
                rows = sheet.to_python(skip_empty_area=False)
                merges = tuple(Merge(r0 + 1, c0 + 1, r1 + 1, c1 + 1)
                               for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or ()))
                visible = str(meta.visible).rsplit(".", 1)[-1] == "Visible"
                sheets.append(Sheet(meta.name, visible, rows, merges))
        finally:
            workbook.close()
    except RefusedFile:
        raise
    except Exception as exc:  # calamine's errors (XmlError, ZipError, CalamineError...) share no base
        raise RefusedFile(path, "unreadable", t(
            f"tệp bị hỏng hoặc không đúng định dạng .xlsx, không đọc được ({type(exc).__name__}: {exc}). "
            "Hãy mở tệp bằng Excel, lưu lại rồi thử lại.",
            f"the file is damaged or not a proper .xlsx and cannot be read ({type(exc).__name__}: {exc}). "
            "Open it in Excel, save it again and retry.")) from None
    fonts, creator, title, date1904, parts = _package_facts(path)
    if marked:
        unreadable = []
        for sheet in sheets:
            marks = marked.get(parts.get(sheet.name, ""), SheetMarks())
            sheet.hidden_rows, sheet.hidden_columns = marks.hidden_rows, marks.hidden_columns
            _put_back_as_written(sheet, marks.odd_numbers)
            unreadable += [(sheet.name, *cell) for cell in sorted(marks.unreadable)]
        if unreadable:
            raise _unreadable_cells(path, unreadable)
    return Book(path, sheets, fonts, creator, title, date1904)


MAX_NAMED_CELLS = 10


def _put_back_as_written(sheet: Sheet, numbers: tuple[tuple[int, int, str], ...]) -> None:
    """A number no date can be («-5», «NaN»), in a cell formatted as a date: python-calamine makes it a time of
    day or 30/12/1899, a value the cell does not hold. The text as written is kept instead: it is refused as
    no date, quoted as the clerk typed it."""
    for row, col, written in numbers:
        if row <= len(sheet.rows) and col <= len(cells := sheet.rows[row - 1]) \
                and isinstance(cells[col - 1], date | time | timedelta):
            cells[col - 1] = written


def _unreadable_cells(path: Path, cells: list[tuple[str, int, int, str]]) -> RefusedFile:
    """The refusal of cells python-calamine reads as empty though they are not: imported as empty, they
    would erase what is stored (or be called missing)."""
    from openpyxl.utils import get_column_letter

    named_vi, named_en = [], []
    for sheet, row, col, what in cells[:MAX_NAMED_CELLS]:
        where_vi = (f"trang «{sheet}», dòng {row}, cột {get_column_letter(col)}" if row
                    else f"trang «{sheet}», một ô không ghi vị trí,")
        where_en = (f"sheet «{sheet}», row {row}, column {get_column_letter(col)}" if row
                    else f"sheet «{sheet}», a cell written without its reference,")
        named_vi.append(f"{where_vi} chứa giá trị lỗi của Excel «{what}»" if what else
                        f"{where_vi} chứa công thức chưa được tính (chưa có giá trị)")
        named_en.append(f"{where_en} holds the Excel error value «{what}»" if what else
                        f"{where_en} holds a formula not yet computed (no value)")
    more = "; …" if len(cells) > MAX_NAMED_CELLS else ""
    advice_vi, advice_en = [], []
    if any(what for *_, what in cells):
        advice_vi.append("Hãy sửa các ô lỗi (hoặc gõ giá trị thay cho công thức) rồi nhập lại.")
        advice_en.append("Correct the error cells (or type the value in place of the formula) and import again.")
    if not all(what for *_, what in cells):
        advice_vi.append("Công thức chưa được tính khi tệp do phần mềm khác tạo ra: hãy mở tệp bằng Excel, "
                         "lưu lại rồi nhập lại.")
        advice_en.append("Formulas are not computed when another program made the file: open it in Excel, "
                         "save it again and import it again.")
    return RefusedFile(path, "unreadable_cell", t(
        f"{'; '.join(named_vi)}{more}. Desk không đọc các ô này như ô trống (nhập như ô trống sẽ xóa mất dữ liệu "
        f"đã lưu). {' '.join(advice_vi)}",
        f"{'; '.join(named_en)}{more}. Desk does not read these cells as empty (that would erase the stored "
        f"data). {' '.join(advice_en)}"))


def read_for_import(path: Path) -> Book:
    """read_book, plus each visible sheet's cell fonts when a legacy font is declared (worker process)."""
    from desk.domain.legacy_text import font_encoding

    book = read_book(path)
    if any(font_encoding(f) for f in book.fonts):
        book.cell_fonts = {s.name: cell_fonts(book.path, s.name) for s in book.sheets if s.visible}
    return book


def _package_facts(path: Path) -> tuple[frozenset[str], str, str, bool, dict[str, str]]:
    """Font names, creator, title, the 1904 date system and each sheet's part, from the package's small parts."""
    from defusedxml import ElementTree

    fonts: set[str] = set()
    creator = title = ""
    date1904 = False
    parts: dict[str, str] = {}
    with zipfile.ZipFile(path) as archive:
        names = {n.lower(): n for n in archive.namelist()}

        def parse(part: str):
            real = names.get(part)
            if real is None:
                return None
            try:
                return ElementTree.fromstring(archive.read(real))
            except Exception:  # a damaged optional part: the facts stay at their defaults
                return None

        if (styles := parse("xl/styles.xml")) is not None:
            fonts = {n.get("val", "") for n in styles.iter(f"{_MAIN_NS}name")} - {""}
        if (core := parse("docprops/core.xml")) is not None:
            creator = (core.findtext(f"{_DC}creator") or "").strip()
            title = (core.findtext(f"{_DC}title") or "").strip()
        if (book := parse("xl/workbook.xml")) is not None:
            pr = book.find(f"{_MAIN_NS}workbookPr")
            date1904 = pr is not None and pr.get("date1904", "0").lower() in ("1", "true")
            rels = parse("xl/_rels/workbook.xml.rels")
            targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_RELS}Relationship")} \
                if rels is not None else {}
            for sheet in book.iter(f"{_MAIN_NS}sheet"):
                target = targets.get(sheet.get(f"{_DOC_REL}id"), "")
                part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                parts[sheet.get("name", "")] = names.get(part.lower(), part)
    return frozenset(fonts), creator, title, date1904, parts


def cell_fonts(path: Path, sheet_name: str) -> dict[tuple[int, int], str]:
    """(row, col) -> font name of every non-empty cell of a sheet (openpyxl, read-only: slow).

    Used only when the workbook declares a legacy font, to tell which cells use it.
    """
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = workbook[sheet_name]
        fonts = {}
        for row in sheet.iter_rows():
            for cell in row:
                if getattr(cell, "value", None) not in (None, "") and cell.font is not None and cell.font.name:
                    fonts[(cell.row, cell.column)] = cell.font.name
        return fonts
    finally:
        workbook.close()


_EPOCH_1900 = date(1899, 12, 30)   # Excel's 1900 system, counting its phantom 29/02/1900
_EPOCH_1904 = date(1904, 1, 1)
MAX_SERIAL = 2_958_465             # 31/12/9999


def serial_to_date(serial: float, date1904: bool = False) -> date | None:
    """The date an Excel serial number stands for, or None when it is no date at all."""
    if isinstance(serial, bool) or not 1 <= serial <= MAX_SERIAL:
        return None
    whole = int(serial)
    if not date1904 and whole < 60:
        whole += 1  # before 01/03/1900 the 1900 system is off by its phantom leap day
    return (_EPOCH_1904 if date1904 else _EPOCH_1900) + timedelta(days=whole)

