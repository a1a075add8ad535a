"""Size and start time of a built bundle (dist/Desk): the numbers the README's "Windows build" quotes.

Usage: .venv/bin/python scripts/measure_bundle.py [dist/Desk] [--runs 3]
Cold runs drop the page cache first (needs root on Linux; otherwise they are reported as warm).
The xz -9 size of the folder's tar stands in for the installer (Inno Setup: lzma2/ultra64, solid).
"First window" starts the real app on Xvfb over a data folder with an administrator and the demo
data, and polls xwininfo until Desk's first real window is viewable: the sign-in dialog, which is
what a clerk sees first (Linux with Xvfb, xwininfo and Qt's xcb libraries). The selfcheck's own
figure ("window drawn ... after process start") covers imports, a new database and the main window.
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


def installer_order(folder: Path) -> list[Path]:
    """Files in the order Inno Setup packs `Source: "dir\\*"; Flags: recursesubdirs`: a folder's own
    files first, then its subfolders. Desk and desk-cli, which share most of their bytes, end up side
    by side, inside the solid LZMA2 dictionary (64 MB), as they do in the installer."""
    entries = sorted(folder.iterdir(), key=lambda p: p.name)
    files = [p for p in entries if p.is_file() or p.is_symlink()]
    for sub in (p for p in entries if p.is_dir() and not p.is_symlink()):
        files += installer_order(sub)
    return files


def compressed_sizes(folder: Path) -> tuple[int, int]:
    """(gzip -6, xz -9) sizes of the folder as one tar stream, in the installer's file order."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for path in installer_order(folder):
            tar.add(path, arcname=str(path.relative_to(folder.parent)), recursive=False)
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


# A top-level window of the Desk application class, e.g.
#   0x200007 "Đăng nhập": ("Desk" "Desk")  520x262+413+213  +413+213
# (Qt's 1x1 helper windows are not windows a user sees.)
DESK_WINDOW = re.compile(r'^\s*(0x[0-9a-f]+) "(.*)": \("Desk" "Desk"\)\s+(\d+)x(\d+)')


def _viewable_desk_window(env: dict) -> str | None:
    """The title of a viewable Desk window bigger than a helper, or None."""
    tree = subprocess.run(["xwininfo", "-root", "-tree"], env=env, capture_output=True, text=True).stdout
    for line in tree.splitlines():
        found = DESK_WINDOW.match(line)
        if found and int(found.group(3)) > 100 and int(found.group(4)) > 100:
            info = subprocess.run(["xwininfo", "-id", found.group(1)], env=env, capture_output=True, text=True).stdout
            if "IsViewable" in info:
                return found.group(2)
    return None


def window_mapped(exe: Path, data: Path, display: str, cold: bool) -> tuple[float, bool, str]:
    """Seconds from starting Desk (normal start, existing data) until its first window is viewable."""
    was_cold = drop_caches() if cold else False
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "PYTHONPATH")}
    env["DISPLAY"] = display
    started = time.perf_counter()
    proc = subprocess.Popen([str(exe), "--data-dir", str(data)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - started < 60:
            title = _viewable_desk_window(env)
            if title:
                return time.perf_counter() - started, was_cold, title
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
            setup_env = dict(os.environ, DESK_PASSWORD="do-not-use-1234")
            for command in (["init", "--unit", "11329", "--admin", "quantri"], ["demo"]):
                subprocess.run([str(exe), "--data-dir", str(data), *command], check=True, capture_output=True,
                               env=setup_env)
            window_mapped(exe, data, display, cold=False)     # the first start after demo data; not counted
            for cold in (True, False):
                results = [window_mapped(exe, data, display, cold) for _ in range(runs)]
                kind = "cold" if all(c for _, c, _ in results) else "warm"
                walls = [w for w, _, _ in results]
                titles = sorted({t for _, _, t in results})
                print(f"{'Desk (first window shown)':28} {kind}: median {statistics.median(walls):.2f} s "
                      f"(runs {', '.join(f'{w:.2f}' for w in walls)}; window {titles}; 300 demo obstacles)")
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(prog="measure_bundle")
    parser.add_argument("bundle", nargs="?", default="dist/Desk")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes-only", action="store_true", help="sizes, no start-up runs")
    args = parser.parse_args()
    bundle = Path(args.bundle).resolve()
    exe = bundle / ("Desk.exe" if sys.platform == "win32" else "Desk")
    gz, xz = compressed_sizes(bundle)
    print(f"bundle {bundle}: {folder_bytes(bundle) / 1e6:.1f} MB, "
          f"tar.gz {gz / 1e6:.1f} MB, tar.xz -9 {xz / 1e6:.1f} MB")
    if args.sizes_only:
        return
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
            runs = ", ".join(f"{w:.2f}" for w in walls)
            line = f"{label:28} {kind}: median {statistics.median(walls):.2f} s (runs {runs})"
            if windows:
                line += f"; window drawn {statistics.median(windows):.2f} s after process start"
            print(line)
    measure_window(exe, args.runs)


if __name__ == "__main__":
    main()
