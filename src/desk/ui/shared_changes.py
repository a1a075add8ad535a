"""On a shared server: which registers other clerks changed, heard off the GUI thread and told to the screens."""

from __future__ import annotations

import logging

from PySide6.QtCore import QThread, Signal

from desk.domain.registers import REGISTERS

log = logging.getLogger(__name__)
RECONNECT_MS = 5_000        # after a lost connection (the lists' poll covers the gap)


def registers_of(tables) -> frozenset[str]:
    """The registers whose tables (or dated history) these are."""
    names = set()
    for reg in REGISTERS.values():
        if reg.table_name in tables or (reg.history is not None and reg.history.table_name in tables):
            names.add(reg.name)
    return frozenset(names)


class SharedChanges(QThread):
    """Listens to the server's notices (store.notices) on a thread of its own; `changed` carries the names
    of the registers written, in the GUI thread (a queued signal). `listening` tells the screens whether
    they may poll less often."""

    changed = Signal(frozenset)

    def __init__(self, engine, parent=None):
        super().__init__(parent)
        self._engine = engine
        self.listening = False

    def run(self) -> None:
        from desk.store import notices

        while not self.isInterruptionRequested():
            try:
                for tables in notices.listen(self._engine, self.isInterruptionRequested):
                    self.listening = True
                    names = registers_of(tables)
                    if names:
                        self.changed.emit(names)
            except Exception as exc:        # the server went away: the poll carries on until it is back
                log.info("listening for other clerks' changes stopped: %s", exc)
            self.listening = False
            for _ in range(RECONNECT_MS // 100):
                if self.isInterruptionRequested():
                    return
                self.msleep(100)

    def stop(self) -> None:
        self.requestInterruption()
        self.wait(5_000)
