"""The catalogue of registers: every module of this package that declares a `REGISTER` is one.

Adding a register is adding a module here (and a migration for its table); nothing else names
registers. The catalogue is read by the store (tables), services, the CLI, reports, templates,
the importer and the window (its screens), always in the registers' declared positions.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from desk.domain.lang import t
from desk.domain.register import Register
from desk.errors import UserError


class _Catalogue(Mapping[str, Register]):
    """name -> Register, in position order; the package's modules are read at the first look (a
    register module may import domain modules that import one of its siblings)."""

    def __init__(self) -> None:
        self._registers: dict[str, Register] | None = None
        self._extra: dict[str, Register] = {}

    def _all(self) -> dict[str, Register]:
        if self._registers is None:
            found = []
            for info in pkgutil.iter_modules(__path__):
                declared = getattr(importlib.import_module(f"{__name__}.{info.name}"), "REGISTER", None)
                if isinstance(declared, Register):
                    found.append(declared)
            self._registers = {r.name: r for r in sorted(found, key=lambda r: r.position)}
        return {**self._registers, **self._extra}

    def __getitem__(self, name: str) -> Register:
        return self._all()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


REGISTERS = _Catalogue()


def register(name: str) -> Register:
    """The register called `name` (the CLI's word for it), or a message listing the known ones."""
    try:
        return REGISTERS[name]
    except KeyError:
        known = ", ".join(REGISTERS)
        raise UserError(t(f"Không có sổ «{name}». Các sổ hiện có: {known}.",
                          f"There is no register «{name}». Registers: {known}.")) from None


def declared(reg: Register) -> bool:
    """Whether reg is one of this package's registers (another process finds it by name), not one added
    for a while (temporary)."""
    return REGISTERS.get(reg.name) is reg and reg.name not in REGISTERS._extra


def by_table(table_name: str) -> Register:
    """The register stored in a table (what a reference field names)."""
    return next(r for r in REGISTERS.values() if r.table_name == table_name)


def naming(reg: Register) -> list[tuple[Register, tuple[str, ...]]]:
    """The registers whose search text holds the label of one of reg's records (a movement its official's
    name), each with its reference fields to reg."""
    found = []
    for other in REGISTERS.values():
        fields = tuple(name for name in other.search_fields if other.spec[name].ref == reg.table_name)
        if fields:
            found.append((other, fields))
    return found


@contextmanager
def temporary(reg: Register) -> Iterator[Register]:
    """A register added to the catalogue for the time of a block (tests declare throw-away ones)."""
    if reg.name in REGISTERS:
        raise ValueError(f"a register {reg.name!r} exists already")
    REGISTERS._extra[reg.name] = reg
    try:
        yield reg
    finally:
        del REGISTERS._extra[reg.name]
