"""Realistic generated data: obstacles across every domain, status and level, bulk-inserted."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import insert

from desk.domain.registers import obstacles
from desk.domain.text import fold
from desk.services.records import title_columns
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.store.models import table_of

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thu", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hùng", "Lan", "Mai", "Nam", "Oanh", "Phúc",
         "Quyên", "Sơn", "Tâm", "Uyên", "Vinh", "Xuân", "Yến"]
TOPICS = ["Thiếu công chức địa chính", "Trụ sở chật hẹp", "Phần mềm một cửa lỗi", "Chưa có tài khoản kho bạc",
          "Máy tính cũ, hỏng", "Chưa rõ thẩm quyền cấp phép", "Hồ sơ đất đai tồn đọng", "Thiếu xe công vụ",
          "Dữ liệu dân cư chưa đồng bộ", "Quy trình ký số chưa thống nhất"]
PLACES = ["tổ dân phố số {}", "thôn {}", "khu {}", "điểm tiếp dân số {}"]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def obstacle_rows(n: int, unit_code: int, seed: int = 1) -> list[dict]:
    """n obstacle rows as dicts ready for a bulk insert (bypasses per-record objects: known trap)."""
    rng = random.Random(seed)
    domains = [c.code for c in obstacles.DEFAULT_DOMAINS]
    statuses = [c.code for c in obstacles.STATUSES]
    levels = [c.code for c in obstacles.LEVELS]
    now = datetime.now(timezone.utc)
    # Raised between the two-tier model's start and today (none in the future), as a register holds.
    days = max(1, (now.date() - date(2025, 7, 1)).days + 1)
    rows = []
    for i in range(n):
        raised = date(2025, 7, 1) + timedelta(days=rng.randrange(0, days))
        status = rng.choice(statuses)
        title = f"{rng.choice(TOPICS)} ({rng.choice(PLACES).format(rng.randrange(1, 40))}) – {person(rng)}"
        proposal = f"Đề nghị cấp trên hướng dẫn, hỗ trợ ({i})"
        resolved = status == "resolved"
        row = {"id": str(uuid.UUID(int=rng.getrandbits(128))), "unit_code": unit_code, "created_at": now,
               "updated_at": now, "voided": False, "void_reason": None, "voided_at": None,
               "domain": rng.choice(domains), "title": title, "description": None, "proposal": proposal,
               "level": rng.choice(levels), "source": "self_review", "raised_on": raised,
               "deadline": raised + timedelta(days=rng.choice([15, 30, 60])), "status": status,
               "result": "Đã xử lý xong" if resolved else None,
               "resolved_on": raised + timedelta(days=10) if resolved else None, "guide_doc": None,
               "former_unit": None, "cause": None, "impact": None, "impact_count": None, "requested_body": None}
        row["search_key"] = fold(" ".join(str(row[f] or "") for f in OBSTACLES.search_fields))
        rows.append(row)
    return rows


def fill_obstacles(engine, n: int, unit_code: int, seed: int = 1) -> None:
    table = table_of(OBSTACLES).__table__
    known = {c.name for c in table.columns}
    rows = [{k: v for k, v in r.items() if k in known} for r in obstacle_rows(n, unit_code, seed)]
    with engine.begin() as conn:
        for start in range(0, len(rows), 20_000):
            # What records.stored_columns adds, made per chunk: kept for all rows at once,
            # these strings would raise the process's memory before the register opens.
            chunk = [{**r, **title_columns(OBSTACLES, r)} for r in rows[start:start + 20_000]]
            conn.execute(insert(table), chunk)
