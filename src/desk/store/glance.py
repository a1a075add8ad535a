"""What the sign-in shows before the database opens, read with sqlite3 alone: the unit, and that users exist."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desk.domain import units
from desk.domain.units import Unit
from desk.store.health import at_rest
from desk.store.revisions import head_revision


def glance(database: Path) -> Unit | None:
    """The unit of a database Desk closed cleanly (no WAL or journal beside it), at the schema this Desk
    writes, with users and its unit chosen from the installed official list. None for anything else, or any
    doubt: the start then opens the database first, as it always has, and that says what is wrong or asks
    what is missing. The file is read as immutable: nothing is locked, written or made beside it."""
    try:
        if not at_rest(database):
            return None
        connection = sqlite3.connect(database.absolute().as_uri() + "?mode=ro&immutable=1", uri=True)
        try:
            (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone() or ("",)
            users = connection.execute("SELECT 1 FROM desk_user LIMIT 1").fetchone()
            stored = dict(connection.execute("SELECT key, value FROM setting WHERE key IN (?, ?)",
                                             (units.UNIT_KEY, units.UNIT_NAMES_KEY)).fetchall())
        finally:
            connection.close()
    except (OSError, sqlite3.Error, ValueError):
        return None
    if revision != head_revision() or users is None or not stored.get(units.UNIT_KEY):
        return None
    return units.remembered(stored.get(units.UNIT_NAMES_KEY, ""), stored[units.UNIT_KEY])
