"""A running Desk announces itself with the named mutex the installer checks (AppMutex)."""

from __future__ import annotations

import ctypes
import re
from pathlib import Path

from desk import cli, running

ISS = Path(__file__).resolve().parents[1] / "packaging" / "windows" / "desk.iss"


class _FakeKernel32:
    """Records CreateMutexW calls as Windows' kernel32 would receive them."""

    def __init__(self):
        self.calls = []
        outer = self

        class _CreateMutexW:
            argtypes = restype = None

            def __call__(self, attributes, owned, name):
                outer.calls.append((attributes, owned, name))
                return 0x1234

        self.CreateMutexW = _CreateMutexW()


def test_on_windows_desk_holds_the_mutex_the_installer_checks(monkeypatch):
    # Given Windows' kernel32
    kernel32 = _FakeKernel32()
    monkeypatch.setattr(running.sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "WinDLL", lambda name, **kw: kernel32, raising=False)
    monkeypatch.setattr(running, "_handles", [])
    # When Desk announces itself
    handle = running.announce()
    # Then it created the mutex, not owned, under the name the installer's AppMutex waits for
    assert kernel32.calls == [(None, False, running.MUTEX_NAME)]
    app_mutex = re.search(r"^AppMutex=(.*)$", ISS.read_text(encoding="utf-8"), re.M).group(1)
    assert app_mutex == running.MUTEX_NAME
    # And keeps the handle for as long as it runs (Windows removes the mutex when the process ends)
    assert handle == 0x1234 and running._handles == [0x1234]


def test_elsewhere_it_does_nothing(monkeypatch):
    monkeypatch.setattr(running.sys, "platform", "linux")
    assert running.announce() is None


def test_every_command_announces_itself_before_it_runs(monkeypatch, tmp_path, capsys):
    # Given a command line run
    seen = []
    monkeypatch.setattr(running, "announce", lambda: seen.append("announced"))
    # When a command runs (even one that fails on bad input)
    code = cli.main(["--data-dir", str(tmp_path), "export", "obstacles", "--out", str(tmp_path / "x.xlsx")])
    # Then Desk announced itself first
    assert code == cli.EXIT_BAD_INPUT and seen == ["announced"]
