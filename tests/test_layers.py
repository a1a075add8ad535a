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


def _module_name(path: Path) -> str:
    parts = ["desk", *path.relative_to(SRC).with_suffix("").parts]
    return ".".join(parts[:-1]) if parts[-1] == "__init__" else ".".join(parts)


def module_imports_at_load(path: Path, known: set[str]) -> set[str]:
    """The desk modules a module imports when it loads (imports inside functions run later: no cycle)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in tree.body:
        nodes = [node]
        if isinstance(node, ast.If):        # `if TYPE_CHECKING:` blocks do not run
            continue
        for item in nodes:
            if isinstance(item, ast.Import):
                found.update(alias.name for alias in item.names)
            elif isinstance(item, ast.ImportFrom) and item.module and item.level == 0:
                found.add(item.module)
                found.update(f"{item.module}.{alias.name}" for alias in item.names)
    return {name for name in found if name in known}


def test_no_module_imports_itself_back_through_others():
    paths = {_module_name(p): p for p in modules() if p.parent.name != "versions"}
    graph = {name: module_imports_at_load(path, set(paths)) - {name} for name, path in paths.items()}
    # A package's __init__ is loaded before its modules: importing desk.a.b imports desk.a too.
    for name in list(graph):
        graph[name] |= {parent for parent in (name.rsplit(".", i)[0] for i in range(1, name.count(".")))
                        if parent in graph and parent != name and not name.startswith(parent + ".")}
    cycles = []
    state: dict[str, int] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = 1
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                cycles.append(trail[trail.index(target):] + [target] if target in trail else [name, target])
            elif target not in state:
                visit(target, trail + [target])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []
