"""The overview's figures read while the password is checked, handed to the overview when the window is built."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from desk.domain.units import Unit
from desk.services import dashboard
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
        import desk.ui.main_window  # noqa: F401  (its imports are most of the window's time to build)

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
