"""The obstacle register at 100k records: opening, the first search, every keystroke after it, sorting any column."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bench import raw_sqlite
from bench.paired import Runs, paired, timed
from bench.results import Result

# Held out from the generator's wording: what clerks type (no accents, partial words, a name, a
# place, a document), what they paste whole, and a few that find nothing.
TYPED = ["dia chin", "tru so", "phan mem mot", "kho bac", "may tinh cu", "tham quyen", "dat dai", "xe cong",
         "dong bo", "ky so", "thon 12", "to dan pho so 3", "nguyen thi", "hung", "yen", "dang van", "huong dan",
         "quy trinh", "thieu", "chat hep", "xa hoi", "zalo"]
PASTED = ["Thiếu công chức địa chính", "Quy trình ký số chưa thống nhất (thôn 7)", "Trụ sở chật hẹp (khu 21)",
          "Hồ sơ đất đai tồn đọng – Nguyễn Văn An", "đề nghị cấp trên hướng dẫn", "Phần mềm một cửa lỗi",
          "Công văn số 123/SNV-XDCQ"]
SELECTED_ROW = 3        # a row the clerk had selected before searching: the list keeps it selected
PAUSE = 0.5             # seconds between opening the register and the first keystroke (Ctrl+F, a letter)


def _app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _screen(ws, folder: Path):
    from desk.domain.registers.obstacles import REGISTER as OBSTACLES
    from desk.ui.context import WindowContext
    from desk.ui.operations import Operations
    from desk.ui.register_screen import RegisterScreen
    from desk.ui.settings import Settings

    _app()
    screen = RegisterScreen(WindowContext(ws, ws.require_unit(), Settings(folder / "settings.ini"), Operations(ws)),
                            OBSTACLES)
    screen.show()
    _app().processEvents()
    return screen


def _idle(seconds: float) -> None:
    app, end = _app(), time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def _close(screen) -> None:
    screen.close()
    screen.deleteLater()
    _app().processEvents()


def _folded_texts(database: Path, unit: int) -> tuple[list[int], list[str]]:
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT rowid, search_key FROM obstacle WHERE unit_code = ? AND voided = 0 "
                                  "ORDER BY raised_on DESC, rowid DESC", (unit,)).fetchall()
    return [r for r, _ in rows], [k or "" for _, k in rows]


def _bare_scan(ids: list[int], keys: list[str], query: str) -> list[int]:
    """The baseline of a keystroke: every folded text scanned for every word, in plain Python."""
    from desk.domain.text import search_words

    words = search_words(query)
    return [i for i, k in zip(ids, keys) if all(w in k for w in words)]


def open_and_first_search(ws, folder: Path, unit: int, repeats: int) -> list[Result]:
    """Open the register (timed), wait as a clerk does before typing, then the first keystroke (timed)."""
    database = folder / "desk.sqlite3"
    ids, keys = _folded_texts(database, unit)
    opened, first = [], []
    base_open, base_first = [], []
    for i in range(repeats):
        started = time.perf_counter()
        screen = _screen(ws, folder)
        opened.append(time.perf_counter() - started)
        _idle(PAUSE)
        query = TYPED[i % len(TYPED)][:1]
        first.append(timed(lambda: screen.set_search(query)))  # noqa: B023 (timed at once)
        _close(screen)
        base_open.append(raw_sqlite.open_list(database, unit))
        base_first.append(timed(lambda: _bare_scan(ids, keys, query)))  # noqa: B023
    o, bo, f, bf = Runs(opened), Runs(base_open), Runs(first), Runs(base_first)
    return [Result(f"open obstacle register, {len(ids):,} records", o.median, "s", "< 0.5 s", bo.median,
                   "sqlite3: ordered ids + first page", ok=o.median < 0.5, spread=o.spread,
                   baseline_spread=bo.spread, runs=repeats),
            Result(f"first search keystroke after opening ({PAUSE:g} s later)", f.median * 1000, "ms", "< 150 ms",
                   bf.median * 1000, "bare Python scan of the same folded texts", ok=f.median < 0.15,
                   spread=_ms(f.spread), baseline_spread=_ms(bf.spread), runs=repeats)]


def _ms(span: tuple[float, float]) -> tuple[float, float]:
    return span[0] * 1000, span[1] * 1000


def keystrokes(ws, folder: Path, unit: int, repeats: int, quick: bool) -> list[Result]:
    """Each pass: the data reloaded (as after a save), then every held-out query typed letter by letter or
    pasted whole, some with a row selected. Median and p95 of each pass; the figures are their medians."""
    from desk.domain.text import search_words

    database = folder / "desk.sqlite3"
    ids, keys = _folded_texts(database, unit)
    typed, pasted = (TYPED[:3], PASTED[:2]) if quick else (TYPED, PASTED)
    screen = _screen(ws, folder)
    medians, p95s, base_medians, base_p95s = [], [], [], []
    for _ in range(repeats):
        screen.set_search("")
        screen.refresh()
        _idle(PAUSE)
        ours, theirs = [], []
        for n, query in enumerate([*typed, *pasted]):
            screen.set_search("")
            if n % 3 == 0:
                screen.table.selectRow(SELECTED_ROW)
            steps = [query] if query in pasted else [query[:end] for end in range(1, len(query) + 1)]
            for step in steps:
                if not search_words(step):
                    continue
                ours.append(timed(lambda: (screen.set_search(step), _app().processEvents())))  # noqa: B023
                theirs.append(timed(lambda: _bare_scan(ids, keys, step)))  # noqa: B023
        for samples, medians_, p95s_ in ((ours, medians, p95s), (theirs, base_medians, base_p95s)):
            samples.sort()
            medians_.append(samples[len(samples) // 2] * 1000)
            p95s_.append(samples[max(0, int(len(samples) * 0.95) - 1)] * 1000)
    _close(screen)
    m, p, bm, bp = Runs(medians), Runs(p95s), Runs(base_medians), Runs(base_p95s)
    count = len(ours)
    return [Result(f"search keystroke, {len(ids):,} records, median of {count}", m.median, "ms", "< 50 ms",
                   bm.median, "bare Python scan of the same folded texts", ok=m.median < 50, spread=m.spread,
                   baseline_spread=bm.spread, runs=repeats),
            Result("search keystroke p95 (typed, pasted, row selected)", p.median, "ms", "< 100 ms", bp.median,
                   "bare Python scan, p95", ok=p.median < 100, spread=p.spread, baseline_spread=bp.spread,
                   runs=repeats)]


def sort_columns(ws, folder: Path, unit: int, repeats: int) -> Result:
    """Each column of the table sorted by a click on its header (the list reloaded before each click);
    the slowest column's median is the figure, its baseline the same column ordered by plain sqlite3
    (ORDER BY the stored column) or, for a text, read by sqlite3 and sorted by Python's str order."""
    from PySide6.QtCore import Qt

    database = folder / "desk.sqlite3"
    screen = _screen(ws, folder)
    default = screen.table.horizontalHeader().sortIndicatorSection()
    found: dict[str, tuple[Runs, Runs]] = {}
    for column, spec in enumerate(screen.model.columns()):
        def reset():
            screen.table.sortByColumn(default, Qt.SortOrder.DescendingOrder)
            screen.refresh()        # the data "changed": no order kept from before

        def ours(column=column):
            return timed(lambda: (screen.table.sortByColumn(column, Qt.SortOrder.AscendingOrder),
                                  _app().processEvents()))

        found[spec.name] = paired(ours, lambda spec=spec: raw_sqlite.sort_column(database, unit, spec),
                                  repeats, prepare=lambda _i: reset())
    _close(screen)
    slowest = max(found, key=lambda name: found[name][0].median)
    runs, base = found[slowest]
    others = ", ".join(f"{name} {r.median:.2f}" for name, (r, _b) in found.items())
    print(f"sort, median seconds per column: {others}")
    return Result(f"sort any column, {len(_folded_texts(database, unit)[0]):,} records (slowest: {slowest})",
                  runs.median, "s", "< 0.3 s", base.median, f"sqlite3/Python: the same column ({slowest})",
                  ok=runs.median < 0.3, spread=runs.spread, baseline_spread=base.spread, runs=repeats)
