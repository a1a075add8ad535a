"""The Windows workflow keeps its safeguards: a later edit cannot silently drop a timeout, a pin, the
upgrade test or the release (the workflow itself only runs on GitHub)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"
MAX_STEP_MINUTES = 30


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))     # YAML 1.1 reads the key `on` as True
    return data


def steps(workflow, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def step(workflow, job: str, name_start: str) -> dict:
    found = [s for s in steps(workflow, job) if s.get("name", "").startswith(name_start)]
    assert len(found) == 1, f"{job}: no single step named {name_start!r}"
    return found[0]


def all_run_text(workflow, job: str) -> str:
    return "\n".join(s.get("run", "") for s in steps(workflow, job))


def test_every_job_and_every_step_has_its_own_timeout(workflow):
    for name, job in workflow["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), name
        for entry in job["steps"]:
            label = entry.get("name") or entry.get("uses")
            minutes = entry.get("timeout-minutes")
            assert isinstance(minutes, int) and 0 < minutes <= MAX_STEP_MINUTES, f"{name}: {label}"


def test_runner_images_and_actions_are_pinned(workflow):
    for name, job in workflow["jobs"].items():
        assert "latest" not in job["runs-on"], name
        for entry in job["steps"]:
            if "uses" in entry:
                assert re.fullmatch(r"actions/[\w-]+@v\d+", entry["uses"]), entry["uses"]
    assert workflow["jobs"]["installer"]["runs-on"] == "windows-2022"
    assert workflow["jobs"]["upgrade"]["runs-on"] == "windows-2022"


def test_pyinstaller_and_inno_setup_are_the_versions_the_linux_suite_uses(workflow):
    # PyInstaller: the same pins as pyproject.toml's test extra (the frozen-build test's)
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    pinned = sorted(r for r in extra["test"] if r.startswith("pyinstaller"))
    assert sorted(workflow["env"]["PYINSTALLER_PINS"].split()) == pinned
    assert all("==" in r for r in pinned)
    assert "@pins" in step(workflow, "installer", "Install Desk")["run"]
    # Inno Setup: the npm package's version bootstrap.sh installs for the Wine compile test
    bootstrap = (ROOT / "scripts" / "bootstrap.sh").read_text(encoding="utf-8")
    assert f'INNO_VERSION={workflow["env"]["INNO_SETUP_VERSION"]}\n' in bootstrap
    assert '"innosetup-compiler@$env:INNO_SETUP_VERSION"' in step(workflow, "installer", "Get Inno Setup")["run"]
    assert "choco install" not in WORKFLOW.read_text(encoding="utf-8")      # floating version


def test_the_installer_is_vietnamese_from_a_pinned_and_checked_file(workflow):
    env = workflow["env"]
    assert re.fullmatch(r"https://raw\.githubusercontent\.com/jrsoftware/issrc/[0-9a-f]{40}/Files/Languages/"
                        r"Unofficial/Vietnamese\.isl", env["VIETNAMESE_ISL_URL"])
    assert re.fullmatch(r"[0-9a-f]{64}", env["VIETNAMESE_ISL_SHA256"])
    get = step(workflow, "installer", "Get Inno Setup")["run"]
    assert "Get-FileHash -Algorithm SHA256" in get and "$env:VIETNAMESE_ISL_SHA256" in get
    assert "packaging\\windows\\Languages\\Vietnamese.isl" in get
    # The compile fails rather than produce an English-only installer
    assert '"/DRequireVietnamese"' in step(workflow, "installer", "Compile the installer")["run"]


def test_the_version_comes_from_desk_and_a_tag_must_match_it(workflow):
    version = step(workflow, "installer", "Read the version")["run"]
    assert "python -m desk.buildinfo" in version and "does not match desk.__version__" in version
    compile_ = step(workflow, "installer", "Compile the installer")["run"]
    assert '"/DAppVersion=${{ steps.version.outputs.AppVersion }}"' in compile_
    assert '"/DFileVersion=${{ steps.version.outputs.FileVersion }}"' in compile_
    assert "packaging\\windows\\desk.iss" in compile_


def test_the_frozen_start_cannot_hang_on_a_dialog(workflow):
    check = step(workflow, "installer", "Self-check the frozen programs")
    run = check["run"]
    # The console program first (errors go to the console), then the windowed one with a deadline
    assert "& dist\\Desk\\desk-cli.exe selfcheck --report" in run
    assert "$p.WaitForExit(180000)" in run and "Stop-Process -Id $p.Id -Force" in run
    assert check["timeout-minutes"] <= 10
    # The exit codes the README documents: 0 success, 2 bad input
    assert "if ($LASTEXITCODE -ne 2)" in run


def test_signing_happens_only_with_a_certificate_and_covers_programs_and_installer(workflow):
    sign = step(workflow, "installer", "Sign Desk.exe and desk-cli.exe")
    assert sign["if"] == "env.SIGNING_PFX_BASE64 != ''"
    assert "secrets.WINDOWS_SIGNING_PFX_BASE64" in workflow["jobs"]["installer"]["env"]["SIGNING_PFX_BASE64"]
    assert "/fd sha256 /tr $env:TIMESTAMP_URL /td sha256" in sign["run"]
    assert "dist\\Desk\\Desk.exe dist\\Desk\\desk-cli.exe" in sign["run"]
    compile_ = step(workflow, "installer", "Compile the installer")["run"]
    assert "if ($env:SIGNING_THUMBPRINT)" in compile_ and '"/DSignToolName=desksign"' in compile_
    assert "/Sdesksign=" in compile_ and "`$f" in compile_


def test_install_uses_the_console_program_and_the_path_option_then_uninstall_keeps_the_data(workflow):
    run = step(workflow, "installer", "Install (with the PATH option)")["run"]
    assert '"/TASKS=addtopath"' in run
    assert '& "$app\\desk-cli.exe" init --unit 11329' in run
    assert "the uninstaller removed the clerk's data" in run and "the uninstaller left $app on the PATH" in run


def test_an_old_release_with_data_is_upgraded_and_its_data_read_by_the_new_version(workflow):
    upgrade = workflow["jobs"]["upgrade"]
    assert upgrade["needs"] == "installer"
    get_old = step(workflow, "upgrade", "Get the previous release's installer")["run"]
    assert "gh release download" in get_old and "$env:UPGRADE_BASELINE" in get_old
    assert re.fullmatch(r"[0-9a-f]{40}", workflow["env"]["UPGRADE_BASELINE"])
    run = step(workflow, "upgrade", "Old version installed with data")["run"]
    # Old installed, data made by the old program, new installed over it, new desk-cli reads the data
    assert run.index("$env:OLD_SETUP") < run.index('@("demo", "--count", "60")') < run.index("Invoke-Bounded $new")
    assert '& "$app\\desk-cli.exe" check' in run and "export obstacles" in run
    assert "the upgraded data has no obstacles" in run


def test_a_running_desk_stops_a_silent_upgrade(workflow):
    run = step(workflow, "upgrade", "A running Desk stops a silent upgrade")["run"]
    assert 'Start-Process -FilePath "$app\\Desk.exe"' in run
    assert 'if ($p.ExitCode -eq 0) { throw "Setup replaced the files of a running Desk" }' in run
    assert run.index("Stop-Process -Id $desk.Id") > run.index("Setup replaced the files")


def test_tags_publish_a_release_with_the_installer_and_its_sha256(workflow):
    assert workflow["on"]["push"]["tags"] == ["v*"]
    release = workflow["jobs"]["release"]
    assert release["if"] == "startsWith(github.ref, 'refs/tags/v')"
    assert set(release["needs"]) == {"installer", "upgrade"}
    assert release["permissions"] == {"contents": "write"}
    assert workflow["permissions"] == {"contents": "read"}        # everything else reads only
    run = all_run_text(workflow, "release")
    assert "sha256sum --check" in run
    assert "gh release create" in run and "Desk-Setup-*.exe.sha256" in run and "--verify-tag" in run
    # The SHA-256 file is made where the installer is compiled and uploaded with it
    assert "Get-FileHash -Algorithm SHA256 $setup.FullName" in step(workflow, "installer",
                                                                    "Compile the installer")["run"]
    upload = step(workflow, "installer", "Upload the installer and its SHA-256")
    assert "dist/installer/Desk-Setup-*.exe.sha256" in upload["with"]["path"]


def test_the_reading_worker_is_tried_under_its_job_object_on_windows(workflow):
    # The job object (importers/windows_job.py) can only be exercised on Windows: the frozen desk-cli
    # reads a heavy file under the default ceiling, then past a 400 MB one, and must exit 2 both times.
    run = step(workflow, "installer", "Import through the reading worker")["run"]
    assert 'DESK_READER_MEMORY_MB = "400"' in run and "_far('IV62000')" in run
    assert run.count("$LASTEXITCODE -ne 2") == 2 and '"0,4 GB"' in run
