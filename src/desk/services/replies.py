"""Answers flowing back down: the reply workbook made from a consolidation, and its import by a commune."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Row, select, update
from sqlmodel import Session, col

from desk.domain import replies, unit_lists
from desk.domain.access import Actor, Permission, os_actor, require
from desk.domain.formats import format_date_vi, format_number_vi
from desk.domain.lang import t
from desk.domain.register import Record
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.replies import Reply
from desk.domain.text import clean, vi_sort_key
from desk.domain.units import Unit
from desk.errors import UserError, ValidationError
from desk.importers import worker
from desk.importers.reply_file import ReplyFile, RowProblem, file_hash, issuer_problem, parse
from desk.importers.workbook import read_book
from desk.services import office, records
from desk.services.consolidation import Consolidation
from desk.store import audit
from desk.store.models import sql_table, table_of
from desk.store.replies import ObstacleReply

# What became of one row of a reply file.
NEW, ALREADY, OTHER_UNIT, UNKNOWN, VOIDED = "new", "already", "other_unit", "unknown", "voided"
STATUS_VI = {NEW: "Sẽ nhập", ALREADY: "Đã nhập trước đây", OTHER_UNIT: "Của đơn vị khác (bỏ qua)",
             UNKNOWN: "Không có khó khăn, vướng mắc này", VOIDED: "Khó khăn, vướng mắc đã bị hủy"}


# --- making the reply workbook (the province, the ministry) --------------------------------------

def ordered_obstacles(c: Consolidation) -> list[Record]:
    """Each consolidated obstacle once, by commune (as Vietnamese sorts) then by the day it was raised: the
    reply workbook's rows and the answering screen's list, in the same order."""
    return sorted(c.obstacles, key=lambda r: (vi_sort_key(r["_unit"].short_name), r.get("raised_on") or date.min,
                                              r.get("title", "")))


def reply_rows(c: Consolidation) -> list[Record]:
    return [{"unit_code": str(r["_unit"].code), "unit_name": r["_unit"].name, "obstacle_id": r["id"],
             "title": r.get("title", ""), "status": r.get("status", "")} for r in ordered_obstacles(c)]


def check_answers(c: Consolidation, answers: Mapping[str, replies.Answer], *, today: date | None = None) -> None:
    """UserError naming the first obstacle whose answer the commune's import would refuse, or an ID not listed;
    the screen calls it before asking where to save, the export before writing."""
    today = today or date.today()
    listed = {r["id"]: r for r in c.obstacles}
    for obstacle_id, given in answers.items():
        row = listed.get(obstacle_id)
        if row is None:
            raise UserError(t(f"Khó khăn, vướng mắc mã «{obstacle_id}» không có trong kết quả tổng hợp.",
                              f"No consolidated obstacle has the ID «{obstacle_id}»."))
        if wrong := given.problems(today):
            title, unit_name = row.get("title", ""), row["_unit"].name
            raise UserError(t(f"Trả lời cho «{title}» ({unit_name}): {'; '.join(wrong)}.",
                              f"The answer to «{title}» ({unit_name}): {'; '.join(wrong)}."))


def export_reply_workbook(c: Consolidation, out: Path, *, issuer: str = "",
                          answers: Mapping[str, replies.Answer] | None = None) -> int:
    """Write the reply workbook for a consolidation's obstacles; returns how many obstacles it lists.
    answers: obstacle ID -> the answer typed for it (in the consolidation screen), written in its row;
    UserError naming the obstacle when one would not import, or names an obstacle not listed."""
    from desk.reports import reply_workbook
    from desk.services import consolidation_report

    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise UserError(t(f"Tệp trả lời «{out}» phải có đuôi .xlsx.", f"The reply file «{out}» must end in .xlsx."))
    if out.resolve() in c.read:
        raise UserError(t(f"Tệp trả lời «{out.name}» là một trong các tệp vừa tổng hợp; ghi vào đó sẽ mất tệp ấy. "
                          "Hãy chọn tên tệp khác.",
                          f"The reply file «{out.name}» is one of the files just consolidated; writing it would lose "
                          "that file. Choose another name."))
    # The body the communes see as the one answering: by default the province's reporting unit.
    issuer = issuer.strip() or consolidation_report.load(None, c.province).reporting_unit.strip()
    if wrong := issuer_problem(clean(issuer)):
        # Every commune's import would refuse the file: said here, to the one who can change it.
        raise UserError(t(f"Tên cơ quan trả lời ghi vào tệp trả lời {wrong}. Hãy sửa tên cơ quan (tùy chọn --issuer, "
                          "hoặc «Đơn vị báo cáo» trong thông tin báo cáo tổng hợp) rồi tạo lại tệp.",
                          f"The answering body's name written into the reply file {wrong}. Correct it and make "
                          "the file again."))
    rows = reply_rows(c)
    if answers:
        check_answers(c, answers)
        for row in rows:
            if (given := answers.get(row["obstacle_id"])) is not None:
                row.update(given.cells())
    manifest = {"period_code": c.period.code, "period_label": c.period.label_vi,
                "period_start": c.period.start.isoformat(), "period_end": c.period.end.isoformat(),
                "province_code": str(c.province.code) if c.province else "", "province_name": c.area_name,
                "issuer": issuer,
                "generated_at": datetime.now().astimezone().isoformat(timespec="seconds"),
                "units_version": office.units_version() or unit_lists.CURRENT}
    heading = (f"Kỳ báo cáo: {c.period.label_vi} ({format_date_vi(c.period.start)} – {format_date_vi(c.period.end)})"
               f"; {c.area_name}; {format_number_vi(len(c.used))} báo cáo của xã, phường, đặc khu")
    return reply_workbook.write(out, rows, manifest, heading)


# --- importing replies (the commune) -------------------------------------------------------------

@dataclass
class Item:
    reply: Reply
    status: str
    current_state: str = ""         # the obstacle's state now (NEW items)
    title: str = ""                 # the obstacle's title as the commune has it

    @property
    def proposes_change(self) -> bool:
        proposed = self.reply.proposed_state
        return self.status == NEW and bool(proposed) and proposed != self.current_state

    @property
    def status_vi(self) -> str:
        return STATUS_VI[self.status]


@dataclass
class Preview:
    file: ReplyFile
    unit: Unit
    items: list[Item] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)

    @property
    def listed(self) -> list[Item]:
        """What the clerk should see: every row but the other communes' (only counted)."""
        return [i for i in self.items if i.status != OTHER_UNIT]

    @property
    def problems(self) -> list[RowProblem]:
        """The rows that cannot be imported, but another commune's: this unit's, and any whose unit code
        cannot be read (it may be this unit's)."""
        version = self.file.manifest.get("units_version", "")
        return [p for p in self.file.problems
                if not p.unit_code.isdigit() or _same_unit(p.unit_code, self.unit, version)]


@dataclass
class Outcome:
    added: int = 0
    states_changed: int = 0
    state_failures: list[str] = field(default_factory=list)
    other_units: int = 0
    unknown: int = 0
    voided: int = 0
    already: int = 0
    invalid: int = 0


def read_reply_file(path: Path) -> ReplyFile:
    """The file checked by the safety gate and read in a worker process, then its rows checked."""
    path = Path(path)
    book = worker.read_one(read_book, path)
    return parse(book, file_hash(path))


def preview(session: Session, unit: Unit, reply_file: ReplyFile) -> Preview:
    """What importing the file would do, row by row; writes nothing."""
    found = Preview(reply_file, unit)
    version = reply_file.manifest.get("units_version", "")
    mine = [r for r in reply_file.replies if _same_unit(r.unit_code, unit, version)]
    table = sql_table(table_of(OBSTACLES))
    ids = sorted({r.obstacle_id for r in mine})
    obstacles: dict[str, Row[Any]] = {}
    for start in range(0, len(ids), 500):
        for found_row in session.execute(select(table.c.id, table.c.unit_code, table.c.voided, table.c.status,
                                                table.c.title).where(table.c.id.in_(ids[start:start + 500]))):
            obstacles[found_row.id] = found_row
    keys = {r.key for r in mine}
    reply_key = col(ObstacleReply.reply_key)
    known = set(session.scalars(select(reply_key).where(reply_key.in_(keys)))) if keys else set()
    seen: set[str] = set()
    for reply in reply_file.replies:
        if not _same_unit(reply.unit_code, unit, version):
            found.items.append(Item(reply, OTHER_UNIT))
            continue
        row = obstacles.get(reply.obstacle_id)
        if row is None or row.unit_code != unit.code:
            found.items.append(Item(reply, UNKNOWN))
        elif row.voided:
            found.items.append(Item(reply, VOIDED, row.status, row.title))
        elif reply.key in known or reply.key in seen:
            found.items.append(Item(reply, ALREADY, row.status, row.title))
        else:
            seen.add(reply.key)
            found.items.append(Item(reply, NEW, row.status, row.title))
    return found


def _same_unit(code: str, unit: Unit, version: str) -> bool:
    """Whether a reply's unit code names this unit, read in the unit list version the file was made with
    (a province on an older list still writes Phường Ngô Quyền as 11341)."""
    if not code.isdigit():
        return False
    if version in unit_lists.versions():
        return unit_lists.current_code(int(code), version) == unit.code
    return int(code) == unit.code


def apply(session: Session, found: Preview, *, accept_states: set[int] | bool = False,
          actor: Actor | None = None, today: date | None = None) -> Outcome:
    """Add each new answer to its obstacle; change the state where the reply proposes one and the commune
    accepts it (accept_states: the rows accepted, or True for all). The caller's session commits."""
    actor = actor or os_actor()
    require(actor, Permission.ENTER_RECORDS)
    today = today or date.today()
    now = datetime.now(UTC)
    source = f"{found.file.path.name} (SHA-256 {found.file.sha256})"
    outcome = Outcome(other_units=found.count(OTHER_UNIT), unknown=found.count(UNKNOWN), voided=found.count(VOIDED),
                      already=found.count(ALREADY), invalid=len(found.problems))
    touched: set[str] = set()
    for item in found.items:
        if item.status != NEW:
            continue
        reply = item.reply
        accepted = item.proposes_change and (accept_states is True or (
            isinstance(accept_states, set) and reply.row in accept_states))
        if accepted:
            failure = _change_state(session, reply, actor, today, source)
            if failure:
                outcome.state_failures.append(failure)
                accepted = False
            else:
                outcome.states_changed += 1
        session.add(ObstacleReply(obstacle_id=reply.obstacle_id, reply_key=reply.key, body=reply.body,
                                  doc_number=reply.doc_number, doc_date=reply.doc_date, answer=reply.answer,
                                  proposed_state=reply.proposed_state, state_accepted=accepted,
                                  source_file=found.file.path.name, source_hash=found.file.sha256,
                                  imported_at=now, imported_by=actor.name))
        outcome.added += 1
        touched.add(reply.obstacle_id)
    session.flush()
    for obstacle_id in sorted(touched):
        _refresh_latest(session, obstacle_id, actor, now, source)
    return outcome


def _change_state(session: Session, reply: Reply, actor: Actor, today: date, source: str) -> str:
    """The proposed state through the obstacle's dated history (as "change state" in the form does);
    the reason it could not be changed, or ""."""
    record = records.get(session, OBSTACLES, reply.obstacle_id)
    values = records.stored_values(record, OBSTACLES)
    # Dated by the answering document, never before the state it replaces nor after today.
    floor = max(d for d in (record.raised_on, record.status_since) if d is not None) if record.raised_on else None
    day = min(max(reply.doc_date or today, floor or date.min), today)
    values.update(status=reply.proposed_state, status_since=day)
    if reply.proposed_state == "resolved" and not values.get("result"):
        values["result"] = reply.answer          # a resolved obstacle needs its result: the answer says it
    note = "; ".join(p for p in (reply.document, reply.answer) if p)
    try:
        with session.begin_nested():
            records.save(session, OBSTACLES, values, unit_code=record.unit_code, record_id=record.id, actor=actor,
                         note=note[:2000], origin=t(f"Tệp trả lời {source}", f"Reply file {source}"), today=today)
    except ValidationError as exc:
        return t(f"«{record.title}»: không đổi được tình trạng ({'; '.join(exc.errors.values())})",
                 f"«{record.title}»: the state was not changed ({'; '.join(exc.errors.values())})")
    except UserError as exc:
        return t(f"«{record.title}»: không đổi được tình trạng ({exc})", f"«{record.title}»: state not changed ({exc})")
    return ""


def _refresh_latest(session: Session, obstacle_id: str, actor: Actor, now: datetime, source: str) -> None:
    """The obstacle's latest answer (by the document's date, then the import) as the register shows it."""
    doc_date = col(ObstacleReply.doc_date)
    latest = session.scalars(select(ObstacleReply).where(col(ObstacleReply.obstacle_id) == obstacle_id).order_by(
        doc_date.is_(None), doc_date.desc(), col(ObstacleReply.id).desc())).first()
    if latest is None:      # called once an answer to the obstacle was stored
        return
    text = replies.summary(latest.body, latest.doc_number, latest.doc_date, latest.answer)
    table = table_of(OBSTACLES)
    columns = sql_table(table).c
    old = session.scalar(select(columns.latest_reply).where(columns.id == obstacle_id))
    if old == text:
        return
    session.execute(update(sql_table(table)).where(columns.id == obstacle_id).values(latest_reply=text))
    audit.record(session, actor, audit.EDIT, table, obstacle_id, field="latest_reply", old=old, new=text,
                 reason=t(f"Nhập trả lời từ tệp {source}", f"Answer imported from {source}"), at=now)


def latest_replies(session: Session, obstacle_id: str) -> list[ObstacleReply]:
    """Every answer to one obstacle, newest first."""
    return list(session.scalars(select(ObstacleReply).where(col(ObstacleReply.obstacle_id) == obstacle_id).order_by(
        col(ObstacleReply.doc_date).is_(None), col(ObstacleReply.doc_date).desc(), col(ObstacleReply.id).desc())))


def describe(outcome: Outcome) -> str:
    """The outcome in one Vietnamese paragraph (the CLI prints it; the window shows it)."""
    parts = [f"Đã nhập {outcome.added} trả lời", f"đổi tình trạng {outcome.states_changed} khó khăn, vướng mắc"]
    if outcome.already:
        parts.append(f"{outcome.already} trả lời đã nhập trước đây (bỏ qua)")
    if outcome.other_units:
        parts.append(f"{outcome.other_units} trả lời cho đơn vị khác (bỏ qua)")
    if outcome.unknown:
        parts.append(f"{outcome.unknown} trả lời cho khó khăn, vướng mắc không có trong sổ (không ghi)")
    if outcome.voided:
        parts.append(f"{outcome.voided} trả lời cho khó khăn, vướng mắc đã hủy (không ghi)")
    if outcome.invalid:
        parts.append(f"{outcome.invalid} dòng có lỗi (không ghi)")
    text = "; ".join(parts) + "."
    if outcome.state_failures:
        text += " " + " ".join(outcome.state_failures)
    return text

