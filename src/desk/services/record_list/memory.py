"""A register list held in memory: the small registers whose derived columns are computed in Python."""

from __future__ import annotations

from datetime import date

from desk.domain.register import Record, Register
from desk.domain.text import match_rank, search_words
from desk.services import records
from desk.services.record_list.base import RecordList, Sessions
from desk.services.record_list.order import python_order


class MemoryList(RecordList):
    """Rows held as dicts: given (a model fed by set_rows) or read by records.query on every show."""

    def __init__(self, reg: Register, rows: list[Record] | None = None, *,
                 labels: dict[str, dict[str, str]] | None = None, today: date | None = None,
                 sessions: Sessions | None = None):
        super().__init__(reg)
        self._rows: list[Record] = list(rows or [])
        self.labels = labels or {}
        self.today = today or date.today()
        self._sessions = sessions
        self._labels_of: int | None = None      # the unit whose labels were read
        self._search = ""
        self._only_flagged = False
        self._compose()

    def show(self, q: records.RecordQuery, *, only_flagged: bool = False, reload: bool = False) -> None:
        if self._sessions is not None:
            with self._sessions() as session:
                self._rows = records.query(session, self.reg, q)
                # Read again only when the data changed (a reference's labels are every record of its
                # register: 20,000 officials' names at each keystroke of a movement search).
                if reload or self._labels_of != q.unit_code:
                    self.labels = records.choice_labels(session, self.reg, unit_code=q.unit_code)
                    self._labels_of = q.unit_code
        self.today = q.as_of or q.today or date.today()
        self._search, self._only_flagged = q.search, only_flagged
        self._compose()

    def sort(self, field_name: str, descending: bool) -> None:
        self._sort = (field_name, descending)
        self._compose()

    def _compose(self) -> None:
        keys = list(range(len(self._rows)))
        if self._sort is not None:
            spec = self.reg.spec[self._sort[0]]
            keys = python_order(spec, self.labels, self._sort[1], [(k, self._rows[k].get(spec.name)) for k in keys])
        if search_words(self._search):
            title = self.reg.title_field
            keys.sort(key=lambda k: match_rank(self._search, self._rows[k].get(title) or ""))
        if self._only_flagged:
            keys = [k for k in keys if self.is_flagged(self._rows[k])]
        self._keys = keys

    def record(self, position: int) -> Record:
        return self._rows[self._keys[position]]

    def position_of(self, record_id: str) -> int:
        return next((i for i, k in enumerate(self._keys) if self._rows[k]["id"] == record_id), -1)

    def flagged_count(self) -> int:
        return sum(1 for k in self._keys if self.is_flagged(self._rows[k]))
