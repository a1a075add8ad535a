"""Command-line answers to obstacles: the province's reply workbook, and the commune importing it."""

from __future__ import annotations

from pathlib import Path


def add_commands(commands) -> None:
    reply = commands.add_parser("reply", help="tạo tệp trả lời khó khăn, vướng mắc từ báo cáo của các xã, phường "
                                              "(cấp tỉnh, bộ điền nội dung trả lời rồi gửi lại)")
    reply.add_argument("inputs", nargs="+", metavar="TỆP_HOẶC_THƯ_MỤC", help="các tệp báo cáo .xlsx, hoặc thư mục")
    reply.add_argument("--period", required=True, metavar="KỲ", help="kỳ tổng hợp, ví dụ 2025-Q3")
    reply.add_argument("--province", type=int, metavar="MÃ_TỈNH",
                       help="mã tỉnh, thành phố (mặc định: tỉnh của phần lớn các tệp)")
    reply.add_argument("--issuer", default="", metavar="CƠ_QUAN", help="cơ quan trả lời, ví dụ «Sở Nội vụ»")
    reply.add_argument("--include-drafts", action="store_true",
                       help="cũng trả lời các báo cáo dự thảo, chưa nộp (mặc định: chỉ báo cáo đã nộp)")
    reply.add_argument("--out", required=True, metavar="TỆP.xlsx", help="tệp trả lời sẽ ghi")

    imported = commands.add_parser("import-reply", help="nhập tệp trả lời của cấp trên vào sổ khó khăn, vướng mắc")
    imported.add_argument("file", metavar="TỆP.xlsx", help="tệp trả lời do cấp trên gửi")
    imported.add_argument("--accept-states", action="store_true",
                          help="đổi tình trạng theo đề xuất của cấp trên (mặc định: chỉ ghi nội dung trả lời)")
    imported.add_argument("--dry-run", action="store_true", help="chỉ xem trước, không ghi gì")


def cmd_reply(args) -> str:
    from desk.cli_reporting import _period, _xlsx, office_settings
    from desk.services import consolidation, consolidation_report, replies

    period = _period(args.period)
    out = _xlsx(args.out)
    result = consolidation.consolidate(args.inputs, period, province_code=args.province,
                                         include_drafts=args.include_drafts, writing=out)
    issuer = args.issuer or consolidation_report.load(office_settings(args)[1], result.province).reporting_unit
    count = replies.export_reply_workbook(result, out, issuer=issuer)
    problems = f"; {len(result.problems)} vấn đề trong tệp (xem bằng lệnh consolidate)" if result.problems else ""
    return (f"Đã tạo tệp trả lời {count} khó khăn, vướng mắc trong {len(result.used)} báo cáo "
            f"{result.of_area} (kỳ {period.label_vi}){problems} vào «{out}».")


def cmd_import_reply(args) -> str:
    from desk import cli_safety
    from desk.services import replies

    path = Path(args.file)
    found = replies.read_reply_file(path)       # a path that is no readable file is refused, named
    with cli_safety.opened(args, exclusive=not args.dry_run) as (workspace, actor):
        unit = workspace.require_unit()
        with workspace.session() as session:
            plan = replies.preview(session, unit, found)
            lines = [f"- dòng {i.reply.row}: {i.status_vi}: «{i.title or i.reply.title}» ({i.reply.obstacle_id})"
                     for i in plan.listed if i.status in (replies.UNKNOWN, replies.VOIDED)]
            lines += [f"- {p.message}" for p in plan.problems]
            if args.dry_run:
                session.rollback()
                head = (f"Xem trước «{path.name}»: {plan.count(replies.NEW)} trả lời sẽ nhập, "
                        f"{sum(1 for i in plan.items if i.proposes_change)} đề xuất đổi tình trạng, "
                        f"{plan.count(replies.ALREADY)} đã nhập, {plan.count(replies.OTHER_UNIT)} của đơn vị khác.")
                return "\n".join([head, *lines])
            outcome = replies.apply(session, plan, accept_states=args.accept_states, actor=actor)
    return "\n".join([replies.describe(outcome), *lines])


COMMANDS = {"reply": cmd_reply, "import-reply": cmd_import_reply}
