"""The bundle build.spec makes (PyInstaller, one folder) runs: its selfcheck passes, with only what Desk needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desk.paths import APP_NAME

ROOT = Path(__file__).resolve().parents[2]
EXE = APP_NAME + (".exe" if sys.platform == "win32" else "")
# Qt libraries Desk must not carry (QML/Quick came with the virtual keyboard plugin, Wayland with its
# platform plugins; WebEngine and PDF are not in Essentials+Addons but must never sneak in).
UNWANTED_QT = ("Qt6Quick", "Qt6Qml", "Qt6WebEngine", "Qt6Pdf", "Qt6Wayland", "Qt6VirtualKeyboard", "Qt6Network",
               "Qt6EglFS", "Qt6Multimedia")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """dist/Desk built from build.spec into a temporary folder (about 30 s on two cores)."""
    out = tmp_path_factory.mktemp("pyinstaller")
    done = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(out / "dist"), "--workpath", str(out / "build"), str(ROOT / "build.spec")],
        capture_output=True, text=True, cwd=out, timeout=1200)
    assert done.returncode == 0, done.stderr[-4000:]
    return out / "dist" / APP_NAME


def test_the_frozen_app_passes_its_selfcheck_offscreen(bundle, tmp_path):
    report = tmp_path / "selfcheck.txt"
    # Given a clean environment: no source tree on the path, no display, an unrelated working folder
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "QT_PLUGIN_PATH")}
    env["DESK_DATA_DIR"] = str(tmp_path / "user-data")
    # When the frozen exe runs its selfcheck offscreen, as CI and the Windows workflow do
    done = subprocess.run([str(bundle / EXE), "selfcheck", "--offscreen", "--report", str(report)],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    # Then every step passed, inside the bundle (migrations, translations, SVG icon, QtCharts, Excel export)
    text = report.read_text(encoding="utf-8-sig") if report.exists() else done.stdout + done.stderr
    assert done.returncode == 0, text
    assert "(bản đóng gói: có;" in text
    assert "Kết quả tự kiểm tra: ĐẠT (5/5 bước" in text
    assert "nền tảng Qt «offscreen»" in text and "bản dịch tiếng Việt" in text


def test_the_bundle_ships_what_the_code_looks_up_relative_to_it(bundle):
    internal = bundle / "_internal"            # sys._MEIPASS of a one-folder build
    # Alembic reads its revisions as files at run time: every one of them is there, as source
    source = ROOT / "src" / "desk" / "store" / "migrations" / "versions"
    shipped = internal / "desk" / "store" / "migrations" / "versions"
    assert sorted(p.name for p in shipped.glob("*.py")) == sorted(p.name for p in source.glob("*.py"))
    assert (internal / "desk" / "store" / "migrations" / "env.py").is_file()
    # Translations compiled, their sources not; the icon the window uses
    compiled = {p.name for p in (ROOT / "resources" / "i18n").glob("*.qm")}
    assert {"desk_vi.qm", "qt_vi.qm"} <= compiled
    assert {p.name for p in (internal / "resources" / "i18n").iterdir()} == compiled
    assert (internal / "resources" / "icons" / "desk.svg").is_file()
    # The official unit list's version (services/office.py trusts the unit names saved with it)
    assert list(internal.glob("vietnam_provinces-*.dist-info/METADATA"))


def test_only_the_qt_plugins_and_libraries_desk_uses(bundle):
    files = [p for p in bundle.rglob("*") if p.is_file()]
    platforms = {p.stem.removeprefix("lib") for p in files if p.parent.name == "platforms"}
    expected = {"qoffscreen", "qwindows"} if sys.platform == "win32" else {"qoffscreen", "qxcb"}
    assert platforms == expected
    assert not [p.name for p in files if any(name in p.name for name in UNWANTED_QT)]
    assert not [p.name for p in files if p.parent.name == "platforminputcontexts" and "virtualkeyboard" in p.name]
    # Qt's own translations are not shipped (Desk ships resources/i18n/qt_vi.qm)
    assert not [p for p in files if p.suffix == ".qm" and "PySide6" in p.parts]
    # QtCharts stays: the dashboard draws with it
    assert [p for p in files if "Qt6Charts" in p.name]
