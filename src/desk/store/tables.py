"""Every table module, imported together so migrations and tests see the whole schema."""

from sqlmodel import SQLModel

# Later table modules register here with one import line each.
from desk.store import (
    models,  # noqa: F401  registers, settings, choice lists
    replies,  # noqa: F401  answers to obstacles from reply files
    reporting,  # noqa: F401  report instances, period locks, document numbers
    security,  # noqa: F401  users, append-only audit log
    unit_codes,  # noqa: F401  unit codes re-stamped by a move of the official list
)

metadata = SQLModel.metadata
