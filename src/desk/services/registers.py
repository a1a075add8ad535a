"""The registers Desk keeps: each ties a table to its field declaration and record rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import SQLModel

from desk.domain import frames, initiatives, movements, obstacles, officials, visits
from desk.domain.fields import Choice, FieldSpec, by_name
from desk.domain.lang import t
from desk.domain.text import name_sort_key
from desk.errors import UserError
from desk.services import movement_rules, official_checks, staffing, visit_links
from desk.store.models import Initiative, Movement, Obstacle, Official, StaffingFrame, Visit


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
    # Issue 3: columns derived on a given day by annotate(session, rows, today) (shown, exported,
    # filtered, never stored); warnings(session, values, record_id=, unit_code=) the clerk may
    # overrule (possible duplicates); how a record is named and ordered where another refers to it;
    # the list's first sort ("" = date_field, newest first).
    computed: tuple[FieldSpec, ...] = ()
    annotate: Callable | None = None
    warnings: Callable | None = None
    ref_label: Callable[[dict], str] | None = None
    ref_order: Callable[[dict], object] | None = None
    list_sort: str = ""
    list_sort_ascending: bool = False
    table_order: tuple[str, ...] = ()   # the list's first columns, when not the declaration's order

    def __post_init__(self):
        object.__setattr__(self, "spec", by_name(self.fields + self.computed))

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

# Issue 3: people, staffing frames, movements, field visits, initiatives.
OFFICIALS = Register(
    name="officials", vi="Cán bộ, công chức", en="Officials", table=Official,
    fields=officials.FIELDS, fixed_choices=officials.FIXED_CHOICES, check_record=officials.check_record,
    search_fields=("full_name", "job_position", "training_field", "citizen_id", "phone", "former_unit", "note"),
    date_field="start_date", title_field="full_name",
    warnings=official_checks.warnings, ref_label=officials.label_of,
    ref_order=lambda row: name_sort_key(row.get("full_name") or ""),
    list_sort="full_name", list_sort_ascending=True,
)
STAFFING_FRAMES = Register(
    name="staffing", vi="Khung biên chế", en="Staffing frames", table=StaffingFrame,
    fields=frames.FIELDS, fixed_choices=frames.FIXED_CHOICES, check_record=frames.check_record,
    search_fields=("job_position", "decision", "note"), date_field="effective_date", title_field="job_position",
    computed=frames.COMPUTED, annotate=staffing.annotate_frames, warnings=staffing.frame_warnings,
)
MOVEMENTS = Register(
    name="movements", vi="Điều động, biệt phái", en="Staff movements", table=Movement,
    fields=movements.FIELDS, fixed_choices=movements.FIXED_CHOICES, check_record=movements.check_record,
    search_fields=("official_id", "person_name", "person_position", "home_body", "host_body", "decision_number",
                   "decision_signer", "purpose"),
    date_field="start_date", title_field="person_name",
    computed=movements.COMPUTED, annotate=movement_rules.annotate, warnings=movement_rules.warnings,
    table_order=("person", "kind", "state", "start_date", "planned_end"),
)
VISITS = Register(
    name="visits", vi="Khảo sát, làm việc", en="Field visits", table=Visit,
    fields=visits.FIELDS, fixed_choices=visits.FIXED_CHOICES, check_record=visits.check_record,
    search_fields=("team_body", "team_lead", "members", "basis", "places", "content", "findings"),
    date_field="start_date", title_field="team_body",
    computed=visits.COMPUTED, annotate=visit_links.annotate, ref_label=visits.label_of,
    table_order=("start_date", "end_date", "kind", "team_body", "obstacle_count"),
    ref_order=lambda row: (-(row.get("start_date") or date.min).toordinal(), row.get("team_body") or ""),
)
INITIATIVES = Register(
    name="initiatives", vi="Sáng kiến, mô hình", en="Initiatives", table=Initiative,
    fields=initiatives.FIELDS, fixed_choices=initiatives.FIXED_CHOICES, check_record=initiatives.check_record,
    search_fields=("name", "description", "participants", "results"), date_field="start_date", title_field="name",
)

REGISTERS: dict[str, Register] = {r.name: r for r in (OBSTACLES, OFFICIALS, STAFFING_FRAMES, MOVEMENTS, VISITS,
                                                      INITIATIVES)}


def by_table(table_name: str) -> Register:
    """The register stored in a table (what a Kind.REF field names)."""
    return next(r for r in REGISTERS.values() if r.table.__tablename__ == table_name)


def register(name: str) -> Register:
    try:
        return REGISTERS[name]
    except KeyError:
        known = ", ".join(REGISTERS)
        raise UserError(t(f"Không có sổ «{name}». Các sổ hiện có: {known}.",
                          f"There is no register «{name}». Registers: {known}.")) from None
