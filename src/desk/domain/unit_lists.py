"""Versions of the official unit list: the code a unit has in one version, from its code in another."""

from __future__ import annotations

import unicodedata
from functools import cache

from desk.domain import units
from desk.domain.lang import t
from desk.domain.text import fold
from desk.domain.unit_list_moves import MOVES
from desk.domain.units import Unit
from desk.errors import UserError

FIRST = "2025.10.1"           # the version Desk stamped records with before it moved
CURRENT = "2026.9.0"          # the version Desk pins (pyproject.toml); a move needs a data migration
# A report written before reports named their list's version used this one.
LEGACY_VERSION = FIRST


def versions() -> tuple[str, ...]:
    """Every version Desk knows, oldest first."""
    return (MOVES[0]["from"], *(move["to"] for move in MOVES))


@cache
def code_map(source: str, target: str = CURRENT) -> dict[int, int]:
    """old code -> new code for every unit whose code differs between two versions (by name and province,
    never by bare code); UserError for a version Desk does not know."""
    known = versions()
    for version in (source, target):
        if version not in known:
            raise UserError(t(f"Không biết phiên bản danh mục đơn vị hành chính «{version}» (Desk biết: "
                              f"{', '.join(known)}).",
                              f"Unknown version «{version}» of the unit list (Desk knows: {', '.join(known)})."))
    start, end = known.index(source), known.index(target)
    forward = start <= end
    steps = MOVES[start:end] if forward else MOVES[end:start][::-1]
    maps = [move["codes"] if forward else {new: old for old, new in move["codes"].items()} for move in steps]
    found: dict[int, int] = {}
    for code in {code for step in maps for code in step}:
        moved = code
        for step in maps:           # a code of one version, followed through each move in turn
            moved = step.get(moved, moved)
        found[code] = moved
    return {old: new for old, new in found.items() if old != new}


def current_code(code: int, source: str) -> int:
    """The code a unit stamped with `code` under list version `source` has in the current list."""
    return code_map(source).get(int(code), int(code))


def corrected_names(source: str) -> dict[int, str]:
    """old code -> the unit's name in the next version, where its spelling was corrected (one move)."""
    for move in MOVES:
        if move["from"] == source:
            return dict(move["names"])
    return {}


def former_codes(code: int) -> frozenset[int]:
    """The codes the unit with this current code had in earlier versions of the list (its own code aside)."""
    return frozenset(old for version in versions()[:-1] for old, new in code_map(version).items() if new == code)


def is_current_code(code: int) -> bool:
    """Whether a code names a unit in the current list (a former code may now name another unit)."""
    try:
        units.unit(code)
    except UserError:
        return False
    return True


@cache
def codes_of(version: str) -> frozenset[int]:
    """Every unit code of that version of the list (UserError for a version Desk does not know)."""
    back = code_map(CURRENT, version)
    return frozenset(back.get(code, code) for code in units.codes())


def current_unit(code: int | str | None, version: str | None) -> Unit | None:
    """Today's unit that code meant in that list version (a report without one: LEGACY_VERSION); None
    when the version is not one Desk knows or the code named no unit in it."""
    version = version or LEGACY_VERSION
    try:
        number = int(str(code).strip())
    except ValueError:
        return None
    if version not in versions() or number not in codes_of(version):
        return None
    return units.unit(current_code(number, version))


def _exact(name: str) -> str:
    """The spelling that matters: case, spacing and typographic dashes and apostrophes are not (the lists
    vary in them)."""
    name = unicodedata.normalize("NFC", name).casefold()
    for typographic, plain in (("\u2013", "-"), ("\u2014", "-"), ("\u2019", "'"), ("\u2018", "'")):
        name = name.replace(typographic, plain)
    return " ".join(name.split())


def unit_named(name: str, province: int) -> Unit | None:
    """The current unit of the province with this name: the exact spelling, else the one unit whose
    name folds alike (None when none or several do)."""
    pool = units.units_of(province)
    exact = [u for u in pool if _exact(u.name) == _exact(name)]
    if len(exact) == 1:
        return exact[0]
    folded = [u for u in pool if fold(_exact(u.name)) == fold(_exact(name))]
    return folded[0] if len(folded) == 1 else None
