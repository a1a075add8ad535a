"""Render resources/icons/desk.svg into resources/app.ico at every size Windows asks for (16-256 px).

Usage: .venv/bin/python scripts/make_icon.py [--out resources/app.ico]
Each size is drawn from the SVG (not scaled down from 256 px, which blurs the small ones): 16-128 px
as 32-bit bitmaps with alpha, 256 px as PNG, the layout Windows' own icons use. Qt (offscreen) draws.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "desk.svg"
ICO = ROOT / "resources" / "app.ico"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(size: int):
    """The SVG drawn on a transparent size x size image (premultiplied alpha undone)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def bitmap(image) -> bytes:
    """An icon directory's DIB: header with double height, BGRA rows bottom-up, an empty AND mask."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in range(size - 1, -1, -1):
        line = image.constScanLine(y)
        rows.append(bytes(line)[: size * 4])          # Format_ARGB32 is B, G, R, A in memory (little-endian)
    mask_row = ((size + 31) // 32) * 4
    return header + b"".join(rows) + bytes(mask_row * size)


def png(image) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def icon_file() -> bytes:
    """ICONDIR, one ICONDIRENTRY per size, then the images."""
    images = [png(render(size)) if size == 256 else bitmap(render(size)) for size in SIZES]
    offset = 6 + 16 * len(SIZES)
    directory = struct.pack("<HHH", 0, 1, len(SIZES))
    for size, data in zip(SIZES, images):
        directory += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return directory + b"".join(images)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make_icon")
    parser.add_argument("--out", type=Path, default=ICO)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    args.out.write_bytes(icon_file())
    del app
    print(f"{args.out}: {', '.join(map(str, SIZES))} px")
    return 0


if __name__ == "__main__":
    sys.exit(main())
