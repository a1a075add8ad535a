"""Command-line import and templates: `desk import FILE.xlsx`, `desk template REGISTER --out FILE.xlsx`."""

from __future__ import annotations

from pathlib import Path

from desk import cli_safety
from desk.domain.formats import format_count
from desk.domain.lang import t
from desk.errors import UserError

SHOWN_PROBLEMS = 20
SHOWN_NOTES = 10


def add_commands(commands) -> None:
    imp = commands.add_parser("import", help="nhập dữ liệu từ tệp Excel (mẫu nhập liệu, tệp Desk xuất, bảng tính khác)")
    imp.add_argument("file", metavar="TỆP.xlsx", help="tệp Excel cần nhập")
    imp.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì")
    legacy = imp.add_mutually_exclusive_group()
    legacy.add_argument("--convert-legacy", action="store_true",
                        help="chuyển chữ gõ bằng bảng mã cũ (TCVN3/ABC, VNI) sang Unicode khi nhập")
    legacy.add_argument("--keep-legacy", action="store_true",
                        help="nhập nguyên văn, không chuyển bảng mã cũ (khi Desk nhận nhầm)")
    imp.add_argument("--again", action="store_true",
                     help="nhập cả khi tệp này (cùng nội dung) đã được nhập trước đây")
    imp.add_argument("--report", metavar="LỖI.xlsx", help="lưu danh sách lỗi theo dòng, cột vào tệp Excel này")

    template = commands.add_parser("template", help="tạo mẫu Excel để nhập dữ liệu vào một sổ")
    template.add_argument("register", metavar="SỔ", help="tên sổ: obstacles, officials, staffing, movements, "
                                                         "visits, initiatives")
    template.add_argument("--out", required=True, metavar="TỆP.xlsx", help="tệp mẫu sẽ ghi")
    template.add_argument("--with-records", action="store_true",
                          help="kèm các bản ghi đang có (sửa trên Excel rồi nhập lại để cập nhật)")


def cmd_import(args) -> str:
    from desk.services import importing

    path = Path(args.file)
    decision = True if args.convert_legacy else False if args.keep_legacy else None
    exclusive = not args.dry_run   # a dry run only reads: the window may stay open
    with cli_safety.opened(args, exclusive=exclusive) as (workspace, actor):
        plan = importing.import_file(workspace, path, dry_run=args.dry_run, convert_legacy=decision, actor=actor,
                                     again=args.again, stage=not args.dry_run)
    if plan.needs_legacy_decision:
        raise UserError(_legacy_question(plan))
    if plan.needs_again_decision and not args.dry_run:
        raise UserError("\n".join([plan.again_question(),
                                   t("Chưa ghi gì. Nếu thật sự muốn nhập lần nữa, chạy lại với --again.",
                                     "Nothing was written. To import it once more, run again with --again.")]))
    lines = _notes(plan)
    if plan.problems:
        raise UserError("\n".join([*_problem_lines(plan, args), *lines]))
    summary = plan.summary()
    if args.dry_run:
        head = t(f"Tệp «{path.name}» hợp lệ ({summary}). Chạy thử: chưa ghi gì.",
                 f"«{path.name}» is valid ({summary}). Dry run: nothing was written.")
        if plan.needs_again_decision:
            lines.insert(0, f"  * {plan.again_question()}")
    else:
        head = t(f"Đã nhập tệp «{path.name}»: {summary}.", f"Imported «{path.name}»: {summary}.")
    return "\n".join([head, *lines])


def _legacy_question(plan) -> str:
    found = plan.legacy
    fonts = t(f" (phông {', '.join(found.fonts)})", f" (fonts {', '.join(found.fonts)})") if found.fonts else ""
    lines = [t(f"Tệp «{plan.path.name}» có chữ gõ bằng bảng mã cũ {found.name}{fonts}: {found.cells} ô. "
               "Ví dụ chuyển sang Unicode:",
               f"«{plan.path.name}» holds text in the legacy encoding {found.name}{fonts}: {found.cells} cells. "
               "Examples of the Unicode conversion:")]
    for where, before, after in found.samples:
        lines.append(f"  {where}: «{before}» → «{after}»")
    lines.append(t("Chưa ghi gì. Chạy lại với --convert-legacy để chuyển sang Unicode và nhập, hoặc --keep-legacy "
                   "để nhập nguyên văn.",
                   "Nothing was written. Run again with --convert-legacy to convert and import, or --keep-legacy "
                   "to import the text as it is."))
    return "\n".join(lines)


def _problem_lines(plan, args) -> list[str]:
    from desk.services import importing

    count = len(plan.problems)
    lines = [t(f"Tệp «{plan.path.name}» có {format_count(count)} lỗi; chưa ghi gì.",
               f"«{plan.path.name}» has {format_count(count)} problem(s); nothing was written.")]
    lines.extend(f"  - {p.line()}" for p in plan.problems[:SHOWN_PROBLEMS])
    if count > SHOWN_PROBLEMS:
        more = format_count(count - SHOWN_PROBLEMS)
        lines.append(t(f"  ... và {more} lỗi khác.", f"  ... and {more} more."))
    if args.report:
        out = Path(args.report)
        if out.suffix.lower() != ".xlsx":
            raise UserError(t(f"Tệp báo cáo lỗi «{out}» phải có đuôi .xlsx.", f"The report «{out}» must end in .xlsx."))
        importing.save_problem_report(plan, out)
        lines.append(t(f"Danh sách đầy đủ đã lưu vào «{out}».", f"The full list was saved to «{out}»."))
    elif count > SHOWN_PROBLEMS:
        lines.append(t("Thêm --report LỖI.xlsx để lưu toàn bộ danh sách.",
                       "Add --report ERRORS.xlsx to save the whole list."))
    return lines


def _notes(plan) -> list[str]:
    notes = [f"  * {n}" for n in plan.notes[:SHOWN_NOTES]]
    if len(plan.notes) > SHOWN_NOTES:
        more = format_count(len(plan.notes) - SHOWN_NOTES)
        notes.append(t(f"  * ... và {more} ghi chú khác.", f"  * ... and {more} more notes."))
    return notes


def cmd_template(args) -> str:
    from desk.domain.registers import register
    from desk.services import templates

    reg = register(args.register)
    out = Path(args.out)
    with cli_safety.opened(args, exclusive=False) as (workspace, _actor):   # reads only
        unit = workspace.unit()
        with workspace.session() as session:
            count = templates.export_template(session, reg, unit, out, with_records=args.with_records)
    held = t(f", kèm {format_count(count)} bản ghi", f", with {format_count(count)} records") \
        if args.with_records else ""
    return t(f"Đã tạo mẫu nhập liệu sổ «{reg.vi}»{held}: «{out}».",
             f"Created the import template for «{reg.en}»{held}: «{out}».")


COMMANDS = {"import": cmd_import, "template": cmd_template}
