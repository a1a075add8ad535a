"""The earlier rows of a file being imported, compared with as stored records are, and how a warning names them."""

from __future__ import annotations

from collections.abc import Hashable, Mapping

from desk.domain.register import Record, Row

# The key a record compared against carries when it is an earlier row of the sheet being imported rather than
# a stored record: its row number (a warning names that row, not the register).
FILE_ROW = "file_row"


def already_has(other: Row) -> tuple[str, str]:
    """Who already has a record like the one checked, in Vietnamese and English: the register, or a row."""
    row = other.get(FILE_ROW)
    if row is None:
        return "Sổ đã có", "The register already has"
    return f"Dòng {row} của trang này đã có", f"Row {row} of this sheet already has"


def found_on(other: Row) -> tuple[str, str]:
    """' on row 5 of this sheet' for an earlier row of the file, in Vietnamese and English; '' for a stored record."""
    row = other.get(FILE_ROW)
    return ("", "") if row is None else (f" ở dòng {row} của trang này", f" on row {row} of this sheet")


class FileRows:
    """The new records of a sheet checked so far, by register, found by a field's value as the store finds them
    (a file of 20,000 officials is compared row by row: each look-up is one dict read, not a scan)."""

    def __init__(self) -> None:
        self._rows: dict[str, list[Record]] = {}
        self._by_value: dict[tuple[str, str], dict[Hashable, list[Record]]] = {}

    def add(self, register: str, values: Record, row_number: int) -> None:
        record = {**values, "id": f"{FILE_ROW}:{row_number}", FILE_ROW: row_number}
        self._rows.setdefault(register, []).append(record)
        for (name_of, field), index in self._by_value.items():
            if name_of == register and record.get(field) is not None:
                index.setdefault(record[field], []).append(record)

    def of(self, register: str) -> list[Record]:
        return self._rows.get(register, [])

    def with_any(self, register: str, any_of: Mapping[str, object]) -> list[Record]:
        """Those holding any of these field values (a None value matches nothing), each once."""
        found: dict[str, Record] = {}
        for field, value in any_of.items():
            if value is None or not isinstance(value, Hashable):
                continue
            index = self._by_value.get((register, field))
            if index is None:
                index = self._by_value[register, field] = {}
                for record in self.of(register):
                    if record.get(field) is not None:
                        index.setdefault(record[field], []).append(record)
            found.update((str(r["id"]), r) for r in index.get(value, ()))
        return list(found.values())
