"""resources/app.ico holds every size Windows shows (16-256 px), each drawn from the SVG by scripts/make_icon.py."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ICO = ROOT / "resources" / "app.ico"


def directory(data: bytes) -> list[tuple[int, int, int]]:
    """(width, bits per pixel, image bytes) of each entry of an .ico file."""
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    entries = []
    for i in range(count):
        width, _height, _colours, _r, _planes, bits, size, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert offset + size <= len(data)
        entries.append((width or 256, bits, size))
    return entries


def test_the_icon_has_every_size_windows_asks_for_in_full_colour():
    entries = directory(ICO.read_bytes())
    # Small sizes for the taskbar and Explorer's lists, 256 px for large icons; never blurred from one size
    assert [width for width, _bits, _size in entries] == [16, 24, 32, 48, 64, 128, 256]
    assert all(bits == 32 for _width, bits, _size in entries)


def test_the_committed_icon_is_what_the_script_makes_from_the_svg(tmp_path):
    # When the icon is made again from resources/icons/desk.svg
    out = tmp_path / "app.ico"
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_icon.py"), "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    # Then it is byte for byte the committed one (an SVG edit without a new icon fails here)
    assert out.read_bytes() == ICO.read_bytes()
