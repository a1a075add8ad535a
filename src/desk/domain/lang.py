"""The language of messages that come from below the UI (validation, CLI, reports' UI labels)."""

from __future__ import annotations

# Qt's translator covers the widgets; the engine cannot import Qt, so its few user-facing
# strings carry both languages and pick one here. Vietnamese is the default.
LANGUAGES = ("vi", "en")
_current = "vi"


def set_language(code: str) -> None:
    global _current
    _current = code if code in LANGUAGES else "vi"


def language() -> str:
    return _current


def t(vi: str, en: str) -> str:
    """The message in the current language."""
    return en if _current == "en" else vi
