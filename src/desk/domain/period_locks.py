"""What a locked period forbids: the rule the period lock (services.period_lock) applies to every save.

A submitted report's figures are the records dated in its period and, for each, its state at the
period's end. So once the period is locked, a record dated in it keeps its substance, and no date it
carries may fall in it; its follow-up fields stay editable (an open obstacle must still move on,
DOMAIN.md §3). A change of a dated history's value (an obstacle's state) adds an entry and leaves the
earlier ones as they were: the day the replaced state began may lie in the locked period, the new
entry's day must lie after the end of every locked period whose report the record was in (before it,
the state at that end would change).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, TypeVar

from desk.domain.register import Register

ADD, EDIT, BEFORE_END = "add", "edit", "before_end"


class Span(Protocol):
    @property
    def start(self) -> date: ...

    @property
    def end(self) -> date: ...


S = TypeVar("S", bound=Span)


@dataclass(frozen=True)
class Refusal[T]:
    """Why a save is refused: the locked span, the field and its day, and how (ADD: a new record dated
    in it; EDIT: a change inside it; BEFORE_END: a new state dated before its end)."""

    span: T
    field: str
    day: date
    how: str


def covering(locked: Sequence[S], day: date) -> S | None:
    """The first of the locked spans (in the order given) that contains day."""
    return next((span for span in locked if span.start <= day <= span.end), None)


def refusal(reg: Register, before: Mapping[str, Any] | None, values: Mapping[str, Any],
            locked: Sequence[S]) -> Refusal[S] | None:
    """What in saving `values` over a record as it stands (`before`; None for a new record) a locked
    span forbids, or None. `values` may hold only the fields being saved."""
    own = reg.date_field
    if before is None:
        day = values.get(own)
        span = covering(locked, day) if day else None
        return Refusal(span, own, day, ADD) if span is not None and day else None
    changed = {name for name, value in values.items() if before.get(name) != value}
    if not changed:
        return None
    for day in (before.get(own), values.get(own, before.get(own))):
        if day and (span := covering(locked, day)) is not None:
            if changed <= reg.follow_up_fields:
                break                   # a locked record followed up: its dates are checked below
            return Refusal(span, own, day, EDIT)
    history = reg.history
    new_entry = history is not None and history.field in changed
    entry_dates = {history.since_field, *history.dated_by.values()} if new_entry and history else set()
    for name in sorted(reg.follow_up_fields & changed - entry_dates):
        if reg.spec[name].codec.python_type is not date:
            continue
        for day in (before.get(name), values.get(name)):
            if day and (span := covering(locked, day)) is not None:
                return Refusal(span, name, day, EDIT)
    if new_entry and history is not None:
        day = values.get(history.since_field)
        raised = values.get(own, before.get(own))
        # Named as the clerk dated it: a resolved obstacle by its resolved-on day
        named = history.dated_by.get(str(values.get(history.field)), "")
        field = named if named in values and values.get(named) == day else history.since_field
        if day:
            if (span := covering(locked, day)) is not None:
                return Refusal(span, field, day, EDIT)
            for span in locked:
                if day <= span.end and (raised is None or raised <= span.end):
                    return Refusal(span, field, day, BEFORE_END)
    return None
