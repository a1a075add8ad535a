"""Every table module, imported together so migrations and tests see the whole schema."""

from sqlmodel import SQLModel

from desk.store import models  # noqa: F401  registers, settings, choice lists

# Later table modules register here with one import line each.
from desk.store import reporting  # noqa: F401  report instances, period locks, document numbers
from desk.store import replies  # noqa: F401  answers to obstacles from reply files
from desk.store import security  # noqa: F401  users, append-only audit log
from desk.store import unit_codes  # noqa: F401  unit codes re-stamped by a move of the official list

metadata = SQLModel.metadata
