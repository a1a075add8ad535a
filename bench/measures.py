"""The speed measures, each a median of several runs alternated with a baseline doing the same work."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from bench import history, import_speed, memory, raw_sqlite, register, reports, startup
from bench.data import fill_obstacles, fill_officials
from bench.paired import paired
from bench.results import Result

UNIT = 11329
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _workspace(folder: Path, n: int, officials: int = 0):
    from desk.services import office
    from desk.services.workspace import open_workspace

    folder.mkdir(parents=True, exist_ok=True)
    ws = open_workspace(str(folder))
    with ws.session() as session:
        office.set_office_unit(session, UNIT)
    if n:
        fill_obstacles(ws.engine, n, UNIT)
    if officials:
        fill_officials(ws, officials)
    return ws


class Databases:
    """Each generated database made once, then copied for every measure that changes or needs its own."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self._made: dict[tuple[int, int], Path] = {}

    def file(self, n: int, officials: int = 0) -> Path:
        key = (n, officials)
        if key not in self._made:
            started = time.perf_counter()
            ws = _workspace(self.tmp / f"data-{n}-{officials}", n, officials)
            ws.engine.dispose()
            self._made[key] = ws.folder / "desk.sqlite3"
            print(f"generated {n:,} obstacles, {officials:,} officials in {time.perf_counter() - started:.1f} s")
        return self._made[key]

    def open_copy(self, database: Path, name: str):
        from desk.services.workspace import open_workspace

        folder = self.tmp / name
        folder.mkdir()
        shutil.copyfile(database, folder / "desk.sqlite3")
        return open_workspace(str(folder))

    def copy(self, name: str, n: int, officials: int = 0):
        return self.open_copy(self.file(n, officials), name)


def save_one(ws, n: int, repeats: int) -> Result:
    """One record saved as the form saves it (its own transaction, fsync), alternated with a bare
    sqlite3 INSERT + commit; ten pairs per repeat."""
    from desk.domain.registers.obstacles import REGISTER as OBSTACLES
    from desk.services import records

    count = 0

    def ours():
        nonlocal count
        count += 1
        values = {"domain": "PERSONNEL", "title": f"Thiếu công chức {count}", "level": "province",
                  "raised_on": "05/09/2025", "status": "received"}
        with ws.session() as session:
            records.save(session, OBSTACLES, values, unit_code=UNIT)

    database = ws.folder / "desk.sqlite3"
    runs, base = paired(ours, lambda: raw_sqlite.insert_one(database, UNIT, 1), max(10, repeats * 10))
    ws.engine.dispose()
    ms = lambda span: (span[0] * 1000, span[1] * 1000)  # noqa: E731
    return Result(f"save one record (validation, audit, fsync), {n:,} in the register", runs.median * 1000, "ms",
                  "< 50 ms", base.median * 1000, "sqlite3: one INSERT + commit", ok=runs.median < 0.05,
                  spread=ms(runs.spread), baseline_spread=ms(base.spread), runs=len(runs.seconds))


def run_all(quick: bool = False) -> list[Result]:
    with tempfile.TemporaryDirectory() as compiled, startup.compiled_children(Path(compiled)):
        return _measured(quick)


def _measured(quick: bool) -> list[Result]:
    big = 2_000 if quick else 100_000
    sizes = {"startup": 200 if quick else 10_000, "officials": 200 if quick else 20_000,
             "import": 300 if quick else 100_000}
    repeats = 1 if quick else 5
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        data = Databases(tmp)
        results = [startup.startup(tmp, data.copy("startup", sizes["startup"]), sizes["startup"], repeats)]
        ws = data.copy("register", big)
        results += register.open_and_first_search(ws, ws.folder, UNIT, repeats)
        results += register.keystrokes(ws, ws.folder, UNIT, repeats, quick)
        results.append(register.sort_columns(ws, ws.folder, UNIT, repeats))
        ws.engine.dispose()
        window = data.copy("window", big, sizes["officials"])
        window.engine.dispose()
        results.append(memory.whole_window(window.folder, big, sizes["officials"], repeats))
        results.append(save_one(data.copy("save", big), big, repeats))
        ws = data.copy("history", big)
        results.append(history.dashboard(ws, ws.folder, big, repeats))
        results.append(history.migration(tmp, big, UNIT, repeats))
        ws.engine.dispose()
        ws = data.copy("reports", big)
        results.append(reports.obstacle_report(tmp, ws, big, repeats))
        results.append(reports.periodic_report(tmp, ws, big, repeats))
        ws.engine.dispose()
        source = data.copy("import-source", sizes["import"])
        results += import_speed.import_workbook(tmp, source, data.file(0), sizes["import"], repeats, data.open_copy)
        source.engine.dispose()
    from bench import consolidation

    results.append(consolidation.run(3, 20, repeats=repeats) if quick else consolidation.run(repeats=repeats))
    from bench import consolidation_tiers

    # The ministry's view: 168 / 1,000 / 3,321 communes x 200 obstacles, as many runs as every other measure
    # (~1 min a run at 3,321: 5 pairs take ~6 min of the suite's ~25).
    results += (consolidation_tiers.run((4, 12), 20, repeats=1, province_row=False) if quick
                else consolidation_tiers.run(repeats=repeats))
    return results
