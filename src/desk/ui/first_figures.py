"""The overview's figures read while the password is checked, handed to the overview when the window is built."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from desk.domain.units import Unit

if TYPE_CHECKING:      # loaded while the password is checked, not before the sign-in is up
    from desk.services.dashboard import Dashboard
    from desk.services.workspace import Workspace


class FirstFigures:
    """read(workspace): what the first screen needs that no signed-in user decides, made ready while the
    password check (scrypt, on another thread) takes its ~0.4 s: the window's modules loaded and the
    overview's figures for today read. Nothing is shown: take() hands the figures, once, to the overview
    of a window built after the check succeeded; a refused password leaves them unused."""

    def __init__(self, today: Callable[[], date] = date.today):
        self._today = today
        self._held: tuple[int, date, Dashboard] | None = None

    def read(self, workspace: Workspace) -> None:
        load_window_modules()
        self.read_figures(workspace)

    def read_figures(self, workspace: Workspace) -> None:
        """The figures alone: no Qt, so on any thread (the sign-in asked first reads them while the clerk types)."""
        from desk.services import dashboard

        unit = workspace.unit()
        if unit is None:
            return
        day = self._today()
        with workspace.session() as session:
            self._held = (unit.code, day, dashboard.build(session, unit, day))

    def take(self, unit: Unit, day: date) -> Dashboard | None:
        """The figures read for this unit on this day, the first time only (a refresh reads them anew)."""
        held, self._held = self._held, None
        if held is None or held[0] != unit.code or held[1] != day:
            return None
        return held[2]


def load_window_modules() -> None:
    """The main window's modules, Qt's among them (so on the window's thread): most of its time to build."""
    import desk.ui.main_window  # noqa: F401
