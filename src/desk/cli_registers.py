"""Command-line exports of the registers' lists: `desk export officials|staffing|movements|visits|...`.

The period is optional: without one, a list shows today's state (the officials here now, every
movement, visit and initiative with its state today; the staffing report as at today).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desk import cli_safety
from desk.domain.formats import format_date_vi
from desk.domain.registers import REGISTERS
from desk.errors import UserError

# The obstacle register has a report of its own (`desk export obstacles`); the staffing frames
# export as the staffing report (frames, people on the quota, surplus and shortage).
OWN_REPORTS = ("obstacles",)
STAFFING = "staffing"


def names() -> tuple[str, ...]:
    """The registers `desk export` lists, in the catalogue's order."""
    return tuple(name for name in REGISTERS if name not in OWN_REPORTS)


def help_text() -> str:
    return "; ".join(f"{name}: {REGISTERS[name].vi.lower()}" + (" (khung, hiện có, thừa, thiếu, cấp phó)"
                                                                 if name == STAFFING else "") for name in names())


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
            if args.what == STAFFING:
                data = staffing_report.export(session, unit, period, out, today=today)
                shown = f"biên chế {data.total.actual}/{data.total.frame if data.total.frame is not None else '—'}"
            else:
                sheets = register_report.export(session, unit, args.what, period, out, today=today)
                shown = f"{sheets[0].count} {REGISTERS[args.what].listing.unit}"
    title = "báo cáo biên chế" if args.what == STAFFING else REGISTERS[args.what].listing.title_vi
    scope = period.label_vi if period else f"tính đến ngày {format_date_vi(today)}"
    return f"Đã xuất {title} ({scope}; {shown}) vào «{out}»."
