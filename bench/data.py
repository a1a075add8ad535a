"""Realistic generated data: obstacles of every domain, state and level with dated histories, bulk-inserted."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import insert

from desk.domain.derived_keys import title_columns
from desk.domain.registers import obstacles
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.text import search_form
from desk.store.models import history_table_of, table_of

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hùng", "Lan", "Mai", "Nam", "Oanh", "Phúc",
         "Quyên", "Sơn", "Tâm", "Uyên", "Vinh", "Xuân", "Yến"]
TOPICS = ["Thiếu công chức địa chính", "Trụ sở chật hẹp", "Phần mềm một cửa lỗi", "Chưa có tài khoản kho bạc",
          "Máy tính cũ, hỏng", "Chưa rõ thẩm quyền cấp phép", "Hồ sơ đất đai tồn đọng", "Thiếu xe công vụ",
          "Dữ liệu dân cư chưa đồng bộ", "Quy trình ký số chưa thống nhất"]
PLACES = ["tổ dân phố số {}", "thôn {}", "khu {}", "điểm tiếp dân số {}"]
# Where a state goes next, with its weight: an obstacle is taken up, often referred up, comes back
# for more work, is resolved or closed, and now and then reopened.
NEXT = {"received": (("in_progress", 9), ("closed", 1)),
        "in_progress": (("referred", 5), ("resolved", 4), ("closed", 1)),
        "referred": (("in_progress", 4), ("resolved", 5), ("closed", 1)),
        "resolved": (("in_progress", 1),),
        "closed": (("in_progress", 1),)}
CHANGES = (1, 2, 3, 4, 4, 5, 5, 6, 6)     # changes after the first state: ~5 history rows an obstacle
ORIGIN = "dữ liệu sinh cho đo tốc độ"


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _walk(rng: random.Random, raised: date, today: date) -> list[tuple[str, date | None]]:
    """(state, effective date) from the first state (undated) on, never after today."""
    states: list[tuple[str, date | None]] = [("received", None)]
    day, room = raised, (today - raised).days
    changes = rng.choice(CHANGES)
    for _ in range(changes):
        step = min(room, rng.randrange(0, max(1, 2 * room // changes)))
        room -= step
        day += timedelta(days=step)
        options, weights = zip(*NEXT[states[-1][0]])
        states.append((rng.choices(options, weights)[0], day))
    return states


def obstacle_rows(n: int, unit_code: int, seed: int = 1, *, with_states: bool = False):
    """n obstacle rows as dicts ready for a bulk insert (bypasses per-record objects: known trap);
    with_states: also the rows of their state histories (obstacle_state), as (rows, states)."""
    rng = random.Random(seed)
    domains = [c.code for c in obstacles.DEFAULT_DOMAINS]
    levels = [c.code for c in obstacles.LEVELS]
    now = datetime.now(UTC)
    today = now.astimezone().date()
    # Raised between the two-tier model's start and today (none in the future), as a register holds.
    days = max(1, (today - date(2025, 7, 1)).days + 1)
    rows, states = [], []
    stamp = now.replace(tzinfo=None)
    for i in range(n):
        raised = date(2025, 7, 1) + timedelta(days=rng.randrange(0, days))
        walk = _walk(rng, raised, today)
        status, since = walk[-1]
        title = f"{rng.choice(TOPICS)} ({rng.choice(PLACES).format(rng.randrange(1, 40))}) – {person(rng)}"
        proposal = f"Đề nghị cấp trên hướng dẫn, hỗ trợ ({i})"
        resolved = status == "resolved"
        row = {"id": str(uuid.UUID(int=rng.getrandbits(128))), "unit_code": unit_code, "created_at": now,
               "updated_at": now, "voided": False, "void_reason": None, "voided_at": None,
               "domain": rng.choice(domains), "title": title, "description": None, "proposal": proposal,
               "level": rng.choice(levels), "source": "self_review", "raised_on": raised,
               "deadline": raised + timedelta(days=rng.choice([15, 30, 60])), "status": status,
               "status_since": since, "result": "Đã xử lý xong" if resolved else None,
               "resolved_on": since if resolved else None, "guide_doc": None, "former_unit": None,
               "cause": None, "impact": None, "impact_count": None, "requested_body": None}
        row["search_key"] = search_form(" ".join(str(row[f] or "") for f in OBSTACLES.search_fields))
        rows.append(row)
        if with_states:
            states.extend((row["id"], value, effective, None, ORIGIN, stamp, "desk", False, None)
                          for value, effective in walk)
    return (rows, states) if with_states else rows


def fill_obstacles(engine, n: int, unit_code: int, seed: int = 1) -> int:
    """n obstacles with their state histories, written as a bulk import would; returns the history rows."""
    table = table_of(OBSTACLES).__table__
    history = history_table_of(OBSTACLES).__table__
    known = {c.name for c in table.columns}
    rows, states = obstacle_rows(n, unit_code, seed, with_states=True)
    rows = [{k: v for k, v in r.items() if k in known} for r in rows]
    names = ("record_id", "value", "effective_on", "note", "origin", "recorded_at", "recorded_by", "voided",
             "void_reason", "record_key")
    with engine.begin() as conn:
        # The integer keys a bulk import gives (store.record_keys): numbered one by one by the database
        # they would take twice as long to write.
        first = conn.exec_driver_sql(f'SELECT coalesce(max(record_key), 0) + 1 FROM "{table.name}"').scalar()
        keys = {r["id"]: first + i for i, r in enumerate(rows)}
        for r in rows:
            r["record_key"] = keys[r["id"]]
        for start in range(0, len(rows), 20_000):
            # What records.stored_columns adds, made per chunk: kept for all rows at once,
            # these strings would raise the process's memory before the register opens.
            chunk = [{**r, **title_columns(OBSTACLES, r)} for r in rows[start:start + 20_000]]
            conn.execute(insert(table), chunk)
        sql = (f'INSERT INTO "{history.name}" ({", ".join(names)}) VALUES ({", ".join("?" for _ in names)})')
        conn.exec_driver_sql(sql, [(r, v, e.isoformat() if e else None, no, o, at.isoformat(sep=" "), by, 0, vr,
                                    keys[r]) for r, v, e, no, o, at, by, _voided, vr in states])
    return len(states)


def fill_officials(workspace, n: int, seed: int = 2) -> None:
    """n officials of the workspace's unit, checked and written as an import writes them."""
    from desk.domain.access import os_actor
    from desk.domain.registers.officials import REGISTER as OFFICIALS
    from desk.services import bulk_records
    from desk.services.demo_registers import _LEVEL, _STAFF, _person

    rng = random.Random(seed)
    unit = workspace.require_unit()
    with workspace.session() as session:
        validator = bulk_records.Validator(session, OFFICIALS, unit.code)
        pending = []
        for i in range(n):
            office, title, category, position, training, matches, _count = _STAFF[i % len(_STAFF)]
            gender = rng.choice(["male", "female"])
            born = date(rng.randrange(1968, 1998), rng.randrange(1, 13), rng.randrange(1, 29))
            pending.append(bulk_records.Pending(validator.validate({
                "full_name": _person(rng, gender), "birth_date": born, "gender": gender, "staff_category": category,
                "office": office, "title": title, "job_position": position, "training_field": training,
                "training_level": _LEVEL.get(training, "university"), "training_matches": matches,
                "start_date": date(2025, 7, 1), "status": "working", "phone": f"09{rng.randrange(10**7, 10**8)}"})))
        bulk_records.write(session, OFFICIALS, pending, unit_code=unit.code, actor=os_actor())
