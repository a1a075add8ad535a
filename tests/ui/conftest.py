"""UI fixtures: the main window on a fresh workspace, with message boxes recorded instead of shown."""

from __future__ import annotations

import pytest
from tests.ui.reply_inbox import inbox, vietnamese  # noqa: F401 (fixtures of the answer tests)

from desk.ui import messages
from desk.ui import settings as options


class Recorder:
    def __init__(self):
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.answers: list = []

    def next_answer(self, default=None):
        return self.answers.pop(0) if self.answers else default


@pytest.fixture
def shown(monkeypatch):
    """Messages the UI would show; tests queue answers for questions."""
    rec = Recorder()
    monkeypatch.setattr(messages, "error", lambda parent, text: rec.errors.append(text))
    monkeypatch.setattr(messages, "info", lambda parent, text: rec.infos.append(text))
    monkeypatch.setattr(messages, "exported", lambda parent, text, path: rec.infos.append(text))
    monkeypatch.setattr(messages, "unexpected", lambda parent, log: rec.errors.append("unexpected"))
    monkeypatch.setattr(messages, "confirm", lambda parent, text: rec.next_answer(True))
    monkeypatch.setattr(messages, "ask_text", lambda parent, title, label: rec.next_answer(None))
    monkeypatch.setattr(messages, "ask_reason", lambda parent, title, text, accept, reject: rec.next_answer(None))
    monkeypatch.setattr(messages, "ask_unsaved", lambda parent, text: rec.next_answer("keep"))
    return rec


@pytest.fixture
def app_settings(tmp_path):
    return options.Settings(tmp_path / "settings.ini")


def make_context(workspace, app_settings, today=None):
    """What the main window gives its screens: the workspace, unit, settings and operations."""
    from desk.ui.context import WindowContext
    from desk.ui.operations import Operations

    context = WindowContext(workspace, workspace.require_unit(), app_settings, Operations(workspace))
    if today is not None:
        context.today = today
    return context


@pytest.fixture
def window(qtbot, workspace, app_settings, shown):
    from desk.ui.main_window import MainWindow

    win = MainWindow(workspace, app_settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win
