"""What every register list offers the table model: the shown rows in order, and which stand out."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import date

from sqlmodel import Session

from desk.domain.register import Record, Register, Row
from desk.services import records

Sessions = Callable[[], AbstractContextManager[Session]]


class RecordList:
    """The shown rows of one register, in order; what the table model reads."""

    def __init__(self, reg: Register):
        self.reg = reg
        self.labels: dict[str, dict[str, str]] = {}
        self.today = date.today()
        self._keys: Sequence[int] = []      # row positions (MemoryList) or SQLite row ids (SqlList)
        self._sort: tuple[str, bool] | None = None

    def show(self, q: records.RecordQuery, *, only_flagged: bool = False, reload: bool = False) -> None:
        """Show what the query asks for (only the flagged rows, if asked); reload: the data changed."""
        raise NotImplementedError

    def sort(self, field_name: str, descending: bool) -> None:
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self._keys)

    def keys(self) -> Sequence[int]:
        """The shown rows' keys in order (a key stays with its record when the order changes)."""
        return self._keys

    def record(self, position: int) -> Record:
        raise NotImplementedError

    def position_of(self, record_id: str) -> int:
        raise NotImplementedError

    def is_flagged(self, row: Row) -> bool:
        """The register's flag (overdue, needs attention) holds for this row on the list's day."""
        flag = self.reg.flag
        return flag is not None and not row["voided"] and flag.condition.holds(row, {"today": self.today})

    def flagged_count(self) -> int:
        raise NotImplementedError
