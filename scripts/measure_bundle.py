"""Size and start time of a built bundle (dist/Desk): the numbers the README's "Windows build" quotes.

Usage: .venv/bin/python scripts/measure_bundle.py [dist/Desk] [--runs 3]
Cold runs drop the page cache first (needs root on Linux; otherwise they are reported as warm).
The xz -9 size of the folder's tar stands in for the installer (Inno Setup: lzma2/ultra64, solid).
"Window mapped" starts the real app on Xvfb over a data folder with the demo data, and polls
xwininfo until Desk's main window is viewable (Linux with Xvfb, xwininfo and Qt's xcb libraries).
"""

from __future__ import annotations

import argparse
import io
import lzma
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import zlib
from pathlib import Path

WINDOW_LINE = re.compile(r"vẽ xong sau ([\d,]+) s")


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def compressed_sizes(folder: Path) -> tuple[int, int]:
    """(gzip -6, xz -9) sizes of the folder as one tar stream."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        tar.add(folder, arcname=folder.name)
    raw = buffer.getvalue()
    return len(zlib.compress(raw, 6)), len(lzma.compress(raw, preset=9))


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def timed(command: list[str], cold: bool) -> tuple[float, bool, str]:
    was_cold = drop_caches() if cold else False
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "PYTHONPATH")}
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tempfile.gettempdir(), timeout=300)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{command} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return elapsed, was_cold, done.stdout


def _viewable_desk_window(env: dict) -> bool:
    tree = subprocess.run(["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True).stdout
    for line in tree.splitlines():
        if '"Desk' in line:
            info = subprocess.run(["xwininfo", "-id", line.split()[0]], env=env, capture_output=True, text=True).stdout
            if "IsViewable" in info:
                return True
    return False


def window_mapped(exe: Path, data: Path, display: str, cold: bool) -> tuple[float, bool]:
    """Seconds from starting Desk (normal start, existing data) until its main window is viewable."""
    was_cold = drop_caches() if cold else False
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "PYTHONPATH")}
    env["DISPLAY"] = display
    started = time.perf_counter()
    proc = subprocess.Popen([str(exe), "--data-dir", str(data)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - started < 60:
            if _viewable_desk_window(env):
                return time.perf_counter() - started, was_cold
            if proc.poll() is not None:
                sys.exit(f"Desk exited with {proc.returncode} before showing its window")
            time.sleep(0.01)
        sys.exit("no Desk window after 60 s")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def measure_window(exe: Path, runs: int) -> None:
    if sys.platform != "linux" or not (shutil.which("Xvfb") and shutil.which("xwininfo")):
        print("window mapped: skipped (needs Linux with Xvfb and xwininfo)")
        return
    display = ":97"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1.0)
        with tempfile.TemporaryDirectory(prefix="desk-measure-") as tmp:
            data = Path(tmp) / "data"
            for command in (["init", "--unit", "11341"], ["demo"]):
                subprocess.run([str(exe), "--data-dir", str(data), *command], check=True, capture_output=True)
            window_mapped(exe, data, display, cold=False)     # the first start after demo data; not counted
            for cold in (True, False):
                results = [window_mapped(exe, data, display, cold) for _ in range(runs)]
                kind = "cold" if all(c for _, c in results) else "warm"
                walls = [w for w, _ in results]
                print(f"{'Desk (window mapped)':28} {kind}: median {statistics.median(walls):.2f} s "
                      f"(runs {', '.join(f'{w:.2f}' for w in walls)}; 300 demo obstacles)")
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(prog="measure_bundle")
    parser.add_argument("bundle", nargs="?", default="dist/Desk")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    bundle = Path(args.bundle).resolve()
    exe = bundle / ("Desk.exe" if sys.platform == "win32" else "Desk")
    gz, xz = compressed_sizes(bundle)
    print(f"bundle {bundle}: {folder_bytes(bundle) / 1e6:.1f} MB, tar.gz {gz / 1e6:.1f} MB, tar.xz -9 {xz / 1e6:.1f} MB")
    for label, command in (("Desk --version", [str(exe), "--version"]),
                           ("Desk selfcheck --offscreen", [str(exe), "selfcheck", "--offscreen"])):
        for cold in (True, False):
            walls, windows, cold_seen = [], [], []
            for _ in range(args.runs):
                wall, was_cold, out = timed(command, cold)
                walls.append(wall)
                cold_seen.append(was_cold)
                found = WINDOW_LINE.search(out)
                if found:
                    windows.append(float(found.group(1).replace(",", ".")))
            kind = "cold" if all(cold_seen) else "warm"
            line = f"{label:28} {kind}: median {statistics.median(walls):.2f} s (runs {', '.join(f'{w:.2f}' for w in walls)})"
            if windows:
                line += f"; window drawn {statistics.median(windows):.2f} s after process start"
            print(line)
    measure_window(exe, args.runs)


if __name__ == "__main__":
    main()
