"""The commands' parser and what each command runs: loaded for a command or the help, not for the window."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from desk import cli_import, cli_registers, cli_replies, cli_reporting, cli_safety, cli_server
from desk.cli import Parser, add_global_options, program_name
from desk.domain.formats import format_number_vi
from desk.errors import UserError


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog=program_name(), description="Desk: sổ theo dõi và báo cáo của UBND cấp xã.")
    add_global_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=Parser)

    init = commands.add_parser("init", help="chọn đơn vị (xã, phường, đặc khu) cho máy này")
    init.add_argument("--unit", required=True, metavar="MÃ", help="mã đơn vị theo danh mục, ví dụ 11329")
    init.add_argument("--admin", metavar="TÊN", help="tạo người quản trị đầu tiên (mật khẩu: hỏi khi chạy, "
                                                      "hoặc biến DESK_PASSWORD)")

    demo = commands.add_parser("demo", help="thêm dữ liệu mẫu để làm quen")
    demo.add_argument("--count", type=int, default=300, metavar="SỐ", help="số khó khăn, vướng mắc mẫu (mặc định 300)")

    export = commands.add_parser("export", help="xuất báo cáo Excel")
    export.add_argument("what", choices=["obstacles", "report", *cli_registers.names()], metavar="SỔ",
                        help="obstacles: khó khăn, vướng mắc; report: báo cáo định kỳ; " + cli_registers.help_text())
    export.add_argument("--period", metavar="KỲ", help="2025-10, 2025-Q3, 2025-H1, 2025-9M, 2025")
    export.add_argument("--from", dest="date_from", metavar="dd/mm/yyyy", help="từ ngày (kỳ đột xuất)")
    export.add_argument("--to", dest="date_to", metavar="dd/mm/yyyy", help="đến ngày (kỳ đột xuất)")
    export.add_argument("--out", required=True, metavar="TỆP.xlsx", help="tệp Excel sẽ ghi")
    cli_reporting.add_export_options(export)

    check = commands.add_parser("selfcheck", help="tự kiểm tra bản cài đặt trên một thư mục dữ liệu tạm")
    check.add_argument("--offscreen", action="store_true", help="vẽ cửa sổ không cần màn hình (nền tảng offscreen)")
    check.add_argument("--report", metavar="TỆP.txt",
                       help="ghi kết quả vào tệp (bản cài trên Windows không có cửa sổ dòng lệnh)")
    cli_safety.add_commands(commands)
    cli_server.add_commands(commands)
    cli_reporting.add_commands(commands)
    cli_import.add_commands(commands)
    cli_replies.add_commands(commands)
    return parser


def _period(args):
    from desk.domain import periods

    try:
        if args.period and (args.date_from or args.date_to):
            raise UserError("Chỉ dùng một trong hai cách: --period, hoặc --from và --to.")
        if args.period:
            return periods.parse_period(args.period)
        if args.date_from and args.date_to:
            return periods.date_range(periods.parse_date_vi(args.date_from), periods.parse_date_vi(args.date_to))
        raise UserError("Thiếu kỳ báo cáo: dùng --period (ví dụ 2025-Q3) hoặc --from dd/mm/yyyy --to dd/mm/yyyy.")
    except periods.PeriodError as exc:
        raise UserError(str(exc)) from None


def _cmd_init(args) -> str:
    from desk.domain.access import Permission, require
    from desk.services import office, users

    admin = ""
    with cli_safety.opened(args, create=True, warn=True) as (workspace, actor):
        with workspace.session() as session:
            current = office.office_unit(session)
            if users.has_users(session) and (current is None or str(current.code) != str(args.unit).strip()):
                require(actor, Permission.CHANGE_UNIT)     # once Desk has users, the unit is the admin's
            unit = office.set_office_unit(session, args.unit)
            if args.admin:
                admin = cli_safety.init_admin(args, session, actor)
    return f"Đã chọn đơn vị: {unit.display} (mã {unit.code}).{admin} Dữ liệu tại: {workspace.folder}"


def _cmd_demo(args) -> str:
    from desk.services import demo

    if args.count < 1 or args.count > 100_000:
        raise UserError("Số bản ghi mẫu phải từ 1 đến 100.000.")
    with cli_safety.opened(args) as (workspace, actor):
        unit = workspace.require_unit()
        with workspace.session() as session:
            added = demo.fill(session, unit, count=args.count, actor=actor)
    return (f"Đã thêm {added} khó khăn, vướng mắc mẫu cho {unit.name}, cùng cán bộ, khung biên chế, "
            "điều động, biệt phái, đợt khảo sát và sáng kiến mẫu.")


def _cmd_export(args) -> str:
    from desk.services import obstacle_report

    if args.what in cli_registers.names():        # a list: the period is optional (default: today's state)
        return cli_registers.export(args, _period(args) if cli_registers.has_period(args) else None)
    period = _period(args)
    if args.what == "report":
        return cli_reporting.export_report(args, period)
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"Tệp kết quả «{out}» phải có đuôi .xlsx.")
    with cli_safety.opened(args, exclusive=False) as (workspace, _actor):   # reads only: the window may be open
        unit = workspace.require_unit()
        with workspace.session() as session:
            data = obstacle_report.export(session, unit, period, out, signed_on=date.today())
    return f"Đã xuất báo cáo {period.label_vi} ({format_number_vi(len(data.rows))} khó khăn, vướng mắc) vào «{out}»."


def _cmd_selfcheck(args) -> str:
    from desk import paths, selfcheck

    report = Path(args.report) if args.report else None
    if report is None and sys.stdout is None:
        # A windowed build has nowhere to print: leave the result beside the logs.
        report = paths.log_dir(paths.data_dir(args.data_dir)) / "selfcheck.txt"
    return selfcheck.run(offscreen=args.offscreen, report_file=report)


COMMANDS = {"init": _cmd_init, "demo": _cmd_demo, "export": _cmd_export, "selfcheck": _cmd_selfcheck}
COMMANDS.update(cli_safety.COMMANDS)     # backup, restore, check, user
COMMANDS.update(cli_reporting.COMMANDS)  # unlock, consolidate
COMMANDS.update(cli_server.COMMANDS)     # migrate-to-server
COMMANDS.update(cli_import.COMMANDS)     # import, template
COMMANDS.update(cli_replies.COMMANDS)    # reply, import-reply
