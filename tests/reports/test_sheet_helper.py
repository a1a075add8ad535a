"""A report's long data sheet made by a second process: the same bytes, whatever becomes of that process."""

from __future__ import annotations

import multiprocessing
import tempfile
import time
import zipfile
from concurrent.futures import Future
from pathlib import Path

import pytest
from tests.reports.sheet_helper_faults import FailingTally, failing_made, slow_ready, stuck_made
from tests.reports.test_bulk_rows import HEADER, TRICKY, _annex

from desk import helper_pools
from desk.errors import UserError
from desk.importers.desk_report import read_report
from desk.reports import manifest, sheet_helper
from desk.reports.manifest import DATA_SHEET, DataBlock
from desk.reports.periodic_report import PeriodicReportData, write_periodic_report

MANIFEST = {"format": "desk-periodic-report", "format_version": 1, "unit_code": 11329,
            "generated_at": "2025-09-16T08:00:00+07:00"}


def _report(titles: list[str]) -> PeriodicReportData:
    # What a data sheet holds: codes and states a column repeats, texts that are all different, formula
    # look-alikes (kept as text with a style of their own), XML specials, line breaks, empty cells.
    block = DataBlock.of("obstacles", ("id", "title", "state", "note"), [
        {"id": f"KK-{i:05d}", "title": title, "state": ("open", "resolved", "")[i % 3],
         "note": TRICKY[i % len(TRICKY)] if i % 4 == 0 else ""} for i, title in enumerate(titles)])
    return PeriodicReportData(header=HEADER, cover=(), closing="", annexes=(_annex(3, 1),),
                              manifest=MANIFEST, blocks=(block,))


TITLES = [f"Thiếu công chức địa chính tại tổ dân phố số {i} – Nguyễn Thị Ánh Tuyết" for i in range(40)]


@pytest.fixture
def helpers(monkeypatch):
    """Data sheets of a few rows are made by the second process (a province's 84,000 are), 7 rows at a
    time; the helpers used, for a look at what they did."""
    monkeypatch.setattr(sheet_helper, "HELPED_ROWS", 10)
    monkeypatch.setattr(sheet_helper, "_CHUNK", 7)
    used = []
    closing = sheet_helper.SheetHelper.close

    def close(self):
        if self not in used:
            used.append(self)
        closing(self)
    monkeypatch.setattr(sheet_helper.SheetHelper, "close", close)
    return used


@pytest.fixture
def ahead(helpers, monkeypatch):
    """helpers, each chunk made by the second process before the writer asks for it (a province's are: the
    writer lays out and writes the rest first)."""
    starting = sheet_helper.SheetHelper.start

    def start_then_wait(self, process=None):
        starting(self, process)
        self.wait()
        return self
    monkeypatch.setattr(sheet_helper.SheetHelper, "start", start_then_wait)
    return helpers


def _data_sheet(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        workbook = archive.read("xl/workbook.xml").decode()
        assert DATA_SHEET in workbook
        return archive.read(sorted(names, key=lambda n: int(n.rsplit("sheet", 1)[1][:-4]))[-1])


def _made_here(tmp_path: Path, data: PeriodicReportData, monkeypatch) -> bytes:
    with monkeypatch.context() as patch:
        patch.setattr(sheet_helper, "HELPED_ROWS", 10 ** 9)
        write_periodic_report(data, tmp_path / "here.xlsx")
    return _data_sheet(tmp_path / "here.xlsx")


def _hash_made_here(tmp_path: Path, data: PeriodicReportData, monkeypatch) -> str:
    with monkeypatch.context() as patch:
        patch.setattr(sheet_helper, "HELPED_ROWS", 10 ** 9)
        return write_periodic_report(data, tmp_path / "here.xlsx")


def _blocks_report() -> PeriodicReportData:
    """Three blocks, one of them empty: with 7 rows a chunk, marks and column names fall inside chunks and
    at their first rows."""
    data = _report(TITLES[:19])
    staffing = DataBlock.of("staffing", ("unit", "posts"), [{"unit": f"Phòng {i}", "posts": str(i)} for i in range(5)])
    visits = DataBlock.of("visits", ("date", "team"), [])
    return PeriodicReportData(header=data.header, cover=(), closing="", annexes=data.annexes, manifest=MANIFEST,
                              blocks=(*data.blocks, visits, staffing))


def _leftovers() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("desk-*.xml")}


def test_a_data_sheet_made_by_the_second_process_is_the_one_made_here(tmp_path, ahead, monkeypatch):
    data = _report(TITLES)
    before = _leftovers()
    # When the report is written, its data sheet made by the second process
    digest = write_periodic_report(data, tmp_path / "q3.xlsx")
    # Then that process made every chunk, and the sheet is byte for byte the one made here
    assert [h.helped for h in ahead] == [len(range(0, len(TITLES) + 2, 7))]
    assert _data_sheet(tmp_path / "q3.xlsx") == _made_here(tmp_path, data, monkeypatch)
    # and it reads back whole: the hash verifies, every title is there
    report = read_report(tmp_path / "q3.xlsx")
    assert report.intact and report.manifest.get("data_sha256") == digest
    assert [r["title"] for r in report.rows("obstacles")] == TITLES
    # and the file the XML went through is gone
    assert _leftovers() == before


def _counting_starts(monkeypatch) -> list[int]:
    started: list[int] = []
    starting = helper_pools.start

    def start(*args, **kwargs):
        started.append(1)
        return starting(*args, **kwargs)
    monkeypatch.setattr(helper_pools, "start", start)
    return started


def test_a_helper_started_ahead_is_the_one_that_makes_the_data_sheet(tmp_path, ahead, monkeypatch):
    started = _counting_starts(monkeypatch)
    data = _report(TITLES)
    # When a process is started before the report's rows are known, then the report is written with it
    with sheet_helper.started_ahead(len(TITLES)) as process:
        assert process is not None and started == [1]
        digest = write_periodic_report(data, tmp_path / "q3.xlsx", process)
    # Then no second process was started: the one ahead made every chunk, the same bytes as made here
    assert started == [1] and [h.helped for h in ahead] == [len(range(0, len(TITLES) + 2, 7))]
    assert _data_sheet(tmp_path / "q3.xlsx") == _made_here(tmp_path, data, monkeypatch)
    assert read_report(tmp_path / "q3.xlsx").manifest.get("data_sha256") == digest
    # and it has ended with the report
    assert multiprocessing.active_children() == []


def test_a_helper_started_ahead_for_a_sheet_that_turns_out_short_is_ended(tmp_path, helpers, monkeypatch):
    # Given a process started for a long report whose data sheet turns out too short to be helped
    data = _report(TITLES[:3])
    with sheet_helper.started_ahead(10_000) as process:
        assert process is not None
        write_periodic_report(data, tmp_path / "q3.xlsx", process)
    # Then it was not used, and it has ended: no process is left behind
    assert helpers == [] or [h.helped for h in helpers] == [0]
    assert multiprocessing.active_children() == []
    assert [r["title"] for r in read_report(tmp_path / "q3.xlsx").rows("obstacles")] == TITLES[:3]


def test_a_helper_started_ahead_of_a_report_that_fails_is_ended(helpers):
    # Given a process started for a long report, when the report fails before its data sheet is written
    with pytest.raises(UserError), sheet_helper.started_ahead(10_000) as process:
        assert process is not None
        raise UserError("Không xuất được báo cáo: tệp đang mở trong Excel.")
    # Then the process has ended with it
    assert multiprocessing.active_children() == []


def test_no_helper_is_started_ahead_of_a_short_sheet(helpers, monkeypatch):
    started = _counting_starts(monkeypatch)
    with sheet_helper.started_ahead(9) as process:
        assert process is None
    assert started == []


def test_a_helper_slow_to_start_leaves_the_chunks_it_has_not_begun_to_this_process(tmp_path, helpers,
                                                                                     monkeypatch):
    # Given a second process slow to start (an office PC's antivirus scanning the new process)
    monkeypatch.setattr(sheet_helper, "_ready", slow_ready)
    data = _report(TITLES)
    write_periodic_report(data, tmp_path / "q3.xlsx")
    # Then the chunks it had not begun were made here, and the sheet is the same
    assert helpers[0].helped < len(range(0, len(TITLES) + 2, 7))
    assert _data_sheet(tmp_path / "q3.xlsx") == _made_here(tmp_path, data, monkeypatch)


def test_a_helper_that_fails_leaves_the_sheet_to_this_process(tmp_path, ahead, monkeypatch):
    # Given a second process that fails on every chunk (as one that ran out of memory or was killed)
    monkeypatch.setattr(sheet_helper, "_made", failing_made)
    before = _leftovers()
    data = _report(TITLES)
    write_periodic_report(data, tmp_path / "q3.xlsx")
    # Then the sheet is made here, the same, and nothing is left behind
    assert [h.helped for h in ahead] == [0]
    assert _data_sheet(tmp_path / "q3.xlsx") == _made_here(tmp_path, data, monkeypatch)
    assert _leftovers() == before


def test_a_text_too_long_for_a_cell_is_named_as_when_made_here(tmp_path, ahead, monkeypatch):
    # Given a data sheet whose 30th obstacle has a title longer than an Excel cell holds
    titles = [*TITLES[:29], "Quá dài " * 5000, *TITLES[30:]]
    data = _report(titles)
    # When it is written, its sheet made by the second process, and made here
    with pytest.raises(UserError) as helped:
        write_periodic_report(data, tmp_path / "q3.xlsx")
    with monkeypatch.context() as patch, pytest.raises(UserError) as here:
        patch.setattr(sheet_helper, "HELPED_ROWS", 10 ** 9)
        write_periodic_report(data, tmp_path / "q3.xlsx")
    # Then the clerk reads the same message, naming the sheet, row and column; no file was written
    assert ahead and str(helped.value) == str(here.value)
    assert DATA_SHEET in str(helped.value) and "dòng 32, cột B" in str(helped.value)
    assert not (tmp_path / "q3.xlsx").exists()


def _no_process(*args, **kwargs):
    raise OSError("no more processes")


class _Breaking:
    """A second process that takes its first tasks, then breaks (killed while the rows are handed over)."""

    def __init__(self, *args, **kwargs):
        self.taken = 0

    def submit(self, *args):
        self.taken += 1
        if self.taken > 2:
            raise RuntimeError("A child process terminated abruptly, the process pool is not usable anymore")
        return Future()

    def shutdown(self, **kwargs):
        pass


@pytest.mark.parametrize("pool", [_no_process, _Breaking], ids=["cannot start", "breaks while handed rows"])
def test_a_helper_that_cannot_start_or_breaks_leaves_every_row_to_this_process(tmp_path, helpers, monkeypatch,
                                                                               pool):
    monkeypatch.setattr(helper_pools, "ProcessPoolExecutor", pool)
    data = _report(TITLES)
    write_periodic_report(data, tmp_path / "q3.xlsx")
    # Then every row is there, made here: the sheet is the one made here
    assert [h.helped for h in helpers] == [0]
    assert _data_sheet(tmp_path / "q3.xlsx") == _made_here(tmp_path, data, monkeypatch)


def test_a_helper_that_is_stuck_is_not_waited_for_past_its_limit(tmp_path, helpers, monkeypatch):
    # Given a second process stuck on its chunks (frozen by something outside Desk)
    monkeypatch.setattr(sheet_helper, "_made", stuck_made)
    monkeypatch.setattr(helper_pools, "WAIT_SECONDS", 0.2)
    data = _report(TITLES)
    started = time.monotonic()
    write_periodic_report(data, tmp_path / "q3.xlsx")
    # Then the writer made the sheet itself after the limit, without waiting for the helper's 3 s
    assert [h.helped for h in helpers] == [0]
    assert time.monotonic() - started < 2.5
    assert _data_sheet(tmp_path / "q3.xlsx") == _made_here(tmp_path, data, monkeypatch)


def test_the_helper_works_out_the_data_hash_beside_the_xml(tmp_path, ahead, monkeypatch):
    data = _blocks_report()
    # When the report is written, its data sheet (three blocks, one empty) made by the second process
    digest = write_periodic_report(data, tmp_path / "q3.xlsx")
    # Then that process made every chunk and the hash too: the one worked out here from the same data
    assert [h.helped for h in ahead] == [len(range(0, 19 + 2 + 2 + 5 + 2, 7))]
    assert ahead[0].tally_result == digest == _hash_made_here(tmp_path, data, monkeypatch)
    # and the file carries it: it reads back whole, every block there
    report = read_report(tmp_path / "q3.xlsx")
    assert report.intact and report.manifest.get("data_sha256") == digest
    assert [r["unit"] for r in report.rows("staffing")] == [f"Phòng {i}" for i in range(5)]
    assert report.rows("visits") == []


def _hash_worked_out_here(tmp_path: Path, data: PeriodicReportData, monkeypatch, helper) -> None:
    digest = write_periodic_report(data, tmp_path / "q3.xlsx")
    # the hash is worked out here, the right one, and the file reads back whole
    assert helper() is not None and helper().tally_result is None
    assert digest == _hash_made_here(tmp_path, data, monkeypatch)
    report = read_report(tmp_path / "q3.xlsx")
    assert report.intact and report.manifest.get("data_sha256") == digest


def test_a_hash_missing_the_chunks_taken_back_is_worked_out_here(tmp_path, helpers, monkeypatch):
    # Given a helper slow to start: the chunks it had not begun are made here, so its hash would lack them
    monkeypatch.setattr(sheet_helper, "_ready", slow_ready)
    _hash_worked_out_here(tmp_path, _blocks_report(), monkeypatch, lambda: helpers[0] if helpers else None)
    assert helpers[0].helped < len(range(0, 19 + 2 + 2 + 5 + 2, 7))


def test_a_hash_that_fails_in_the_helper_is_worked_out_here_and_costs_none_of_its_xml(tmp_path, ahead, monkeypatch):
    # Given a helper whose hash fails on its first chunk (it ran out of memory there)
    monkeypatch.setattr(manifest, "_HashOfRows", FailingTally)
    _hash_worked_out_here(tmp_path, _blocks_report(), monkeypatch, lambda: ahead[0] if ahead else None)
    # and the helper still made every chunk's XML
    assert ahead[0].helped == len(range(0, 19 + 2 + 2 + 5 + 2, 7))


def test_rows_sent_to_the_helper_as_joined_texts_make_the_same_xml(tmp_path):
    # A cleaned sheet's chunk goes over as one text a row; empty cells, short rows and the block marks
    # come out as the cells they were.
    from desk.reports.plain_rows import PlainSheet

    sheet = PlainSheet("_desk_data", 4, ' s="1"', True)
    rows = [("#block", "obstacles", "2"), ("id", "title", "note", "count"), ("a1", "Ngô Quyền", "", "3"),
            ("a2", "", "=1+1", ""), ("", "", "", "")]
    sent = sheet_helper._joined(sheet, rows)
    assert all(type(row) is str for row in sent)
    made = []
    for name, chunk in (("tuples", rows), ("joined", sent)):
        path = tmp_path / name
        path.write_bytes(b"")
        sheet_helper._MAKERS.clear()
        offset, length = sheet_helper._made(sheet, 5, chunk, str(path))
        sheet_helper._FILES.pop(str(path)).close()
        made.append(path.read_bytes()[offset:offset + length])
    assert made[0] == made[1] and b"Ng\xc3\xb4 Quy\xe1\xbb\x81n" in made[0]
    # An uncleaned sheet's rows, which may hold any character, go over as they are
    assert sheet_helper._joined(PlainSheet("x", 2, "", False), rows) is rows
