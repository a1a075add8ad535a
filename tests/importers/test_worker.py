"""Workbooks are parsed in a worker process with a memory ceiling: a crafted file ends the worker, never Desk."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import pickle
import time
from collections import deque
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.importers import probe
from tests.importers.hostile import _far

from desk.importers import windows_job, workbook, worker
from desk.importers.safety import RefusedFile
from desk.importers.workbook import Sheet


@pytest.fixture
def far_xfd(tmp_path) -> Path:
    """The issue's 15 KB killer: one cell at XFD1048576 (python-calamine asks for 512 GB)."""
    path = tmp_path / "o-xa-xfd.xlsx"
    path.write_bytes(_far("XFD1048576"))
    return path


@pytest.fixture
def heavy(tmp_path) -> Path:
    """A 2 KB file the gate lets through (one cell at IV62000, 15.9 million cells of extent) that
    costs the parser ~680 MB."""
    path = tmp_path / "nang.xlsx"
    path.write_bytes(_far("IV62000"))
    return path


def test_a_file_that_makes_the_parser_abort_ends_only_its_worker(far_xfd):
    # Given a file the gate would refuse, parsed without the gate (as if the gate missed a trick)
    # When it is read in the worker
    with pytest.raises(RefusedFile) as refused:
        worker.read_one(probe.unchecked, far_xfd)
    # Then this process lives on and the message names the file and says what happened
    assert refused.value.kind == "too_heavy"
    message = str(refused.value)
    assert message.startswith("Không nhập được tệp «o-xa-xfd.xlsx»: đọc tệp cần quá nhiều bộ nhớ (giới hạn 2,0 GB)")
    assert "dữ liệu trong Desk không thay đổi" in message
    assert multiprocessing.active_children() == []


def test_the_memory_ceiling_is_what_stops_a_heavy_file(heavy):
    # Without a tight ceiling the heavy file is read (it costs ~680 MB in the worker)...
    done = next(worker.read_all(workbook.read_book, [heavy]))
    assert done.error is None and done.peak_bytes > 500 * 1024 ** 2
    # ...with a 400 MB ceiling its worker ends, and the file is refused with a message
    done = next(worker.read_all(workbook.read_book, [heavy], ceiling=400 * 1024 ** 2))
    assert isinstance(done.error, RefusedFile) and done.error.kind == "too_heavy"
    assert "giới hạn 0,4 GB" in str(done.error)


def test_a_worker_past_its_deadline_is_ended_with_a_message(tmp_path):
    started = time.monotonic()
    with pytest.raises(RefusedFile) as refused:
        worker.read_one(probe.sleep, tmp_path / "cham.xlsx", timeout=1.0)
    assert time.monotonic() - started < 10
    assert refused.value.kind == "timeout"
    assert "đọc tệp quá 1 giây nên đã dừng" in str(refused.value)
    assert multiprocessing.active_children() == []


def test_the_other_files_go_on_after_a_worker_dies(far_xfd, tmp_path):
    good = tmp_path / "tot.xlsx"
    good.write_bytes(_far("B2"))
    outcomes = {r.path.name: r for r in worker.read_all(probe.unchecked, [good, far_xfd, good], workers=2)}
    assert outcomes["o-xa-xfd.xlsx"].error.kind == "too_heavy"
    assert outcomes["tot.xlsx"].error is None and outcomes["tot.xlsx"].value.sheets[0].rows[0][0]


def test_the_gate_refusal_comes_back_from_the_worker_as_it_was(far_xfd):
    with pytest.raises(RefusedFile) as refused:
        worker.read_one(workbook.read_book, far_xfd)
    assert refused.value.kind == "far_cell" and "XFD1048576" in str(refused.value)


def test_cancelling_ends_the_worker(tmp_path):
    flag = {"at": time.monotonic() + 0.5}
    with pytest.raises(worker.Cancelled):
        list(worker.read_all(probe.sleep, [tmp_path / "x.xlsx"], cancelled=lambda: time.monotonic() > flag["at"]))
    assert multiprocessing.active_children() == []


def test_sheets_travel_compactly_and_come_back_equal():
    # Dates travel as day numbers beside the marshalled text and numbers; the rest as they are.
    rows = [["Tiêu đề", "Ngày", "Số", ""], ["Thiếu máy", date(2025, 7, 1), 3.5, True],
            ["x", datetime(2025, 7, 1, 8, 30), clock(8, 30), timedelta(days=2)], ["", "", 1, False]]
    sheet = Sheet("Dữ liệu", True, [list(r) for r in rows], hidden_rows=frozenset({3}))
    back = pickle.loads(pickle.dumps(sheet))
    assert back.rows == rows and [[type(v) for v in r] for r in back.rows] == [[type(v) for v in r] for r in rows]
    assert (back.name, back.visible, back.hidden_rows) == ("Dữ liệu", True, frozenset({3}))
    ragged = Sheet("b", False, [["a", date(2025, 1, 2)], [1]])
    assert pickle.loads(pickle.dumps(ragged)).rows == [["a", date(2025, 1, 2)], [1]]
    assert sheet.rows == rows                       # the original is left as it was


_CELLS = st.one_of(st.text(max_size=8), st.integers(-10 ** 6, 10 ** 6), st.floats(allow_nan=False),
                   st.booleans(), st.dates(), st.datetimes(), st.times(), st.timedeltas())


@given(st.integers(1, 5).flatmap(lambda width: st.lists(st.lists(_CELLS, min_size=width, max_size=width),
                                                        max_size=12)),
       st.lists(st.lists(_CELLS, max_size=5), max_size=6))
@settings(max_examples=150, deadline=None)
def test_any_sheet_is_sent_from_the_worker_cell_for_cell(rectangular, ragged):
    # Rows all as wide travel column by column, others row by row: either way, every cell comes back
    # as it was, of the same type, and the sheet sent is left as it was
    for rows in (rectangular, ragged):
        sheet = Sheet("Dữ liệu", True, [list(r) for r in rows])
        back = pickle.loads(pickle.dumps(sheet)).rows
        assert back == rows and [[type(v) for v in r] for r in back] == [[type(v) for v in r] for r in rows]
        assert sheet.rows == rows


@pytest.mark.skipif(os.name == "nt", reason="RLIMIT_AS is the POSIX ceiling; Windows uses the job object")
def test_the_posix_ceiling_is_set_in_the_worker(tmp_path):
    limits = worker.read_one(probe.address_space_limit, tmp_path, ceiling=777 * 1024 ** 2)
    assert limits == (777 * 1024 ** 2, 777 * 1024 ** 2)


def test_the_windows_job_structures_match_the_sdk():
    # 64-bit Windows: JOBOBJECT_EXTENDED_LIMIT_INFORMATION is 144 bytes, PROCESS_MEMORY_COUNTERS 72.
    if ctypes.sizeof(ctypes.c_size_t) != 8:
        pytest.skip("sizes checked for 64-bit builds, as Desk ships")
    assert ctypes.sizeof(windows_job.JOBOBJECT_EXTENDED_LIMIT_INFORMATION) == 144
    assert ctypes.sizeof(windows_job.PROCESS_MEMORY_COUNTERS) == 72
    assert windows_job.JOBOBJECT_EXTENDED_LIMIT_INFORMATION.ProcessMemoryLimit.offset == 112


def test_the_windows_job_is_made_limited_and_joined_in_order():
    calls = []

    class Fn:
        def __init__(self, name, result):
            self.name, self.result = name, result

        def __call__(self, *args):
            calls.append((self.name, args))
            return self.result

    class Kernel32:
        CreateJobObjectW = Fn("create", 0x44)
        SetInformationJobObject = Fn("set", 1)
        GetCurrentProcess = Fn("current", -1)
        AssignProcessToJobObject = Fn("assign", 1)

    windows_job.limit_current_process(123 * 1024 ** 2, kernel32=Kernel32())
    assert [name for name, _ in calls] == ["create", "set", "current", "assign"]
    _, (job, info_class, address, size) = calls[1]
    assert (job, info_class, size) == (0x44, 9, ctypes.sizeof(windows_job.JOBOBJECT_EXTENDED_LIMIT_INFORMATION))
    info = windows_job.JOBOBJECT_EXTENDED_LIMIT_INFORMATION.from_address(address)
    assert info.ProcessMemoryLimit == 123 * 1024 ** 2
    assert info.BasicLimitInformation.LimitFlags & windows_job.JOB_OBJECT_LIMIT_PROCESS_MEMORY
    assert calls[3][1] == (0x44, -1)
    Kernel32.AssignProcessToJobObject = Fn("assign", 0)
    with pytest.raises(OSError, match="AssignProcessToJobObject"):
        windows_job.limit_current_process(1, kernel32=Kernel32())


def test_a_generator_s_parts_arrive_in_order_before_its_value(tmp_path):
    given = []
    (done,) = worker.read_all(probe.parts, [tmp_path / "x.xlsx"], parts=lambda path, part: given.append((path, part)))
    assert done.error is None and done.value == "done"
    assert given == [(tmp_path / "x.xlsx", [n] * 1000) for n in range(3)]


def test_a_generator_that_dies_after_some_parts_gives_its_file_an_error(tmp_path):
    given = []
    (done,) = worker.read_all(probe.parts_then_too_much, [tmp_path / "x.xlsx"], ceiling=400 * 1024 ** 2,
                              parts=lambda _path, part: given.append(part))
    assert given == ["first"]
    assert isinstance(done.error, RefusedFile) and done.error.kind == "too_heavy"


def test_a_generator_that_keeps_sending_is_still_held_to_its_deadline(tmp_path):
    started = time.monotonic()
    (done,) = worker.read_all(probe.parts_forever, [tmp_path / "x.xlsx"], timeout=1.0, parts=lambda *_: None)
    assert isinstance(done.error, RefusedFile) and done.error.kind == "timeout"
    assert time.monotonic() - started < 10 and multiprocessing.active_children() == []


def test_the_files_handed_ahead_to_a_worker_that_dies_are_read_by_another(far_xfd, tmp_path):
    # A worker is handed its next file while it reads one: when the one it reads ends it, the next
    # is read by the worker that replaces it
    good = tmp_path / "tot.xlsx"
    good.write_bytes(_far("B2"))
    outcomes = [r for r in worker.read_all(probe.unchecked, [far_xfd, good, good], workers=1)]
    assert [r.path.name for r in outcomes] == ["o-xa-xfd.xlsx", "tot.xlsx", "tot.xlsx"]
    assert outcomes[0].error.kind == "too_heavy"
    assert all(r.error is None for r in outcomes[1:])
    assert multiprocessing.active_children() == []


class _Handed(worker._Worker):
    """A worker's bookkeeping without its process: what it is handed."""

    def __init__(self) -> None:
        self.tasks = deque()

    def give(self, function, path: Path) -> None:
        self.tasks.append(path)


def test_only_a_small_file_is_handed_ahead_behind_a_small_one(tmp_path):
    small = [tmp_path / f"xa-{n}.xlsx" for n in range(3)]
    for path in small:
        path.write_bytes(b"x" * 1000)
    large = tmp_path / "tong-hop.xlsx"
    with open(large, "wb") as f:
        f.truncate(worker.AHEAD_BYTES + 1)
    pool = [_Handed(), _Handed()]
    queue = list(reversed([small[0], small[1], large, small[2]]))       # the next file last
    worker._hand_out(probe.sleep, queue, pool)
    # each worker has one file; the large one is not handed ahead, it waits for a free worker
    assert [list(w.tasks) for w in pool] == [[small[0]], [small[1]]] and queue == [small[2], large]
    pool[0].tasks.popleft()
    worker._hand_out(probe.sleep, queue, pool)
    # and nothing is handed ahead behind it: the next small file goes behind a small one
    assert [list(w.tasks) for w in pool] == [[large], [small[1], small[2]]] and queue == []
