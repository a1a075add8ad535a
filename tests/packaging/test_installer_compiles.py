"""The real Inno Setup compiler builds packaging/windows/desk.iss (under Wine on Linux) into a Setup.exe
whose version resource carries desk.__version__; a broken script fails here, not on the Windows runner."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pefile
import pytest

from desk import __version__
from desk.buildinfo import file_version

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "packaging" / "windows" / "desk.iss"
# scripts/bootstrap.sh installs both (npm package innosetup-compiler, pinned; Debian's wine + wine32).
ISCC = ROOT / ".tools" / "inno" / "node_modules" / "innosetup-compiler" / "bin" / "ISCC.exe"
WINE_PREFIX = ROOT / ".tools" / "wine"
# A stand-in for the unofficial translation (the workflow downloads the real one from a pinned commit).
VIETNAMESE_ISL = "\ufeff[LangOptions]\nLanguageName=Tiếng Việt\nLanguageID=$042A\nLanguageCodePage=1258\n"


def windows_path(path: Path) -> str:
    """The path as ISCC sees it: Wine maps the Linux root to drive Z:."""
    return str(path) if sys.platform == "win32" else "Z:" + str(path).replace("/", "\\")


def iscc(*arguments: str) -> tuple[subprocess.CompletedProcess, float]:
    assert ISCC.is_file(), f"{ISCC} is missing: run scripts/bootstrap.sh (make test does)"
    command = [str(ISCC), *arguments, windows_path(ISS)]
    env = dict(os.environ)
    if sys.platform != "win32":
        wine = shutil.which("wine")
        assert wine, "wine is missing: run scripts/bootstrap.sh as root (make test does)"
        command.insert(0, wine)
        # No Mono/Gecko installers, no debug chatter; the prefix bootstrap prepared.
        env.update(WINEPREFIX=str(WINE_PREFIX), WINEDEBUG="-all", WINEDLLOVERRIDES="mscoree,mshtml=")
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env, timeout=600)
    return done, time.perf_counter() - started


def output(done: subprocess.CompletedProcess) -> str:
    return (done.stdout + done.stderr).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def payload(tmp_path_factory) -> Path:
    """A stand-in for dist/Desk: the two programs and a library folder (the real bundle is built elsewhere)."""
    folder = tmp_path_factory.mktemp("dist") / "Desk"
    (folder / "_internal").mkdir(parents=True)
    (folder / "Desk.exe").write_bytes(b"MZ stand-in for the windowed program")
    (folder / "desk-cli.exe").write_bytes(b"MZ stand-in for the console program")
    (folder / "_internal" / "python3.dll").write_bytes(b"stand-in library")
    return folder


@pytest.fixture(scope="module")
def built(payload, tmp_path_factory) -> tuple[Path, str, float]:
    """Setup.exe compiled as CI does: with Vietnamese required, from the stand-in payload."""
    out = tmp_path_factory.mktemp("installer")
    isl = out / "Vietnamese.isl"
    isl.write_text(VIETNAMESE_ISL, encoding="utf-8")
    numbers = ".".join(map(str, file_version()))
    done, seconds = iscc(f"/DAppVersion={__version__}", f"/DFileVersion={numbers}",
                         f"/DDistDir={windows_path(payload)}", f"/DVietnameseIsl={windows_path(isl)}",
                         "/DRequireVietnamese", f"/O{windows_path(out)}")
    assert done.returncode == 0, output(done)[-4000:]
    print(f"ISCC compiled desk.iss in {seconds:.1f} s")
    return out / f"Desk-Setup-{__version__}.exe", output(done), seconds


def version_strings(pe: pefile.PE) -> dict[str, str]:
    found = {}
    for info in getattr(pe, "FileInfo", []):
        for entry in info:
            for table in getattr(entry, "StringTable", []):
                # Inno Setup pads its values with spaces (fixed-size slots in its template)
                found.update({k.decode(): v.decode().rstrip("\x00 ") for k, v in table.entries.items()})
    return found


def test_the_installer_compiles_and_carries_the_version_of_desk(built):
    setup, _log, _seconds = built
    # Then the file is named after the version, and its version resource says the same
    assert setup.is_file()
    pe = pefile.PE(str(setup))
    fixed = pe.VS_FIXEDFILEINFO[0]
    numbers = (fixed.FileVersionMS >> 16, fixed.FileVersionMS & 0xFFFF, fixed.FileVersionLS >> 16,
               fixed.FileVersionLS & 0xFFFF)
    assert numbers == file_version(__version__)
    strings = version_strings(pe)
    assert strings["ProductVersion"] == __version__
    assert strings["ProductName"] == "Desk"
    assert strings["FileDescription"] == "Desk Setup"


def test_the_installer_packs_both_programs_and_the_vietnamese_messages(built, payload):
    _setup, log, _seconds = built
    # ISCC's log names every file it compressed and every messages file it read
    for name in ("Desk.exe", "desk-cli.exe", "python3.dll"):
        assert f"{name}" in log, name
    assert "Vietnamese.isl" in log
    # And the compressor ran in its own process (the only way LZMA2 ultra64 works under Wine)
    assert "Successful compile" in log


def test_the_installer_shows_the_multi_size_icon(built):
    setup, _log, _seconds = built
    pe = pefile.PE(str(setup))
    groups = [entry for entry in pe.DIRECTORY_ENTRY_RESOURCE.entries
              if entry.id == pefile.RESOURCE_TYPE["RT_GROUP_ICON"]]
    assert groups
    # The first icon group is Setup's icon (SetupIconFile = resources/app.ico): every size Explorer asks for
    data_entry = groups[0].directory.entries[0].directory.entries[0].data.struct
    data = pe.get_data(data_entry.OffsetToData, data_entry.Size)
    count = int.from_bytes(data[4:6], "little")
    sizes = {data[6 + 14 * i] or 256 for i in range(count)}
    assert sizes >= {16, 24, 32, 48, 64, 128, 256}


def test_ci_cannot_build_an_english_only_installer_by_mistake(payload, tmp_path):
    # Given the Vietnamese messages file is missing (the download step did not run)
    done, _seconds = iscc(f"/DAppVersion={__version__}", f"/DDistDir={windows_path(payload)}",
                          f"/DVietnameseIsl={windows_path(tmp_path / 'missing.isl')}", "/DRequireVietnamese",
                          f"/O{windows_path(tmp_path)}")
    # Then ISCC refuses, and says why
    assert done.returncode != 0
    assert "Vietnamese.isl is missing" in output(done)
    assert not list(tmp_path.glob("*.exe"))


def test_the_script_refuses_to_compile_without_a_version(payload, tmp_path):
    done, _seconds = iscc(f"/DDistDir={windows_path(payload)}", f"/O{windows_path(tmp_path)}")
    assert done.returncode != 0
    assert "Pass the version from the build" in output(done)
