"""Cells the clerk does not see as Desk would read them: Excel errors, formulas never computed, hidden rows and
columns spelled unusually, date cells holding numbers no date can be. Each is refused, and nothing is written."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select
from tests.importers.books import write_book
from tests.services.test_importing import CLERK, counts, make_template, save, stored
from tests.services.test_replies import answer, filled, imported, reply_book, row_of  # noqa: F401  (a fixture)

from desk.domain import replies
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.errors import UserError
from desk.reports.import_template import DATA_SHEET
from desk.services import importing
from desk.services import replies as reply_service
from desk.store.replies import ObstacleReply

HEADINGS = ["Nội dung khó khăn, vướng mắc", "Lĩnh vực", "Cấp có thẩm quyền giải quyết", "Ngày phát sinh",
            "Tình trạng"]
ROWS = [HEADINGS, *[[f"Vướng mắc {i}", "Khác", "Cấp xã", date(2025, 10, i), "Mới tiếp nhận"] for i in range(1, 6)]]


def rewritten(path: Path, change) -> Path:
    """The workbook with its worksheets' XML passed through change(xml) -> xml, as a crafted file is made."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    changed = {name: change(data.decode()).encode() if name.startswith("xl/worksheets/") else data
               for name, data in parts.items()}
    assert changed != parts, "the change found nothing to change"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in changed.items():
            target.writestr(name, data)
    return path


def replace_cell(ref: str, cell: str):
    """A change replacing the cell at ref, whatever it held, by cell (its XML; "{s}" keeps its style)."""
    def change(xml: str) -> str:
        found = re.search(rf'<c r="{ref}"(?: s="(\d+)")?[^>]*?(?:/>|>.*?</c>)', xml)
        if found is None:
            return xml
        style = f' s="{found.group(1)}"' if found.group(1) else ""
        return xml[:found.start()] + cell.format(ref=ref, s=style) + xml[found.end():]
    return change


def template_with_one_record(workspace, tmp_path) -> tuple[Path, str, dict[str, str]]:
    """A template holding one stored obstacle (row 2), and the column letter of each field."""
    record_id = save(workspace, proposal="Đề nghị cấp bổ sung 02 máy tính")
    path = make_template(workspace, tmp_path / "mau.xlsx", with_records=True)
    ws = openpyxl.load_workbook(path)[DATA_SHEET]
    labels = {OBSTACLES.spec[f].vi: f for f in ("title", "proposal", "raised_on")}
    letters = {labels[str(c.value).removesuffix(" *")]: c.column_letter for c in ws[1]
               if str(c.value).removesuffix(" *") in labels}
    return path, record_id, letters


# --- F1: an error value or a formula never computed is not an empty cell ---------------------------------

@pytest.mark.parametrize("cell, said", [
    ('<c r="{ref}" t="e"><v>#REF!</v></c>', "chứa giá trị lỗi của Excel «#REF!»"),
    ('<c r="{ref}" t="e"><f>VLOOKUP(A2,Z:Z,2,0)</f><v>#N/A</v></c>', "chứa giá trị lỗi của Excel «#N/A»"),
    ('<c r="{ref}"><f>CONCATENATE(A2,"x")</f><v></v></c>', "chứa công thức chưa được tính"),
    ('<c r="{ref}"><f t="shared" si="0"/></c>', "chứa công thức chưa được tính"),
])
def test_an_error_cell_or_a_formula_never_computed_is_refused_and_the_stored_value_kept(workspace, tmp_path,
                                                                                        cell, said):
    path, record_id, letters = template_with_one_record(workspace, tmp_path)
    rewritten(path, replace_cell(f"{letters['proposal']}2", cell))
    before = counts(workspace)
    with pytest.raises(UserError) as refused:
        importing.import_file(workspace, path, actor=CLERK)
    message = str(refused.value)
    assert f"trang «{DATA_SHEET}», dòng 2, cột {letters['proposal']} {said}" in message
    assert "Desk không đọc các ô này như ô trống" in message
    if "công thức" in said:
        assert "hãy mở tệp bằng Excel, lưu lại rồi nhập lại" in message
    assert counts(workspace) == before
    (kept,) = stored(workspace)
    assert kept["id"] == record_id and kept["proposal"] == "Đề nghị cấp bổ sung 02 máy tính"


def test_a_required_field_holding_an_error_is_not_called_empty(workspace, tmp_path):
    path, _record_id, letters = template_with_one_record(workspace, tmp_path)
    rewritten(path, replace_cell(f"{letters['title']}2", '<c r="{ref}" t="e"><v>#N/A</v></c>'))
    with pytest.raises(UserError) as refused:
        importing.import_file(workspace, path, dry_run=True)
    assert f"dòng 2, cột {letters['title']} chứa giá trị lỗi của Excel «#N/A»" in str(refused.value)
    assert "Chưa nhập" not in str(refused.value)


@pytest.mark.parametrize("cell", [
    '<c r="{ref}" t="str"><f>A2&amp;""</f><v>Đề nghị đã tính</v></c>',     # computed, its value kept
    '<c r="{ref}" t="str"><f>""</f><v></v></c>',                           # computed to empty text
])
def test_a_formula_excel_computed_is_read_as_its_value(workspace, tmp_path, cell):
    path, _record_id, letters = template_with_one_record(workspace, tmp_path)
    rewritten(path, replace_cell(f"{letters['proposal']}2", cell))
    assert importing.import_file(workspace, path, actor=CLERK).committed
    (kept,) = stored(workspace)
    assert kept["proposal"] == ("Đề nghị đã tính" if "tính" in cell else None)


def test_a_reply_whose_answer_is_an_excel_error_is_refused(workspace, reply_book):  # noqa: F811
    path, ids = reply_book
    r = row_of(openpyxl.load_workbook(path)[replies.SHEET], ids["staff"])
    filled(path, ids)
    letter = replies.letter("answer")
    rewritten(path, replace_cell(f"{letter}{r}", '<c r="{ref}" t="e"><v>#VALUE!</v></c>'))
    with pytest.raises(UserError) as refused:
        reply_service.read_reply_file(path)
    assert f"trang «{replies.SHEET}», dòng {r}, cột {letter} chứa giá trị lỗi của Excel «#VALUE!»" in str(refused.value)


# --- F2: a hidden row written without its number, or hidden by a height spelled otherwise -------------------

def _without_numbers(row: int, cells_too: bool):
    def change(xml: str) -> str:
        xml = re.sub(rf'<row r="{row}"', "<row", xml)
        return re.sub(rf'(<c r=")[A-Z]+{row}" ', r"<c ", xml) if cells_too else xml
    return change


@pytest.mark.parametrize("disguise", ["row tag without its number", "row and cells without numbers",
                                      "height 1E-3", "height written 0.0E0"])
def test_a_hidden_row_however_written_is_named_and_nothing_is_imported(workspace, tmp_path, disguise):
    if disguise.startswith("height"):
        height = disguise.rsplit(" ", 1)[1]
        path = write_book(tmp_path / "loc.xlsx", {"Sheet1": ROWS})
        rewritten(path, lambda xml: xml.replace('<row r="3"', f'<row r="3" ht="{height}" customHeight="1"'))
    else:
        path = write_book(tmp_path / "loc.xlsx", {"Sheet1": ROWS}, hidden_rows={"Sheet1": [3]})
        rewritten(path, _without_numbers(3, cells_too="cells" in disguise))
    plan = importing.import_file(workspace, path)
    assert not plan.committed and stored(workspace) == []
    (problem,) = plan.problems
    assert problem.line().startswith("Trang «Sheet1»: 1 dòng có dữ liệu đang bị ẩn trong Excel (dòng 3). "
                                     "Desk không nhập dòng ẩn")


def test_a_row_of_ordinary_height_written_with_an_exponent_is_imported(workspace, tmp_path):
    path = write_book(tmp_path / "cao.xlsx", {"Sheet1": ROWS})
    rewritten(path, lambda xml: xml.replace('<row r="3"', '<row r="3" ht="1.5E1" customHeight="1"'))
    assert importing.import_file(workspace, path).committed and len(stored(workspace)) == 5


def test_a_hidden_reply_row_written_without_its_number_is_not_applied(workspace, reply_book):  # noqa: F811
    path, ids = reply_book

    def hide(ws):
        hide.row = row_of(ws, ids["staff"])
        ws.row_dimensions[hide.row].hidden = True

    filled(path, ids, hide)
    rewritten(path, _without_numbers(hide.row, cells_too=False))
    plan, _outcome = imported(workspace, path)
    assert any(f"dòng {hide.row}: dòng có trả lời đang bị ẩn trong Excel; Desk không nhập dòng ẩn" in p.message
               for p in plan.problems)


# --- F3: data in a hidden column --------------------------------------------------------------------------

def _hide_columns(path: Path, *letters: str) -> Path:
    wb = openpyxl.load_workbook(path)
    for letter in letters:
        wb.active.column_dimensions[letter].hidden = True
    wb.save(path)
    return path


def test_data_in_a_hidden_column_is_named_and_nothing_is_imported(workspace, tmp_path):
    path = _hide_columns(write_book(tmp_path / "cot.xlsx", {"Sheet1": ROWS}), "B", "E")
    before = counts(workspace)
    plan = importing.import_file(workspace, path)
    assert not plan.committed and counts(workspace) == before
    (problem,) = plan.problems
    assert problem.line() == (
        "Trang «Sheet1»: 2 cột có dữ liệu đang bị ẩn trong Excel (cột B «Lĩnh vực», E «Tình trạng»). Desk không "
        "nhập cột ẩn: hãy bỏ ẩn (chọn cả trang, bấm chuột phải vào tên cột > Unhide) để xem lại rồi nhập, hoặc xóa "
        "dữ liệu ở các cột đó nếu không cần.")


def test_a_hidden_column_written_zero_wide_is_hidden_too(workspace, tmp_path):
    path = write_book(tmp_path / "cot.xlsx", {"Sheet1": ROWS})
    rewritten(path, lambda xml: xml.replace("<sheetData>",
                                            '<cols><col min="5" max="5" width="0E0"/></cols><sheetData>'))
    (problem,) = importing.import_file(workspace, path).problems
    assert "1 cột có dữ liệu đang bị ẩn trong Excel (cột E «Tình trạng»)" in problem.line()


def test_a_hidden_column_without_data_in_the_table_does_not_stop_the_import(workspace, tmp_path):
    path = _hide_columns(write_book(tmp_path / "cot.xlsx", {"Sheet1": [row + [None] for row in ROWS]}), "F", "G")
    assert importing.import_file(workspace, path).committed and len(stored(workspace)) == 5


def test_a_reply_answer_in_a_hidden_column_is_not_applied(workspace, reply_book):  # noqa: F811
    path, ids = reply_book

    def hide(ws):
        ws.column_dimensions[replies.letter("doc_number")].hidden = True

    plan, outcome = imported(workspace, filled(path, ids, hide))
    letter = replies.letter("doc_number")
    assert any(f"cột {letter} «" in p.message and "nằm trong cột đang bị ẩn trong Excel" in p.message
               for p in plan.problems)
    assert outcome.added == 0


# --- F6: a date cell holding a number no date can be --------------------------------------------------------

@pytest.mark.parametrize("written, quoted", [("NaN", "NaN"), ("-5", "-5"), ("0", "0"), ("0.5", "0,5")])
def test_a_date_cell_holding_no_date_is_refused_quoting_what_it_holds(workspace, tmp_path, written, quoted):
    path, _record_id, letters = template_with_one_record(workspace, tmp_path)
    rewritten(path, replace_cell(f"{letters['raised_on']}2", '<c r="{ref}"{s} t="n"><v>' + written + "</v></c>"))
    before = counts(workspace)
    plan = importing.import_file(workspace, path, actor=CLERK)
    assert not plan.committed and counts(workspace) == before
    (problem,) = plan.problems
    assert problem.row == 2 and problem.column == letters["raised_on"]
    assert f"«{quoted}»" in problem.message and "00:00" not in problem.message and "1899" not in problem.message
    assert stored(workspace)[0]["raised_on"] == date(2025, 10, 1)


@pytest.mark.parametrize("cell", ['<c r="{ref}" t="d"><v>1899-12-31T00:00:00</v></c>',
                                  '<c r="{ref}" t="inlineStr"><is><t>31/12/1899</t></is></c>'])
def test_a_date_before_1900_is_refused(workspace, tmp_path, cell):
    path, _record_id, letters = template_with_one_record(workspace, tmp_path)
    rewritten(path, replace_cell(f"{letters['raised_on']}2", cell))
    (problem,) = importing.import_file(workspace, path, actor=CLERK).problems
    assert "31/12/1899" in problem.message
    assert stored(workspace)[0]["raised_on"] == date(2025, 10, 1)


def test_a_reply_document_date_holding_no_date_is_refused_as_written(workspace, reply_book):  # noqa: F811
    path, ids = reply_book
    r = row_of(openpyxl.load_workbook(path)[replies.SHEET], ids["staff"])
    filled(path, ids)
    letter = replies.letter("doc_date")
    rewritten(path, replace_cell(f"{letter}{r}", '<c r="{ref}"{s} t="n"><v>NaN</v></c>'))
    plan, _outcome = imported(workspace, path)
    assert any(f"dòng {r}, cột {letter}" in p.message and "«NaN» không phải ngày" in p.message for p in plan.problems)
    with workspace.session() as session:
        assert not session.scalar(select(func.count()).select_from(ObstacleReply)
                                  .where(ObstacleReply.obstacle_id == ids["staff"]))
