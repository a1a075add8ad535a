"""Version numbers for the Windows build: the exe's version resource and the installer's name."""

from __future__ import annotations

import re
import sys

from desk import __version__


def file_version(version: str = __version__) -> tuple[int, int, int, int]:
    """The four numbers Windows wants ("0.2.0rc1" -> (0, 2, 0, 0)): the leading digits of each part."""
    numbers = []
    for part in version.split(".")[:4]:
        match = re.match(r"\d+", part)
        numbers.append(int(match.group()) if match else 0)
    return tuple(numbers + [0] * (4 - len(numbers)))  # type: ignore[return-value]


def main(argv: list[str] | None = None) -> int:
    """`python -m desk.buildinfo`: NAME=value lines for the build scripts (CI passes them to ISCC /D)."""
    del argv
    sys.stdout.write(f"AppVersion={__version__}\n")
    sys.stdout.write("FileVersion=" + ".".join(str(n) for n in file_version()) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
