"""Is the schema exactly Desk's for its revision? Tables, columns, indexes, triggers, views vs the manifest.

The manifest (store/schema_manifest.py) is what the migrations build, revision by revision;
scripts/make_schema_manifest.py regenerates it and a test fails when it is out of date.
At every start a missing or altered trigger or index of Desk's is put back and one Desk never
makes is dropped (each said, and written to the audit trail); a table or column that differs
cannot be put back and the file is treated as damaged. A backup is refused on any difference.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from desk.domain.lang import t

APPLICATION_ID = 0x4445534B          # "DESK" in the database header (migration 0006 on)
_SPACE = re.compile(r"\s+")


def normalized(sql: str | None) -> str:
    return _SPACE.sub(" ", (sql or "").strip()).rstrip(";")


def snapshot(connection: sqlite3.Connection) -> dict:
    """The schema as SQLite holds it (internal sqlite_* objects left out)."""
    master = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                                "WHERE name NOT LIKE 'sqlite_%'").fetchall()
    strict = {row[1]: bool(row[5]) for row in connection.execute("PRAGMA table_list") if row[0] == "main"}
    tables, indexes, triggers, views = {}, {}, {}, {}
    for kind, name, table, sql in master:
        if kind == "table":
            columns = [[c[1], (c[2] or "").upper(), int(c[3]), int(c[5])]
                       for c in connection.execute(f'PRAGMA table_xinfo("{name}")')]
            keys = sorted([fk[3], fk[2], fk[4]] for fk in connection.execute(f'PRAGMA foreign_key_list("{name}")'))
            tables[name] = {"strict": strict.get(name, False), "columns": columns, "foreign_keys": keys}
        elif kind == "index" and sql:          # automatic indexes (UNIQUE, PRIMARY KEY) have no SQL
            unique = int(connection.execute(f"SELECT \"unique\" FROM pragma_index_list('{table}') "
                                            "WHERE name = ?", (name,)).fetchone()[0])
            cols = [c[2] for c in connection.execute(f'PRAGMA index_info("{name}")')]
            indexes[name] = [table, unique, cols]
        elif kind == "trigger":
            triggers[name] = normalized(sql)
        elif kind == "view":
            views[name] = normalized(sql)
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    return {"application_id": application_id, "tables": tables, "indexes": indexes, "triggers": triggers,
            "views": views}


@dataclass(frozen=True)
class Difference:
    kind: str            # "table", "column", "application_id", "index", "trigger", "view"
    name: str
    what: str            # "missing", "extra", "altered"

    @property
    def repairable(self) -> bool:
        return self.kind in ("index", "trigger", "view")

    @property
    def text(self) -> str:
        noun = {"table": ("bảng", "table"), "column": ("cột", "column"), "index": ("chỉ mục", "index"),
                "trigger": ("trigger", "trigger"), "view": ("view", "view"),
                "application_id": ("mã ứng dụng trong phần đầu tệp", "application id in the header")}[self.kind]
        what = {"missing": ("bị thiếu", "is missing"), "extra": ("lạ (Desk không tạo)", "is not Desk's"),
                "altered": ("đã bị sửa", "was altered")}[self.what]
        return t(f"{noun[0]} «{self.name}» {what[0]}", f"{noun[1]} «{self.name}» {what[1]}")


def differences(actual: dict, expected: dict) -> list[Difference]:
    """What differs between a snapshot and the manifest's entry for the same revision."""
    found: list[Difference] = []
    if expected.get("application_id", 0) != actual.get("application_id", 0):
        found.append(Difference("application_id", str(actual.get("application_id")), "altered"))
    for name in sorted(set(actual["tables"]) | set(expected["tables"])):
        have, want = actual["tables"].get(name), expected["tables"].get(name)
        if have is None or want is None:
            found.append(Difference("table", name, "missing" if have is None else "extra"))
            continue
        have_cols = {c[0]: c for c in have["columns"]}
        want_cols = {c[0]: c for c in want["columns"]}
        for col in sorted(set(have_cols) | set(want_cols)):
            a, e = have_cols.get(col), want_cols.get(col)
            if a is None or e is None:
                found.append(Difference("column", f"{name}.{col}", "missing" if a is None else "extra"))
            elif a[2:] != e[2:] or (want["strict"] and a[1] != e[1]):
                found.append(Difference("column", f"{name}.{col}", "altered"))
        if have["strict"] != want["strict"] or have["foreign_keys"] != want["foreign_keys"]:
            found.append(Difference("table", name, "altered"))
    for kind in ("indexes", "triggers", "views"):
        singular = {"indexes": "index", "triggers": "trigger", "views": "view"}[kind]
        have, want = actual[kind], expected[kind]
        for name in sorted(set(have) | set(want)):
            if name not in have:
                found.append(Difference(singular, name, "missing"))
            elif name not in want:
                found.append(Difference(singular, name, "extra"))
            elif have[name] != want[name]:
                found.append(Difference(singular, name, "altered"))
    return found


def expected_for(revision: str | None) -> dict | None:
    from desk.store.schema_manifest import SCHEMAS

    return SCHEMAS.get(revision) if revision else None


def repair(connection: sqlite3.Connection, found: list[Difference], expected: dict) -> None:
    """Drop what Desk never makes, put back what it does (triggers, indexes, views), in the caller's transaction."""
    for diff in found:
        if not diff.repairable:
            continue
        keyword = {"index": "INDEX", "trigger": "TRIGGER", "view": "VIEW"}[diff.kind]
        if diff.what in ("extra", "altered"):
            connection.execute(f'DROP {keyword} IF EXISTS "{diff.name}"')
        if diff.what in ("missing", "altered"):
            if diff.kind == "index":
                table, unique, cols = expected["indexes"][diff.name]
                quoted = ", ".join(f'"{c}"' for c in cols)
                connection.execute(f'CREATE {"UNIQUE " if unique else ""}INDEX "{diff.name}" ON "{table}" ({quoted})')
            else:
                connection.execute(expected["triggers" if diff.kind == "trigger" else "views"][diff.name])
