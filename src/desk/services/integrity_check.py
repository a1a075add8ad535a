"""`desk check` in plain Vietnamese: file integrity, the audit chain, triggers, schema, each record vs its trail."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.engine import Engine

from desk.domain.lang import t
from desk.domain.registers import by_table
from desk.store import health, integrity, lock_audit
from desk.store.faults import MALFORMED, DatabaseDamaged

_SHOWN = 60


def _short(text: str | None, limit: int = 50) -> str:
    if text is None:
        return t("(trống)", "(empty)")
    text = " ".join(str(text).split())
    return f"«{text if len(text) <= limit else text[:limit - 1] + '…'}»"


def _labels(table: str) -> tuple[str, dict[str, str], str | None]:
    if table == "desk_user":
        return t("Người dùng", "Users"), {"name": t("tên đăng nhập", "user name"), "full_name": t("họ tên",
                                                                                                  "full name"),
                                          "role": t("vai trò", "role"), "active": t("đang hoạt động", "active")}, "name"
    reg = by_table(table)
    fields = {spec.name: spec.vi if t("vi", "en") == "vi" else spec.en for spec in reg.fields}
    fields.update({"voided": t("đã hủy", "voided"), "void_reason": t("lý do hủy", "void reason")})
    return reg.vi if t("vi", "en") == "vi" else reg.en, fields, reg.title_field


def _record_lines(connection: sqlite3.Connection) -> list[str]:
    lines = []
    for table, kind, record_id, columns, stored, said in integrity.record_findings(connection):
        register, fields, title = _labels(table)
        name = stored.get(title) if stored else said.get(title)
        which = t(f"{register}, bản ghi {_short(name)} (mã {record_id})",
                  f"{register}, record {_short(name)} (ID {record_id})")
        if kind == "unrecorded":
            lines.append(t(f"{which}: không có trong nhật ký (được thêm vào ngoài Desk).",
                           f"{which}: not in the audit trail (added outside Desk)."))
        elif kind == "import_changed":
            lines.append(t(f"{which}: giá trị lúc nhập từ tệp không khớp với nhật ký nhập (bị sửa ngoài Desk).",
                           f"{which}: its values when imported do not match the import's audit row "
                           "(changed outside Desk)."))
        elif kind == "gone":
            lines.append(t(f"{which}: có trong nhật ký nhưng không còn trong cơ sở dữ liệu (bị xóa ngoài Desk).",
                           f"{which}: in the audit trail but no longer in the database (deleted outside Desk)."))
        else:
            for column in columns:
                if table == "desk_user" and column == "password":
                    lines.append(t(f"{which}: mật khẩu đã bị thay ngoài Desk (không khớp với nhật ký).",
                                   f"{which}: the password was replaced outside Desk (it does not match the audit "
                                   "trail)."))
                    continue
                lines.append(t(
                    f"{which}: «{fields.get(column, column)}» là {_short(stored[column])} nhưng nhật ký ghi "
                    f"{_short(said.get(column))} (bị sửa ngoài Desk).",
                    f"{which}: «{fields.get(column, column)}» is {_short(stored[column])} but the audit trail says "
                    f"{_short(said.get(column))} (changed outside Desk)."))
    return lines


def _lock_lines(connection: sqlite3.Connection) -> list[str]:
    lines = []
    for lock_id, code, what in lock_audit.lock_findings(connection):
        which = t(f"Khóa số liệu kỳ {code} (mã {lock_id})", f"The lock of period {code} (ID {lock_id})")
        lines.append({
            lock_audit.UNRECORDED: t(f"{which}: không có trong nhật ký (được thêm vào ngoài Desk).",
                                     f"{which}: not in the audit trail (added outside Desk)."),
            lock_audit.GONE: t(f"{which}: có trong nhật ký nhưng không còn trong cơ sở dữ liệu (bị xóa ngoài Desk; "
                               "kỳ đã nộp bị mở lại).",
                               f"{which}: in the audit trail but no longer in the database (deleted outside Desk; "
                               "the submitted period is open again)."),
            lock_audit.UNLOCKED: t(f"{which}: ghi là đã mở khóa nhưng nhật ký không có lần mở khóa nào (bị sửa ngoài "
                                   "Desk; kỳ đã nộp bị mở lại).",
                                   f"{which}: marked unlocked, but the audit trail has no unlocking (changed outside "
                                   "Desk; the submitted period is open again)."),
            lock_audit.RELOCKED: t(f"{which}: nhật ký ghi đã mở khóa nhưng khóa vẫn có hiệu lực (bị sửa ngoài Desk).",
                                   f"{which}: the audit trail says it was unlocked, but it is in force (changed "
                                   "outside Desk)."),
            lock_audit.MOVED: t(f"{which}: kỳ hoặc ngày của khóa khác với kỳ đã khóa theo nhật ký (bị sửa ngoài Desk).",
                                f"{which}: its period or dates differ from the period the audit trail says was "
                                "locked (changed outside Desk)."),
        }[what])
    return lines


def _chain_lines(connection: sqlite3.Connection) -> list[str]:
    lines = []
    for row_id, what in integrity.chain_breaks(connection):
        if what == "prev":
            lines.append(t(f"Nhật ký: ngay trước dòng số {row_id} có dòng đã bị xóa hoặc chèn thêm (chuỗi mã băm đứt).",
                           f"Audit trail: a row just before row {row_id} was deleted or inserted (the hash chain "
                           "breaks)."))
        else:
            lines.append(t(f"Nhật ký: dòng số {row_id} đã bị sửa sau khi ghi (mã băm không khớp).",
                           f"Audit trail: row {row_id} was altered after it was written (its hash does not match)."))
    return lines


def _schema_lines(connection: sqlite3.Connection, path: Path) -> list[str]:
    return [t(f"Cấu trúc: {d.text}.", f"Structure: {d.text}.") for d in integrity.schema_differences(connection, path)]


def _table_label(table: str) -> str:
    """A register's name as the clerk knows it ("Khó khăn, vướng mắc"), else the table's."""
    from desk.domain.registers import REGISTERS

    return next((r.label for r in REGISTERS.values() if r.table_name == table), table)


def _foreign_key_lines(connection: sqlite3.Connection) -> list[str]:
    # Plain words, not "khóa ngoại": a record refers to one that is no longer there.
    return [t(f"Liên kết hỏng: bản ghi số {rowid} trong «{_table_label(table)}» trỏ tới một bản ghi không còn trong "
              f"«{_table_label(parent)}».",
              f"Broken link: record {rowid} of «{_table_label(table)}» refers to a record no longer in "
              f"«{_table_label(parent)}».")
            for table, rowid, parent, _fk in connection.execute("PRAGMA foreign_key_check")]


def check_server(engine: Engine, notices: Sequence[str] = ()) -> list[str]:
    """`desk check` on a server: the audit trail's chain and every record against it (the server
    keeps its own pages, foreign keys and schema; there is no file to check)."""
    from desk.store.dialect import driver_connection

    problems = list(notices)
    with engine.connect() as connection:
        raw = driver_connection(connection)
        problems += _chain_lines(raw) + _record_lines(raw) + _lock_lines(raw)
    return problems


def check(path: Path, notices: Sequence[str] = ()) -> list[str]:
    """Every problem found, one plain sentence each; [] when the database is sound and accounted for."""
    problems = list(notices)
    kind = health.diagnose_header(path)
    if kind:
        return problems + [str(DatabaseDamaged(kind, path))]
    damage = [p for p in health.pragma_rows(path, "PRAGMA integrity_check") if p != "ok"]
    if damage:                    # a damaged file: nothing more can be read reliably
        return problems + [str(DatabaseDamaged(MALFORMED, path, "; ".join(damage[:3])))] + damage[3:20]
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        problems += (_foreign_key_lines(connection) + _schema_lines(connection, path) + _chain_lines(connection)
                     + _record_lines(connection) + _lock_lines(connection))
    finally:
        connection.close()
    if len(problems) > _SHOWN:
        more = len(problems) - _SHOWN
        problems = problems[:_SHOWN] + [t(f"... và {more} lỗi khác.", f"... and {more} more.")]
    return problems
