"""The rows a register screen shows, fast at 100k records: filtered and sorted in SQL, searched in
memory, each row read only when it is shown.

A screen keeps one RecordList and calls show() when its controls change (cheap: the ordered row
ids are reused, only the search runs again) and show(reload=True) when the data may have changed.
What the list holds is the order of row keys; record(position) reads that row (a dict, as
records.query returns it) a page at a time. Filters, click-throughs and the register's flag are
conditions (domain.conditions): SQL selects them for the big registers, Python for the small
ones with derived columns.

The order is the same everywhere: exact-diacritic matches of the search in the title first, then
folded matches in the title, then matches in the other searched fields (text.match_rank), each
group in the column's Vietnamese order (domain.sort_keys), ties in the order records were added.
"""

from __future__ import annotations

from desk.domain.register import Register
from desk.services.record_list.base import RecordList, Sessions
from desk.services.record_list.memory import MemoryList
from desk.services.record_list.order import python_order
from desk.services.record_list.sql import SqlList

__all__ = ["MemoryList", "RecordList", "SqlList", "for_register", "python_order"]


def for_register(sessions: Sessions, reg: Register, unit_code: int) -> RecordList:
    """The list a register screen shows: SQL-backed, or in memory for registers with computed columns."""
    if reg.computed:
        return MemoryList(reg, sessions=sessions)
    return SqlList(sessions, reg, unit_code)
