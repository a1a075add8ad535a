"""The registers Desk keeps: each ties a table to its field declaration and record rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlmodel import SQLModel

from desk.domain import obstacles
from desk.domain.fields import Choice, FieldSpec, by_name
from desk.domain.lang import t
from desk.errors import UserError
from desk.store.models import Obstacle


@dataclass(frozen=True)
class Register:
    name: str                       # the CLI's name: "obstacles"
    vi: str
    en: str
    table: type[SQLModel]
    fields: tuple[FieldSpec, ...]
    fixed_choices: dict[str, tuple[Choice, ...]]
    check_record: Callable[[dict], dict[str, str]]
    search_fields: tuple[str, ...]  # folded into the search column
    date_field: str                 # the date that places a record in a period
    title_field: str
    spec: dict[str, FieldSpec] = field(init=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "spec", by_name(self.fields))

    @property
    def label(self) -> str:
        return t(self.vi, self.en)


OBSTACLES = Register(
    name="obstacles", vi="Khó khăn, vướng mắc", en="Obstacles", table=Obstacle,
    fields=obstacles.FIELDS, fixed_choices=obstacles.FIXED_CHOICES,
    check_record=obstacles.check_record,
    search_fields=("title", "description", "proposal", "result", "guide_doc", "former_unit"),
    date_field="raised_on", title_field="title",
)

REGISTERS: dict[str, Register] = {r.name: r for r in (OBSTACLES,)}


def register(name: str) -> Register:
    try:
        return REGISTERS[name]
    except KeyError:
        known = ", ".join(REGISTERS)
        raise UserError(t(f"Không có sổ «{name}». Các sổ hiện có: {known}.",
                          f"There is no register «{name}». Registers: {known}.")) from None
