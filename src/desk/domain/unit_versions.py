"""A unit code read with its list version, mapped to today's unit by name and province, never by bare code."""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib import metadata
from typing import Any

from desk import paths
from desk.domain import units
from desk.domain.text import fold
from desk.domain.units import Unit
from desk.errors import UserError

PACKAGE = "vietnam-provinces"
# The list Desk was pinned to before reports named theirs: a file without a version used this one.
LEGACY_VERSION = "2025.10.1"


@cache
def installed_version() -> str:
    try:
        return metadata.version(PACKAGE)
    except metadata.PackageNotFoundError:    # a build without the package's metadata: the pinned list
        return LEGACY_VERSION


@cache
def _changes() -> dict[str, Any]:
    """resources/units/list_changes.json (scripts/unit_list_changes.py): per version, the units at
    the codes that differ between the versions Desk knows; the names corrected in place."""
    path = paths.resources_dir() / "units" / "list_changes.json"
    changes: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))     # JSON: its values are lists and tables
    return changes


def known_versions() -> tuple[str, ...]:
    return tuple(dict.fromkeys((*_changes()["versions"], installed_version())))


def _exact(name: str) -> str:
    """The spelling that matters: case, spacing and the kind of dash are not (the lists vary in them)."""
    name = unicodedata.normalize("NFC", name).casefold().replace("\u2013", "-").replace("\u2014", "-")
    return " ".join(name.split())


@cache
def _spellings() -> dict[tuple[int, str], set[str]]:
    """(province, a spelling) -> every spelling of that unit's name across the versions."""
    out: dict[tuple[int, str], set[str]] = {}
    for province, *names in _changes()["renamed"]:
        spelled = {_exact(n) for n in names}
        for n in spelled:
            out.setdefault((province, n), set()).update(spelled)
    return out


def unit_in_version(code: int | str, version: str) -> tuple[str, int] | None:
    """(name, province code) of the unit with this code in that version of the list, or None."""
    try:
        code = int(str(code).strip())
    except ValueError:
        return None
    table = _changes()["units"]
    if version in table and str(code) in table[version]:
        name, province = table[version][str(code)]
        return name, int(province)
    if version != installed_version() and (version not in table or installed_version() not in table):
        return None      # a list this Desk has no table for: the code alone says nothing
    # Outside the table, a code means the same unit in every version Desk knows.
    try:
        found = units.unit(code)
    except UserError:
        return None
    return found.name, found.province.code


def current_unit(code: int | str, version: str | None) -> Unit | None:
    """Today's unit that code meant in that list version (None when it cannot be told for sure)."""
    version = version or LEGACY_VERSION
    named = unit_in_version(code, version)
    if named is None:
        return None
    name, province = named
    if version == installed_version():
        return units.unit(code)
    return unit_named(name, province)


def unit_named(name: str, province: int) -> Unit | None:
    """The unit of the province with this name: the exact spelling, a known correction of it, or
    the one unit whose name folds alike (None when none or several do)."""
    pool = units.units_of(province)
    spellings = _spellings().get((province, _exact(name)), {_exact(name)})
    exact = [u for u in pool if _exact(u.name) in spellings]
    if len(exact) == 1:
        return exact[0]
    folded = [u for u in pool if fold(_exact(u.name)) == fold(_exact(name))]
    return folded[0] if len(folded) == 1 else None
