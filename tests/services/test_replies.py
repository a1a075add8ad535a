"""Answers back down: the province's reply workbook, and the commune importing it into obstacles' histories."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import openpyxl
import pytest
from sqlalchemy import func, select, update
from tests.conftest import NGO_QUYEN

from desk.domain import periods, replies, units
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.errors import UserError
from desk.importers.reply_file import ReplyFileError
from desk.services import consolidation, obstacle_report, periodic_report, records, states
from desk.services import replies as reply_service
from desk.store.models import table_of
from desk.store.replies import ObstacleReply
from desk.store.security import AuditEntry

Q3 = periods.parse_period("2025-Q3")
HAI_PHONG = 31
MINE = units.unit(NGO_QUYEN)
OTHER = next(u for u in units.units_of(HAI_PHONG) if u.code != NGO_QUYEN)
DOC_DAY = date(2025, 10, 5)


def add(workspace, unit, title, **more):
    values = {"domain": "PERSONNEL", "title": title, "level": "province", "raised_on": "01/07/2025",
              "status": "referred", **more}
    with workspace.session() as session:
        return records.save(session, OBSTACLES, values, unit_code=unit.code)


@pytest.fixture
def reply_book(workspace, tmp_path):
    """Two obstacles of this commune and one of another, consolidated; the reply workbook made from it."""
    ids = {"staff": add(workspace, MINE, "Thiếu công chức địa chính"),
           "premises": add(workspace, MINE, "Trụ sở chật hẹp", domain="PREMISES"),
           "other": add(workspace, OTHER, "Chưa có tài khoản kho bạc", domain="ACCOUNTING")}
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for unit in (MINE, OTHER):
        with workspace.session() as session:
            periodic_report.export(session, unit, Q3, inbox / f"{unit.code}.xlsx", submit=True,
                                   now=datetime(2025, 9, 16, 10, 0))
    result = consolidation.consolidate([inbox], Q3, province_code=HAI_PHONG)
    out = tmp_path / "tra-loi.xlsx"
    assert reply_service.export_reply_workbook(result, out) == 3
    return out, ids


def row_of(ws, obstacle_id):
    col = replies.COLUMNS.index(replies.BY_KEY["obstacle_id"]) + 1
    return next(r for r in range(replies.FIRST_ROW, ws.max_row + 1) if ws.cell(r, col).value == obstacle_id)


def answer(ws, obstacle_id, text, *, state=None, body="Sở Nội vụ", number="123/SNV-XDCQ", day=DOC_DAY):
    r = row_of(ws, obstacle_id)
    for key, value in (("answer", text), ("body", body), ("doc_number", number), ("doc_date", day),
                       ("proposed_state", replies.state_label(state) if state else None)):
        ws.cell(r, replies.COLUMNS.index(replies.BY_KEY[key]) + 1, value)
    return r


def filled(path, ids, edit=None):
    wb = openpyxl.load_workbook(path)
    ws = wb[replies.SHEET]
    answer(ws, ids["staff"], "Đồng ý bổ sung 01 biên chế địa chính từ quý IV/2025.", state="resolved")
    answer(ws, ids["premises"], "Sở Tài chính đang rà soát trụ sở dôi dư để bố trí.")
    answer(ws, ids["other"], "Hướng dẫn mở tài khoản tại Kho bạc Nhà nước khu vực.", state="resolved")
    if edit:
        edit(ws)
    wb.save(path)
    return path


def imported(workspace, path, accept=True):
    found = reply_service.read_reply_file(path)
    with workspace.session() as session:
        plan = reply_service.preview(session, MINE, found)
        outcome = reply_service.apply(session, plan, accept_states=accept)
        session.commit()
    return plan, outcome


def obstacle(workspace, record_id):
    with workspace.session() as session:
        return dict(records.get(session, OBSTACLES, record_id).__dict__)


def test_the_reply_workbook_lists_every_obstacle_with_its_commune_and_id(reply_book):
    path, ids = reply_book
    wb = openpyxl.load_workbook(path)
    ws = wb[replies.SHEET]
    assert [ws.cell(replies.HEADER_ROW, c).value for c in range(1, len(replies.COLUMNS) + 1)] == \
        [c.vi for c in replies.COLUMNS]
    r = row_of(ws, ids["other"])
    assert ws.cell(r, 2).value == str(OTHER.code) and ws.cell(r, 3).value == OTHER.name
    assert ws.cell(r, 6).value == "Đã báo cáo, kiến nghị cấp trên"
    # The proposed state is chosen from a list; Excel keeps the formula without "=".
    (states_list,) = [v for v in ws.data_validations.dataValidation if v.type == "list"]
    assert not states_list.formula1.startswith("=") and replies.LISTS_SHEET in states_list.formula1
    assert wb[replies.MANIFEST_SHEET].sheet_state == "veryHidden"


def test_answers_are_added_and_an_accepted_state_changes_with_a_dated_entry(workspace, reply_book):
    path, ids = reply_book
    plan, outcome = imported(workspace, filled(path, ids))
    assert (plan.count(reply_service.NEW), plan.count(reply_service.OTHER_UNIT)) == (2, 1)
    assert (outcome.added, outcome.states_changed, outcome.other_units) == (2, 1, 1)
    staff = obstacle(workspace, ids["staff"])
    assert staff["status"] == "resolved" and staff["status_since"] == DOC_DAY
    assert staff["result"].startswith("Đồng ý bổ sung")         # a resolved obstacle needs its result
    assert staff["latest_reply"].startswith("Văn bản số 123/SNV-XDCQ ngày 05/10/2025 của Sở Nội vụ: Đồng ý")
    assert obstacle(workspace, ids["premises"])["status"] == "referred"
    assert obstacle(workspace, ids["other"])["latest_reply"] is None   # another commune's: ignored
    with workspace.session() as session:
        entry = states.timeline(session, OBSTACLES, ids["staff"])[-1]
        assert (entry.value, entry.effective_on) == ("resolved", DOC_DAY)
        assert path.name in entry.origin and plan.file.sha256 in entry.origin
        assert "123/SNV-XDCQ" in entry.note
        saved = session.scalars(select(ObstacleReply).order_by(ObstacleReply.id)).all()
        assert [(r.obstacle_id, r.state_accepted, r.source_hash) for r in saved] == \
            [(ids["staff"], True, plan.file.sha256), (ids["premises"], False, plan.file.sha256)]
        audited = session.scalars(select(AuditEntry).where(AuditEntry.field == "latest_reply")).all()
        assert len(audited) == 2 and all(path.name in a.reason for a in audited)


def test_a_proposed_state_not_accepted_leaves_the_state(workspace, reply_book):
    path, ids = reply_book
    _plan, outcome = imported(workspace, filled(path, ids), accept=False)
    assert (outcome.added, outcome.states_changed) == (2, 0)
    assert obstacle(workspace, ids["staff"])["status"] == "referred"
    assert obstacle(workspace, ids["staff"])["latest_reply"]


def test_importing_the_same_reply_again_changes_nothing(workspace, reply_book):
    path, ids = reply_book
    imported(workspace, filled(path, ids))

    def counts():
        with workspace.session() as session:
            return (session.scalar(select(func.count()).select_from(ObstacleReply)),
                    session.scalar(select(func.count()).select_from(AuditEntry)),
                    len(states.timeline(session, OBSTACLES, ids["staff"])))

    before = counts()
    plan, outcome = imported(workspace, path)
    assert plan.count(reply_service.ALREADY) == 2 and outcome.added == 0 and outcome.states_changed == 0
    assert counts() == before


def test_replies_for_a_voided_or_unknown_obstacle_are_listed_and_nothing_is_written(workspace, reply_book):
    path, ids = reply_book
    with workspace.session() as session:    # voided since (the period is locked: as an unlocked void would)
        table = table_of(OBSTACLES).__table__
        session.execute(update(table).where(table.c.id == ids["premises"]).values(voided=True))
        session.commit()
    stranger = str(uuid.uuid4())

    def unknown(ws):
        ws.cell(row_of(ws, ids["staff"]), replies.COLUMNS.index(replies.BY_KEY["obstacle_id"]) + 1, stranger)

    plan, outcome = imported(workspace, filled(path, ids, unknown))
    assert {(i.reply.obstacle_id, i.status) for i in plan.listed} == {(stranger, reply_service.UNKNOWN),
                                                                      (ids["premises"], reply_service.VOIDED)}
    assert (outcome.added, outcome.unknown, outcome.voided) == (0, 1, 1)
    with workspace.session() as session:
        assert session.scalar(select(func.count()).select_from(ObstacleReply)) == 0
    assert obstacle(workspace, ids["staff"])["status"] == "referred"


def test_a_state_that_cannot_be_recorded_is_said_and_the_answer_still_kept(workspace, reply_book):
    path, ids = reply_book

    def backdated(ws):      # dated inside Q3/2025, whose figures were locked when its report was submitted
        answer(ws, ids["staff"], "Đã giải quyết.", state="resolved", day=date(2025, 6, 1))

    _plan, outcome = imported(workspace, filled(path, ids, backdated))
    assert outcome.states_changed == 0 and outcome.added == 2
    (failure,) = outcome.state_failures
    assert "Thiếu công chức địa chính" in failure and "khóa" in failure
    staff = obstacle(workspace, ids["staff"])
    assert staff["status"] == "referred" and staff["latest_reply"].endswith("Đã giải quyết.")
    with workspace.session() as session:
        assert not session.scalar(select(ObstacleReply.state_accepted).where(ObstacleReply.obstacle_id == ids["staff"]))


@pytest.mark.parametrize("edit, where", [
    (lambda ws: ws.cell(replies.HEADER_ROW, 7, "Trả lời"), "cột G: cần «Nội dung trả lời, hướng dẫn», thấy «Trả lời»"),
    (lambda ws: ws.delete_cols(9), "cột I: cần «Số, ký hiệu văn bản»"),
    (lambda ws: setattr(ws.cell(replies.HEADER_ROW, 11), "value", None), "cột K: thiếu cột «Tình trạng đề xuất»"),
])
def test_edited_or_missing_columns_are_refused_naming_the_column(reply_book, edit, where):
    path, ids = reply_book
    filled(path, ids, edit)
    with pytest.raises(ReplyFileError) as caught:
        reply_service.read_reply_file(path)
    assert f"trang «{replies.SHEET}», dòng tiêu đề 5" in str(caught.value) and where in str(caught.value)


def test_bad_cells_are_listed_with_their_row_and_column_and_the_other_rows_import(workspace, reply_book):
    path, ids = reply_book

    def bad(ws):
        r = answer(ws, ids["premises"], "Sẽ trả lời sau.", day="31/02/2025")
        ws.cell(r, 11, "Xong rồi")
        bad.row = r

    def worse(ws):
        bad(ws)
        answer(ws, ids["other"], "Trả lời.", body="Ủ" * 301)

    plan, outcome = imported(workspace, filled(path, ids, worse))
    messages = [p.message for p in plan.problems]
    assert any(f"dòng {bad.row}, cột J «Ngày văn bản»: «31/02/2025» không phải ngày" in m for m in messages)
    assert any(f"dòng {bad.row}, cột K «Tình trạng đề xuất»: «Xong rồi» không phải một tình trạng" in m
               for m in messages)
    # The other commune's bad row is that commune's to see: listed in the file, not to this commune
    assert any("cột H «Cơ quan trả lời»: dài 301 ký tự, tối đa 300" in p.message for p in plan.file.problems)
    assert not any("Cơ quan trả lời" in m for m in messages)
    assert outcome.added == 1 and outcome.invalid == 2


def test_a_hidden_answered_row_is_named_and_not_applied(workspace, reply_book):
    path, ids = reply_book

    def hide(ws):
        hide.row = row_of(ws, ids["staff"])       # answered «Đã tháo gỡ», then hidden
        ws.row_dimensions[hide.row].hidden = True

    plan, outcome = imported(workspace, filled(path, ids, hide))
    assert any(f"dòng {hide.row}: dòng có trả lời đang bị ẩn trong Excel; Desk không nhập dòng ẩn" in p.message
               for p in plan.problems)
    assert obstacle(workspace, ids["staff"])["status"] != "resolved"
    assert outcome.added == 1          # the visible row of this commune still imports


def test_a_row_answered_without_its_body_is_answered_by_the_province_that_made_the_file(workspace, reply_book):
    path, ids = reply_book
    wb = openpyxl.load_workbook(path)
    answer(wb[replies.SHEET], ids["staff"], "Đồng ý bổ sung biên chế.", body=None)
    wb.save(path)
    imported(workspace, path)
    with workspace.session() as session:
        body = session.scalar(select(ObstacleReply.body).where(ObstacleReply.obstacle_id == ids["staff"]))
    assert body == "Sở Nội vụ thành phố Hải Phòng"


@pytest.mark.parametrize("issuer, said", [
    ("\u202eụv iộN ởS", "có ký tự không nhìn thấy được (U+202E, ký tự đảo chiều văn bản)"),
    ("Sở Nội vụ " + "X" * 20_000, "dài 20010 ký tự, tối đa 300"),
])
def test_a_file_whose_hidden_issuer_breaks_the_body_column_s_rules_is_refused(workspace, reply_book, issuer, said):
    """The manifest's issuer answers the rows left without «Cơ quan trả lời»: a reversed name shown as
    "Sở Nội vụ", or one too long for the obstacle's latest answer, would be stored as that answer."""
    path, ids = reply_book
    wb = openpyxl.load_workbook(path)
    answer(wb[replies.SHEET], ids["staff"], "Đã có hướng dẫn tại công văn.", body=None)
    info = wb[replies.MANIFEST_SHEET]
    info.cell(next(r for r in range(1, info.max_row + 1) if info.cell(r, 1).value == "issuer"), 2, issuer)
    wb.save(path)
    with pytest.raises(ReplyFileError) as caught:
        imported(workspace, path)
    assert f"trang ẩn «{replies.MANIFEST_SHEET}», mục «issuer»" in str(caught.value) and said in str(caught.value)
    with workspace.session() as session:
        assert session.scalar(select(func.count()).select_from(ObstacleReply)) == 0
    assert obstacle(workspace, ids["staff"])["latest_reply"] is None


def test_a_reply_file_is_not_made_with_an_issuer_no_commune_could_import(workspace, tmp_path):
    add(workspace, MINE, "Thiếu công chức địa chính")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with workspace.session() as session:
        periodic_report.export(session, MINE, Q3, inbox / "mine.xlsx", submit=True, now=datetime(2025, 9, 16, 10, 0))
    result = consolidation.consolidate([inbox], Q3, province_code=HAI_PHONG)
    out = tmp_path / "tra-loi.xlsx"
    with pytest.raises(UserError, match="Tên cơ quan trả lời ghi vào tệp trả lời dài 301 ký tự, tối đa 300"):
        reply_service.export_reply_workbook(result, out, issuer="Ủ" * 301)
    assert not out.exists()


def test_a_periodic_report_a_damaged_file_and_a_stranger_workbook_are_refused(workspace, tmp_path):
    report = tmp_path / "bao-cao.xlsx"
    with workspace.session() as session:
        periodic_report.export(session, MINE, Q3, report)
    with pytest.raises(ReplyFileError, match="không phải tệp trả lời"):
        reply_service.read_reply_file(report)
    damaged = tmp_path / "hong.xlsx"
    damaged.write_bytes(report.read_bytes()[:3000])
    with pytest.raises(UserError, match="hong.xlsx"):
        reply_service.read_reply_file(damaged)
    pretend = tmp_path / "gia.xlsx"          # not a workbook at all, whatever its name says
    pretend.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000)
    with pytest.raises(UserError, match="gia.xlsx"):
        reply_service.read_reply_file(pretend)
    stranger = tmp_path / "khac.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = replies.SHEET
    wb.save(stranger)
    with pytest.raises(ReplyFileError, match="không phải tệp trả lời"):
        reply_service.read_reply_file(stranger)


def test_the_obstacle_table_keeps_the_latest_answer_as_a_plain_column(workspace):
    assert "latest_reply" in table_of(OBSTACLES).__table__.c
    assert "latest_reply" not in OBSTACLES.keyed_sorts


def test_a_reply_made_on_the_older_unit_list_finds_the_commune_by_its_old_code(workspace, reply_book):
    """A province still on the 2025.10.1 list writes Phường Ngô Quyền as 11341; the commune is 11329 now."""
    path, ids = reply_book

    def older(ws):
        col = replies.COLUMNS.index(replies.BY_KEY["unit_code"]) + 1
        for r in range(replies.FIRST_ROW, ws.max_row + 1):
            if ws.cell(r, col).value == str(NGO_QUYEN):
                ws.cell(r, col, "11341")
        info = ws.parent[replies.MANIFEST_SHEET]
        row = next(r for r in range(1, info.max_row + 1) if info.cell(r, 1).value == "units_version")
        info.cell(row, 2, "2025.10.1")

    assert NGO_QUYEN == 11329
    plan, outcome = imported(workspace, filled(path, ids, older))
    assert (plan.count(reply_service.NEW), outcome.added) == (2, 2)


def test_every_answer_is_in_the_obstacle_s_history_with_its_file(workspace, reply_book):
    from desk.services.history import record_history

    path, ids = reply_book
    imported(workspace, filled(path, ids))

    def older(ws):      # a second answer, dated before the first: not the latest, still in the history
        answer(ws, ids["staff"], "Trả lời tạm thời.", number="99/SNV", day=date(2025, 9, 20))

    imported(workspace, filled(path, ids, older), accept=False)
    with workspace.session() as session:
        found = [r for r in record_history(session, OBSTACLES, ids["staff"]) if r.action == "Trả lời của cấp trên"]
        latest = records.get(session, OBSTACLES, ids["staff"]).latest_reply
    # In the order they were received
    assert [r.new.split(":")[0] for r in found] == ["Văn bản số 123/SNV-XDCQ ngày 05/10/2025 của Sở Nội vụ",
                                                    "Văn bản số 99/SNV ngày 20/09/2025 của Sở Nội vụ"]
    assert all(path.name in r.reason for r in found)
    assert "Đề xuất tình trạng «Đã tháo gỡ» (đã nhận)" in " ".join(r.reason for r in found)
    assert latest.startswith("Văn bản số 123/SNV-XDCQ")     # the latest by its document's date


def test_a_national_consolidation_makes_a_reply_workbook_too(workspace, tmp_path):
    """The ministry's consolidation has no province: the workbook names the whole country."""
    add(workspace, MINE, "Thiếu công chức địa chính")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with workspace.session() as session:
        periodic_report.export(session, MINE, Q3, inbox / f"{MINE.code}.xlsx", submit=True,
                               now=datetime(2025, 9, 16, 10, 0))
    result = consolidation.consolidate([inbox], Q3, national=True)
    out = tmp_path / "tra-loi.xlsx"
    assert reply_service.export_reply_workbook(result, out) == 1
    texts = [cell.value for ws in openpyxl.load_workbook(out) for row in ws.iter_rows() for cell in row]
    assert any(isinstance(text, str) and "toàn quốc" in text for text in texts)


def q3_figures(session):
    """Each obstacle of Q3's report with its state at the period's end, as the report counts them."""
    return [(r["id"], r["status"], r["status_since"], r["resolved_on"])
            for r in obstacle_report.rows_in_period(session, MINE, Q3)]


def test_an_accepted_state_is_recorded_for_an_obstacle_whose_period_is_locked(workspace, tmp_path):
    # Referred in August, inside Q3/2025; the submitted Q3 report locked Q3 and lists it as referred.
    staff = add(workspace, MINE, "Thiếu công chức tư pháp", status_since="01/08/2025")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with workspace.session() as session:
        periodic_report.export(session, MINE, Q3, inbox / "mine.xlsx", submit=True, now=datetime(2025, 9, 16, 10, 0))
        q3_before = q3_figures(session)
    book = tmp_path / "tra-loi.xlsx"
    reply_service.export_reply_workbook(consolidation.consolidate([inbox], Q3, province_code=HAI_PHONG), book)
    wb = openpyxl.load_workbook(book)
    answer(wb[replies.SHEET], staff, "Đã bổ sung biên chế tư pháp.", state="resolved")     # dated in Q4
    wb.save(book)

    plan, outcome = imported(workspace, book)
    assert (outcome.added, outcome.states_changed, outcome.state_failures) == (1, 1, [])
    assert obstacle(workspace, staff)["status"] == "resolved"
    with workspace.session() as session:
        timeline = states.timeline(session, OBSTACLES, staff)
        assert [(e.value, e.effective_on) for e in timeline][-2:] == [("referred", date(2025, 8, 1)),
                                                                     ("resolved", DOC_DAY)]
        assert book.name in timeline[-1].origin and plan.file.sha256 in timeline[-1].origin
        assert q3_figures(session) == q3_before == [(staff, "referred", date(2025, 8, 1), None)]   # as submitted
        reasons = session.scalars(select(AuditEntry.reason).where(AuditEntry.record_id == staff,
                                                                  AuditEntry.field == "latest_reply")).all()
        assert reasons and all(book.name in r for r in reasons)


def test_the_locked_period_s_figures_are_still_refused(workspace, tmp_path):
    referred = add(workspace, MINE, "Thiếu công chức tư pháp", status_since="01/08/2025")
    waiting = add(workspace, MINE, "Chưa có trụ sở", raised_on="01/03/2025", status="received")
    with workspace.session() as session:
        periodic_report.export(session, MINE, Q3, tmp_path / "mine.xlsx", submit=True, now=datetime(2025, 9, 16))

    def save(record_id, **changes):
        with workspace.session() as session:
            values = records.stored_values(records.get(session, OBSTACLES, record_id), OBSTACLES)
            records.save(session, OBSTACLES, {**values, **changes}, unit_code=MINE.code, record_id=record_id)
            session.commit()

    with pytest.raises(UserError, match="khóa"):        # what the obstacle is, as reported
        save(referred, title="Thiếu công chức")
    with pytest.raises(UserError, match="khóa"):        # a new state inside Q3
        save(referred, status="resolved", result="Xong", status_since="01/09/2025")
    with pytest.raises(UserError, match="sau ngày 14/09/2025"):   # before Q3, so Q3's state at its end changes
        save(waiting, status="in_progress", status_since="01/05/2025")
    assert (obstacle(workspace, referred)["status"], obstacle(workspace, waiting)["status"]) == ("referred", "received")
    save(referred, status="resolved", result="Xong", status_since="15/09/2025")        # the day after Q3's end
    save(waiting, status="in_progress", status_since="20/09/2025")
    assert (obstacle(workspace, referred)["status"], obstacle(workspace, waiting)["status"]) == \
        ("resolved", "in_progress")


def test_answers_typed_in_desk_are_written_into_the_reply_workbook_and_import_as_if_filled_in_excel(
        workspace, tmp_path):
    staff = add(workspace, MINE, "Thiếu công chức địa chính")
    other = add(workspace, OTHER, "Chưa có tài khoản kho bạc", domain="ACCOUNTING")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for unit in (MINE, OTHER):
        with workspace.session() as session:
            periodic_report.export(session, unit, Q3, inbox / f"{unit.code}.xlsx", submit=True,
                                   now=datetime(2025, 9, 16, 10, 0))
    result = consolidation.consolidate([inbox], Q3, province_code=HAI_PHONG)
    typed = {staff: replies.Answer("Đồng ý bổ sung 01 biên chế địa chính.", "Sở Nội vụ", "123/SNV-XDCQ", DOC_DAY,
                                   "resolved"),
             other: replies.Answer("Hướng dẫn mở tài khoản tại Kho bạc.")}
    book = tmp_path / "tra-loi.xlsx"
    assert reply_service.export_reply_workbook(result, book, answers=typed) == 2
    ws = openpyxl.load_workbook(book)[replies.SHEET]
    r = row_of(ws, staff)
    assert ws[f"{replies.letter('doc_date')}{r}"].value.date() == DOC_DAY
    assert ws[f"{replies.letter('proposed_state')}{r}"].value == replies.state_label("resolved")

    plan, outcome = imported(workspace, book)
    assert (outcome.added, outcome.states_changed, outcome.other_units) == (1, 1, 1)
    assert obstacle(workspace, staff)["latest_reply"].startswith("Văn bản số 123/SNV-XDCQ ngày 05/10/2025")

    with pytest.raises(UserError, match="Thiếu công chức địa chính.*chưa ghi nội dung trả lời"):
        reply_service.export_reply_workbook(result, book, answers={staff: replies.Answer("  ")})
    with pytest.raises(UserError, match="không có trong kết quả tổng hợp"):
        reply_service.export_reply_workbook(result, book, answers={"khong-co": replies.Answer("x")})


def test_the_reply_file_is_never_written_over_a_report_just_consolidated(workspace, tmp_path):
    add(workspace, MINE, "Thiếu công chức địa chính")
    report = tmp_path / "ngo-quyen.xlsx"
    with workspace.session() as session:
        periodic_report.export(session, MINE, Q3, report, submit=True, now=datetime(2025, 9, 16, 10, 0))
    sent = report.read_bytes()
    result = consolidation.consolidate([tmp_path], Q3, province_code=HAI_PHONG)
    with pytest.raises(UserError, match="là một trong các tệp vừa tổng hợp"):
        reply_service.export_reply_workbook(result, report)
    assert report.read_bytes() == sent


def test_each_row_of_the_reply_file_is_as_tall_as_its_wrapped_text(workspace, tmp_path):
    # A row left at the default height shows one line; LibreOffice prints the rest over the next row
    add(workspace, MINE, "Thiếu công chức")
    add(workspace, MINE, "Trụ sở làm việc của phường sau sắp xếp chật hẹp, xuống cấp, " * 4)
    (tmp_path / "in").mkdir()
    with workspace.session() as session:
        periodic_report.export(session, MINE, Q3, tmp_path / "in" / "a.xlsx", submit=True,
                               now=datetime(2025, 9, 16, 10, 0))
    out = tmp_path / "tra-loi.xlsx"
    reply_service.export_reply_workbook(consolidation.consolidate([tmp_path / "in"], Q3, province_code=HAI_PHONG), out)
    ws = openpyxl.load_workbook(out)[replies.SHEET]
    title_col = replies.COLUMNS.index(replies.BY_KEY["title"]) + 1
    heights = {ws.cell(r, title_col).value[:12]: ws.row_dimensions[r].height
               for r in range(replies.FIRST_ROW, ws.max_row + 1)}
    # The identifier wraps in its column, so even a short title's row holds two lines; the long one, more
    assert heights["Thiếu công c"] >= 2 * 11 * 1.4 and heights["Trụ sở làm v"] >= 5 * 11 * 1.4
    assert ws.row_dimensions[replies.HEADER_ROW].height >= 2 * 11 * 1.4
