"""Every table module, imported together so migrations and tests see the whole schema."""

from sqlmodel import SQLModel

from desk.store import models  # noqa: F401  registers, settings, choice lists

# Later table modules register here with one import line each.

metadata = SQLModel.metadata
