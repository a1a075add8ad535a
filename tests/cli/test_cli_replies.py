"""`desk reply` (the province's reply workbook) and `desk import-reply` (the commune) from the command line."""

from __future__ import annotations

from datetime import date

import openpyxl
from sqlalchemy import select

from desk.cli import main
from desk.domain import replies
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.services.workspace import open_workspace
from desk.store.models import table_of


def test_reply_then_import_reply_with_accepted_states(tmp_path, capsys):
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "init", "--unit", "11329"]) == 0
    assert main(["--data-dir", data, "demo", "--count", "20"]) == 0
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    # a draft: the commune's submitted report would lock Q3, and a locked period's states do not change
    assert main(["--data-dir", data, "export", "report", "--period", "2025-Q3", "--out",
                 str(inbox / "ngo-quyen.xlsx")]) == 0
    capsys.readouterr()
    out = tmp_path / "tra-loi.xlsx"
    assert main(["reply", str(inbox), "--period", "2025-Q3", "--include-drafts", "--issuer", "Sở Nội vụ", "--out",
                 str(out)]) == 0
    said = capsys.readouterr().out
    assert "Đã tạo tệp trả lời" in said and "báo cáo của thành phố Hải Phòng (kỳ Quý III/2025" in said

    wb = openpyxl.load_workbook(out)
    ws = wb[replies.SHEET]
    row, col = replies.FIRST_ROW, {c.key: i for i, c in enumerate(replies.COLUMNS, start=1)}
    obstacle_id = ws.cell(row, col["obstacle_id"]).value
    ws.cell(row, col["answer"], "Đã có hướng dẫn tại văn bản kèm theo.")
    ws.cell(row, col["body"], "Sở Nội vụ")
    ws.cell(row, col["doc_number"], "45/SNV-CCVC")
    ws.cell(row, col["doc_date"], date.today())
    closed = replies.state_label("closed")
    proposed = closed if ws.cell(row, col["status"]).value != closed else replies.state_label("in_progress")
    ws.cell(row, col["proposed_state"], proposed)
    wb.save(out)

    assert main(["--data-dir", data, "import-reply", str(out), "--dry-run"]) == 0
    assert "1 trả lời sẽ nhập, 1 đề xuất đổi tình trạng" in capsys.readouterr().out
    assert main(["--data-dir", data, "import-reply", str(out), "--accept-states"]) == 0
    assert "Đã nhập 1 trả lời; đổi tình trạng 1 khó khăn, vướng mắc." in capsys.readouterr().out
    assert main(["--data-dir", data, "import-reply", str(out), "--accept-states"]) == 0
    assert "Đã nhập 0 trả lời; đổi tình trạng 0 khó khăn, vướng mắc; 1 trả lời đã nhập trước đây" in \
        capsys.readouterr().out
    ws_ = open_workspace(data)
    with ws_.session() as session:
        table = table_of(OBSTACLES).__table__
        status, latest = session.execute(select(table.c.status, table.c.latest_reply)
                                         .where(table.c.id == obstacle_id)).one()
    ws_.engine.dispose()
    assert replies.state_label(status) == proposed and "45/SNV-CCVC" in latest


def test_import_reply_of_a_wrong_file_is_exit_2(tmp_path, capsys):
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "init", "--unit", "11329"]) == 0
    report = tmp_path / "q3.xlsx"
    assert main(["--data-dir", data, "export", "report", "--submit", "--period", "2025-Q3", "--out", str(report)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, "import-reply", str(report)]) == 2
    assert "không phải tệp trả lời khó khăn, vướng mắc do Desk tạo" in capsys.readouterr().err
    assert main(["--data-dir", data, "import-reply", str(tmp_path / "none.xlsx")]) == 2
    assert "không tìm thấy tệp" in capsys.readouterr().err
