"""The gate before any parser: a corpus of hostile and broken files, each refused for its own reason."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.importers.hostile import BILLION_LAUGHS, EXTERNAL_ENTITY, build_corpus, cases, minimal_parts, zip_bytes

from desk.importers import safety
from desk.importers.safety import RefusedFile, check_xlsx

GATE_CASES = [c for c in cases() if c.kind is not None]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return {case.name: (case, path) for case, path in build_corpus(tmp_path_factory.mktemp("hostile"))}


@pytest.fixture
def no_parser(monkeypatch):
    """Fail the test if a workbook parser is reached: the gate must decide before any parsing."""
    import python_calamine

    def refuse(*args, **kwargs):
        raise AssertionError("a parser was called before the gate refused the file")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", refuse)
    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


@pytest.mark.parametrize("case", GATE_CASES, ids=lambda c: c.name)
def test_each_hostile_file_is_refused_before_parsing_with_its_own_message(corpus, case, no_parser):
    _, path = corpus[case.name]
    with pytest.raises(RefusedFile) as refused:
        check_xlsx(path)
    assert refused.value.kind == case.kind
    message = str(refused.value)
    assert message.startswith(f"Không nhập được tệp «{case.name}»: ")
    assert case.phrase in message


def test_the_refusals_are_told_apart():
    # One message per trick: a clerk (and support) can tell what was wrong with the file.
    kinds = {c.kind for c in GATE_CASES}
    assert {"xls", "encrypted", "macro", "xlsb", "not_excel", "corrupt", "empty_file", "zip_bomb", "xml_bomb",
            "xml_external_entity", "xml_encoding", "far_cell", "duplicate_entry"} <= kinds


def test_a_plain_workbook_passes(tmp_path):
    path = tmp_path / "ok.xlsx"
    path.write_bytes(zip_bytes(minimal_parts()))
    check_xlsx(path)  # no exception
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Nội dung"
    wb.save(tmp_path / "openpyxl.xlsx")
    check_xlsx(tmp_path / "openpyxl.xlsx")


def test_the_file_type_is_judged_by_content_not_by_name(tmp_path):
    # A real workbook saved under another name is a workbook; a .xlsx name does not make one.
    path = tmp_path / "bao-cao.dat"
    path.write_bytes(zip_bytes(minimal_parts()))
    check_xlsx(path)


def test_a_missing_file_and_a_folder_are_named(tmp_path):
    with pytest.raises(RefusedFile, match="không tìm thấy tệp"):
        check_xlsx(tmp_path / "khong-co.xlsx")
    with pytest.raises(RefusedFile, match="đây là một thư mục, không phải tệp"):
        check_xlsx(tmp_path)


def test_the_ratio_limit_spares_small_parts_and_catches_big_ones(tmp_path, monkeypatch):
    # A small, very repetitive part is harmless; the same ratio above the floor is a bomb.
    parts = {**minimal_parts(), "xl/worksheets/sheet1.xml": b"<worksheet>" + b" " * 2_000_000 + b"</worksheet>"}
    path = tmp_path / "repetitive.xlsx"
    path.write_bytes(zip_bytes(parts))
    check_xlsx(path)
    monkeypatch.setattr(safety, "RATIO_FLOOR", 1_000_000)
    with pytest.raises(RefusedFile) as refused:
        check_xlsx(path)
    assert refused.value.kind == "zip_bomb"


def test_sizes_are_counted_while_unpacking_not_taken_from_the_headers(tmp_path, monkeypatch):
    # Below every declared limit, yet unpacking more than the total allowed is stopped.
    monkeypatch.setattr(safety, "MAX_TOTAL_UNCOMPRESSED", 1_500_000)
    monkeypatch.setattr(safety, "RATIO_FLOOR", 10**9)
    parts = {**minimal_parts(), "xl/worksheets/sheet1.xml": b"<w>" + b"a" * 1_400_000 + b"</w>",
             "xl/media/x.xml": b"<m>" + b"b" * 1_400_000 + b"</m>"}
    path = tmp_path / "big.xlsx"
    path.write_bytes(zip_bytes(parts))
    with pytest.raises(RefusedFile, match="bom nén"):
        check_xlsx(path)


def test_a_dtd_split_across_read_chunks_is_still_found(tmp_path, monkeypatch):
    monkeypatch.setattr(safety, "_CHUNK", 64)
    parts = minimal_parts(strings=" " * 60 + BILLION_LAUGHS)
    path = tmp_path / "split.xlsx"
    path.write_bytes(zip_bytes(parts))
    with pytest.raises(RefusedFile) as refused:
        check_xlsx(path)
    assert refused.value.kind == "xml_bomb"


def test_defusedxml_is_installed_and_used_by_openpyxl():
    import defusedxml
    from openpyxl import xml

    assert defusedxml.__version__
    assert xml.DEFUSEDXML
    safety.require_defusedxml()


@pytest.mark.parametrize("strings", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion laughs", "external entity"])
def test_behind_the_gate_openpyxl_still_refuses_entities(tmp_path, strings):
    # Defence in depth: were the gate bypassed, defusedxml inside openpyxl refuses the DTD.
    from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

    path = tmp_path / "bomb.xlsx"
    path.write_bytes(zip_bytes(minimal_parts(strings=strings)))
    with pytest.raises(ValueError) as raised:
        openpyxl.load_workbook(path)
    cause = raised.value.__cause__ or raised.value.__context__
    assert isinstance(cause, (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden))


def test_without_defusedxml_nothing_is_parsed(monkeypatch, tmp_path):
    from openpyxl import xml

    monkeypatch.setattr(xml, "DEFUSEDXML", False)
    path = tmp_path / "ok.xlsx"
    path.write_bytes(zip_bytes(minimal_parts()))
    with pytest.raises(RuntimeError, match="defusedxml"):
        check_xlsx(path)


def test_the_corpus_script_writes_every_case(tmp_path):
    done = subprocess.run([sys.executable, str(Path(__file__).with_name("hostile.py")), str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(c.name for c in cases())


def test_the_gate_reports_hidden_rows_even_across_read_chunks(tmp_path, monkeypatch):
    monkeypatch.setattr(safety, "_CHUNK", 64)     # every row tag straddles a chunk boundary somewhere
    rows = "".join(f'<row r="{n}" spans="1:2"{" hidden=\"1\"" if n in (4, 7) else ""} ht="15">'
                   f'<c r="A{n}" t="s"><v>0</v></c></row>' for n in range(1, 12))
    rows += '<row r="12" hidden="true"><c r="A12" t="s"><v>1</v></c></row><row r="13" hidden="0"/>'
    path = tmp_path / "an.xlsx"
    path.write_bytes(zip_bytes(minimal_parts(sheet_rows=rows)))
    assert check_xlsx(path)["xl/worksheets/sheet1.xml"].hidden_rows == frozenset({4, 7, 12})


@pytest.mark.parametrize("chunk", [64, 1024 * 1024])
def test_the_gate_numbers_rows_written_without_their_number(tmp_path, monkeypatch, chunk):
    """A <row> may leave out its r: it is the row after the one before. Hidden so, it is still named."""
    monkeypatch.setattr(safety, "_CHUNK", chunk)
    rows = ('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
            '<row><c t="s"><v>0</v></c></row>'                                 # 2
            '<row hidden="1"><c t="s"><v>0</v></c></row>'                      # 3, hidden
            '<row r="7" spans="1:1"><c r="A7" t="s"><v>0</v></c></row>'
            '<row spans="1:1" hidden="true"><c t="s"><v>0</v></c></row>'       # 8, hidden
            '<row ht="1E-3" customHeight="1"><c t="s"><v>0</v></c></row>'     # 9, hidden by its height
            '<row hidden="1"><c r="A12" t="s"><v>0</v></c></row>')             # 10, its cell says 12: both
    path = tmp_path / "an.xlsx"
    path.write_bytes(zip_bytes(minimal_parts(sheet_rows=rows)))
    assert check_xlsx(path)["xl/worksheets/sheet1.xml"].hidden_rows == frozenset({3, 8, 9, 10, 12})


def test_the_gate_reads_a_height_or_a_width_however_it_is_spelled(tmp_path):
    heights = {1: "15", 2: "1E-3", 3: "0.0e0", 4: "1.5e1", 5: " .5", 6: "01", 7: "-0", 8: "0.99"}
    rows = "".join(f'<row r="{n}" ht="{h}" customHeight="1"><c r="A{n}" t="s"><v>0</v></c></row>'
                   for n, h in heights.items())
    columns = ('<cols><col min="2" max="4" hidden="1"/><col min="6" max="6" width="0E0" customWidth="1"/>'
               '<col min="7" max="7" width="8.7109375"/><col min="8" max="9" width=\'0.5\'/></cols>')
    path = tmp_path / "an.xlsx"
    path.write_bytes(zip_bytes({**minimal_parts(sheet_rows=rows), **_with_columns(columns, rows)}))
    marks = check_xlsx(path)["xl/worksheets/sheet1.xml"]
    assert marks.hidden_rows == frozenset({2, 3, 5, 7, 8})
    assert marks.hidden_columns == frozenset({2, 3, 4, 6, 8, 9})


def test_a_column_hidden_after_the_word_sheetdata_in_an_attribute_is_still_found(tmp_path):
    # A crafted sheet names itself "sheetData" before its columns: the columns' search runs to the rows' tag.
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    columns = '<cols><col min="3" max="3" width="0.1" customWidth="1"/></cols>'
    sheet = _with_columns(columns, rows)["xl/worksheets/sheet1.xml"]
    sheet = sheet.replace("<cols>", '<sheetPr codeName="sheetData"/><cols>', 1)
    path = tmp_path / "an.xlsx"
    path.write_bytes(zip_bytes({**minimal_parts(sheet_rows=rows), "xl/worksheets/sheet1.xml": sheet}))
    assert check_xlsx(path)["xl/worksheets/sheet1.xml"].hidden_columns == frozenset({3})


@pytest.mark.parametrize("chunk", [64, 1024 * 1024])
def test_the_gate_finds_the_cells_python_calamine_reads_as_empty(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(safety, "_CHUNK", chunk)
    cells = ('<c r="A1" t="e"><v>#REF!</v></c>'
             '<c r="B1" t="e"><f>VLOOKUP(A1,Z:Z,2,0)</f><v>#N/A</v></c>'
             '<c r="C1"><f>SUM(A2:A9)</f><v></v></c>'
             '<c r="D1"><f t="shared" ref="D1:D2" si="0">A1</f></c>'
             '<c r="E1"><f t="shared" si="0"/></c>'
             '<c r="F1"><f>A1</f><v/></c>'
             '<c r="G1"><f>1+1</f><v>2</v></c>'                     # computed: read as ever
             '<c r="H1" t="str"><f>""</f><v></v></c>'               # computed to empty text
             "<c r='I1' t='e'><v>#DIV/0!</v></c>")
    path = tmp_path / "loi.xlsx"
    path.write_bytes(zip_bytes(minimal_parts(sheet_rows=f'<row r="1">{cells}</row>')))
    unreadable = check_xlsx(path)["xl/worksheets/sheet1.xml"].unreadable
    assert sorted(unreadable) == [(1, 1, "#REF!"), (1, 2, "#N/A"), (1, 3, ""), (1, 4, ""), (1, 5, ""), (1, 6, ""),
                                  (1, 9, "#DIV/0!")]


def _with_columns(columns: str, rows: str) -> dict[str, str]:
    """minimal_parts' sheet, with a <cols> before its rows."""
    sheet = minimal_parts(sheet_rows=rows)["xl/worksheets/sheet1.xml"]
    assert isinstance(sheet, str)
    return {"xl/worksheets/sheet1.xml": sheet.replace("<sheetData>", columns + "<sheetData>", 1)}


def test_a_sheet_no_one_reads_is_judged_by_its_declared_sizes_without_unpacking(tmp_path, monkeypatch):
    from tests.importers.hostile import two_sheets

    path = tmp_path / "hai-trang.xlsx"
    # A far cell and a DTD in the second sheet: harmful only to a parser that reads that sheet
    path.write_bytes(two_sheets("Đọc", "Không đọc", '<row r="1"><c r="XFD1048576" t="s"><v>1</v></c></row>'
                                '<!DOCTYPE x [<!ENTITY a "b">]>'))
    reads_first = "Đọc".__eq__
    check_xlsx(path, reads=reads_first)
    with pytest.raises(RefusedFile, match="sheet2.xml"):
        check_xlsx(path)                                        # every sheet read: refused as ever
    with pytest.raises(RefusedFile, match="sheet2.xml"):
        check_xlsx(path, reads=lambda name: True)
    unpacked = []
    real_scan = safety._scan_entry
    monkeypatch.setattr(safety, "_scan_entry", lambda p, a, entry, *rest, **named: unpacked.append(entry.filename)
                        or real_scan(p, a, entry, *rest, **named))
    check_xlsx(path, reads=reads_first)
    assert "xl/worksheets/sheet1.xml" in unpacked and "xl/worksheets/sheet2.xml" not in unpacked
    # Its declared size and ratio still count: a bomb by its ratio is refused unread
    monkeypatch.setattr(safety, "RATIO_FLOOR", 10)
    monkeypatch.setattr(safety, "MAX_RATIO", 1)
    with pytest.raises(RefusedFile) as refused:
        check_xlsx(path, reads=reads_first)
    assert refused.value.kind == "zip_bomb"


def test_the_unpacked_total_counts_the_parts_that_will_be_unpacked(tmp_path, monkeypatch):
    from tests.importers.hostile import two_sheets

    path = tmp_path / "dai.xlsx"
    long_rows = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>1</v></c></row>' for n in range(1, 20_001))
    path.write_bytes(two_sheets("Đọc", "Danh sách dài", long_rows))     # ~1 MB unpacked, never read
    monkeypatch.setattr(safety, "MAX_TOTAL_UNCOMPRESSED", 200_000)
    with pytest.raises(RefusedFile, match="bom nén"):
        check_xlsx(path)
    check_xlsx(path, reads="Đọc".__eq__)


def test_a_workbook_whose_sheet_list_cannot_be_followed_is_read_in_full(tmp_path):
    import io
    import zipfile

    from tests.importers.hostile import two_sheets

    data = two_sheets("Đọc", "Không đọc", '<row r="1"><c r="XFD1048576" t="s"><v>1</v></c></row>')
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    # the second sheet's relationship is missing: which part it is cannot be told, so all are unpacked
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b'r:id="rId3"', b'r:id="rId9"')
    path = tmp_path / "la.xlsx"
    path.write_bytes(zip_bytes(parts))
    with pytest.raises(RefusedFile, match="XFD1048576"):
        check_xlsx(path, reads="Đọc".__eq__)


def test_a_far_reference_is_found_after_any_separator_and_not_in_another_attribute(tmp_path):
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c\nr="XFD1048576" t="s"><v>1</v></c></row>'
    path = tmp_path / "xuong-dong.xlsx"
    path.write_bytes(zip_bytes(minimal_parts(sheet_rows=rows)))
    with pytest.raises(RefusedFile, match="XFD1048576"):
        check_xlsx(path)
    rows = '<row r="1"><c r="A1" t="s" xr="XFD1048576"><v>0</v></c></row>'
    path.write_bytes(zip_bytes(minimal_parts(sheet_rows=rows)))
    check_xlsx(path)


def test_a_sheet_named_roomy_may_be_longer_than_others_within_its_own_limits(tmp_path, monkeypatch):
    from tests.importers.hostile import two_sheets

    path = tmp_path / "dai.xlsx"
    path.write_bytes(two_sheets("Ngắn", "_desk_data", '<row r="1"><c r="A1" t="s"><v>1</v></c></row>'
                                '<row r="664200"><c r="Z664200" t="s"><v>1</v></c></row>'))
    with pytest.raises(RefusedFile, match="664200"):
        check_xlsx(path)
    check_xlsx(path, roomy="_desk_data".__eq__)
    with pytest.raises(RefusedFile, match="664200"):
        check_xlsx(path, roomy="Ngắn".__eq__)                  # only the sheet named
    monkeypatch.setattr(safety, "MAX_ROOMY_ROWS", 600_000)
    with pytest.raises(RefusedFile, match="664200"):
        check_xlsx(path, roomy="_desk_data".__eq__)


def test_a_roomy_sheet_unpacks_within_a_limit_of_its_own(tmp_path, monkeypatch):
    from tests.importers.hostile import two_sheets

    path = tmp_path / "du-lieu.xlsx"
    long_rows = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>1</v></c></row>' for n in range(1, 20_001))
    path.write_bytes(two_sheets("Đọc", "_desk_data", long_rows))
    monkeypatch.setattr(safety, "MAX_TOTAL_UNCOMPRESSED", 200_000)
    every = lambda name: True      # noqa: E731
    with pytest.raises(RefusedFile, match="bom nén"):
        check_xlsx(path, reads=every)
    check_xlsx(path, reads=every, roomy="_desk_data".__eq__)
    monkeypatch.setattr(safety, "MAX_ROOMY_UNCOMPRESSED", 200_000)
    with pytest.raises(RefusedFile, match="bom nén"):
        check_xlsx(path, reads=every, roomy="_desk_data".__eq__)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(['r="', "A", "B", "Z", "X", "x", "0", "1", "9", '"', "<", " ", "000000", "1234567",
                                 'r="AA', 'r="A1000000"', 'r="XFD1"']), max_size=30).map("".join))
def test_far_references_are_found_wherever_the_full_search_finds_them(text):
    """The quick search (folded text, only where a far reference can start) finds what the reference's
    own pattern finds over the whole text: record IDs' six-digit runs are skipped, no far cell is."""
    window = text.encode()
    assert [m.span() for m in safety._far_refs(window)] == [m.span() for m in safety._FAR_REF.finditer(window)]


@pytest.mark.parametrize("reference", ["r='XFD1048576'", "no reference at all"])
def test_a_sheet_too_long_is_refused_however_its_cells_are_written(tmp_path, reference):
    # A far cell quoted '...', or 300,001 rows whose cells give no reference (a reader counts them itself)
    if reference.startswith("r="):
        rows = f"<row r='1048576'><c {reference}><v>1</v></c></row>"
    else:
        rows = "<row><c><v>1</v></c></row>" * 300_001
    path = tmp_path / "dai.xlsx"
    path.write_bytes(zip_bytes(minimal_parts(sheet_rows=rows)))
    with pytest.raises(RefusedFile) as refused:
        check_xlsx(path)
    assert refused.value.kind == "far_cell" and "ngoài giới hạn Desk đọc (300.000 dòng" in str(refused.value)


@pytest.mark.parametrize("tags", [200, 201])
def test_rows_read_before_the_sheet_was_long_enough_to_need_counting_are_counted(tmp_path, monkeypatch, tags):
    # Only a part longer than five bytes a row over the limit can pass it: the chunks read before
    # that are counted once it is, so the 201st row tag is refused wherever the count began.
    monkeypatch.setattr(safety, "_CHUNK", 64)
    monkeypatch.setattr(safety, "MAX_ROWS", 200)
    path = tmp_path / "dai.xlsx"
    path.write_bytes(zip_bytes(minimal_parts(sheet_rows="<row><c><v>1</v></c></row>" * tags)))
    if tags == 200:
        check_xlsx(path)
        return
    with pytest.raises(RefusedFile) as refused:
        check_xlsx(path)
    assert refused.value.kind == "far_cell" and "201 dòng" in str(refused.value)


@pytest.mark.parametrize("name, content, said", [
    ("ds.csv", "STT,Họ và tên,Chức vụ\n1,Nguyễn Văn Hùng,Công chức\n".encode(),
     "nội dung tệp là tệp văn bản (có thể là CSV), không phải sổ làm việc Excel .xlsx. Hãy mở bằng Excel"),
    ("cu.csv", "STT,Hä vµ tªn\n1,NguyÔn V¨n Hïng\n".encode("latin-1", "replace"),    # TCVN3 bytes
     "nội dung tệp là tệp văn bản (có thể là CSV), không phải sổ làm việc Excel .xlsx. Hãy mở bằng Excel"),
    ("ds.xlsx", bytes(range(256)) * 8,
     "nội dung tệp không phải sổ làm việc Excel .xlsx (dù tên tệp là «ds.xlsx»). Hãy mở bằng Excel"),
])
def test_a_file_that_is_no_workbook_is_said_to_be_what_it_is(tmp_path, name, content, said):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(RefusedFile) as refused:
        check_xlsx(path)
    assert said in str(refused.value)
