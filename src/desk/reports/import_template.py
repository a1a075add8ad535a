"""The Excel template for moving an office's spreadsheets into a register (blank or with records)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from desk.domain.fields import FieldSpec
from desk.domain.kinds import ExcelType
from desk.fileio import save_workbook
from desk.reports.layout import DATE_FORMAT, FONT_NAME, write_text, write_value

# The machine-readable marker, read back by desk.importers.tables. Bump TEMPLATE_VERSION when
# a change would make an older Desk misread a template.
MARKER_SHEET = "_desk"
MARKER_FORMAT = "desk-import-template"
TEMPLATE_VERSION = 1
DATA_SHEET = "Dữ liệu"
GUIDE_SHEET = "Hướng dẫn"
LISTS_SHEET = "Danh mục"
HEADER_ROW = 1
ID_HEADER = "Mã bản ghi (Desk tự điền, không sửa)"
REQUIRED_MARK = " *"
BLANK_ROWS = 1000     # rows prepared with formats and drop-down lists below the records

_HEADER_FILL = PatternFill("solid", fgColor="FFDDEBF7")
_ID_FILL = PatternFill("solid", fgColor="FFEDEDED")
_THIN = Side(style="thin", color="FF808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# A column style per cell type: Excel and LibreOffice apply it to every cell the clerk types into.
_NUMBER_FORMATS = {ExcelType.TEXT: "@", ExcelType.DATE: DATE_FORMAT}


@dataclass(frozen=True)
class TemplateSpec:
    """What a template is made from: the register's declaration, its choices and the office."""

    register: str                                     # "obstacles"
    register_vi: str                                  # "Khó khăn, vướng mắc"
    fields: tuple[FieldSpec, ...]
    choices: Mapping[str, Sequence[tuple[str, str]]]  # field -> ((code, Vietnamese label), ...)
    unit_code: int | None = None
    unit_name: str = ""
    app_version: str = ""

    @property
    def columns(self) -> tuple[FieldSpec, ...]:
        """The fields a clerk fills in, in form order."""
        return tuple(f for f in self.fields if f.in_form)


def header_text(spec: FieldSpec) -> str:
    return spec.vi + (REQUIRED_MARK if spec.required else "")


def build_template(spec: TemplateSpec, records: Sequence[Mapping] = ()) -> Workbook:
    """The workbook; records (stored values with their "id") pre-fill it for editing in Excel."""
    wb = Workbook()
    data = wb.active
    data.title = DATA_SHEET
    guide = wb.create_sheet(GUIDE_SHEET)
    lists = wb.create_sheet(LISTS_SHEET)
    list_ranges = _write_lists(lists, spec)
    _write_data(data, spec, records, list_ranges)
    _write_guide(guide, spec)
    _write_marker(wb.create_sheet(MARKER_SHEET), spec)
    for ws in (data, guide, lists):
        _print_setup(ws)
    data.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    wb.properties.creator = "Desk"
    wb.properties.title = f"Mẫu nhập liệu – {spec.register_vi}"
    wb.active = 0
    return wb


def write_template(spec: TemplateSpec, path: Path, records: Sequence[Mapping] = ()) -> None:
    save_workbook(build_template(spec, records), Path(path))


def _print_setup(ws) -> None:
    """A4 landscape, one page wide: a clerk may print the template or its instructions."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _font(bold: bool = False, italic: bool = False, size: float = 12, color: str = "FF000000") -> Font:
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic, color=color)


def _write_lists(ws, spec: TemplateSpec) -> dict[str, str]:
    """Two columns per choice field (label, code); returns field -> the labels' range for a list."""
    ranges = {}
    col = 1
    for field in spec.columns:
        if not field.codec.listed:
            continue
        options = spec.choices.get(field.name, ())
        for c, text in ((col, field.vi), (col + 1, "Mã")):
            cell = ws.cell(1, c)
            write_text(cell, text)
            cell.font = _font(bold=True)
            cell.fill = _HEADER_FILL
        for row, (code, label) in enumerate(options, start=2):
            write_text(ws.cell(row, col), label)
            write_text(ws.cell(row, col + 1), code)
        ws.column_dimensions[get_column_letter(col)].width = max(20, min(60, max((len(label) for _, label in options),
                                                                                 default=10) + 2))
        ws.column_dimensions[get_column_letter(col + 1)].width = max(10, max((len(c) for c, _ in options),
                                                                             default=4) + 2)
        letter = get_column_letter(col)
        ranges[field.name] = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${max(2, len(options) + 1)}"
        col += 3
    ws.freeze_panes = "A2"
    return ranges


def _write_data(ws, spec: TemplateSpec, records: Sequence[Mapping], list_ranges: dict[str, str]) -> None:
    columns = spec.columns
    last_row = HEADER_ROW + len(records) + BLANK_ROWS
    labels = {name: dict(options) for name, options in spec.choices.items()}
    for index, field in enumerate(columns, start=1):
        cell = ws.cell(HEADER_ROW, index)
        write_text(cell, header_text(field))
        cell.font = _font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        _explain(ws, cell.coordinate, field.vi, _help_lines(field))
        ws.column_dimensions[get_column_letter(index)].width = max(12, field.width + 4)
    id_col = len(columns) + 1
    id_cell = ws.cell(HEADER_ROW, id_col)
    write_text(id_cell, ID_HEADER)
    id_cell.font = _font(bold=True, color="FF595959")
    id_cell.fill = _ID_FILL
    id_cell.border = _BOX
    id_cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    _explain(ws, id_cell.coordinate, ID_HEADER, ["Desk điền mã này khi xuất dữ liệu. Để trống khi thêm bản ghi "
                                                 "mới; không sửa mã của bản ghi đã có (nhập lại sẽ cập nhật đúng "
                                                 "bản ghi đó)."])
    ws.column_dimensions[get_column_letter(id_col)].width = 40
    ws.row_dimensions[HEADER_ROW].height = 48
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)

    for offset, record in enumerate(records, start=1):
        row = HEADER_ROW + offset
        for index, field in enumerate(columns, start=1):
            value = record.get(field.name)
            if field.codec.multiple and value:          # «Nhóm Zalo; Đường dây nóng», as the import reads them
                value = field.codec.export(field, value, labels)
            elif field.codec.listed and value:
                value = labels.get(field.name, {}).get(value, value)
            write_value(ws.cell(row, index), value, field.vi)
        write_text(ws.cell(row, id_col), str(record.get("id") or ""))

    for index, field in enumerate(columns, start=1):
        letter = get_column_letter(index)
        number_format = _NUMBER_FORMATS.get(field.codec.excel)
        if number_format:
            ws.column_dimensions[letter].number_format = number_format
        validation = _validation(field, list_ranges.get(field.name))
        if validation is not None:
            ws.add_data_validation(validation)
            validation.add(f"{letter}{HEADER_ROW + 1}:{letter}{last_row}")
    id_letter = get_column_letter(id_col)
    ws.column_dimensions[id_letter].number_format = "@"
    ws.column_dimensions[id_letter].fill = _ID_FILL


def _help_lines(field: FieldSpec) -> list[str]:
    lines = ["Bắt buộc." if field.required else "Không bắt buộc.", field.codec.hint_vi + "."]
    if field.codec.multiple:
        lines.append(f"Gõ các mục hoặc mã (trang «{LISTS_SHEET}»), cách nhau bằng dấu chấm phẩy (;).")
    elif field.codec.listed:
        lines.append(f"Chọn trong danh sách (trang «{LISTS_SHEET}»); gõ mã cũng được.")
    if field.max_length:
        lines.append(f"Tối đa {field.max_length:,} ký tự.".replace(",", "."))
    if field.help_vi:
        lines.append(field.help_vi)
    return lines


_PROMPT_MAX, _TITLE_MAX = 255, 32       # Excel's limits for an input message


def _explain(ws, coordinate: str, title: str, lines: list[str]) -> None:
    """What a column wants, shown when its heading is selected: an input message, not a cell comment
    (Excel shows both; Gnumeric does not read comments' drawings and warns on them)."""
    text = "\n".join(lines)
    if len(text) > _PROMPT_MAX:
        text = text[:_PROMPT_MAX - 1].rsplit(" ", 1)[0] + "…"
    prompt = DataValidation(allow_blank=True, showInputMessage=True, promptTitle=title[:_TITLE_MAX], prompt=text)
    ws.add_data_validation(prompt)
    prompt.add(coordinate)


def _validation(field: FieldSpec, list_range: str | None) -> DataValidation | None:
    excel = field.codec.excel
    if field.codec.listed and not field.codec.multiple and list_range:
        return DataValidation(type="list", formula1=list_range, allow_blank=True, showErrorMessage=True,
                              errorStyle="stop", errorTitle=field.vi[:32],
                              error=f"Chọn một giá trị trong danh sách «{field.vi}» (trang «{LISTS_SHEET}»).",
                              showInputMessage=False)
    if excel == ExcelType.DATE:
        return DataValidation(type="date", operator="between", formula1="DATE(1900,1,1)",
                              formula2="DATE(2200,12,31)", allow_blank=True, showErrorMessage=True,
                              errorStyle="stop", errorTitle=field.vi[:32],
                              error="Nhập ngày dạng dd/mm/yyyy, ví dụ 05/11/2025.")
    if excel == ExcelType.WHOLE:
        return DataValidation(type="whole", operator="greaterThanOrEqual",
                              formula1=str(field.minimum if field.minimum is not None else -(10 ** 9)),
                              allow_blank=True, showErrorMessage=True, errorStyle="stop",
                              errorTitle=field.vi[:32], error="Nhập một số nguyên.")
    if excel == ExcelType.TEXT and not field.codec.listed and field.max_length:
        return DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(field.max_length),
                              allow_blank=True, showErrorMessage=True, errorStyle="stop",
                              errorTitle=field.vi[:32],
                              error=f"Tối đa {field.max_length:,} ký tự.".replace(",", "."))
    return None


def _write_guide(ws, spec: TemplateSpec) -> None:
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 8
    ws.column_dimensions["C"].width = 40
    ws.column_dimensions["D"].width = 12
    ws.column_dimensions["E"].width = 26
    ws.column_dimensions["F"].width = 60
    title = ws.cell(1, 1)
    write_text(title, f"HƯỚNG DẪN NHẬP LIỆU – SỔ «{spec.register_vi.upper()}»")
    title.font = _font(bold=True, size=14)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
    unit = f" của {spec.unit_name}" if spec.unit_name else ""
    steps = [
        f"Mẫu này dùng để đưa dữ liệu đang có trên Excel vào sổ «{spec.register_vi}» trong Desk{unit}.",
        f"1. Điền mỗi bản ghi trên một dòng của trang «{DATA_SHEET}», bắt đầu từ dòng {HEADER_ROW + 1}. "
        "Cột có dấu * là bắt buộc.",
        "2. Không đổi tên trang và không sửa dòng tiêu đề; có thể đổi thứ tự cột hoặc xóa cột không bắt buộc.",
        "3. Ngày ghi dạng dd/mm/yyyy (ví dụ 05/11/2025) hoặc nhập kiểu ngày của Excel. "
        "Số dùng dấu chấm phân cách hàng nghìn (2.615).",
        f"4. Cột chọn trong danh sách: chọn từ danh sách thả xuống (xem trang «{LISTS_SHEET}»); gõ mã cũng được.",
        f"5. Cột «{ID_HEADER}»: để trống khi thêm mới. Tệp do Desk xuất kèm dữ liệu đã có sẵn mã; "
        "nhập lại tệp sẽ cập nhật đúng các bản ghi đó, không tạo bản ghi trùng.",
        "6. Nhập vào Desk: Tệp > Nhập từ Excel... (hoặc lệnh: desk import TỆP.xlsx). Desk kiểm tra toàn bộ tệp "
        "trước; nếu có dòng sai, không ghi gì cả và cho xem, lưu danh sách lỗi theo từng dòng, từng cột.",
        "7. Văn bản gõ bằng phông TCVN3 (.VnTime) hoặc VNI (VNI-Times) được phát hiện; Desk hỏi trước khi "
        "chuyển sang Unicode.",
    ]
    row = 3
    for line in steps:
        cell = ws.cell(row, 1)
        write_text(cell, line)
        cell.font = _font()
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
        ws.row_dimensions[row].height = 34
        row += 1
    row += 1
    headings = ("STT", "Cột", "Tên cột", "Bắt buộc", "Kiểu dữ liệu", "Giá trị cho phép, ghi chú")
    for col, text in enumerate(headings, start=1):
        cell = ws.cell(row, col)
        write_text(cell, text)
        cell.font = _font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for number, field in enumerate(spec.columns, start=1):
        row += 1
        notes = []
        if field.codec.listed:
            options = spec.choices.get(field.name, ())
            shown = options[:40]
            notes.append("; ".join(f"{label} ({code})" if field.codec.multiple else label for code, label in shown)
                         + ("; …" if len(options) > len(shown) else ""))
        if field.max_length:
            notes.append(f"tối đa {field.max_length:,} ký tự".replace(",", "."))
        if field.minimum is not None:
            notes.append(f"không nhỏ hơn {field.minimum}")
        if field.help_vi:
            notes.append(field.help_vi)
        values = (number, get_column_letter(number), field.vi, "Có" if field.required else "", field.codec.hint_vi,
                  ". ".join(n for n in notes if n))
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row, col)
            write_value(cell, value)
            cell.font = _font()
            cell.border = _BOX
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        # Set, not left to the reader (LibreOffice keeps the default height): ~55 characters a
        # line in the 60-wide column, 16 points a line.
        ws.row_dimensions[row].height = max(18, 16 * math.ceil(max(len(values[5]), len(field.vi) * 1.5, 1) / 55))
    row += 1
    cell = ws.cell(row, 1)
    write_text(cell, f"Cột cuối «{ID_HEADER}» do Desk quản lý.")
    cell.font = _font(italic=True)
    ws.sheet_view.showGridLines = False


def _write_marker(ws, spec: TemplateSpec) -> None:
    pairs = (
        ("format", MARKER_FORMAT),
        ("template_version", str(TEMPLATE_VERSION)),
        ("register", spec.register),
        ("unit_code", "" if spec.unit_code is None else str(spec.unit_code)),
        ("unit_name", spec.unit_name),
        ("data_sheet", DATA_SHEET),
        ("header_row", str(HEADER_ROW)),
        ("app_version", spec.app_version),
        ("created_at", datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")),
    )
    for row, (key, value) in enumerate(pairs, start=1):
        write_text(ws.cell(row, 1), key)
        write_text(ws.cell(row, 2), value)
    ws.sheet_state = "veryHidden"
