"""Command-line reporting: the periodic report (draft or for submission), unlocking, consolidation."""

from __future__ import annotations

from pathlib import Path

from desk.domain.formats import format_number_vi
from desk.errors import UserError

# What the clerk reads after an export; internal blocks (e.g. the choice lists) are not named.
_BLOCK_NAMES = {"obstacles": "khó khăn, vướng mắc", "staffing": "dòng biên chế", "movements": "điều động, biệt phái",
                "visits": "đợt khảo sát", "initiatives": "sáng kiến, mô hình",
                "needs": "lĩnh vực thiếu người", "texts": "phần nội dung do đơn vị viết"}


def add_export_options(export) -> None:
    """Options of `desk export report` (the other registers ignore them)."""
    export.add_argument("--submit", action="store_true",
                        help="report: xuất để nộp (cấp số văn bản, ghi nhận đã nộp, khóa số liệu của kỳ)")
    export.add_argument("--number", type=int, metavar="SỐ",
                        help="report --submit: số văn bản do văn thư cấp (mặc định: số tiếp theo trong năm)")
    export.add_argument("--section", action="append", metavar="PHẦN",
                        help="report: chỉ xuất một phần (obstacles, ...); dùng nhiều lần cho nhiều phần")


def add_commands(commands) -> None:
    unlock = commands.add_parser("unlock", help="mở khóa số liệu một kỳ đã nộp báo cáo (lãnh đạo, quản trị)")
    unlock.add_argument("--period", required=True, metavar="KỲ", help="kỳ đã khóa, ví dụ 2025-Q3")
    unlock.add_argument("--reason", required=True, metavar="LÝ_DO", help="lý do mở khóa (bắt buộc)")

    text = commands.add_parser("report-text", help="nội dung báo cáo của một kỳ do đơn vị viết (đánh giá chung, "
                                                   "kết quả, tồn tại, nhiệm vụ, kiến nghị)")
    text.add_argument("--period", required=True, metavar="KỲ", help="kỳ báo cáo, ví dụ 2025-Q3")
    text.add_argument("--section", metavar="PHẦN",
                      help="phần cần ghi: general, results, shortcomings, tasks, recommendations (không có: in ra cả)")
    text.add_argument("--file", metavar="TỆP.txt", help="tệp văn bản UTF-8 chứa nội dung (để trống phần: tệp rỗng)")

    consolidate = commands.add_parser(
        "consolidate", help="tổng hợp báo cáo định kỳ của các xã, phường, đặc khu và tệp tổng hợp của tỉnh, thành phố",
        description="Mã kiểm tra dữ liệu chỉ phát hiện việc sửa tệp vô ý hoặc sửa thông thường, không chống được "
                    "người cố ý làm giả; giá trị của báo cáo căn cứ vào bản có chữ ký (bản giấy hoặc ký số).")
    consolidate.add_argument("inputs", nargs="+", metavar="TỆP_HOẶC_THƯ_MỤC",
                             help="các tệp báo cáo .xlsx (của xã hoặc tệp tổng hợp của tỉnh), hoặc thư mục chứa chúng")
    consolidate.add_argument("--period", required=True, metavar="KỲ", help="kỳ tổng hợp, ví dụ 2025-Q3")
    area = consolidate.add_mutually_exclusive_group()
    area.add_argument("--province", type=int, metavar="MÃ_TỈNH",
                      help="mã tỉnh, thành phố (mặc định: tỉnh của phần lớn các tệp)")
    area.add_argument("--national", action="store_true",
                      help="tổng hợp toàn quốc (Bộ Nội vụ): mọi tỉnh, thành phố, từ tệp của xã "
                           "hoặc tệp tổng hợp của tỉnh")
    consolidate.add_argument("--include-drafts", action="store_true",
                             help="tính cả báo cáo dự thảo, chưa nộp (chưa có số) vào số liệu; trang bìa ghi rõ")
    consolidate.add_argument("--include-edited", action="store_true",
                             help="tính cả tệp có số liệu in bị sửa sau khi xuất (số liệu lấy theo dữ liệu kèm theo)")
    consolidate.add_argument("--out", required=True, metavar="TỆP.xlsx", help="tệp tổng hợp sẽ ghi")


def _period(text: str):
    from desk.domain import periods

    try:
        return periods.parse_period(text)
    except periods.PeriodError as exc:
        raise UserError(str(exc)) from None


def _xlsx(out: str) -> Path:
    path = Path(out)
    if path.suffix.lower() != ".xlsx":
        raise UserError(f"Tệp kết quả «{path}» phải có đuôi .xlsx.")
    return path


def export_report(args, period) -> str:
    from desk import cli_safety
    from desk.services import periodic_report

    out = _xlsx(args.out)
    if args.number is not None and not args.submit:
        raise UserError("--number chỉ dùng cùng --submit (bản nháp không có số).")
    keys = tuple(args.section) if args.section else None
    # Submitting writes (number, submission, lock): it needs the data folder to itself.
    with cli_safety.opened(args, exclusive=args.submit) as (workspace, actor):
        unit = workspace.require_unit()
        with workspace.session() as session:
            result = periodic_report.export(session, unit, period, out, submit=args.submit, keys=keys,
                                            number=args.number, actor=actor)
    counts = "; ".join(f"{format_number_vi(n)} {_BLOCK_NAMES[name]}" for name, n in result.row_counts.items()
                       if name in _BLOCK_NAMES)
    if result.submitted:
        return (f"Đã xuất báo cáo {period.label_vi} để nộp, {result.doc_number}, vào «{out}» ({counts}). "
                f"Số liệu kỳ {period.label_vi} đã được khóa.")
    return f"Đã xuất bản nháp báo cáo {period.label_vi} vào «{out}» ({counts})."


def cmd_unlock(args) -> str:
    from desk import cli_safety
    from desk.services import period_lock

    period = _period(args.period)
    with cli_safety.opened(args) as (workspace, actor):
        unit = workspace.require_unit()
        with workspace.session() as session:
            period_lock.unlock(session, unit.code, period.code, actor=actor, reason=args.reason)
    return f"Đã mở khóa số liệu kỳ {period.label_vi}. Lý do: {args.reason}"


def cmd_report_text(args) -> str:
    from desk import cli_safety
    from desk.domain.outline import TEXT_KEYS, TEXT_SECTIONS
    from desk.services import report_texts

    period = _period(args.period)
    if args.section and args.section not in TEXT_KEYS:
        raise UserError(f"Không có phần «{args.section}». Các phần: {', '.join(TEXT_KEYS)}.")
    if bool(args.section) != bool(args.file):
        raise UserError("Ghi một phần cần cả --section và --file; không có cả hai thì in ra nội dung đã ghi.")
    with cli_safety.opened(args, exclusive=bool(args.file)) as (workspace, actor):
        unit = workspace.require_unit()
        with workspace.session() as session:
            if args.file:
                try:
                    typed = Path(args.file).read_text(encoding="utf-8-sig")
                except (OSError, UnicodeDecodeError) as exc:
                    raise UserError(f"Không đọc được tệp «{args.file}» (cần văn bản UTF-8): {exc}") from None
                changed = report_texts.save(session, actor, unit.code, period, {args.section: typed})
                label = next(s.vi for s in TEXT_SECTIONS if s.key == args.section)
                return (f"Đã ghi phần «{label}» của báo cáo {period.label_vi}." if changed
                        else f"Phần «{label}» của báo cáo {period.label_vi} không thay đổi.")
            texts = report_texts.texts(session, unit.code, period.code)
    return "\n\n".join(f"[{s.key}] {s.vi}\n{texts[s.key] or '(chưa viết)'}" for s in TEXT_SECTIONS)


def office_settings(args):
    """The province office's due rule and consolidation settings when this machine has a Desk database,
    else the defaults (consolidating needs none)."""
    from desk import paths
    from desk.domain import deadlines
    from desk.services import consolidation_report, reporting

    if not paths.database_path(paths.data_dir(args.data_dir)).exists():
        return deadlines.DEFAULT_RULE, {}
    from desk import cli_safety

    with cli_safety.opened(args, exclusive=False) as (workspace, _actor):
        with workspace.session() as session:
            return reporting.due_rule(session), consolidation_report.stored_values(session)


def cmd_consolidate(args) -> str:
    from desk.services import consolidation, consolidation_report

    period = _period(args.period)
    out = _xlsx(args.out)
    rule, stored = office_settings(args)
    result = consolidation.consolidate(args.inputs, period, province_code=args.province, national=args.national,
                                       due_rule=rule, include_drafts=args.include_drafts,
                                       include_edited=args.include_edited, writing=out)
    consolidation_report.export(result, out, consolidation_report.load(stored, result.province))
    n = format_number_vi
    said = (f"Đã tổng hợp {n(len(result.used))} báo cáo {result.of_area} kỳ {period.label_vi} "
            f"({n(len(result.obstacles))} khó khăn, vướng mắc; đúng hạn {n(result.count('on_time'))}, "
            f"muộn {n(result.count('late'))}, chưa nộp {n(result.count('missing'))}, dự thảo chưa nộp "
            f"{n(result.count('draft'))}, đơn vị có tệp không hợp lệ {n(result.count('rejected'))}; "
            f"{n(len(result.problems))} vấn đề trong tệp) vào «{out}».")
    flagged = [(s.unit.name, s.where) for s in result.edited]
    if flagged:
        verdict = "vẫn được tổng hợp theo lựa chọn" if args.include_edited else \
            "không được tổng hợp (dùng --include-edited để tính)"
        said += (f"\n{format_number_vi(len(flagged))} báo cáo có số liệu in bị sửa sau khi xuất, {verdict}: "
                 + "; ".join(f"{name} {where}" for name, where in flagged[:10])
                 + ("..." if len(flagged) > 10 else "") + ". Chi tiết tại biểu số 09/TH.")
    return said


COMMANDS = {"unlock": cmd_unlock, "consolidate": cmd_consolidate, "report-text": cmd_report_text}
