"""The installer script and build.spec agree, and the script says what the IT person is promised (text checks)."""

from __future__ import annotations

import re
from pathlib import Path, PureWindowsPath

import pytest

from desk import __version__, paths, running
from desk.buildinfo import file_version

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "packaging" / "windows" / "desk.iss"
SPEC = ROOT / "build.spec"
# Upgrades in place depend on it: a new GUID would install a second Desk beside the first.
APP_ID = "{{9911F2DB-5CB2-4E22-961C-0FC63261B347}"


def iss_text() -> str:
    return ISS.read_text(encoding="utf-8")


def defines() -> dict[str, str]:
    return dict(re.findall(r'^\s*#define\s+(\w+)\s+"([^"]*)"', iss_text(), re.M))


def setup_directives() -> dict[str, str]:
    """The [Setup] directives every build has (not those inside an #ifdef)."""
    section = re.search(r"^\[Setup\]\n(.*?)^\[", iss_text(), re.M | re.S).group(1)
    section = re.sub(r"^#ifdef.*?^#endif$", "", section, flags=re.M | re.S)
    return dict(re.findall(r"^(\w+)=(.*)$", section, re.M))


def section(name: str) -> str:
    found = re.search(rf"^\[{name}\]\n(.*?)(?=^\[|\Z)", iss_text(), re.M | re.S)
    return found.group(1) if found else ""


def beside_iss(relative: str) -> Path:
    """A path written in the .iss (relative to its folder, backslashes) on this machine."""
    return (ISS.parent / Path(*PureWindowsPath(relative).parts)).resolve()


def test_the_installer_installs_the_exe_that_build_spec_builds():
    d = defines()
    # Given the app name the code uses for its data folder and build.spec uses for the exe
    assert 'name=APP_NAME' in SPEC.read_text() and "from desk.paths import APP_NAME" in SPEC.read_text()
    # Then the installer packs dist/<APP_NAME> and starts <APP_NAME>.exe
    assert d["AppName"] == paths.APP_NAME
    assert d["AppExeName"] == f"{paths.APP_NAME}.exe"
    assert beside_iss(d["DistDir"]) == ROOT / "dist" / paths.APP_NAME
    assert 'Source: "{#DistDir}\\*"' in section("Files") and "recursesubdirs" in section("Files")
    assert "{app}\\{#AppExeName}" in section("Icons")


def test_the_version_comes_from_the_build_not_the_script():
    text = iss_text()
    # The script refuses to compile without /DAppVersion, and holds no version of its own
    assert re.search(r"#ifndef AppVersion\s*\n\s*#error", text)
    assert "AppVersion" not in defines()
    assert setup_directives()["OutputBaseFilename"] == "Desk-Setup-{#AppVersion}"
    assert setup_directives()["AppVersion"] == "{#AppVersion}"
    assert setup_directives()["VersionInfoVersion"] == "{#FileVersion}"


@pytest.mark.parametrize("version, numbers", [
    ("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.0.0rc1", (2, 0, 0, 0)), ("1.2.3.4.5", (1, 2, 3, 4)),
])
def test_windows_gets_four_numbers_from_any_version(version, numbers):
    assert file_version(version) == numbers


def test_buildinfo_prints_what_iscc_needs(capsys):
    from desk.buildinfo import main

    assert main([]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"AppVersion={__version__}", "FileVersion=" + ".".join(map(str, file_version()))]


def test_per_user_install_that_upgrades_in_place():
    setup = setup_directives()
    assert defines()["AppId"] == APP_ID and setup["AppId"] == "{#AppId}"
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup      # never an all-users install
    assert setup["DefaultDirName"] == "{autopf}\\{#AppName}"       # {userpf}: %LOCALAPPDATA%\Programs
    assert setup["UsePreviousAppDir"] == "yes"
    # An upgrade first removes the old bundle's libraries, inside the program folder only
    assert 'Type: filesandordirs; Name: "{app}\\_internal"' in section("InstallDelete")


def test_the_uninstaller_leaves_the_clerks_data_alone():
    # The data folder is platformdirs' local app-data folder, never the program folder
    assert defines()["DataDir"] == "{localappdata}\\" + paths.APP_NAME
    assert setup_directives()["DefaultDirName"] != defines()["DataDir"]
    # Nothing is deleted on uninstall beyond what was installed, and installing into the data folder is refused
    assert section("UninstallDelete").strip() == ""
    assert "localappdata" not in section("InstallDelete").lower()
    assert "function PrepareToInstall" in section("Code") and "{#DataDir}" in section("Code")


def test_start_menu_shortcut_and_an_optional_desktop_one():
    icons = section("Icons")
    assert 'Name: "{autoprograms}\\{#AppName}"' in icons
    assert re.search(r'Name: "\{autodesktop\}\\\{#AppName\}".*Tasks: desktopicon', icons)
    assert re.search(r'Name: "desktopicon".*Flags: unchecked', section("Tasks"))


def test_languages_english_always_vietnamese_when_its_messages_file_is_there():
    languages = section("Languages")
    assert 'Name: "en"; MessagesFile: "compiler:Default.isl"' in languages
    # Inno Setup ships no Vietnamese.isl: it is used when the file is there (CI downloads it and
    # passes /DRequireVietnamese, which turns a missing file into a compile error)
    assert re.search(r'#if HaveVietnamese\nName: "vi"; MessagesFile: "compiler:Default.isl,\{#VietnameseIsl\}"',
                     languages)
    assert "#if defined(RequireVietnamese) && !HaveVietnamese\n  #error" in iss_text()
    # Windows' display language picks the language; the list is shown only when neither matches
    assert setup_directives()["ShowLanguageDialog"] == "auto"
    # Every "vi." message is inside such a guard, or the English-only build would not compile
    text = iss_text()
    for match in re.finditer(r"^vi\.\w+=", text, re.M):
        before = text[:match.start()]
        assert before.rfind("#if HaveVietnamese") > before.rfind("#endif")
    # And every English custom message has its Vietnamese twin
    english = set(re.findall(r"^en\.(\w+)=", text, re.M))
    assert english == set(re.findall(r"^vi\.(\w+)=", text, re.M))


def test_files_the_script_names_exist():
    setup = setup_directives()
    assert beside_iss(setup["SetupIconFile"]) == ROOT / "resources" / "app.ico"
    assert (ROOT / "resources" / "app.ico").is_file()


def test_build_spec_makes_one_folder_with_a_windowed_and_a_console_program_without_upx():
    spec = SPEC.read_text(encoding="utf-8")
    for setting in ("exclude_binaries=True", "upx=False", "COLLECT(window_exe, console_exe,"):
        assert setting in spec
    assert "window_exe = program(APP_NAME, console=False)" in spec
    assert 'console_exe = program(CONSOLE_NAME, console=True)' in spec
    # The console program's name is the one the installer and README promise, and differs from
    # Desk.exe by more than case (Windows file names ignore case)
    console = re.search(r'^CONSOLE_NAME = "([^"]+)"', spec, re.M).group(1)
    assert defines()["ConsoleExeName"] == f"{console}.exe"
    assert console.lower() != paths.APP_NAME.lower()
    assert f"{console} export" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'version=windows_version_info(f"{name}.exe") if IS_WINDOWS' in spec
    assert 'icon=str(RESOURCES / "app.ico")' in spec
    assert '("X utf8", None, "OPTION")' in spec
    assert (ROOT / "packaging" / "pyinstaller" / "hook-PySide6.QtGui.py").is_file()


def test_windows_10_1809_or_later_as_qt_6_requires():
    assert setup_directives()["MinVersion"] == "10.0.17763"


def test_no_folder_page_so_no_administrator_folder_can_be_picked():
    setup = setup_directives()
    assert setup["DisableDirPage"] == "yes"
    assert setup["PrivilegesRequired"] == "lowest"


def test_a_running_desk_stops_setup_and_uninstall():
    setup = setup_directives()
    # The mutex every Desk process creates (desk/running.py); the Restart Manager for older ones
    assert setup["AppMutex"] == running.MUTEX_NAME
    assert setup["CloseApplications"] == "yes"


def test_signing_only_when_a_sign_tool_is_passed():
    # SignTool and SignedUninstaller sit inside #ifdef SignToolName: an unsigned build needs nothing
    assert re.search(r"^#ifdef SignToolName\nSignTool=\{#SignToolName\}\nSignedUninstaller=yes\n#endif$",
                     iss_text(), re.M)
    assert "SignTool" not in setup_directives()


def test_an_optional_per_user_path_entry_that_the_uninstaller_takes_back():
    assert re.search(r'Name: "addtopath"; Description: "\{cm:AddToPath\}"; Flags: unchecked', section("Tasks"))
    code = section("Code")
    assert "WizardIsTaskSelected('addtopath')" in code and "AddToUserPath(ExpandConstant('{app}'))" in code
    assert "usPostUninstall" in code and "RemoveFromUserPath(ExpandConstant('{app}'))" in code
    # Per user (HKCU), never the machine's PATH; Explorer is told so new consoles see it
    assert "HKLM" not in code and "HKCU, EnvironmentKey" in code
    assert setup_directives()["ChangesEnvironment"] == "yes"
