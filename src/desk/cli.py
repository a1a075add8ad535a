"""The one entry point: no command opens the window; sub-commands do scripted work."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import date
from pathlib import Path

from desk import __version__
from desk.errors import UserError

EXIT_OK, EXIT_FAILURE, EXIT_BAD_INPUT = 0, 1, 2
log = logging.getLogger("desk")


class _Parser(argparse.ArgumentParser):
    """argparse with its complaints in Vietnamese and exit code 2 for bad input."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"Lỗi: tham số không hợp lệ ({message}). Xem: desk --help\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="desk", description="Desk: sổ theo dõi và báo cáo của UBND cấp xã.")
    parser.add_argument("--version", action="version", version=f"Desk {__version__}")
    parser.add_argument("--data-dir", metavar="THƯ_MỤC",
                        help="thư mục dữ liệu (mặc định: thư mục dữ liệu của người dùng; hoặc biến DESK_DATA_DIR)")
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_Parser)

    init = commands.add_parser("init", help="chọn đơn vị (xã, phường, đặc khu) cho máy này")
    init.add_argument("--unit", required=True, metavar="MÃ", help="mã đơn vị theo danh mục, ví dụ 11341")

    demo = commands.add_parser("demo", help="thêm dữ liệu mẫu để làm quen")
    demo.add_argument("--count", type=int, default=300, help="số khó khăn, vướng mắc mẫu (mặc định 300)")

    export = commands.add_parser("export", help="xuất báo cáo Excel")
    export.add_argument("what", choices=["obstacles"], metavar="SỔ", help="obstacles: khó khăn, vướng mắc")
    export.add_argument("--period", metavar="KỲ", help="2025-10, 2025-Q3, 2025-H1, 2025-9M, 2025")
    export.add_argument("--from", dest="date_from", metavar="dd/mm/yyyy", help="từ ngày (kỳ đột xuất)")
    export.add_argument("--to", dest="date_to", metavar="dd/mm/yyyy", help="đến ngày (kỳ đột xuất)")
    export.add_argument("--out", required=True, metavar="TỆP.xlsx", help="tệp Excel sẽ ghi")
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
    from desk.services import office
    from desk.services.workspace import open_workspace

    workspace = open_workspace(args.data_dir, create=True)
    with workspace.session() as session:
        unit = office.set_office_unit(session, args.unit)
    return f"Đã chọn đơn vị: {unit.display} (mã {unit.code}). Dữ liệu tại: {workspace.folder}"


def _cmd_demo(args) -> str:
    from desk.services import demo
    from desk.services.workspace import open_workspace

    if args.count < 1 or args.count > 100_000:
        raise UserError("Số bản ghi mẫu phải từ 1 đến 100.000.")
    workspace = open_workspace(args.data_dir)
    unit = workspace.require_unit()
    with workspace.session() as session:
        added = demo.fill(session, unit, count=args.count)
    return f"Đã thêm {added} khó khăn, vướng mắc mẫu cho {unit.name}."


def _cmd_export(args) -> str:
    from desk.services import obstacle_report
    from desk.services.workspace import open_workspace

    period = _period(args)
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"Tệp kết quả «{out}» phải có đuôi .xlsx.")
    workspace = open_workspace(args.data_dir)
    unit = workspace.require_unit()
    with workspace.session() as session:
        data = obstacle_report.export(session, unit, period, out, signed_on=date.today())
    return f"Đã xuất báo cáo {period.label_vi} ({len(data.rows)} khó khăn, vướng mắc) vào «{out}»."


COMMANDS = {"init": _cmd_init, "demo": _cmd_demo, "export": _cmd_export}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from desk.ui.app import run_app

        return run_app(args.data_dir)
    try:
        print(COMMANDS[args.command](args))
        return EXIT_OK
    except UserError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return exc.exit_code
    except Exception:  # a bug: say so plainly, keep the traceback for the log
        log.exception("unexpected error in %s", args.command)
        print("Lỗi không mong đợi. Chi tiết đã được ghi vào nhật ký; hãy báo cho bộ phận kỹ thuật.", file=sys.stderr)
        return EXIT_FAILURE
