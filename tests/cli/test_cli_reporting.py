"""`desk export report`, `desk unlock` and `desk consolidate` from the command line."""

from __future__ import annotations

import openpyxl
import pytest

from desk.cli import main
from desk.domain import units
from desk.domain.formats import format_number_vi


def setup(tmp_path, capsys):
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "init", "--unit", "11329"]) == 0
    assert main(["--data-dir", str(data), "demo", "--count", "40"]) == 0
    capsys.readouterr()
    return str(data)


def test_submit_numbers_and_locks_then_a_second_submit_is_refused(tmp_path, capsys):
    data = setup(tmp_path, capsys)
    out = tmp_path / "q3.xlsx"
    assert main(["--data-dir", data, "export", "report", "--period", "2025-Q3", "--submit", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "Số: 01/BC-UBND" in said and "Số liệu kỳ Quý III/2025 đã được khóa." in said
    cover = [c for row in openpyxl.load_workbook(out)["Báo cáo"].iter_rows(values_only=True) for c in row if c]
    assert "Số: 01/BC-UBND" in cover
    again = tmp_path / "again.xlsx"
    code = main(["--data-dir", data, "export", "report", "--period", "2025-Q3", "--submit", "--out", str(again)])
    assert code == 2 and "Không nộp lại được" in capsys.readouterr().err
    assert not again.exists()
    # Without --user the computer's user is a clerk, and a clerk may not unlock
    assert main(["--data-dir", data, "unlock", "--period", "2025-Q3", "--reason", "bổ sung"]) == 2
    assert "không có quyền khóa hoặc mở khóa kỳ báo cáo" in capsys.readouterr().err


def test_a_draft_has_no_number_and_number_needs_submit(tmp_path, capsys):
    data = setup(tmp_path, capsys)
    out = tmp_path / "draft.xlsx"
    assert main(["--data-dir", data, "export", "report", "--period", "2025-10", "--section", "obstacles",
                 "--out", str(out)]) == 0
    assert "Đã xuất bản nháp báo cáo Tháng 10/2025" in capsys.readouterr().out
    assert main(["--data-dir", data, "export", "report", "--period", "2025-10", "--number", "5",
                 "--out", str(out)]) == 2
    assert "--number chỉ dùng cùng --submit" in capsys.readouterr().err


def test_consolidate_a_folder(tmp_path, capsys):
    data = setup(tmp_path, capsys)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    assert main(["--data-dir", data, "export", "report", "--period", "2025-Q3", "--submit",
                 "--out", str(inbox / "ngo-quyen.xlsx")]) == 0
    (inbox / "hong.xlsx").write_bytes(b"PK\x03\x04 broken")
    capsys.readouterr()
    out = tmp_path / "tong-hop.xlsx"
    assert main(["consolidate", str(inbox), "--period", "2025-Q3", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "Đã tổng hợp 1 báo cáo của thành phố Hải Phòng kỳ Quý III/2025" in said and "1 vấn đề trong tệp" in said
    assert "Tình hình nộp" in openpyxl.load_workbook(out, read_only=True).sheetnames


def test_consolidate_bad_input_is_exit_2(tmp_path, capsys):
    assert main(["consolidate", str(tmp_path / "nowhere"), "--period", "2025-Q3",
                 "--out", str(tmp_path / "x.xlsx")]) == 2
    assert "Không tìm thấy tệp hoặc thư mục" in capsys.readouterr().err
    assert main(["consolidate", str(tmp_path), "--period", "2025-Q3", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "phải có đuôi .xlsx" in capsys.readouterr().err
    assert main(["consolidate", str(tmp_path), "--period", "2025-Q9", "--out", str(tmp_path / "x.xlsx")]) == 2


def test_consolidate_uses_this_installation_s_deadline_and_issuer(tmp_path, capsys):
    from desk.domain.deadlines import DueRule
    from desk.services import office, reporting
    from desk.services.workspace import open_workspace

    data = setup(tmp_path, capsys)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    assert main(["--data-dir", data, "export", "report", "--period", "2025-Q3", "--out",
                 str(inbox / "ngo-quyen.xlsx")]) == 0
    ws = open_workspace(data)
    with ws.session() as session:
        reporting.set_due_rule(session, DueRule(5))
        office.put_setting(session, "consolidation.body", "VĂN PHÒNG ĐOÀN ĐẠI BIỂU")
    ws.engine.dispose()
    out = tmp_path / "tong-hop.xlsx"
    assert main(["--data-dir", data, "consolidate", str(inbox), "--period", "2025-Q3", "--out", str(out)]) == 0
    cover = [c for row in openpyxl.load_workbook(out)["Tổng hợp"].iter_rows(values_only=True) for c in row if c]
    assert "VĂN PHÒNG ĐOÀN ĐẠI BIỂU" in cover
    assert any("Hạn nộp: 19/09/2025" in c for c in cover if isinstance(c, str))   # 14/09 + 5 working days


def test_consolidate_drafts_and_the_whole_country(tmp_path, capsys):
    data = setup(tmp_path, capsys)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    assert main(["--data-dir", data, "export", "report", "--period", "2025-Q3",
                 "--out", str(inbox / "du-thao.xlsx")]) == 0
    capsys.readouterr()
    out = tmp_path / "tong-hop.xlsx"
    # A draft alone: listed apart, nothing consolidated
    assert main(["consolidate", str(inbox), "--period", "2025-Q3", "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "Đã tổng hợp 0 báo cáo của thành phố Hải Phòng" in said and "dự thảo chưa nộp 1" in said
    # Ticked in, for the whole country: the draft is counted and the cover says so
    assert main(["consolidate", str(inbox), "--period", "2025-Q3", "--national", "--include-drafts",
                 "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "Đã tổng hợp 1 báo cáo trên toàn quốc" in said
    # the other 3.320 units missing, their thousands grouped as every figure Desk prints
    assert f"chưa nộp {format_number_vi(len(units.all_units()) - 1)}," in said and "3.3" in said
    cover = " ".join(str(c) for row in openpyxl.load_workbook(out, read_only=True)["Tổng hợp"].iter_rows(
        values_only=True) for c in row if c)
    assert "số liệu gồm cả 1 báo cáo dự thảo, chưa nộp" in cover and "BỘ NỘI VỤ" in cover
    # A province and the whole country at once is refused
    with pytest.raises(SystemExit) as refused:
        main(["consolidate", str(inbox), "--period", "2025-Q3", "--national", "--province", "31", "--out", str(out)])
    assert refused.value.code == 2


def test_the_output_is_never_one_of_the_files_consolidated(tmp_path, capsys):
    data = setup(tmp_path, capsys)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    commune = inbox / "ngo-quyen.xlsx"
    assert main(["--data-dir", data, "export", "report", "--period", "2025-Q3", "--submit", "--out", str(commune)]) == 0
    sent = commune.read_bytes()
    capsys.readouterr()
    # A commune's report named as the output (of the consolidation or of the reply file) is refused, not overwritten
    for command in ("consolidate", "reply"):
        assert main([command, str(inbox), "--period", "2025-Q3", "--out", str(commune)]) == 2
        assert "là một trong các tệp đang tổng hợp; ghi vào đó sẽ mất tệp ấy" in capsys.readouterr().err
        assert commune.read_bytes() == sent
    # The results written into the folder read, again: the earlier result is replaced, not read as a report,
    # and the reply file made there is not a report either
    out, reply = inbox / "tong-hop.xlsx", inbox / "tra-loi.xlsx"
    for _ in range(2):
        assert main(["consolidate", str(inbox), "--period", "2025-Q3", "--out", str(out)]) == 0
        assert "Đã tổng hợp 1 báo cáo" in (said := capsys.readouterr().out) and "; 0 vấn đề trong tệp" in said
        assert main(["reply", str(inbox), "--period", "2025-Q3", "--out", str(reply)]) == 0
        assert "Đã tạo tệp trả lời" in capsys.readouterr().out
    assert commune.read_bytes() == sent
