"""The data sheet's rows made by the reading workers: the same workbook as the writer makes alone."""

from __future__ import annotations

import zipfile
from datetime import date, datetime

import pytest
from tests.services.test_consolidation import A, B, C, add, report, run

from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.reports.consolidated_report import write_consolidated_report
from desk.services import consolidation_report, consolidation_rows, records

MADE = datetime(2025, 9, 20, 8, 0).astimezone()


def _parts(result, path):
    data = consolidation_report.build(result, consolidation_report.load(None, result.province), date(2025, 9, 20),
                                      generated_at=MADE)
    write_consolidated_report(data, path)
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist() if name != "docProps/core.xml"}


@pytest.mark.parametrize("ahead", [1, 3], ids=["some files", "every file"])
def test_rows_made_while_reading_give_the_workbook_the_writer_makes_alone(workspace, tmp_path, monkeypatch, ahead):
    # Given reports whose texts need escaping, keeping or quoting, and a record that changed between two
    # drafts of one commune (the older row is not the one merged)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    add(workspace, A, "=1+1 & <b>đất</b>", proposal=" lề trước và sau ")
    add(workspace, A, "Hai dòng\nmột ô _x0041_", result="-âm")
    add(workspace, A, "Thường", raised="02/07/2025")
    add(workspace, B, "Chưa có tài khoản kho bạc", domain="ACCOUNTING")
    record_id = add(workspace, C, "Thiếu máy tính")
    report(workspace, A, inbox / "a.xlsx")
    report(workspace, B, inbox / "b.xlsx", when=datetime(2025, 9, 17, 8, 0))
    report(workspace, C, inbox / "c-1.xlsx", when=datetime(2025, 9, 15, 9, 0), submit=False)
    with workspace.session() as session:
        records.save(session, OBSTACLES, {"domain": "PERSONNEL", "title": "Thiếu 10 máy tính", "level": "province",
                                          "raised_on": "01/07/2025", "status": "in_progress"},
                     unit_code=C.code, record_id=record_id)
    report(workspace, C, inbox / "c-2.xlsx", when=datetime(2025, 9, 16, 9, 0), submit=False)
    # When it is consolidated with rows made ahead (for every file, or only the files of one obstacle
    # while the others are left to the writer), and again with none made ahead
    monkeypatch.setattr(consolidation_rows, "PREPARED_ROWS", ahead * 4)
    made_ahead = run(inbox, include_drafts=True)
    prepared = [s.prepared is not None for s in made_ahead.used]
    monkeypatch.setattr(consolidation_rows, "PREPARED_ROWS", 0)
    alone = run(inbox, include_drafts=True)
    # Then the workbooks are the same, byte for byte, the data check included
    assert len(made_ahead.conflicts) == 1
    assert sorted(prepared) == ([True, True, True] if ahead == 3 else [False, True, True])
    assert all(s.prepared is None for s in alone.used)
    assert _parts(made_ahead, tmp_path / "ahead.xlsx") == _parts(alone, tmp_path / "alone.xlsx")


def test_json_rows_are_the_data_checks_text_whatever_the_values():
    # Given rows with quotes, brackets and backslashes in their texts, and rows whose values are not all texts
    tricky = [["a\"],[\"b", "c\\"], ["\\", "\"]"], ["đ", ""]]
    mixed = [["a", None], ["b", "c"]]
    # When each row's JSON is made from one call for all, Then it is each row's own
    for rows in (tricky, mixed):
        assert consolidation_rows._json_rows(rows) == [consolidation_rows._dumps(r).encode() for r in rows]
