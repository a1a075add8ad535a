"""`desk selfcheck`: passes on a good installation, names the failing step otherwise, works without a console."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from desk.cli import main

STEPS = ("Mở thư mục dữ liệu tạm", "Chọn đơn vị mã 11329", "Thêm khó khăn, vướng mắc", "Vẽ cửa sổ chính",
         "Xuất báo cáo kỳ 2025-Q3", "Nạp trình kết nối máy chủ PostgreSQL", "Băm và kiểm tra mật khẩu",
         "Tạo khóa tìm kiếm, sắp xếp trên tiến trình phụ", "Ghi phần dữ liệu máy đọc trên tiến trình phụ",
         "Chuẩn bị bản ghi nhập trên tiến trình phụ")


def run_python(code: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, DESK_DATA_DIR=str(tmp_path / "user-data"), TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=180)


def test_a_good_installation_passes_every_step_and_leaves_nothing_behind(tmp_path):
    report = tmp_path / "ket-qua.txt"
    # When the self-check runs in its own process, as the installed app does
    done = run_python("import sys; from desk.cli import main; sys.exit(main(sys.argv[1:]))", tmp_path,
                      "selfcheck", "--offscreen", "--report", str(report))
    # Then every step passed, in order, and the same text is in the report file
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    passed = [line for line in lines if line.startswith("[ĐẠT]")]
    assert [any(step in line for line in passed) for step in STEPS] == [True] * len(STEPS)
    assert "nền tảng Qt «offscreen»" in done.stdout and "«Tổng cộng» = 2" in done.stdout
    # Desk's own cost, by the faster here of the two scrypts
    assert "mật khẩu đăng nhập: scrypt n=131072, " in done.stdout
    assert ("libsodium (PyNaCl), nhanh hơn OpenSSL (hashlib) trên máy này" in done.stdout
            or "OpenSSL (hashlib), nhanh hơn libsodium (PyNaCl) trên máy này" in done.stdout)
    assert lines[-1].startswith("Kết quả tự kiểm tra: ĐẠT (10/10 bước")
    assert report.read_text(encoding="utf-8-sig").strip() == done.stdout.strip()
    # And the temporary data folder is gone; the user's data folder was never created
    assert list((tmp_path / "tmp").iterdir()) == []
    assert not (tmp_path / "user-data").exists()


def test_missing_translations_in_the_bundle_fail_the_window_step(tmp_path):
    empty = tmp_path / "resources"
    (empty / "i18n").mkdir(parents=True)
    # Given an installation whose resources folder lost its .qm files
    code = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        import desk.paths
        desk.paths.resources_dir = lambda: Path({str(empty)!r})
        from desk.cli import main
        sys.exit(main(["selfcheck", "--offscreen"]))
    """)
    done = run_python(code, tmp_path)
    # Then the self-check fails (exit 1), says which files were not found and where, and still exports
    assert done.returncode == 1, done.stdout + done.stderr
    assert "[LỖI] Vẽ cửa sổ chính" in done.stderr
    assert f"chỉ nạp được bản dịch [] từ «{empty / 'i18n'}»" in done.stderr
    assert "[ĐẠT] Xuất báo cáo kỳ 2025-Q3" in done.stderr
    assert "KHÔNG ĐẠT (9/10 bước" in done.stderr


# A bundle that lost its Alembic revisions, in a fresh process (nothing cached from other tests).
LOST_MIGRATIONS = """
import sys
from pathlib import Path
import desk.store.revisions
desk.store.revisions.MIGRATIONS_DIR = Path(sys.argv[1])
{before}
from desk.cli import main
sys.exit(main(sys.argv[2:]))
"""


def test_a_failed_step_stops_the_ones_that_need_it(tmp_path):
    nowhere, report = tmp_path / "no-migrations", tmp_path / "ket-qua.txt"
    (nowhere / "versions").mkdir(parents=True)
    done = run_python(LOST_MIGRATIONS.format(before=""), tmp_path, str(nowhere),
                      "selfcheck", "--offscreen", "--report", str(report))
    assert done.returncode == 1, done.stdout + done.stderr
    assert ("[LỖI] Mở thư mục dữ liệu tạm, tạo và nâng cấp cơ sở dữ liệu: không có tệp nâng cấp cơ sở dữ liệu "
            f"nào trong «{nowhere / 'versions'}»") in done.stderr
    for step in STEPS[1:]:
        assert f"[BỎ QUA] {step}" in done.stderr
    assert "KHÔNG ĐẠT (0/10 bước" in done.stderr
    assert "[LỖI] Mở thư mục dữ liệu tạm" in report.read_text(encoding="utf-8-sig")


def test_without_a_console_the_result_goes_to_the_log_folder(tmp_path):
    nowhere, data = tmp_path / "no-migrations", tmp_path / "data"
    (nowhere / "versions").mkdir(parents=True)
    data.mkdir()
    # Given a windowed build: Python has no stdout and no stderr
    no_console = "sys.stdout = sys.stderr = None"
    # When the self-check runs without --report
    done = run_python(LOST_MIGRATIONS.format(before=no_console), tmp_path, str(nowhere),
                      "--data-dir", str(data), "selfcheck", "--offscreen")
    # Then nothing crashed writing to the missing console, and the report is beside the logs
    assert done.returncode == 1 and done.stdout == "" and "Traceback" not in done.stderr
    assert "KHÔNG ĐẠT" in (data / "logs" / "selfcheck.txt").read_text(encoding="utf-8-sig")


def test_a_console_that_cannot_show_vietnamese_gets_question_marks_not_a_crash(tmp_path, monkeypatch):
    # Given output redirected through a Windows code page without Vietnamese letters
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="cp1252"))
    # When a command prints Vietnamese
    assert main(["--data-dir", str(tmp_path), "init", "--unit", "11329"]) == 0
    sys.stdout.flush()
    # Then the line is printed with replacements
    assert "Ph??ng Ngô Quy?n" in raw.getvalue().decode("cp1252")
