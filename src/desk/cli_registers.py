"""Command-line exports of the registers of issue 3: `desk export officials|staffing|movements|visits|initiatives`.

The period is optional: without one, a list shows today's state (the officials here now, every
movement, visit and initiative with its state today; the staffing report as at today).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desk import cli_safety
from desk.errors import UserError
from desk.domain.formats import format_date_vi

NAMES = ("officials", "staffing", "movements", "visits", "initiatives")
HELP = ("officials: cán bộ, công chức; staffing: biên chế (khung, hiện có, thừa, thiếu, cấp phó); "
        "movements: điều động, biệt phái; visits: khảo sát, làm việc; initiatives: sáng kiến, mô hình")
_UNITS = {"officials": "người", "movements": "người", "visits": "đợt", "initiatives": "sáng kiến, mô hình"}
_TITLES = {"officials": "danh sách cán bộ, công chức", "staffing": "báo cáo biên chế",
           "movements": "danh sách điều động, biệt phái", "visits": "danh sách đợt khảo sát, làm việc",
           "initiatives": "danh sách sáng kiến, mô hình"}


def has_period(args) -> bool:
    return bool(args.period or args.date_from or args.date_to)


def export(args, period) -> str:
    """Write the list (or the staffing report); period None = today's state."""
    from desk.services import register_report, staffing_report

    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"Tệp kết quả «{out}» phải có đuôi .xlsx.")
    today = date.today()
    with cli_safety.opened(args, exclusive=False) as (workspace, _actor):   # reads only: the window may be open
        unit = workspace.require_unit()
        with workspace.session() as session:
            if args.what == "staffing":
                data = staffing_report.export(session, unit, period, out, today=today)
                shown = f"biên chế {data.total.actual}/{data.total.frame if data.total.frame is not None else '—'}"
            else:
                sheets = register_report.export(session, unit, args.what, period, out, today=today)
                shown = f"{sheets[0].count} {_UNITS[args.what]}"
    scope = period.label_vi if period else f"tính đến ngày {format_date_vi(today)}"
    return f"Đã xuất {_TITLES[args.what]} ({scope}; {shown}) vào «{out}»."
