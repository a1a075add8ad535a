"""The installer script, build.spec and the Windows workflow agree (cheap text checks; no Windows here)."""

from __future__ import annotations

import re
from pathlib import Path, PureWindowsPath

import pytest

from desk import __version__, paths
from desk.buildinfo import file_version

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "packaging" / "windows" / "desk.iss"
SPEC = ROOT / "build.spec"
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"
# Upgrades in place depend on it: a new GUID would install a second Desk beside the first.
APP_ID = "{{9911F2DB-5CB2-4E22-961C-0FC63261B347}"


def iss_text() -> str:
    return ISS.read_text(encoding="utf-8")


def defines() -> dict[str, str]:
    return dict(re.findall(r'^#define\s+(\w+)\s+"([^"]*)"', iss_text(), re.M))


def setup_directives() -> dict[str, str]:
    section = re.search(r"^\[Setup\]\n(.*?)^\[", iss_text(), re.M | re.S).group(1)
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
    # And the workflow passes what desk.buildinfo prints from desk.__version__
    workflow = WORKFLOW.read_text(encoding="utf-8")
    assert "python -m desk.buildinfo" in workflow
    assert '"/DAppVersion=${{ steps.version.outputs.AppVersion }}"' in workflow
    assert '"/DFileVersion=${{ steps.version.outputs.FileVersion }}"' in workflow
    assert "packaging\\windows\\desk.iss" in workflow


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
    # The workflow proves it: install, init, upgrade, uninstall, the database is still there
    workflow = WORKFLOW.read_text(encoding="utf-8")
    assert "unins000.exe" in workflow and "the uninstaller removed the clerk's data" in workflow


def test_start_menu_shortcut_and_an_optional_desktop_one():
    icons = section("Icons")
    assert 'Name: "{autoprograms}\\{#AppName}"' in icons
    assert re.search(r'Name: "\{autodesktop\}\\\{#AppName\}".*Tasks: desktopicon', icons)
    assert re.search(r'Name: "desktopicon".*Flags: unchecked', section("Tasks"))


def test_languages_english_always_vietnamese_when_its_messages_file_is_there():
    languages = section("Languages")
    assert 'Name: "en"; MessagesFile: "compiler:Default.isl"' in languages
    # Inno Setup ships no Vietnamese.isl: it is used only if packaging/windows/Languages has a copy
    assert re.search(r'#if FileExists\(AddBackslash\(SourcePath\) \+ "Languages\\Vietnamese.isl"\)\n'
                     r'Name: "vi"; MessagesFile: "compiler:Default.isl,Languages\\Vietnamese.isl"', languages)
    # Every "vi." message is inside such a guard, or the English-only build would not compile
    text = iss_text()
    for match in re.finditer(r"^vi\.\w+=", text, re.M):
        before = text[:match.start()]
        assert before.rfind("#if FileExists") > before.rfind("#endif")


def test_files_the_script_names_exist():
    setup = setup_directives()
    assert beside_iss(setup["SetupIconFile"]) == ROOT / "resources" / "app.ico"
    assert (ROOT / "resources" / "app.ico").is_file()


def test_build_spec_is_one_folder_windowed_without_upx():
    spec = SPEC.read_text(encoding="utf-8")
    for setting in ("exclude_binaries=True", "console=False", "upx=False", "COLLECT("):
        assert setting in spec
    assert "version=windows_version_info() if IS_WINDOWS" in spec
    assert 'icon=str(RESOURCES / "app.ico")' in spec
    assert (ROOT / "packaging" / "pyinstaller" / "hook-PySide6.QtGui.py").is_file()


def test_the_workflow_builds_checks_and_uploads_on_windows():
    workflow = WORKFLOW.read_text(encoding="utf-8")
    assert "runs-on: windows-latest" in workflow
    assert 'python-version: "3.12"' in workflow
    assert "pyinstaller --noconfirm --clean build.spec" in workflow
    # The windowed exe has no console: exit code through Start-Process, result through --report
    assert '$exe = (Resolve-Path "dist\\Desk\\Desk.exe").Path' in workflow
    assert 'Start-Process -FilePath $exe -ArgumentList @("selfcheck", "--report"' in workflow
    assert "-Wait -PassThru" in workflow and "$p.ExitCode -ne 0" in workflow
    assert "choco install innosetup" in workflow
    assert "actions/upload-artifact@" in workflow and "dist/installer/Desk-Setup-*.exe" in workflow
