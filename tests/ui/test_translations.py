"""Vietnamese is the default and complete: every UI string has a finished translation."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QTranslator

from desk import paths

UI = Path(__file__).resolve().parents[2] / "src" / "desk" / "ui"
TS = paths.resources_dir() / "i18n" / "desk_vi.ts"


def source_strings() -> set[tuple[str, str]]:
    """(context, text) of every self.tr(...) and QCoreApplication.translate(ctx, ...) in desk.ui."""
    found = set()
    for path in UI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
            for call in [n for n in ast.walk(cls) if isinstance(n, ast.Call)]:
                if isinstance(call.func, ast.Attribute) and call.func.attr == "tr" and call.args:
                    assert isinstance(call.args[0], ast.Constant), f"{path.name}:{call.lineno}: tr() needs a literal"
                    found.add((cls.name, call.args[0].value))
        for call in [n for n in ast.walk(tree) if isinstance(n, ast.Call)]:
            if isinstance(call.func, ast.Attribute) and call.func.attr == "translate" and len(call.args) >= 2:
                found.add((call.args[0].value, call.args[1].value))
    return found


def ts_entries() -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(TS).getroot()
    return {(ctx.findtext("name"), msg.findtext("source")): msg.find("translation")
            for ctx in root.iter("context") for msg in ctx.iter("message")}


def test_every_ui_string_is_in_the_catalogue_with_a_finished_translation():
    entries = ts_entries()
    missing = sorted(s for s in source_strings() if s not in entries)
    assert missing == [], "run `make translations` and translate"
    unfinished = sorted(key for key, tr in entries.items()
                        if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished")
                        or not ("".join(tr.itertext()).strip()))
    assert unfinished == []


def test_compiled_catalogue_matches_the_source_catalogue(qapp):
    # Given the .qm that ships, when each source string is looked up, then it gives the .ts translation
    translator = QTranslator()
    assert translator.load("desk_vi", str(TS.parent))
    assert translator.translate("MainWindow", "&File") == "&Tệp"
    stale = [(ctx, src) for (ctx, src), tr in ts_entries().items()
             if translator.translate(ctx, src, None, 1) != ("".join(tr.itertext()).strip())]
    assert stale == [], "run `make translations`"
