"""Consolidation a province can trust: drafts apart, edited figures caught, unit codes across list
versions, and the tier above (the ministry consolidating provinces' workbooks and loose communes)."""

from __future__ import annotations

import itertools
import shutil
import zipfile
from dataclasses import replace
from datetime import datetime

import openpyxl
import pytest

from desk.domain import periods, units
from desk.domain.formats import format_number_vi
from desk.domain.registers.frames import REGISTER as STAFFING_FRAMES
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.registers.officials import REGISTER as OFFICIALS
from desk.domain.staffing import NET_LABEL
from desk.reports.periodic_report import write_periodic_report
from desk.services import consolidation, consolidation_report, periodic_report, records

Q3 = periods.parse_period("2025-Q3")          # due Tuesday 16/09/2025
HAI_PHONG, HA_NOI = 31, 1
A, B, C = units.units_of(HAI_PHONG)[:3]
X = units.units_of(HA_NOI)[0]


def add(workspace, unit, title, raised="01/07/2025", **more):
    values = {"domain": "PERSONNEL", "title": title, "level": "province", "raised_on": raised,
              "status": "in_progress", **more}
    with workspace.session() as session:
        return records.save(session, OBSTACLES, values, unit_code=unit.code)


def report(workspace, unit, path, *, when=datetime(2025, 9, 16, 10, 0), submit=True):
    with workspace.session() as session:
        periodic_report.export(session, unit, Q3, path, submit=submit, now=when)
    return path


def export(result, path):
    consolidation_report.export(result, path, consolidation_report.load(None, result.province))
    return path


def cover_text(path) -> str:
    wb = openpyxl.load_workbook(path, read_only=True)
    return "\n".join(str(c) for row in wb["Tổng hợp"].iter_rows(values_only=True) for c in row if c)


def status_of(result, unit):
    return next(s for s in result.completeness if s.unit.code == unit.code)


@pytest.fixture
def inbox(workspace, tmp_path):
    """A submitted (2 obstacles), B only a draft (1 obstacle); C sends nothing."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    add(workspace, A, "Thiếu công chức địa chính")
    add(workspace, A, "Trụ sở chật hẹp", domain="PREMISES")
    add(workspace, B, "Chưa có tài khoản kho bạc", domain="ACCOUNTING")
    report(workspace, A, folder / "a.xlsx")
    report(workspace, B, folder / "b-du-thao.xlsx", submit=False)
    return folder


def run(*items, **kwargs):
    kwargs.setdefault("province_code", HAI_PHONG)
    return consolidation.consolidate(list(items), Q3, **kwargs)


# --- drafts -----------------------------------------------------------------------------------

def test_a_draft_is_listed_apart_and_left_out_of_totals_and_completeness(inbox, tmp_path):
    result = run(inbox)
    assert [s.unit for s in result.used] == [A] and [s.unit for s in result.drafts] == [B]
    assert status_of(result, B).state == "draft" and status_of(result, B).state_vi == "Dự thảo, chưa nộp"
    assert all(r["_unit"] != B for r in result.obstacles) and len(result.obstacles) == 2
    (draft,) = [p for p in result.problems if p.kind == "draft"]
    assert "là dự thảo, chưa nộp" in draft.message and "không tính" in draft.message
    cover = cover_text(export(result, tmp_path / "th.xlsx"))
    n = len(units.units_of(HAI_PHONG))
    assert f"1/{n} đơn vị đã gửi báo cáo hợp lệ" in cover
    assert "1 đơn vị chỉ gửi dự thảo, chưa nộp" in cover


def test_drafts_ticked_in_are_counted_and_the_cover_says_so(inbox, tmp_path):
    result = run(inbox, include_drafts=True)
    assert {s.unit for s in result.used} == {A, B} and result.drafts == []
    assert len(result.obstacles) == 3
    # A draft was never sent: it is not late, nor one of the reports sent, though its figures count
    drafted = status_of(result, B)
    assert (drafted.state_vi, drafted.days_late) == ("Dự thảo, chưa nộp", 0)
    assert drafted.note == "Được tính vào số liệu theo lựa chọn của người tổng hợp"
    cover = cover_text(export(result, tmp_path / "th.xlsx"))
    assert "Theo lựa chọn của người tổng hợp, số liệu gồm cả 1 báo cáo dự thảo, chưa nộp" in cover
    assert f"1/{len(units.units_of(HAI_PHONG))} đơn vị đã gửi báo cáo hợp lệ" in cover


# --- edited files -----------------------------------------------------------------------------

def test_printed_figures_edited_after_export_are_flagged_with_sheet_and_cell(inbox, tmp_path):
    # Given A's file whose cover says 999 and whose form 01 total says 999 (the data untouched)
    wb = openpyxl.load_workbook(inbox / "a.xlsx")
    cover = wb["Báo cáo"]
    cell = next(c for row in cover.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("1. Tổng số khó khăn"))
    cell.value = cell.value.replace(": 2 vụ việc", ": 999 vụ việc")
    summary = wb["01 KKVM tổng hợp"]
    total = next(row for row in summary.iter_rows() if row[1].value == "Tổng cộng")
    total[-1].value = 999
    wb.save(inbox / "a.xlsx")
    # When the province consolidates
    result = run(inbox)
    # Then the file is shown, not merged
    (edited,) = [p for p in result.problems if p.kind == "edited"]
    assert f"trang «Báo cáo», ô {cell.coordinate}" in edited.message
    assert f"trang «01 KKVM tổng hợp», ô {total[-1].coordinate}: in «999», dữ liệu kèm theo cho «2»" in edited.message
    assert "Không tổng hợp tệp này" in edited.message and edited.kind_vi == "Số liệu in sửa sau khi xuất"
    assert result.used == [] and status_of(result, A).state == "edited" and result.obstacles == []
    # Unless the province includes it: then its data is used and the cover says so
    kept = run(inbox, include_edited=True)
    assert [s.unit for s in kept.used] == [A] and len(kept.obstacles) == 2
    assert "số liệu gồm cả 1 báo cáo có số liệu in bị sửa" in cover_text(export(kept, tmp_path / "th.xlsx"))


def test_hidden_data_edited_and_rehashed_with_desk_s_own_function_is_caught_by_the_printed_figures(
        workspace, tmp_path):
    # Given a file whose data says "resolved" while its printed pages say "in progress", hash recomputed
    d = units.units_of(HAI_PHONG)[5]
    add(workspace, d, "Khó khăn thật")
    with workspace.session() as session:
        data = periodic_report.build(session, d, Q3, signed_on=Q3.end, generated_at=datetime(2025, 9, 16, 9, 0),
                                     submitted=True, doc_number="Số: 01/BC-UBND")
    blocks = []
    for block in data.blocks:
        if block.name == "obstacles":
            rows = [dict(zip(block.columns, r)) for r in block.rows]
            rows[0].update(status="resolved", resolved_on="2025-09-01", result="Đã xong")
            block = replace(block, rows=tuple(tuple(r[c] for c in block.columns) for r in rows))
        blocks.append(block)
    path = tmp_path / "sua-an.xlsx"
    write_periodic_report(replace(data, blocks=tuple(blocks)), path)
    # When consolidated: the data check passes, the printed figures do not
    result = run(path)
    (edited,) = result.edited
    assert {e.sheet for e in edited.edits} == {"Báo cáo", "01 KKVM tổng hợp", "02 KKVM chi tiết"}
    assert any(e.printed == "Đang xử lý" and e.computed == "Đã tháo gỡ" for e in edited.edits)
    assert [p.kind for p in result.problems] == ["edited"] and result.used == []


def test_an_untouched_report_has_no_edits(inbox):
    result = run(inbox / "a.xlsx")
    assert [p.kind for p in result.problems] == [] and result.edited == []


# --- unit codes across list versions ----------------------------------------------------------

def _stamped(workspace, path, unit, code, version):
    """A report written as a Desk on another list version would: its unit under that version's code."""
    with workspace.session() as session:
        data = periodic_report.build(session, unit, Q3, signed_on=Q3.end, generated_at=datetime(2025, 9, 16, 9, 0),
                                     submitted=True, doc_number="Số: 02/BC-UBND")
    blocks = []
    for block in data.blocks:
        if "unit_code" in block.columns:
            i = block.columns.index("unit_code")
            block = replace(block, rows=tuple((*r[:i], str(code), *r[i + 1:]) for r in block.rows))
        blocks.append(block)
    manifest = dict(data.manifest, unit_code=code, units_version=version)
    write_periodic_report(replace(data, manifest=manifest, blocks=tuple(blocks)), path)
    return path


def test_a_file_stamped_with_another_list_version_is_mapped_by_name_and_province(workspace, tmp_path):
    ngo_quyen = units.unit(11329)
    add(workspace, ngo_quyen, "Ở Ngô Quyền")
    # 11341 was Phường Ngô Quyền in vietnam-provinces 2025.10.1, the list before this one
    path = _stamped(workspace, tmp_path / "nq.xlsx", ngo_quyen, 11341, "2025.10.1")
    result = run(path)
    assert [s.unit for s in result.used] == [ngo_quyen] and result.problems == []
    assert [r["unit_code"] for r in result.obstacles] == ["11329"]


def test_a_code_of_an_unknown_list_version_is_flagged_not_guessed(workspace, tmp_path):
    path = _stamped(workspace, tmp_path / "la.xlsx", A, A.code, "2099.1.0")
    result = run(path)
    (problem,) = result.problems
    assert problem.kind == "unmapped_unit" and "phiên bản 2099.1.0" in problem.message
    assert result.used == []


# --- the tier above ---------------------------------------------------------------------------

def test_a_province_re_consolidates_after_a_late_commune(workspace, inbox, tmp_path):
    first = export(run(inbox), tmp_path / "hai-phong-1.xlsx")
    add(workspace, C, "Thiếu máy tính")
    late = report(workspace, C, tmp_path / "c.xlsx", when=datetime(2025, 9, 20, 8, 0))
    result = run(first, late)
    assert {s.unit for s in result.used} == {A, C}
    assert status_of(result, C).state == "late" and status_of(result, A).state == "on_time"
    assert "qua tệp «hai-phong-1.xlsx»" in status_of(result, A).note
    assert sorted(r["title"] for r in result.obstacles) == ["Thiếu công chức địa chính", "Thiếu máy tính",
                                                             "Trụ sở chật hẹp"]
    assert [p.kind for p in result.problems] == []
    assert {s.kind for s in result.sources} == {"consolidated", "commune"}


def test_the_ministry_consolidates_two_provinces_and_a_loose_commune_found_twice(workspace, inbox, tmp_path):
    # Given Hải Phòng's consolidation (A) and Hà Nội's (X), and A's report sent again on its own, later
    hai_phong = export(run(inbox), tmp_path / "hai-phong.xlsx")
    add(workspace, X, "Ở Hà Nội")
    hn = tmp_path / "hn"
    hn.mkdir()
    report(workspace, X, hn / "x.xlsx")
    ha_noi = export(run(hn, province_code=HA_NOI), tmp_path / "ha-noi.xlsx")
    loose = tmp_path / "a-gui-lai.xlsx"
    with workspace.session() as session:
        data = periodic_report.build(session, A, Q3, signed_on=Q3.end, generated_at=datetime(2025, 9, 18, 9, 0),
                                     submitted=True, doc_number="Số: 09/BC-UBND")
    write_periodic_report(data, loose)
    # When the ministry consolidates the two workbooks and the loose file
    result = consolidation.consolidate([hai_phong, ha_noi, loose], Q3, national=True)
    # Then A is counted once, from its newest report, and the copy inside Hải Phòng's workbook is listed
    assert result.province is None and len(result.completeness) == len(units.all_units())
    assert sorted(s.unit.code for s in result.used) == sorted([A.code, X.code])
    a = status_of(result, A)
    assert a.submission.file == "a-gui-lai.xlsx" and a.state == "late"
    (dup,) = [p for p in result.problems if p.kind == "duplicate"]
    assert "«a.xlsx» (trong tệp tổng hợp «hai-phong.xlsx»)" in dup.message
    assert sorted(r["title"] for r in result.obstacles) == ["Thiếu công chức địa chính", "Trụ sở chật hẹp",
                                                             "Ở Hà Nội"]
    assert status_of(result, B).state == "missing"      # the province left B's draft out; so does the ministry
    # The ministry's workbook: the provinces' table, and its own machine-readable part for the tier above
    out = export(result, tmp_path / "toan-quoc.xlsx")
    wb = openpyxl.load_workbook(out, read_only=True)
    assert "Theo tỉnh" in wb.sheetnames
    rows = {r[1]: r for r in wb["Theo tỉnh"].iter_rows(values_only=True) if isinstance(r[0], int)}
    assert rows["Thành phố Hải Phòng"][2:4] == (len(units.units_of(HAI_PHONG)), 1)
    cover = cover_text(out)
    assert "BỘ NỘI VỤ" in cover
    # Every count in a sentence groups its thousands as the tables do: the ministry's 3.321 units
    assert f"2/{format_number_vi(len(units.all_units()))} đơn vị thuộc 34 tỉnh, thành phố đã gửi báo cáo hợp lệ" \
        in cover
    assert f"chưa nộp: {format_number_vi(len(units.all_units()) - 2)}" in cover and "3.3" in cover
    again = consolidation.consolidate([out], Q3, national=True)
    assert sorted(s.unit.code for s in again.used) == sorted([A.code, X.code]) and again.problems == []
    assert len(again.obstacles) == 3


def test_bad_inputs_are_each_flagged_while_the_rest_consolidate(workspace, inbox, tmp_path):
    folder = tmp_path / "mix"
    folder.mkdir()
    shutil.copy(inbox / "a.xlsx", folder / "a.xlsx")
    shutil.copy(inbox / "a.xlsx", folder / "a-ban-sao.xlsx")                       # duplicate
    add(workspace, C, "Ở C")
    with workspace.session() as session:
        periodic_report.export(session, C, periods.parse_period("2025-Q2"), folder / "c-q2.xlsx", submit=False)
    (folder / "hong.xlsx").write_bytes(b"PK\x03\x04 broken")                          # corrupt
    other = openpyxl.Workbook()
    other.active["A1"] = "Báo cáo tự lập"
    other.save(folder / "tu-lap.xlsx")                                               # another kind of file
    wb = openpyxl.load_workbook(inbox / "a.xlsx")
    wb["01 KKVM tổng hợp"]["H12"] = 50
    wb.save(folder / "a-sua.xlsx")                                                   # edited
    hanoi = units.units_of(HA_NOI)[1]
    add(workspace, hanoi, "Ở Hà Nội")
    report(workspace, hanoi, folder / "ha-noi.xlsx")                                 # another unit's province
    with zipfile.ZipFile(folder / "tu-lap.xlsx") as src, zipfile.ZipFile(folder / "macro.xlsm", "w") as dst:
        for item in src.infolist():                                                  # hostile: macros
            dst.writestr(item, src.read(item.filename))
        dst.writestr("xl/vbaProject.bin", b"\0" * 64)
    result = run(folder)
    kinds = sorted((p.file, p.kind) for p in result.problems)
    assert kinds == [("a-ban-sao.xlsx", "duplicate"), ("a-sua.xlsx", "edited"), ("c-q2.xlsx", "wrong_period"),
                     ("ha-noi.xlsx", "other_province"), ("hong.xlsx", "unsafe"), ("macro.xlsm", "unsafe"),
                     ("tu-lap.xlsx", "not_desk")]
    assert [s.unit for s in result.used] == [A] and len(result.obstacles) == 2


@pytest.mark.parametrize("first, second, message", [
    ({"domain": "BUDGET"}, {"id": ""}, "dòng 1, cột «domain»: lĩnh vực «BUDGET» không có trong danh mục"),
    ({"domain": "BUDGET", "id": ""}, {}, "dòng 1: thiếu mã bản ghi (id)"),
    ({}, {"domain": "BUDGET", "id": ""}, "dòng 2: thiếu mã bản ghi (id)"),
    ({"updated_at": "hôm qua"}, {}, "dòng 1, cột «updated_at»: «hôm qua» không phải thời điểm"),
    ({"updated_at": "hôm qua", "domain": "BUDGET"}, {}, "dòng 1, cột «domain»: lĩnh vực «BUDGET»"),
])
def test_a_bad_row_inside_a_consolidation_rejects_its_unit_only(workspace, inbox, tmp_path, first, second, message):
    # Given a province's workbook with A and C, A's rows altered before it was written (its check is right):
    # the choice list comes after the rows in the file, yet the first faulty row is named as for a unit's file
    add(workspace, C, "Thiếu máy tính")
    report(workspace, C, inbox / "c.xlsx")
    result = run(inbox)
    a_rows = [r for r in result.obstacles if r["_unit"] == A]
    a_rows[0].update(first)
    a_rows[1].update(second)
    out = export(result, tmp_path / "hai-phong.xlsx")
    # When it is consolidated again
    again = run(out)
    # Then A is rejected naming its first faulty row, and C is used
    (problem,) = again.problems
    assert problem.kind == "bad_data" and problem.unit == A.name
    assert f"Tệp «hai-phong.xlsx», khối dữ liệu «obstacles», {message}" in problem.message
    assert [s.unit for s in again.used] == [C] and [r["title"] for r in again.obstacles] == ["Thiếu máy tính"]


def test_a_province_workbook_whose_printed_figures_were_edited_is_flagged_at_the_ministry(inbox, tmp_path):
    out = export(run(inbox), tmp_path / "hai-phong.xlsx")
    wb = openpyxl.load_workbook(out)
    cell = next(c for row in wb["Tổng hợp"].iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("1. Tổng số khó khăn"))
    cell.value = cell.value.replace(": 2 vụ việc", ": 20 vụ việc")
    wb.save(out)
    result = consolidation.consolidate([out], Q3, national=True)
    (edited,) = result.edited
    assert edited.unit == A and edited.via == "hai-phong.xlsx"
    assert [(e.sheet, e.cell) for e in edited.edits] == [("Tổng hợp", cell.coordinate)]
    assert result.used == [] and status_of(result, A).state == "edited"


def _read_here_in_process(monkeypatch):
    """Files read in this process, so a limit lowered here holds for the reading too."""
    from desk.importers import worker

    def read_all(function, paths, parts=None, **_kwargs):
        for path in paths:
            try:
                yield worker.Read(path, value=worker.run(function, path, lambda part, path=path: parts(path, part)))
            except Exception as exc:        # as a worker hands back the error
                yield worker.Read(path, error=exc)

    monkeypatch.setattr(worker, "read_all", read_all)


def _heights(path):
    from python_calamine import CalamineWorkbook

    from desk.importers.desk_report import read_here

    wb = CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).height for name in wb.sheet_names if read_here(name)}


def test_a_consolidation_longer_than_a_unit_s_report_may_be_is_consolidated_again(inbox, tmp_path, monkeypatch):
    # At the ministry's scale the national consolidation's data sheet has 664,200 rows, past the 300,000 a
    # unit's report may have; here the limit is lowered below this small consolidation's data sheet.
    from desk.importers import safety
    from desk.importers.desk_report import ReportFileError, read_here, read_report
    from desk.reports.manifest import DATA_SHEET

    first = export(run(inbox), tmp_path / "hai-phong.xlsx")
    ours, commune = _heights(first), _heights(inbox / "a.xlsx")
    limit = ours[DATA_SHEET] - 1
    assert max(h for name, h in ours.items() if name != DATA_SHEET) + 5 < limit, ours
    monkeypatch.setattr(safety, "MAX_ROWS", limit)
    with pytest.raises(safety.RefusedFile, match="_desk_data|sheet"):
        safety.check_xlsx(first, reads=read_here)            # as every sheet was judged before
    _read_here_in_process(monkeypatch)
    again = run(first)
    assert [p.message for p in again.problems] == [] and [s.unit for s in again.used] == [A]
    assert sorted(r["title"] for r in again.obstacles) == ["Thiếu công chức địa chính", "Trụ sở chật hẹp"]

    # A unit's own report is held to the limit, however its data sheet is laid out
    assert max(h for name, h in commune.items() if name != DATA_SHEET) < commune[DATA_SHEET], commune
    monkeypatch.setattr(safety, "MAX_ROWS", commune[DATA_SHEET] - 1)
    with pytest.raises(ReportFileError) as refused:
        read_report(inbox / "a.xlsx")
    assert refused.value.kind == "unsafe"
    # The roomy sheet keeps limits of its own (and its reader the memory ceiling)
    monkeypatch.setattr(safety, "MAX_ROOMY_CELLS", 10)
    with pytest.raises(ReportFileError, match="vượt giới hạn"):
        read_report(first)


def test_a_consolidation_too_big_to_read_whole_under_the_ceiling_is_read_row_by_row(inbox, tmp_path, monkeypatch):
    from tests.importers import probe

    from desk.importers import worker
    from desk.importers.safety import RefusedFile

    # Given a consolidation of 30,000 obstacles with long descriptions (the ministry's has 664,200 rows):
    # read whole, its rows take a reader to ~510 MB; read row by row, ~320 MB (python-calamine still
    # holds the sheet's cells)
    first = run(inbox)
    one = first.obstacles[0]
    text = "Trụ sở ủy ban xuống cấp, chưa được bố trí kinh phí sửa chữa; " * 50
    first.obstacles = [dict(one, id=f"{one['id'][:24]}{n:012x}", description=f"{n} {text}") for n in range(30_000)]
    big = export(first, tmp_path / "lon.xlsx")
    ceiling_mb = 410
    done = next(worker.read_all(probe.whole_report, [big], ceiling=ceiling_mb * 1024 ** 2))
    assert isinstance(done.error, RefusedFile) and done.error.kind == "too_heavy"
    # When it is consolidated again with its readers held to that ceiling
    monkeypatch.setenv("DESK_READER_MEMORY_MB", str(ceiling_mb))
    again = run(big)
    # Then every row arrives, as the units' reports' rows, with the same figures
    assert again.problems == [] and [s.unit for s in again.used] == [A]
    assert len(again.obstacles) == 30_000 and len(again.used[0].rows("obstacles")) == 30_000
    assert {r["description"] for r in again.obstacles[:3]} == {f"{n} {text}" for n in range(3)}
    assert consolidation_report.figures(again.obstacles, Q3) == consolidation_report.figures(first.obstacles, Q3)


# --- edited staffing, procedure and needs figures ---------------------------------------------

DEMO_DAY = datetime(2025, 11, 20, 9, 0)


@pytest.fixture(scope="module")
def full_report(tmp_path_factory):
    """Phường Ngô Quyền's demo registers, every section, its Q3 report submitted."""
    from tests.conftest import NGO_QUYEN, desk_in

    from desk.services import demo

    folder = tmp_path_factory.mktemp("full")
    workspace = desk_in(folder / "data")
    unit = units.unit(NGO_QUYEN)
    with workspace.session() as session:
        demo.fill(session, unit, count=20, today=DEMO_DAY.date())
    path = folder / "ngo-quyen.xlsx"
    with workspace.session() as session:
        periodic_report.export(session, unit, Q3, path, submit=True, now=DEMO_DAY)
    workspace.engine.dispose()
    return path


def _edit_cell(ws, find, change):
    """The first cell find() picks, changed by change(value); returns its coordinate."""
    cell = next(c for row in ws.iter_rows() for c in row if find(ws, c))
    cell.value = change(cell.value)
    return cell.coordinate


def _edited_copy(source, folder, sheet, find, change):
    """A copy of source in folder with the cell find() picks changed by change(value), saved as Excel would;
    returns the copy and the cell's coordinate."""
    path = folder / source.name
    shutil.copyfile(source, path)
    wb = openpyxl.load_workbook(path)
    cell = _edit_cell(wb[sheet], find, change)
    wb.save(path)
    return path, cell


def _in_row(label, heading):
    """The cell of the row labelled `label` (column B) under the column headed `heading`."""
    def find(ws, cell):
        head = next(c for row in ws.iter_rows() for c in row if c.value == heading)
        return cell.column == head.column and ws.cell(cell.row, 2).value == label
    return find


def _starting(text):
    return lambda ws, cell: isinstance(cell.value, str) and cell.value.startswith(text)


def _holding(text):
    return lambda ws, cell: isinstance(cell.value, str) and text in cell.value


def _numbered(number, heading):
    """The cell of the list's row numbered `number` (column A) under the column headed `heading`."""
    def find(ws, cell):
        head = next(c for row in ws.iter_rows() for c in row if c.value == heading)
        return cell.column == head.column and ws.cell(cell.row, 1).value == number
    return find


EDITS = {
    "the staffing form's total": ("05 Biên chế", _in_row("Tổng cộng", "Hiện có"), lambda v: v + 4),
    # The total's shortage (the rows' sum, 12) put back to the unit's own (11), as an older Desk printed it
    "the staffing form's total shortage": ("05 Biên chế", _in_row("Tổng cộng", "Thiếu"), lambda v: v - 1),
    "the unit's own shortage": ("05 Biên chế", _in_row(NET_LABEL, "Thiếu"), lambda v: v + 1),
    "the cover's own staffing figure": ("Báo cáo", _starting("a) Biên chế được giao"),
                                        lambda v: v.replace("phòng, ban: thiếu ", "phòng, ban: thiếu 1")),
    "an office's shortage": ("05 Biên chế", _in_row("Văn phòng HĐND và UBND", "Thiếu"), lambda v: (v or 0) + 1),
    "a procedure count": ("11 TTHC", _in_row("- Tiếp nhận trong kỳ: trực tiếp", "Số lượng"), lambda v: v + 35),
    "a procedure share": ("11 TTHC", _in_row("Hồ sơ được số hóa", "Tỷ lệ"), lambda v: "99,9%"),
    "a profession's need": ("12 Nhu cầu nhân sự", _in_row("Đất đai, địa chính", "Còn thiếu"), lambda v: v + 2),
    "the cover's staffing": ("Báo cáo", _starting("a) Biên chế được giao"),
                             lambda v: v.replace("hiện có: ", "hiện có: 1")),
    "the report's number": ("Báo cáo", _starting("Số:"), lambda v: "Số: 99/BC-UBND"),
    "the cover's movements": ("Báo cáo", _holding("lượt điều động, biệt phái"),
                              lambda v: v.replace("Trong kỳ có ", "Trong kỳ có 1")),
    "the cover's initiatives": ("Báo cáo", _holding("sáng kiến, mô hình được triển khai"),
                                lambda v: v.replace("đã phục vụ ", "đã phục vụ 1")),
    "an initiative's people served": ("10 Sáng kiến, mô hình", _numbered(1, "Số lượt người dân được phục vụ (lũy kế)"),
                                      lambda v: (v or 0) + 500),
    "an initiative's name": ("10 Sáng kiến, mô hình", _numbered(1, "Tên sáng kiến, mô hình"), lambda v: v + " (mới)"),
    "the cover's split of movements": ("Báo cáo", _holding("lượt điều động, biệt phái"),
                                       lambda v: v.replace("đi nơi khác: ", "đi nơi khác: 1")),
}


@pytest.mark.parametrize("edit", EDITS)
def test_a_staffing_procedure_or_needs_figure_or_the_number_edited_by_hand_is_flagged(full_report, tmp_path, edit):
    # Given the commune's file, one printed figure changed in Excel after export
    sheet, find, change = EDITS[edit]
    path, cell = _edited_copy(full_report, tmp_path, sheet, find, change)
    # When the province consolidates it
    result = run(path)
    # Then the file is shown with the sheet and cell, and its figures are left out
    (edited,) = [p for p in result.problems if p.kind == "edited"]
    assert f"trang «{sheet}», ô {cell}" in edited.message
    assert result.used == []


def test_the_full_report_untouched_has_no_edits(full_report):
    result = run(full_report)
    assert [p.kind for p in result.problems] == [] and len(result.used) == 1


def test_a_report_printed_before_the_units_own_staffing_line_is_not_taken_for_an_edited_one(full_report, tmp_path):
    # Given the commune's file as an older Desk printed it: «Tổng cộng» with the unit's own (net) surplus and
    # shortage, no line for it under the table, and the cover saying only that (its data is the same)
    path = tmp_path / full_report.name
    shutil.copyfile(full_report, path)
    wb = openpyxl.load_workbook(path)
    form = wb["05 Biên chế"]
    head = next(r for r in form.iter_rows() if any(c.value == "Thiếu" for c in r))
    columns = {c.value: c.column for c in head}
    total = next(c.row for c in form["B"] if c.value == "Tổng cộng")
    form.cell(total, columns["Thừa"]).value, form.cell(total, columns["Thiếu"]).value = 0, 11
    form.delete_rows(next(c.row for c in form["B"] if c.value == NET_LABEL))
    cover = wb["Báo cáo"]
    cell = next(c for r in cover.iter_rows() for c in r if str(c.value).startswith("a) Biên chế được giao"))
    assert cell.value.endswith("thừa: 1; thiếu: 12 (tính chung toàn đơn vị, sau bù trừ giữa các phòng, ban: "
                               "thiếu 11).")
    cell.value = cell.value.split("; thừa:")[0] + "; thừa: 0; thiếu: 11."
    wb.save(path)
    # When the province consolidates it, Then nothing looks edited
    result = run(path)
    assert result.problems == [] and len(result.used) == 1
    # And a figure changed in such a file is still caught
    form.cell(total, columns["Thiếu"]).value = 12
    wb.save(path)
    (edited,) = [p for p in run(path).problems if p.kind == "edited"]
    assert f"ô {form.cell(total, columns['Thiếu']).coordinate}" in edited.message


def test_each_units_line_on_the_provinces_staffing_form_adds_up_its_offices_and_their_own_go_last(
        workspace, full_report, tmp_path):
    # Given two communes' reports, each with an office over its frame while others are under: Ngô Quyền (the
    # rows add up to 1 over and 12 short, the unit itself is 11 short) and B (1 over, 3 short; itself 2 short)
    with workspace.session() as session:
        for office, authorised in (("office", 1), ("economy", 4)):
            records.save(session, STAFFING_FRAMES, {"office": office, "authorised": authorised,
                                                    "effective_date": "01/07/2025"}, unit_code=B.code)
        for name, office in (("Nguyễn Văn An", "office"), ("Trần Văn Bình", "office"), ("Lê Thị Cúc", "economy")):
            records.save(session, OFFICIALS, {"full_name": name, "staff_category": "civil_servant", "office": office,
                                              "title": "staff", "status": "working"}, unit_code=B.code)
    b = report(workspace, B, tmp_path / "b.xlsx")
    # When the province consolidates them
    out = export(run(full_report, b), tmp_path / "th.xlsx")
    rows = list(openpyxl.load_workbook(out, read_only=True)["Biên chế"].iter_rows(values_only=True))
    head = next(r for r in rows if "Thiếu" in r)
    surplus, shortage = head.index("Thừa"), head.index("Thiếu")
    figures = lambda r: (r[surplus], r[shortage])  # noqa: E731
    units_at = [i for i, r in enumerate(rows) if isinstance(r[0], int)]
    assert [rows[i][1] for i in units_at] == [B.name, "Phường Ngô Quyền"] or \
        [rows[i][1] for i in units_at] == ["Phường Ngô Quyền", B.name]
    # Then each unit's line is the sum of its offices' lines under it
    for i in units_at:
        offices = list(itertools.takewhile(lambda r: isinstance(r[0], str) and "." in r[0], rows[i + 1:]))
        assert offices and figures(rows[i]) == (sum(o[surplus] or 0 for o in offices),
                                                sum(o[shortage] or 0 for o in offices))
    assert sorted(figures(rows[i]) for i in units_at) == [(1, 3), (1, 12)]
    # And «Tổng cộng» is the sum of the units' lines
    grand = next(r for r in rows if r[1] == "Tổng cộng")
    assert figures(grand) == (2, 15)
    # And the last line, labelled, adds up each unit's own figure: 11 + 2 short
    last = max(i for i, r in enumerate(rows) if r[1])
    assert rows[last][1] == consolidation_report.STAFFING_NET_LABEL and figures(rows[last]) == (0, 13)
    assert all(v is None for k, v in enumerate(rows[last]) if k not in (1, surplus, shortage))
    # And the note under the form says which is which
    notes = [r[0] for r in rows[last + 1:] if r[0]]
    assert notes[:1] == list(consolidation_report.STAFFING_NOTES)


def test_the_provinces_staffing_form_carries_who_is_seconded_and_no_cap_where_none_applies(full_report, tmp_path):
    # Given the commune's report: its form 05 prints who is seconded out and in
    commune = openpyxl.load_workbook(full_report, read_only=True)["05 Biên chế"]
    rows = [r for r in commune.iter_rows(values_only=True)]
    head = next(r for r in rows if "Hiện có" in r)
    total = next(r for r in rows if r[1] == "Tổng cộng")
    away, guests = (total[head.index(h)] for h in ("Trong đó biệt phái, tăng cường đi",
                                                  "Được biệt phái, tăng cường đến"))
    assert away > 0
    # When the province consolidates it
    out = export(run(full_report), tmp_path / "th.xlsx")
    # Then its form 04/TH has the same figures, on the commune's line and in the total
    sheet = openpyxl.load_workbook(out, read_only=True)["Biên chế"]
    rows = [r for r in sheet.iter_rows(values_only=True)]
    head = next(r for r in rows if "Hiện có" in r)
    column = {h: head.index(h) for h in ("Trong đó biệt phái, tăng cường đi", "Được biệt phái, tăng cường đến",
                                         "Cấp phó tối đa")}
    grand = next(r for r in rows if "Tổng cộng" in r)
    line = next(r for r in rows if "Phường Ngô Quyền" in r)
    for row in (grand, line):
        assert (row[column["Trong đó biệt phái, tăng cường đi"]], row[column["Được biệt phái, tăng cường đến"]]) == \
            (away, guests)
    # And the deputy cap, which no rule set for the quarter, is blank in the total, not a 0
    assert line[column["Cấp phó tối đa"]] is None and grand[column["Cấp phó tối đa"]] is None


def test_a_row_deleted_from_the_list_is_said_first_not_after_the_rows_it_shifted(inbox):
    wb = openpyxl.load_workbook(inbox / "a.xlsx")
    listed = wb["02 KKVM chi tiết"]
    first = next(c.row for c in listed["A"] if c.value == 1)
    listed.delete_rows(first)
    wb.save(inbox / "a.xlsx")
    (edited,) = [p for p in run(inbox).problems if p.kind == "edited"]
    said = edited.message.split("trang «", 2)
    assert "in «1 dòng», dữ liệu kèm theo cho «2 dòng»" in said[1]


def test_a_commune_left_out_has_no_line_of_zeros_on_the_movement_and_visit_forms(inbox, tmp_path):
    # B sent only a draft: left out of the figures, it is not listed as a commune with no movement or visit
    result = run(inbox)
    wb = openpyxl.load_workbook(export(result, tmp_path / "th.xlsx"), read_only=True)
    for sheet in ("Điều động, biệt phái", "Khảo sát, làm việc"):
        named = {r[1] for r in wb[sheet].iter_rows(values_only=True) if isinstance(r[0], int)}
        assert named == {A.name}, (sheet, named)


def test_a_movement_list_deleted_from_the_file_is_flagged(full_report, tmp_path):
    path = tmp_path / full_report.name
    shutil.copyfile(full_report, path)
    wb = openpyxl.load_workbook(path)
    del wb["07 Điều động, biệt phái"]
    wb.save(path)
    (edited,) = [p for p in run(path).problems if p.kind == "edited"]
    assert "trang «Điều động, biệt phái»: in «không có trang này»" in edited.message


def test_a_visit_deleted_from_the_printed_list_is_flagged(full_report, tmp_path):
    # Given the commune's file with a visit's row deleted from its printed list (form 08) in Excel
    path = tmp_path / full_report.name
    shutil.copyfile(full_report, path)
    wb = openpyxl.load_workbook(path)
    listed = wb["08 Khảo sát, làm việc"]
    numbered = [c.row for c in listed["A"] if isinstance(c.value, int)]
    assert len(numbered) >= 2
    listed.delete_rows(numbered[-1])
    wb.save(path)
    # When the province consolidates it: the file is left out, the sheet and the row count named
    result = run(path)
    (edited,) = [p for p in result.problems if p.kind == "edited"]
    assert (f"trang «08 Khảo sát, làm việc», ô A{numbered[-2]}: in «{len(numbered) - 1} dòng», dữ liệu kèm theo "
            f"cho «{len(numbered)} dòng»") in edited.message
    assert result.used == []


def test_data_with_a_control_character_desk_never_writes_is_refused_and_the_output_stays_readable(inbox, tmp_path):
    from python_calamine import CalamineWorkbook

    from desk.reports.manifest import data_hash, parse_blocks, parse_manifest

    # Given A's file whose data (not its printed sheets) holds a control character, its data hash made anew
    path = inbox / "a.xlsx"
    wb = openpyxl.load_workbook(path)
    rows = list(wb["_desk_data"].iter_rows())
    header = next(r for r in rows if any(c.value == "cause" for c in r))
    column = [c.value for c in header].index("cause")
    rows[rows.index(header) + 1][column].value = "Nguyên nhân_x0001_ẩn"     # Excel's escape: calamine reads U+0001
    wb.save(path)
    read = CalamineWorkbook.from_path(str(path))
    manifest = parse_manifest(read.get_sheet_by_name("_desk_manifest").to_python())
    digest = data_hash(manifest.values, parse_blocks(read.get_sheet_by_name("_desk_data").to_python()))
    wb = openpyxl.load_workbook(path)
    next(r for r in wb["_desk_manifest"].iter_rows() if r[0].value == "data_sha256")[1].value = digest
    wb.save(path)
    # When the province consolidates: the file is refused, naming the block, row and column
    result = run(inbox)
    (bad,) = [p for p in result.problems if p.kind == "bad_data"]
    assert "khối dữ liệu «obstacles», dòng 1, cột «cause»: có ký tự điều khiển U+0001" in bad.message
    assert A not in [s.unit for s in result.used]
    # And its workbook opens (the character would have made its XML unreadable)
    openpyxl.load_workbook(export(result, tmp_path / "th.xlsx"))


def test_a_report_renamed_xls_is_read_as_the_xlsx_it_is(inbox):
    (inbox / "a.xlsx").rename(inbox / "a.xls")
    result = run(inbox)
    assert [s.unit for s in result.used] == [A] and [p.kind for p in result.problems if p.kind != "draft"] == []


def test_two_different_reports_under_one_number_are_called_so_and_a_copy_is_called_a_copy(workspace, tmp_path):
    # Given a commune that made its report numbered 01 on two computers, with different figures
    def made(path, at):
        with workspace.session() as session:
            data = periodic_report.build(session, C, Q3, signed_on=Q3.end, generated_at=at, submitted=True,
                                         doc_number="Số: 01/BC-UBND")
        write_periodic_report(data, path)

    add(workspace, C, "Thiếu công chức địa chính")
    made(tmp_path / "may-1.xlsx", datetime(2025, 9, 15, 9, 0))
    add(workspace, C, "Trụ sở chật hẹp", domain="PREMISES")
    made(tmp_path / "may-2.xlsx", datetime(2025, 9, 16, 9, 0))
    shutil.copy(tmp_path / "may-2.xlsx", tmp_path / "may-2 - ban sao.xlsx")
    # When the province consolidates them
    result = run(tmp_path)
    # Then the later one is used, and the province is told the two differ, with what each holds
    assert [len(s.rows("obstacles")) for s in result.used] == [2]
    said = sorted(p.message for p in result.problems if p.kind == "duplicate")
    assert len(said) == 2
    different = next(m for m in said if "may-1.xlsx" in m)
    assert "có hai báo cáo cùng số «01/BC-UBND» nhưng số liệu khác nhau" in different
    assert "lập lúc 09:00 ngày 15/09/2025, 1 khó khăn, vướng mắc" in different
    assert "đề nghị hỏi lại đơn vị bản nào đúng" in different
    copy = next(m for m in said if "may-1.xlsx" not in m)
    assert "giống hệt" in copy and "chỉ tính một lần" in copy


# --- movements, visits and initiatives --------------------------------------------------------

def test_the_communes_movements_visits_and_initiatives_reach_the_province_and_the_ministry(workspace, tmp_path):
    from desk.domain.registers.initiatives import REGISTER as INITIATIVES
    from desk.domain.registers.movements import REGISTER as MOVEMENTS
    from desk.domain.registers.officials import REGISTER as OFFICIALS
    from desk.domain.registers.visits import REGISTER as VISITS

    def save(unit, reg, **values):
        with workspace.session() as session:
            return records.save(session, reg, values, unit_code=unit.code)

    # Given A: one official seconded out, two people reinforcing it, a ministry visit that found an obstacle,
    # and an initiative; B: nothing of these
    hung = save(A, OFFICIALS, full_name="Trần Văn Hùng", staff_category="civil_servant", office="economy",
                title="staff", status="working")
    save(A, MOVEMENTS, kind="secondment", direction="out", official_id=hung, start_date="01/08/2025",
         host_body="Sở Nội vụ")
    for name in ("Lê Thị Mai", "Phạm Văn Nam"):
        save(A, MOVEMENTS, kind="reinforcement", direction="in", person_name=name, start_date="15/08/2025",
             home_body="Sở Tài chính")
    visit = save(A, VISITS, kind="survey", team_body="Bộ Nội vụ", start_date="10/09/2025", content="Khảo sát bộ máy")
    add(workspace, A, "Trụ sở phân tán", domain="PREMISES", visit_id=visit)
    add(workspace, A, "Thiếu công chức địa chính")
    save(A, INITIATIVES, name="Thứ bảy thân thiện", start_date="02/08/2025", channels=["in_person"],
         status="active", people_served=1250)
    add(workspace, B, "Chưa có tài khoản kho bạc", domain="ACCOUNTING")
    folder = tmp_path / "inbox"
    folder.mkdir()
    report(workspace, A, folder / "a.xlsx")
    report(workspace, B, folder / "b.xlsx")
    # When the province consolidates their reports
    out = export(run(folder), tmp_path / "th.xlsx")
    # Then its forms 10-12/TH give each commune's figures, B's zeros too, and the cover their totals
    wb = openpyxl.load_workbook(out, read_only=True)

    def lines(sheet):
        rows = list(wb[sheet].iter_rows(values_only=True))
        head = next(r for r in rows if "Đơn vị" in r)
        return {r[head.index("Đơn vị")]: dict(zip(head, r)) for r in rows if r[1] is not None
                and r[head.index("Đơn vị")] in (A.name, B.name, "Tổng cộng")}

    moves = lines("Điều động, biệt phái")
    assert {k: moves[A.name][k] for k in ("Tổng số", "Từ nơi khác đến đơn vị", "Đến theo hình thức tăng cường",
                                          "Đến theo hình thức biệt phái", "Cán bộ của đơn vị đi nơi khác")} == \
        {"Tổng số": 3, "Từ nơi khác đến đơn vị": 2, "Đến theo hình thức tăng cường": 2,
         "Đến theo hình thức biệt phái": 0, "Cán bộ của đơn vị đi nơi khác": 1}
    assert moves[B.name]["Tổng số"] == 0 and moves["Tổng cộng"]["Tổng số"] == 3
    trips = lines("Khảo sát, làm việc")
    assert (trips[A.name]["Khảo sát"], trips[A.name]["Khó khăn, vướng mắc phát hiện qua khảo sát"],
            trips[A.name]["Cơ quan của đoàn"]) == (1, 1, "Bộ Nội vụ")
    assert trips[B.name]["Tổng số"] == 0
    ideas = [r for r in wb["Sáng kiến, mô hình"].iter_rows(values_only=True) if r[2] == "Thứ bảy thân thiện"]
    assert [(r[1], r[4], r[5]) for r in ideas] == [(A.name, "Đang triển khai", 1250)]
    cover = cover_text(out)
    assert ("Điều động, biệt phái, luân chuyển, tăng cường: 3 lượt, gồm 2 lượt cán bộ, công chức từ nơi khác đến các "
            "đơn vị (theo hình thức: tăng cường: 2) và 1 lượt cán bộ của các đơn vị đi nơi khác (biểu số 10/TH)") \
        in cover
    assert "Khảo sát, làm việc: 1 đợt tại 1 đơn vị; qua đó ghi nhận 1 khó khăn, vướng mắc (biểu số 11/TH)" in cover
    assert "1 sáng kiến, mô hình của 1 đơn vị, lũy kế đã phục vụ 1.250 lượt người dân, hỗ trợ 0 hồ sơ (biểu số 12/TH)" \
        in cover
    # And the ministry, consolidating the province's workbook, has the same figures
    national = consolidation.consolidate([out], Q3, national=True)
    assert (len(national.movements), len(national.visits), len(national.initiatives)) == (3, 1, 1)
    out = export(national, tmp_path / "bnv.xlsx")
    assert "3 lượt, gồm 2 lượt cán bộ, công chức từ nơi khác" in cover_text(out)
    # and its table by province (13/TH) counts them for Hải Phòng
    sheet = list(openpyxl.load_workbook(out, read_only=True)["Theo tỉnh"].iter_rows(values_only=True))
    head = next(r for r in sheet if "Tỉnh, thành phố" in r)
    hai_phong = dict(zip(head, next(r for r in sheet if "Thành phố Hải Phòng" in r)))
    assert (hai_phong["Điều động, biệt phái (lượt)"], hai_phong["Khảo sát, làm việc (đợt)"],
            hai_phong["Sáng kiến, mô hình"]) == (3, 1, 1)


PROVINCE_EDITS = {
    "the cover's movement line": ("Tổng hợp", _holding("Điều động, biệt phái, luân chuyển, tăng cường:"),
                                  lambda v: v.replace(": ", ": 1", 1)),
    "10/TH's total": ("Điều động, biệt phái", _in_row("Tổng cộng", "Tổng số"), lambda v: v + 10),
    "11/TH's obstacles found": ("Khảo sát, làm việc",
                                _in_row("Tổng cộng", "Khó khăn, vướng mắc phát hiện qua khảo sát"), lambda v: v + 1),
    "12/TH's people served": ("Sáng kiến, mô hình", _in_row("Tổng cộng", "Lượt người dân được phục vụ (lũy kế)"),
                              lambda v: v + 100_000),
}


@pytest.fixture(scope="module")
def province_workbook(full_report, tmp_path_factory):
    """Hải Phòng's workbook of Ngô Quyền's full report (movements, visits, initiatives)."""
    result = consolidation.consolidate([full_report], Q3, province_code=HAI_PHONG)
    return export(result, tmp_path_factory.mktemp("province") / "hai-phong.xlsx")


@pytest.mark.parametrize("edit", PROVINCE_EDITS)
def test_a_provinces_movement_visit_or_initiative_figure_edited_is_flagged_at_the_ministry(province_workbook,
                                                                                          tmp_path, edit):
    # Untouched, the ministry uses it
    assert [p.kind for p in consolidation.consolidate([province_workbook], Q3, national=True).problems] == []
    # Edited in Excel: the sheet and cell are named, the province's communes left out
    sheet, find, change = PROVINCE_EDITS[edit]
    path, cell = _edited_copy(province_workbook, tmp_path, sheet, find, change)
    result = consolidation.consolidate([path], Q3, national=True)
    (edited,) = result.edited
    assert (sheet, cell) in [(e.sheet, e.cell) for e in edited.edits] and result.used == []


def test_a_long_consolidation_s_data_sheet_helper_loads_while_its_forms_are_counted(workspace, tmp_path, monkeypatch):
    # Given a consolidation whose data sheet is long enough to be made by a second process (lowered here)
    import multiprocessing

    from desk import helper_pools
    from desk.reports import sheet_helper

    folder = tmp_path / "inbox"
    folder.mkdir()
    for i in range(6):
        add(workspace, A, f"Thiếu công chức địa chính {i}")
    report(workspace, A, folder / "a.xlsx")
    result = run(folder)
    monkeypatch.setattr(sheet_helper, "HELPED_ROWS", 3)
    monkeypatch.setattr(sheet_helper, "_CHUNK", 2)
    happened: list[str] = []
    starting, counting = helper_pools.start, consolidation_report.build
    monkeypatch.setattr(helper_pools, "start", lambda *a, **k: happened.append("start") or starting(*a, **k))
    monkeypatch.setattr(consolidation_report, "build", lambda *a, **k: happened.append("count") or counting(*a, **k))
    # When it is written
    written = export(result, tmp_path / "hai-phong.xlsx")
    # Then its helper was started once, before the forms' figures were counted, and has ended with the file
    assert happened == ["start", "count"] and multiprocessing.active_children() == []
    # and the province's file reads back whole: every obstacle, its data check intact
    again = run(written)
    assert [p.message for p in again.problems] == []
    assert sorted(r["title"] for r in again.obstacles) == [f"Thiếu công chức địa chính {i}" for i in range(6)]
