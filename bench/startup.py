"""Start-up along the real entry point (`desk` with no command), against a bare PySide6 + sqlmodel window."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bench.paired import paired, timed
from bench.results import Result

BASELINE_WINDOW = """
    import hashlib, os, time
    from PySide6.QtWidgets import QApplication, QMainWindow
    import sqlmodel
    app = QApplication([])
    if os.environ.get("BENCH_CHECK"):   # the sign-in's password check, bare: scrypt at the stored hash's costs
        n, r, p, length = map(int, os.environ["BENCH_CHECK"].split())
        hashlib.scrypt(b"password", salt=bytes(16), n=n, r=r, p=p, dklen=length, maxmem=256 * r * (n + p + 2))
    w = QMainWindow(); w.resize(1280, 760); w.show(); app.processEvents()
    print("window", time.time(), flush=True)
"""

# Code for a process of its own, after its PATCHES (module name -> patch(module)): each module named is
# patched as soon as it has loaded, before anything uses it, wherever the start imports it from.
PATCHED_ON_LOAD = """
    class PatchedOnLoad(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path, target=None):
            if name not in PATCHES:
                return None
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            load, patch = spec.loader.exec_module, PATCHES[name]
            spec.loader.exec_module = lambda module: (load(module), patch(module))
            return spec

    sys.meta_path.insert(0, PatchedOnLoad())
"""

# `desk` with no command (desk.cli.main -> ui.app.run_app -> ui.sign_in_first), without the human: the
# sign-in dialog is built and shown as usual, and "typed into" BENCH_TYPING seconds after it is up (0: at
# once); the event loop processes the shown window's events once and returns, and the start path closes
# the database and the folder's lock. Each is patched as its module loads, so that modules load in the
# order the real start loads them (the start begins the database check before the window's modules load:
# store.health; the database's modules load behind the sign-in: ui.sign_in_first).
DESK_WINDOW = """
    import importlib.abc, importlib.machinery, os, sys, time

    def typed(self):
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QDialog

        def type_in():
            self.name.setText(os.environ["BENCH_USER"])
            self.password.setText(os.environ["BENCH_PASSWORD"])
            print("typed", time.time(), flush=True)
            self.accept()

        def shown():
            print("dialog", time.time(), flush=True)
            QTimer.singleShot(round(float(os.environ["BENCH_TYPING"]) * 1000), type_in)

        QTimer.singleShot(0, shown)
        return QDialog.exec(self)

    def sign_in_typed(module):
        module.LoginDialog.exec = typed

    def events_once(module):
        module.QApplication.exec = lambda self: (module.QApplication.processEvents(),
                                                 print("window", time.time(), flush=True), 0)[2]

    PATCHES = {"desk.ui.login_dialog": sign_in_typed, "desk.ui.app": events_once}
    """ + PATCHED_ON_LOAD + """
    from desk.cli import main
    sys.exit(main(["--data-dir", os.environ["BENCH_DATA"]]))
"""
SIGN_IN = ("lan", "mật-khẩu-của-Lan")
# The clerk's typing, which no start waits for: the fewest keys a sign-in takes (a three-letter name, Tab,
# the shortest password Desk accepts, Enter) at ten keys a second, a fast typist's pace.
TYPING = (3 + 1 + 8 + 1) / 10


def _run(code: str, env: dict) -> str:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], check=True, env=env,
                          stdout=subprocess.PIPE, text=True).stdout


def _compiled_env(pycache: Path, **more: str) -> dict:
    """The environment of processes that read compiled bytecode, as an installed Desk does (pip and
    PyInstaller ship it): with PYTHONDONTWRITEBYTECODE set, as on some development machines, an
    editable Desk would compile its ~60 start-up modules from source at every start (~50-80 ms)
    while the baseline's site-packages come compiled. The cache lives in the run's folder, not in
    the source tree; a first, untimed run fills it."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": str(pycache), **more}


@contextmanager
def compiled_children(pycache: Path) -> Iterator[None]:
    """Inside, every process the measures start (the consolidation's and the import's reading workers,
    the measures run in a process of their own) reads compiled bytecode, as _compiled_env gives the
    start-up's: an installed Desk's readers do. With PYTHONDONTWRITEBYTECODE set, each reader spawned
    compiled ~40 of Desk's modules from source (~45 ms a reader on this VM). os.environ is as before
    afterwards."""
    before, compiled = dict(os.environ), _compiled_env(pycache)
    os.environ.clear()
    os.environ.update(compiled)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(before)


def startup(tmp: Path, workspace, n: int, repeats: int) -> Result:
    from desk.domain import passwords
    from desk.services import users

    with workspace.session() as session:     # a clerk signs in, as every start of the window asks
        admin = users.create_first_admin(session, "quantri", "mật-khẩu-quản-trị")
        users.add_user(session, admin, SIGN_IN[0], users.Role.CLERK, SIGN_IN[1], "Trần Thị Lan")
    workspace.engine.dispose()
    pycache = tmp / "pycache"
    env = _compiled_env(pycache, BENCH_DATA=str(workspace.folder), BENCH_USER=SIGN_IN[0],
                        BENCH_PASSWORD=SIGN_IN[1], BENCH_TYPING=str(TYPING))
    at_once_env = {**env, "BENCH_TYPING": "0"}
    bare_env = _compiled_env(pycache)
    # The baseline does the same work: a bare window, and before it the one check every start of Desk must
    # make, the password's (scrypt at the cost the sign-in's hash was made with, passwords.N: OWASP's,
    # ~0.3-0.45 s on this VM, more than the bare window's 0.35-0.45 s). The bare window alone is timed beside.
    check_env = {**bare_env, "BENCH_CHECK": f"{passwords.N} {passwords.R} {passwords.P} {passwords.KEY_LENGTH}"}
    _run(DESK_WINDOW, env), _run(BASELINE_WINDOW, check_env)     # compile, untimed
    # The clerk waits twice: from starting Desk to the sign-in dialog up, and from Enter to the window shown
    # with its events processed (the moment she can work); not for Desk to close its database and Python to
    # unload ~1,000 modules at the end. The bare window is timed from its start to its window shown. The
    # whole processes, and Desk's start with the sign-in typed at once (nothing left to do while she types),
    # are printed beside.
    whole: dict[str, list[float]] = {"desk": [], "base": [], "bare": []}
    moments: list[tuple[float, float]] = []     # per Desk run: seconds to the sign-in dialog, then Enter to window
    bare: list[float] = []                      # the bare window alone, after each checked one

    def waited(code: str, side_env: dict, side: str) -> float:
        began, started = time.time(), time.perf_counter()
        said = _run(code, side_env)
        whole[side].append(time.perf_counter() - started)
        at = {kind: float(when) for kind, when in (line.split() for line in said.splitlines()
                                                  if line.startswith(("dialog ", "typed ", "window ")))}
        if side != "desk":
            return at["window"] - began
        # From when she pressed Enter: TYPING after the dialog came up, even where Desk was busy then and
        # took her keys a little later (the "typed" moment), as a keyboard's queue holds them.
        moments.append((at["dialog"] - began, at["window"] - at["dialog"] - TYPING))
        return moments[-1][0] + moments[-1][1]

    def baselines() -> float:
        checked = waited(BASELINE_WINDOW, check_env, "base")
        bare.append(waited(BASELINE_WINDOW, bare_env, "bare"))
        return checked

    ours, base = paired(lambda: waited(DESK_WINDOW, env, "desk"), baselines, repeats)
    ratios = sorted(a / b for a, b in zip(ours.seconds, base.seconds))
    bare_ratios = sorted(a / b for a, b in zip(ours.seconds, bare))
    ratio, bare_ratio, bare_window = (statistics.median(each) for each in (ratios, bare_ratios, bare))
    to_dialog, after_enter = (statistics.median(m[i] for m in moments) for i in (0, 1))
    at_once = []
    for _ in range(repeats):
        began = time.time()
        said = _run(DESK_WINDOW, at_once_env)
        at_once.append(float(next(line.split()[1] for line in said.splitlines() if line.startswith("window "))) - began)
    stored = passwords.hash_password(SIGN_IN[1])
    check = sorted(timed(lambda: passwords.verify_password(SIGN_IN[1], stored)) for _ in range(repeats))
    print(f"start-up: paired ratios {', '.join(f'{r:.2f}' for r in ratios)} (median {ratio:.2f}) against "
          f"the bare window with the password check ({base.median:.2f} s); against the bare window alone "
          f"({bare_window:.2f} s) {', '.join(f'{r:.2f}' for r in bare_ratios)} (median "
          f"{bare_ratio:.2f}); the sign-in dialog up after {to_dialog:.2f} s, the window {after_enter:.2f} s "
          f"after Enter (typed {TYPING:.1f} s after the dialog came up), the password check alone (scrypt "
          f"n={passwords.N}) {check[len(check) // 2]:.2f} s ({check[0]:.2f}-{check[-1]:.2f}); typed at once, the "
          f"window after {statistics.median(at_once):.2f} s ({min(at_once):.2f}-{max(at_once):.2f}); whole "
          f"processes {statistics.median(whole['desk']):.2f} s (with the typing) and "
          f"{statistics.median(whole['base']):.2f} s")
    return Result(f"start to usable window, {n:,} obstacles (desk: to the sign-in + Enter to the window)",
                  ours.median, "s", "median ≤ 1.3x baseline", base.median,
                  f"bare PySide6 + sqlmodel window after the same password check (scrypt n={passwords.N}); "
                  f"the bare window alone {bare_window:.3f} s ({bare_ratio:.2f}x)",
                  ok=ours.median <= 1.3 * base.median, spread=ours.spread, baseline_spread=base.spread, runs=repeats)
