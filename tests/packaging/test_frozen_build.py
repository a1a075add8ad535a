"""The bundle build.spec makes (PyInstaller, one folder) runs: its selfcheck passes, its console program
talks, and it carries only what Desk needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desk import __version__
from desk.paths import APP_NAME

ROOT = Path(__file__).resolve().parents[2]
SUFFIX = ".exe" if sys.platform == "win32" else ""
EXE = APP_NAME + SUFFIX                 # the windowed program (the Start menu's)
CONSOLE_EXE = "desk-cli" + SUFFIX       # the same code as a console program (scripts, cmd, PowerShell)
# Modules build.spec trims (never loaded by Desk); multiprocessing stays (an import worker may use it).
TRIMMED = ("setuptools", "pkg_resources", "pygments", "lxml.objectify", "lxml.html", "lxml.isoschematron",
           "pydoc", "pdb", "doctest", "xmlrpc")
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


def clean_env(tmp_path) -> dict[str, str]:
    """No source tree on the path, no display, a UTF-8 locale that is not C (Python's own UTF-8 trigger)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "QT_PLUGIN_PATH",
                        "PYTHONUTF8", "PYTHONIOENCODING", "LANG", "LANGUAGE")}
    env["LC_ALL"] = "C.UTF-8"
    env["DESK_DATA_DIR"] = str(tmp_path / "user-data")
    return env


def test_the_frozen_app_passes_its_selfcheck_offscreen(bundle, tmp_path):
    report = tmp_path / "selfcheck.txt"
    # Given a clean environment and an unrelated working folder
    env = clean_env(tmp_path)
    # When the frozen exe runs its selfcheck offscreen, as CI and the Windows workflow do
    done = subprocess.run([str(bundle / EXE), "selfcheck", "--offscreen", "--report", str(report)],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    # Then every step passed, inside the bundle (migrations, translations, SVG icon, QtCharts, Excel export)
    text = report.read_text(encoding="utf-8-sig") if report.exists() else done.stdout + done.stderr
    assert done.returncode == 0, text
    assert "(bản đóng gói: có;" in text
    assert "Kết quả tự kiểm tra: ĐẠT (10/10 bước" in text
    assert "nền tảng Qt «offscreen»" in text and "bản dịch tiếng Việt" in text
    # and the bundle carries the shared server's driver with its libpq (psycopg's binary build)
    assert "[ĐẠT] Nạp trình kết nối máy chủ PostgreSQL dùng chung: psycopg" in text and "(binary)" in text
    # and the sign-in's scrypt at Desk's own cost, by the faster on this PC of OpenSSL's and the bundled libsodium's
    [scrypt] = [line for line in text.splitlines() if "Băm và kiểm tra mật khẩu đăng nhập" in line]
    assert scrypt.startswith("[ĐẠT] Băm và kiểm tra mật khẩu đăng nhập: scrypt n=131072, ")
    assert "libsodium (PyNaCl)" in scrypt and "OpenSSL (hashlib)" in scrypt and "nhanh hơn" in scrypt
    # and a large import's keys are made in a second process of the bundle, as they are from source
    assert ("[ĐẠT] Tạo khóa tìm kiếm, sắp xếp trên tiến trình phụ (nhập tệp lớn): 3 bản ghi, khóa như tạo trong "
            "tiến trình chính") in text
    # and a long report's data sheet is made by a second process of the bundle
    assert ("[ĐẠT] Ghi phần dữ liệu máy đọc trên tiến trình phụ (báo cáo lớn): 3 dòng, như ghi trong tiến trình "
            "chính") in text
    # and a large import's new records are made ready by a second process of the bundle
    assert ("[ĐẠT] Chuẩn bị bản ghi nhập trên tiến trình phụ (nhập tệp lớn): 2 bản ghi, như trong tiến trình "
            "chính") in text
    # And Python runs in UTF-8 mode (build.spec's "X utf8"), whatever the locale's code page
    assert "chế độ UTF-8: có" in text


def test_the_console_program_prints_vietnamese_and_returns_the_documented_exit_codes(bundle, tmp_path):
    env = clean_env(tmp_path)
    console = str(bundle / CONSOLE_EXE)
    # Given the console program beside the windowed one, in the same folder
    assert (bundle / EXE).is_file() and (bundle / CONSOLE_EXE).is_file()
    # When it is asked for its version: it prints it and exits 0
    done = subprocess.run([console, "--version"], capture_output=True, env=env, cwd=tmp_path, timeout=120)
    assert (done.returncode, done.stdout.decode("utf-8").strip()) == (0, f"Desk {__version__}")
    # When a command lacks its period (the user's mistake): a Vietnamese message, in UTF-8, and exit 2
    done = subprocess.run([console, "export", "obstacles", "--out", "bao-cao.xlsx"], capture_output=True,
                          env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 2
    assert "Lỗi: Thiếu kỳ báo cáo: dùng --period" in done.stderr.decode("utf-8")
    # When it is given an unknown option: argparse's complaint in Vietnamese names the program to ask for help
    done = subprocess.run([console, "--khong-co"], capture_output=True, env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 2
    assert "Xem: desk-cli --help" in done.stderr.decode("utf-8")
    # When a command works: it says so and exits 0 (the data folder is made and recorded)
    done = subprocess.run([console, "init", "--unit", "11329"], capture_output=True, env=env, cwd=tmp_path,
                          timeout=120)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert "Đã chọn đơn vị: Phường Ngô Quyền" in done.stdout.decode("utf-8")


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


def test_the_bundle_is_trimmed_of_modules_desk_never_loads(bundle):
    from PyInstaller.archive.readers import CArchiveReader

    # The Python modules of the bundle, as its executable's embedded archive lists them
    archive = CArchiveReader(str(bundle / EXE)).open_embedded_archive("PYZ.pyz")
    modules = set(archive.toc)
    assert "desk.cli" in modules and "openpyxl" in modules and "lxml.etree" not in modules  # etree: an extension
    # Trimmed: no module of these packages, and no setuptools runtime hook or data folder
    assert not [m for m in modules if m.split(".")[0] in TRIMMED or any(m.startswith(t + ".") or m == t
                                                                          for t in TRIMMED)]
    assert not (bundle / "_internal" / "setuptools").exists()
    # Kept: what an import worker process may need
    assert {"multiprocessing", "subprocess", "concurrent.futures"} <= modules


def test_the_frozen_console_program_imports_through_its_reading_worker(bundle, tmp_path):
    import openpyxl
    from tests.importers.hostile import _far

    env = clean_env(tmp_path)
    console = str(bundle / CONSOLE_EXE)

    def run(*args, **more):
        return subprocess.run([console, *args], capture_output=True, env={**env, **more}, cwd=tmp_path, timeout=300)

    assert run("init", "--unit", "11329").returncode == 0
    template = tmp_path / "mau.xlsx"
    assert run("template", "obstacles", "--out", str(template)).returncode == 0
    wb = openpyxl.load_workbook(template)
    sheet = wb["Dữ liệu"]
    columns = {str(c.value).removesuffix(" *"): c.column for c in sheet[1] if c.value}
    for heading, value in {"Nội dung khó khăn, vướng mắc": "Thiếu máy tính", "Lĩnh vực": "Khác",
                           "Cấp có thẩm quyền giải quyết": "Cấp xã", "Ngày phát sinh": "01/10/2025",
                           "Tình trạng": "Mới tiếp nhận"}.items():
        sheet.cell(2, columns[heading]).value = value
    wb.save(template)
    # Given the bundle (multiprocessing frozen: freeze_support in the entry point), an import works...
    done = run("import", str(template))
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert "Đã nhập tệp «mau.xlsx»: sổ «Khó khăn, vướng mắc»: 1 bản ghi mới" in done.stdout.decode("utf-8")
    # ...and a file that needs more memory than the reader may have ends only the reader
    heavy = tmp_path / "nang.xlsx"
    heavy.write_bytes(_far("IV62000"))
    done = run("import", str(heavy), DESK_READER_MEMORY_MB="400")
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 2, err
    assert err.startswith("Lỗi: Không nhập được tệp «nang.xlsx»: đọc tệp cần quá nhiều bộ nhớ (giới hạn 0,4 GB)")
