"""Resident memory of the whole main window after the clerk has visited every screen, in a process of its own."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import textwrap
from pathlib import Path

from bench.paired import Runs
from bench.results import Result

LIMIT_MB = 400

_RSS = """
    def rss_mb():
        for line in open("/proc/self/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
"""
WINDOW = _RSS + """
    import os
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from desk.services.workspace import open_workspace
    from desk.ui import settings as options
    from desk.ui.main_window import MainWindow
    from desk.ui.app import install_translators
    app = QApplication([])
    translators = install_translators(app, "vi")      # the clerk's window, in Vietnamese
    folder = Path(os.environ["BENCH_DATA"])
    ws = open_workspace(str(folder))
    w = MainWindow(ws, options.Settings(folder / "settings.ini"))
    w.show(); app.processEvents()
    import time
    for row in range(w.nav.count()):        # every screen, as the clerk clicks through them
        started = time.perf_counter()
        w.nav.setCurrentRow(row)
        app.processEvents()
        print("screen", time.perf_counter() - started, w.nav.item(row).text(), flush=True)
    print(rss_mb())
"""
BARE = _RSS + """
    from PySide6.QtWidgets import QApplication, QMainWindow
    import sqlmodel
    app = QApplication([])
    w = QMainWindow(); w.resize(1280, 760); w.show(); app.processEvents()
    print(rss_mb())
"""


def _rss(code: str, env: dict) -> float:
    return float(_run(code, env).strip().splitlines()[-1])


def _run(code: str, env: dict) -> str:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], check=True, env=env, capture_output=True,
                          text=True).stdout


def whole_window(folder: Path, obstacles: int, officials: int, repeats: int) -> Result:
    env = {**os.environ, "BENCH_DATA": str(folder)}
    ours, base = [], []
    first_visits: dict[str, list[float]] = {}
    for _ in range(repeats):
        said = _run(WINDOW, env).strip().splitlines()
        ours.append(float(said[-1]))
        for line in said[:-1]:
            if line.startswith("screen "):
                _word, seconds, screen = line.split(" ", 2)
                first_visits.setdefault(screen, []).append(float(seconds))
        base.append(_rss(BARE, env))
    o, b = Runs(ours), Runs(base)
    # What the clerk waits for at each screen's first visit (a screen is built when first shown): printed
    # beside the memory, slowest first; the window is the one measured above.
    slowest = sorted(((statistics.median(times), screen) for screen, times in first_visits.items()), reverse=True)
    print("first visit of each screen (median of", repeats, "windows): " +
          ", ".join(f"{screen} {seconds:.2f} s" for seconds, screen in slowest))
    return Result(f"resident memory, whole window, every screen visited ({obstacles:,} obstacles, "
                  f"{officials:,} officials)", o.median, "MB", f"< {LIMIT_MB} MB", b.median,
                  "bare PySide6 + sqlmodel window", ok=o.median < LIMIT_MB, spread=o.spread, baseline_spread=b.spread,
                  runs=repeats)
