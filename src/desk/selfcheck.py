"""`desk selfcheck`: proves an installation works end to end on a throw-away data folder."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desk import __version__
from desk.errors import UserError

# Fixed inputs, so the expected cells of the report are known in advance.
UNIT_CODE = 11329                       # Phường Ngô Quyền, Hải Phòng
PERIOD = "2025-Q3"                      # 15/06/2025 – 14/09/2025 (Decree 09)
PERIOD_LINE = "(Từ ngày 15/06/2025 đến ngày 14/09/2025)"
SIGNED_ON = date(2025, 9, 20)
RECORDS = (
    {"domain": "PERSONNEL", "title": "Tự kiểm tra: thiếu công chức địa chính", "level": "province",
     "raised_on": "01/08/2025", "status": "received"},
    {"domain": "PREMISES", "title": "Tự kiểm tra: trụ sở chật hẹp", "level": "province",
     "raised_on": "05/08/2025", "status": "resolved", "resolved_on": "20/08/2025", "result": "Đã bố trí xong"},
)
VOIDED = {"domain": "LEGAL", "title": "Tự kiểm tra: nhập nhầm", "level": "commune",
          "raised_on": "10/08/2025", "status": "received"}
PERSONNEL_LABEL = "Nhân sự (thừa, thiếu, chuyên môn không phù hợp)"
# A rendered window has text, icons and borders; a blank or black one has a handful of colours.
MIN_COLOURS = 16
DETAIL_LIMIT = 300     # characters of an unexpected error per line; the traceback goes to the report file

log = logging.getLogger(__name__)
PASSED, FAILED, SKIPPED = "ĐẠT", "LỖI", "BỎ QUA"


class SelfCheckFailed(UserError):
    """At least one step failed; the message is the whole report."""

    exit_code = 1


@dataclass
class Step:
    title: str
    status: str             # PASSED, FAILED or SKIPPED
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status == PASSED


@dataclass
class Report:
    steps: list[Step] = field(default_factory=list)
    header: str = ""
    footer: str = ""
    tracebacks: list[str] = field(default_factory=list)   # for the report file: what IT support needs

    @property
    def ok(self) -> bool:
        return bool(self.steps) and all(step.ok for step in self.steps)

    def text(self) -> str:
        lines = [self.header]
        for step in self.steps:
            lines.append(f"[{step.status}] {step.title}" + (f": {step.detail}" if step.detail else ""))
        lines.append(self.footer)
        return "\n".join(line for line in lines if line)

    def full_text(self) -> str:
        """The report plus the tracebacks of unexpected errors (the file IT support is sent)."""
        if not self.tracebacks:
            return self.text()
        return self.text() + "\n\nChi tiết kỹ thuật:\n" + "\n".join(self.tracebacks)


class CheckError(Exception):
    """A step's expectation was not met; the message says what was seen."""


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckError(message)


def process_age() -> float | None:
    """Seconds since the operating system started this process, or None where it cannot be read."""
    try:
        if sys.platform == "win32":
            return _windows_process_age()
        if sys.platform.startswith("linux"):
            with open("/proc/self/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
            start_ticks = int(fields[19])     # field 22 (starttime); fields[0] is field 3
            with open("/proc/uptime", encoding="ascii") as f:
                uptime = float(f.read().split()[0])
            return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return None


def _windows_process_age() -> float | None:
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.windll.kernel32
    kernel32.GetCurrentProcess.restype = wintypes.HANDLE
    created, exited, kernel, user, now = (wintypes.FILETIME() for _ in range(5))
    if not kernel32.GetProcessTimes(kernel32.GetCurrentProcess(), ctypes.byref(created), ctypes.byref(exited),
                                    ctypes.byref(kernel), ctypes.byref(user)):
        return None
    kernel32.GetSystemTimeAsFileTime(ctypes.byref(now))

    def ticks(ft) -> int:   # 100-ns intervals since 1601, UTC, for both values
        return (ft.dwHighDateTime << 32) | ft.dwLowDateTime

    return (ticks(now) - ticks(created)) / 1e7


def _seconds(value: float) -> str:
    return f"{value:.2f}".replace(".", ",") + " s"


def wants_offscreen(forced: bool) -> bool:
    """Offscreen when asked, or on Linux without a display; Windows and X11/Wayland use the real plugin."""
    if forced:
        return True
    if sys.platform.startswith("linux"):
        return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return False


class SelfCheck:
    """The steps, in order; a step that later ones depend on stops the run when it fails."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.workspace = None
        self.unit = None
        self.window_seconds: float | None = None

    def run(self) -> Report:
        report = Report()
        started = time.perf_counter()
        steps: list[tuple[str, Callable[[], str], bool]] = [
            ("Mở thư mục dữ liệu tạm, tạo và nâng cấp cơ sở dữ liệu", self.open_and_migrate, True),
            (f"Chọn đơn vị mã {UNIT_CODE}", self.set_unit, True),
            ("Thêm khó khăn, vướng mắc qua nghiệp vụ", self.add_records, True),
            ("Vẽ cửa sổ chính (không hiện lên màn hình)", self.render_window, False),
            (f"Xuất báo cáo kỳ {PERIOD} và đọc lại tệp Excel", self.export_and_read_back, False),
            ("Nạp trình kết nối máy chủ PostgreSQL dùng chung", self.load_server_driver, False),
            ("Băm và kiểm tra mật khẩu đăng nhập", self.check_passwords, False),
            ("Tạo khóa tìm kiếm, sắp xếp trên tiến trình phụ (nhập tệp lớn)", self.check_key_helper, False),
            ("Ghi phần dữ liệu máy đọc trên tiến trình phụ (báo cáo lớn)", self.check_sheet_helper, False),
            ("Chuẩn bị bản ghi nhập trên tiến trình phụ (nhập tệp lớn)", self.check_import_staging, False),
        ]
        blocked = ""
        for title, action, required in steps:
            if blocked:
                report.steps.append(Step(title, SKIPPED, f"cần bước «{blocked}»"))
                continue
            try:
                report.steps.append(Step(title, PASSED, action()))
            except Exception as exc:  # every failure is reported, none is fatal to the report itself
                # INFO: into desk.log when it is set up, not sprayed over the console before the report.
                log.info("selfcheck step failed: %s", title, exc_info=exc)
                report.steps.append(Step(title, FAILED, _describe(exc)))
                if not isinstance(exc, CheckError):
                    report.tracebacks.append("".join(traceback.format_exception(exc)))
                blocked = title if required else ""
        self.close()
        elapsed = time.perf_counter() - started
        verdict = "ĐẠT" if report.ok else "KHÔNG ĐẠT"
        footer = f"Kết quả tự kiểm tra: {verdict} ({sum(s.ok for s in report.steps)}/{len(report.steps)} bước, " \
                 f"{_seconds(elapsed)})."
        if self.window_seconds is not None:
            footer += f" Cửa sổ chính vẽ xong sau {_seconds(self.window_seconds)} kể từ khi khởi động tiến trình."
        report.footer = footer
        return report

    def close(self) -> None:
        if self.workspace is not None:
            self.workspace.engine.dispose()   # Windows cannot delete an open SQLite file

    # -- the steps; each returns what it saw, or raises ---------------------------------------
    def open_and_migrate(self) -> str:
        from desk.services.workspace import open_workspace
        from desk.store import migrate, revisions

        # A bundle that lost its revision files must say so, not fail somewhere inside Alembic.
        versions = revisions.MIGRATIONS_DIR / "versions"
        expect(any(versions.glob("*.py")), f"không có tệp nâng cấp cơ sở dữ liệu nào trong «{versions}»")
        head = revisions.head_revision()
        # Its own throw-away SQLite folder, even where DESK_DATABASE_URL points at the office's server.
        self.workspace = open_workspace(str(self.folder), local=True)
        current = migrate.current_revision(self.workspace.engine)
        expect(current == head, f"lược đồ {current}, cần {head}")
        return f"lược đồ {current}"

    def set_unit(self) -> str:
        from desk.services import office

        with self.workspace.session() as session:
            office.set_office_unit(session, UNIT_CODE)
        self.unit = self.workspace.require_unit()
        return self.unit.display

    def add_records(self) -> str:
        from desk.domain.registers.obstacles import REGISTER as OBSTACLES
        from desk.errors import ValidationError
        from desk.services import records

        with self.workspace.session() as session:
            for values in RECORDS:
                records.save(session, OBSTACLES, values, unit_code=self.unit.code)
            voided = records.save(session, OBSTACLES, VOIDED, unit_code=self.unit.code)
            records.void(session, OBSTACLES, voided, "Tự kiểm tra: nhập nhầm")
        try:
            with self.workspace.session() as session:
                records.save(session, OBSTACLES, {**RECORDS[0], "title": ""}, unit_code=self.unit.code)
        except ValidationError as exc:
            expect("title" in exc.errors, f"báo lỗi sai trường: {sorted(exc.errors)}")
        else:
            raise CheckError("bản ghi thiếu nội dung vẫn được lưu")
        with self.workspace.session() as session:
            shown = records.query(session, OBSTACLES, records.RecordQuery(unit_code=self.unit.code))
        expect(len(shown) == len(RECORDS), f"sổ hiện {len(shown)} bản ghi, cần {len(RECORDS)}")
        return f"{len(RECORDS)} bản ghi, 1 bản ghi đã hủy, 1 bản ghi sai bị từ chối"

    def render_window(self) -> str:
        from desk.ui.selfcheck_window import render

        facts = render(self.workspace, self.folder, self.folder / "cua-so-chinh.png")
        self.window_seconds = process_age()
        expect(facts.translations == ("desk_vi", "qt_vi"),
               f"chỉ nạp được bản dịch {list(facts.translations)} từ «{facts.i18n_folder}»")
        expect(self.unit.name in facts.title, f"tiêu đề cửa sổ «{facts.title}» thiếu tên đơn vị")
        expect(facts.rows == len(RECORDS), f"bảng hiện {facts.rows} dòng, cần {len(RECORDS)}")
        expect(facts.colours >= MIN_COLOURS, f"ảnh cửa sổ chỉ có {facts.colours} màu (trống?)")
        expect(facts.chart_colours >= MIN_COLOURS, f"ảnh biểu đồ chỉ có {facts.chart_colours} màu (trống?)")
        expect(facts.icon, "không vẽ được biểu tượng SVG (thiếu plugin Qt SVG?)")
        return (f"nền tảng Qt «{facts.platform}», {facts.rows} dòng, bản dịch tiếng Việt, "
                f"biểu tượng SVG, biểu đồ QtCharts")

    def load_server_driver(self) -> str:
        """An office that moves to a shared server finds the driver in the bundle: psycopg, its libpq,
        SQLAlchemy's dialect for it, and on Windows the keyring that keeps the password."""
        import psycopg
        from sqlalchemy.dialects import registry

        registry.load("postgresql.psycopg")
        seen = f"psycopg {psycopg.__version__}, libpq {psycopg.pq.version()} ({psycopg.pq.__impl__})"
        if sys.platform == "win32":
            import keyring

            seen += f", kho mật khẩu {type(keyring.get_keyring()).__name__}"
        return seen

    def check_passwords(self) -> str:
        """The sign-in's scrypt at Desk's own cost (128 MB), and which library derives it: the faster on this
        PC of OpenSSL's and the bundled libsodium's (a bundle that lost libsodium still signs in, with OpenSSL's)."""
        from desk.domain import passwords

        stored = passwords.hash_password("Tự-kiểm-tra-2025")
        expect(passwords.verify_password("Tự-kiểm-tra-2025", stored), "mật khẩu đúng bị từ chối")
        expect(not passwords.verify_password("Tu-kiem-tra-2025", stored), "mật khẩu sai được chấp nhận")
        return f"scrypt n={passwords.N}, {passwords.implementation()}"

    def check_key_helper(self) -> str:
        """A large import's search and sort keys are made in a second process: in a bundle that cannot start
        one, imports still work, ~15% slower. Its keys must be the ones this process makes."""
        from desk.domain.derived_keys import derived_columns, key_inputs
        from desk.domain.registers.obstacles import REGISTER as OBSTACLES
        from desk.services.key_helper import KeyHelper

        inputs = [key_inputs(OBSTACLES, values, values) for values in (*RECORDS, VOIDED)]
        helper = KeyHelper(OBSTACLES).start()
        try:
            helper.derive(inputs)
            helper.wait(timeout=120)
            made = [helper.columns(i) for i in range(len(inputs))]
        finally:
            helper.close()
        expect(helper.helped > 0, "không chạy được tiến trình phụ")
        expect(made == [derived_columns(OBSTACLES, titled, searched) for titled, searched in inputs],
               "khóa do tiến trình phụ tạo khác khóa tạo trong tiến trình chính")
        return f"{len(inputs)} bản ghi, khóa như tạo trong tiến trình chính"

    def check_import_staging(self) -> str:
        """A large import's new records are made ready in a second process while the file is checked: in a
        bundle that cannot start one, imports are still written, as before. It must make every record."""
        import sqlite3

        from desk.domain.registers.obstacles import REGISTER as OBSTACLES
        from desk.services import import_staging, records

        # The fields of an imported table: every row has them all (an import batch row's columns).
        columns = dict.fromkeys(name for values in RECORDS for name in values)
        with self.workspace.session() as session:
            checked = [records.validate(session, OBSTACLES, {**columns, **values}, unit_code=self.unit.code)
                       for values in RECORDS]
        staging = import_staging.Staging()
        try:
            expect(staging.loaded(timeout=120), "tiến trình phụ không khởi động được")
            staging.begin(OBSTACLES, self.unit.code, date.today(), {}, "Tự kiểm tra")
            for values in checked:
                staging.add(values, None, "Tự kiểm tra")
            made = staging.made()
            expect(made is not None and made.count == len(checked), "không chạy được tiến trình phụ")
            with sqlite3.connect(staging.path) as connection:
                titles = [row[0] for row in connection.execute("SELECT title FROM records ORDER BY rowid")]
            expect(titles == [values["title"] for values in checked], f"tiến trình phụ ghi sai: {titles}")
        finally:
            staging.discard()
        return f"{len(checked)} bản ghi, như trong tiến trình chính"

    def check_sheet_helper(self) -> str:
        """A long report's data sheet is made in a second process: in a bundle that cannot start one, reports
        are still written, a little slower. Its XML must be the one this process makes."""
        from desk.reports.manifest import DATA_SHEET
        from desk.reports.plain_rows import PlainRows, PlainSheet
        from desk.reports.sheet_helper import SheetHelper

        sheet = PlainSheet(DATA_SHEET, 3, ' s="1"', False)
        rows = [(str(i), values["title"], "=" + values["status"]) for i, values in enumerate((*RECORDS, VOIDED))]
        helper = SheetHelper(sheet, rows).start()
        try:
            helper.wait(timeout=120)
            made = b"".join(helper.pieces(sheet))
        finally:
            helper.close()
        expect(helper.helped > 0, "không chạy được tiến trình phụ")
        expect(made == b"".join(PlainRows(sheet).rows(rows, 1)),
               "phần dữ liệu do tiến trình phụ ghi khác phần ghi trong tiến trình chính")
        return f"{len(rows)} dòng, như ghi trong tiến trình chính"

    def export_and_read_back(self) -> str:
        import openpyxl

        from desk.domain import periods
        from desk.services import obstacle_report

        out = self.folder / "bao-cao-tu-kiem-tra.xlsx"
        with self.workspace.session() as session:
            obstacle_report.export(session, self.unit, periods.parse_period(PERIOD), out, signed_on=SIGNED_ON)
        workbook = openpyxl.load_workbook(out, read_only=True)
        try:
            summary = [row for row in workbook["Tổng hợp"].iter_rows(values_only=True)]
            detail = [row for row in workbook["Chi tiết"].iter_rows(values_only=True)]
        finally:
            workbook.close()
        by_label = {row[1]: row for row in summary if len(row) > 1 and isinstance(row[1], str)}
        cells = {cell for row in summary + detail for cell in row if cell is not None}
        expect(PERIOD_LINE in cells, f"không thấy dòng kỳ báo cáo «{PERIOD_LINE}»")
        total = by_label.get("Tổng cộng", (None,))[-1]
        expect(total == len(RECORDS), f"ô «Tổng cộng» = {total!r}, cần {len(RECORDS)}")
        personnel = by_label.get(PERSONNEL_LABEL, (None,))[-1]
        expect(personnel == 1, f"dòng «{PERSONNEL_LABEL}» = {personnel!r}, cần 1")
        titles = {r["title"] for r in RECORDS}
        expect(titles <= cells, f"trang «Chi tiết» thiếu {sorted(titles - cells)}")
        expect(VOIDED["title"] not in cells, "bản ghi đã hủy vẫn có trong báo cáo")
        return f"«Tổng cộng» = {total}, trang «Chi tiết» đủ {len(RECORDS)} bản ghi"


def _describe(exc: BaseException) -> str:
    if isinstance(exc, (CheckError, UserError)):
        return str(exc)
    first = (str(exc).strip().splitlines() or [""])[0]
    text = f"{type(exc).__name__}: {first}"
    return text if len(text) <= DETAIL_LIMIT else text[:DETAIL_LIMIT - 1] + "…"


def run(*, offscreen: bool = False, report_file: Path | None = None) -> str:
    """Run every step in a temporary folder; returns the report, or raises SelfCheckFailed with it."""
    if wants_offscreen(offscreen):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"   # read when the QApplication is created
    frozen = "có" if getattr(sys, "frozen", False) else "không"
    header = (f"Desk {__version__}: tự kiểm tra (bản đóng gói: {frozen}; Python {sys.version.split()[0]}; "
              f"{sys.platform}; chế độ UTF-8: {'có' if sys.flags.utf8_mode else 'không'})")
    # ignore_cleanup_errors: on Windows a file Qt or SQLite still holds must not turn a pass into a crash.
    with tempfile.TemporaryDirectory(prefix="desk-selfcheck-", ignore_cleanup_errors=True) as tmp:
        report = SelfCheck(Path(tmp)).run()
    report.header = header
    text = report.text()
    if report_file is not None:
        _write_report(Path(report_file), report.full_text())
    if not report.ok:
        raise SelfCheckFailed(text)
    return text


def _write_report(path: Path, text: str) -> None:
    from desk.fileio import write_atomically

    path.parent.mkdir(parents=True, exist_ok=True)
    # UTF-8 with a BOM so Notepad on an older Windows shows the Vietnamese correctly.
    write_atomically(path, lambda tmp: tmp.write_text(text + "\n", encoding="utf-8-sig"))
