"""The search and sort keys of a large bulk write, made in a second process while this one writes."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait

from desk import helper_pools
from desk.domain import registers
from desk.domain.derived_keys import DerivedKeys, derived_columns
from desk.domain.register import Record, Register

# Folding and collating each title, text and name is ~40% of writing 100,000 imported records (~4 s on a
# 2-core office PC), pure Python on one core while the other waits. Below this many records the second
# process's start (~0.3 s; more where antivirus scans each new process) costs more than it saves.
HELPED_ROWS = 20_000
_CHUNK = 5_000              # records sent at a time: the first keys come back soon, the rest are made ahead
log = logging.getLogger(__name__)

_KEYS: dict[str, DerivedKeys] = {}      # in the helper: the keys made so far, per register


def _ready(register_name: str) -> None:
    """In the helper, first: the register and its key functions loaded while the caller prepares."""
    derived_columns(registers.register(register_name), {}, {}, _KEYS.setdefault(register_name, DerivedKeys()))


def _derive(register_name: str, inputs: Sequence[tuple[Record, Record]]) -> list[Record]:
    """In the helper: derived_columns of each record's key_inputs."""
    reg = registers.register(register_name)
    keys = _KEYS.setdefault(register_name, DerivedKeys())
    return [derived_columns(reg, titled, searched, keys) for titled, searched in inputs]


class KeyHelper:
    """derived_columns of many records' key_inputs, made by a second process ahead of the caller, who
    asks for them in order (columns(i)). Started first (start()), it loads while the caller prepares the
    records; then given their key inputs (derive()). Any failure of the helper (it could not start, it
    died) and the keys are made here instead: the same function, the same keys."""

    def __init__(self, reg: Register):
        self.reg = reg
        self.inputs: Sequence[tuple[Record, Record]] = ()
        self.keys = DerivedKeys()
        self._made: list[Record] = []
        self._first = 0                                 # index of _made[0]
        self._pending: list[Future[list[Record]]] = []
        self._pool: ProcessPoolExecutor | None = None
        self._loaded: Future[None] | None = None
        self.helped = 0                                 # chunks the helper made

    def start(self) -> KeyHelper:
        if not registers.declared(self.reg):       # added for a while (a test's): unknown to the helper
            return self
        try:
            self._pool, self._loaded = helper_pools.start(_ready, self.reg.name)
        except Exception:  # noqa: BLE001 - the keys are made here instead
            log.warning("the key helper did not start; keys made in this process", exc_info=True)
            self.close()
        return self

    def derive(self, inputs: Sequence[tuple[Record, Record]]) -> None:
        """Hand over the records' key_inputs, in the order columns() will ask for them."""
        self.inputs = inputs
        if self._pool is None:
            return
        try:
            self._pending = [self._pool.submit(_derive, self.reg.name, inputs[start:start + _CHUNK])
                             for start in range(0, len(inputs), _CHUNK)]
        except Exception:  # noqa: BLE001 - the keys are made here instead
            log.warning("the key helper failed; keys made in this process", exc_info=True)
            self.close()

    def wait(self, timeout: float | None = None) -> None:
        """Until the helper has made every chunk handed to it (the self-check waits, to see it work)."""
        wait(self._pending, timeout)

    def columns(self, index: int) -> Record:
        """The derived columns of inputs[index]; asked in order, each once."""
        while index >= self._first + len(self._made):
            self._first += len(self._made)
            self._made = self._next_chunk()
        return self._made[index - self._first]

    def _next_chunk(self) -> list[Record]:
        start = self._first
        chunk = self.inputs[start:start + _CHUNK]
        if self._pending:
            future = self._pending.pop(0)
            if self._loaded is not None and helper_pools.behind(future, self._loaded):
                return self._here(chunk)
            try:
                made: list[Record] = future.result(timeout=helper_pools.WAIT_SECONDS)
                if len(made) == len(chunk):
                    self.helped += 1
                    return made
            except Exception:  # noqa: BLE001 - the keys are made here instead
                log.warning("the key helper failed; keys made in this process", exc_info=True)
            self.close()
        return self._here(chunk)

    def _here(self, chunk: Sequence[tuple[Record, Record]]) -> list[Record]:
        return [derived_columns(self.reg, titled, searched, self.keys) for titled, searched in chunk]

    def close(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            helper_pools.end(pool, self._loaded, self._pending)     # at once when still busy: not waited for
        self._pending = []
