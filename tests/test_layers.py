"""Data flows one way (ui -> services -> store/domain); only desk.ui imports Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "desk"
# package -> packages it must never import
FORBIDDEN = {
    "domain": {"store", "services", "reports", "importers", "ui"},
    "store": {"services", "reports", "importers", "ui"},
    "reports": {"store", "services", "importers", "ui"},
    "importers": {"services", "ui"},
    "services": {"ui"},
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py"))


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_module_respects_the_layers(path):
    package = path.relative_to(SRC).parts[0] if len(path.relative_to(SRC).parts) > 1 else None
    imports = imported_modules(path)
    if package != "ui":
        assert not any(m.split(".")[0] in ("PySide6", "shiboken6") for m in imports), \
            f"{path.name} imports Qt outside desk.ui"
    for banned in FORBIDDEN.get(package, ()):
        offenders = [m for m in imports if m == f"desk.{banned}" or m.startswith(f"desk.{banned}.")]
        assert not offenders, f"desk.{package} must not import {offenders}"


def test_every_module_has_a_one_line_docstring():
    missing = [str(p.relative_to(SRC)) for p in modules()
               if not (ast.get_docstring(ast.parse(p.read_text(encoding="utf-8"))) or "").strip()
               and p.parent.name != "versions"]
    assert missing == []
