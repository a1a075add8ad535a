"""The folds and sort keys of a bulk write's later batches, made ahead in a helper process (the second core)."""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from desk.domain.register import Record, Register

log = logging.getLogger(__name__)

# texts to sort, by field name; texts to fold
Texts = tuple[dict[str, list[object]], list[object]]
# sort keys by field name (text -> key); folds (text -> fold)
Keys = tuple[dict[str, dict[str | None, str]], dict[str, str]]


def texts_of(reg: Register, rows: Sequence[Record]) -> Texts:
    """The texts records.stored_columns makes keys of, in these validated values: the title and each
    keyed sort column (sort keys), the title and the searchable fields (folds). A text left out here,
    or changed before stored_columns runs, is only a miss: the writer makes its key itself."""
    # Column by column, as they are (duplicates and empty cells too): sorting them out is the helper's work.
    sorts = {name: [values.get(name) for values in rows] for name in (reg.title_field, *reg.keyed_sorts)}
    return sorts, [values.get(name) for name in reg.search_fields for values in rows]


def make_keys(register: str, texts: Texts) -> Keys:
    """In the helper: each text's key by the same functions records.DerivedKeys calls."""
    from desk.domain.registers import REGISTERS
    from desk.domain.sort_keys import key_of
    from desk.domain.text import fold

    reg = REGISTERS[register]
    sorts, folds = texts
    return ({name: {text: key_of(reg.spec[name])(text) for text in set(group) if type(text) is str}
             for name, group in sorts.items()},
            {text: fold(text) for text in set(folds) if type(text) is str and text})


class KeyHelper:
    """One helper process making the keys of batches 1, 2, ... while the writer does batch 0 and the
    inserts. keys(i) gives batch i's keys when they are ready, else None: the writer never waits for
    the helper, it makes the keys itself (a busy machine, a helper that failed)."""

    def __init__(self, reg: Register, batches: Sequence[Sequence[Record]]):
        self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        self._futures: dict[int, Future[Keys]] = {
            index: self._pool.submit(make_keys, reg.name, texts_of(reg, batch))
            for index, batch in enumerate(batches) if index > 0}

    def keys(self, index: int) -> Keys | None:
        future = self._futures.pop(index, None)
        if future is None or not future.done():
            if future is not None:
                future.cancel()
            return None
        try:
            return future.result()
        except Exception:  # noqa: BLE001 - the keys are only a head start; the writer makes them anyway
            log.warning("the key helper failed; the keys are made by the writer", exc_info=True)
            return None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
