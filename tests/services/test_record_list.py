"""The register list (services.record_list): the same records as records.query, in the order a clerk
expects (exact matches first, then the column's Vietnamese order), kept right as the data changes."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from tests.conftest import NGO_QUYEN
from tests.services.registers_helpers import obstacle, official, save

from desk.domain.conditions import Col
from desk.domain.registers import obstacles
from desk.domain.registers.movements import REGISTER as MOVEMENTS
from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.registers.officials import REGISTER as OFFICIALS
from desk.domain.sort_keys import name_sort_text, vi_sort_text
from desk.domain.text import match_rank, name_sort_key, vi_sort_key
from desk.services import record_list, records
from desk.services.record_list import MemoryList, SqlList
from desk.services.records import RecordQuery

TODAY = date(2025, 12, 1)


def listed(workspace, reg=OBSTACLES, sort=None, **query) -> SqlList:
    lst = SqlList(workspace.session, reg, NGO_QUYEN)
    if sort:
        lst.sort(*sort)
    lst.show(RecordQuery(unit_code=NGO_QUYEN, today=TODAY, **query))
    return lst


def column(lst, name: str = "title") -> list:
    return [lst.record(i)[name] for i in range(len(lst))]


@pytest.fixture
def register(workspace):
    """Obstacles with different dates, domains, statuses and texts; one voided."""
    obstacle(workspace, title="Đường vào trụ sở hỏng", raised_on="01/08/2025", domain="PREMISES")
    obstacle(workspace, title="Dương Văn An đề nghị cấp máy tính", raised_on="20/09/2025", deadline="30/09/2025")
    obstacle(workspace, title="Thiếu xe công vụ", raised_on="05/09/2025", proposal="Đề nghị hỗ trợ đường truyền",
             domain="VEHICLES_EQUIPMENT")
    obstacle(workspace, title="Anh em tổ dân phố phản ánh", raised_on="05/09/2025", status="resolved",
             result="Đã xong", resolved_on="10/09/2025")
    obstacle(workspace, title="Vì sao chậm? – hỏi lại", raised_on="03/09/2025")
    voided = obstacle(workspace, title="Nhập trùng đường", raised_on="02/09/2025")
    with workspace.session() as session:
        records.void(session, OBSTACLES, voided, "Nhập trùng")
    return workspace


QUERIES = [
    {}, {"search": "duong"}, {"search": "đường"}, {"search": "DUONG vao"}, {"search": "de nghi"},
    {"include_voided": True, "search": "duong"}, {"equals": {"domain": frozenset({"PREMISES", "PERSONNEL"})}},
    {"date_from": date(2025, 9, 1), "date_to": date(2025, 9, 30)}, {"search": "khong co dau"},
    # Words the ASCII forms cannot answer: a "?", a non-ASCII character left by folding, capitals
    {"search": "sao?"}, {"search": "chậm? –"}, {"search": "ĐƯỜNG"}, {"search": "?"},
]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("sort", [("raised_on", True), ("title", False), ("domain", False), ("proposal", True)])
def test_the_list_shows_what_the_query_finds_ranked_then_in_the_column_order(register, query, sort):
    # Given the register sorted by a column, and the same records read by records.query
    with register.session() as session:
        found = records.query(session, OBSTACLES, RecordQuery(unit_code=NGO_QUYEN, **query))
        labels = records.choice_labels(session, OBSTACLES, unit_code=NGO_QUYEN)
    # When the list shows the query
    lst = listed(register, sort=sort, **query)
    # Then it holds the same records, exact-diacritic title matches first, then title matches, then
    # the rest, each group in the column's order, and each row is the record query() gives
    by_id = {r["id"]: r for r in found}
    ordered = record_list.python_order(OBSTACLES.spec[sort[0]], labels, sort[1],
                                       [(r["id"], r[sort[0]]) for r in sorted(found, key=lambda r: r["created_at"])])
    if query.get("search"):
        ordered.sort(key=lambda i: match_rank(query["search"], by_id[i]["title"]))
    assert column(lst, "id") == ordered
    assert [lst.record(i) for i in range(len(lst))] == [by_id[i] for i in ordered]


def test_an_exact_match_comes_first_even_when_the_dates_say_otherwise(register):
    # Given the list newest first
    lst = listed(register, sort=("raised_on", True), search="đường")
    # Then the older "Đường" comes before the newer "Dương", and a match in the proposal comes last
    assert column(lst) == ["Đường vào trụ sở hỏng", "Dương Văn An đề nghị cấp máy tính", "Thiếu xe công vụ"]


def test_titles_sort_in_vietnamese_order_from_the_key_saved_with_them(workspace):
    for title in ("Yến", "Đức", "Dũng", "Anh", "Ân"):
        obstacle(workspace, title=title)
    with workspace.session() as session:
        stored = session.execute(text("SELECT title, title_sort, title_fold, title_casefold FROM obstacle")).all()
    assert all(key == vi_sort_text(title) for title, key, _, _ in stored)
    assert {title: folded for title, _, folded, _ in stored}["Đức"] == " duc"
    assert {title: exact for title, _, _, exact in stored}["Đức"] == " đức"
    assert column(listed(workspace, sort=("title", False))) == ["Anh", "Ân", "Dũng", "Đức", "Yến"]
    assert column(listed(workspace, sort=("title", True))) == ["Yến", "Đức", "Dũng", "Ân", "Anh"]


def test_people_sort_by_given_name(workspace):
    for name in ("Trần Thị Bình", "Lê Văn An", "Nguyễn Anh"):
        official(workspace, name=name)
    with workspace.session() as session:
        keys = dict(session.execute(text("SELECT full_name, title_sort FROM official")).all())
    assert keys == {name: name_sort_text(name) for name in keys}
    shown = column(listed(workspace, OFFICIALS, sort=("full_name", False)), "full_name")
    assert shown == sorted(keys, key=name_sort_key) == ["Lê Văn An", "Nguyễn Anh", "Trần Thị Bình"]


@pytest.mark.parametrize("descending", [False, True])
def test_officials_sort_by_their_title_not_by_their_name(workspace, descending):
    # Given officials whose titles read in another order than their names (the title's field is named
    # "title", while the register's title, whose key is title_sort, is the name)
    for name, title in (("Lê Văn An", "staff"), ("Nguyễn Anh", "chair"), ("Trần Thị Bình", "vice_chair")):
        official(workspace, name=name, title=title, office="leadership" if title != "staff" else "economy")
    # When the clerk sorts the list by «Chức vụ»
    shown = column(listed(workspace, OFFICIALS, sort=("title", descending)), "full_name")
    # Then the rows follow the titles' labels: Chủ tịch, Chuyên viên..., Phó Chủ tịch
    expected = ["Nguyễn Anh", "Lê Văn An", "Trần Thị Bình"]
    assert shown == (expected[::-1] if descending else expected)


def test_rows_written_without_the_stored_key_still_sort_and_rank_right(workspace):
    # Given records whose derived columns were not written (a tool writing around records.save)
    for title in ("Yến", "Đức", "Dũng", "Anh", "Ân", "Đường"):
        obstacle(workspace, title=title)
    with workspace.session() as session:
        session.execute(text("UPDATE obstacle SET title_sort = NULL, title_fold = NULL, title_casefold = NULL"))
    # Then the list still sorts them in Vietnamese and ranks the matches in the title
    assert column(listed(workspace, sort=("title", False))) == ["Anh", "Ân", "Dũng", "Đức", "Đường", "Yến"]
    assert column(listed(workspace, sort=("title", True), search="đ")) == ["Đường", "Đức", "Dũng"]


@pytest.mark.parametrize("search, expected", [("đ", ["Đường", "Đức", "Dương", "Dũng"]),
                                              ("ĐƯỜNG", ["Đường", "Dương"]), ("duong", ["Đường", "Dương"])])
def test_matches_rank_alike_whether_their_exact_form_was_saved_or_not(workspace, search, expected):
    # Given titles saved by the form, and some written by a tool that left their derived columns empty
    for title in ("Yến", "Đức", "Dũng", "Anh", "Đường", "Dương"):
        obstacle(workspace, title=title)
    with workspace.session() as session:
        session.execute(text("UPDATE obstacle SET title_fold = NULL WHERE title IN ('Đức', 'Anh')"))
        session.execute(text("UPDATE obstacle SET title_casefold = NULL WHERE title IN ('Đường', 'Dũng')"))
    # When the clerk searches, with or without accents and capitals
    # Then the exact matches in the title come first, mixed rows or not, then the folded ones
    assert column(listed(workspace, sort=("title", True), search=search)) == expected


@pytest.mark.parametrize("unkeyed", [False, True])
def test_a_long_text_column_sorts_in_vietnamese_order_from_its_saved_key_or_without_it(workspace, unkeyed):
    # Given obstacles whose proposals differ by letter, tone and case, one without a proposal
    proposals = ["Đề nghị hỗ trợ", "Dề nghị", "đề nghị cấp xe", "Anh em đề xuất", "Ân cần", None]
    for i, proposal in enumerate(proposals):
        obstacle(workspace, title=f"o{i}", proposal=proposal or "")
    with workspace.session() as session:
        keys = dict(session.execute(text("SELECT proposal, proposal_sort FROM obstacle")).all())
        if unkeyed:     # written around records.save: the list sorts them itself
            session.execute(text("UPDATE obstacle SET proposal_sort = NULL"))
    assert keys == {p: vi_sort_text(p) for p in keys}
    # Then the list orders them as Vietnamese collation does, the other way round when clicked again
    expected = [p or None for p in sorted(proposals, key=lambda p: vi_sort_key(p or ""))]
    assert column(listed(workspace, sort=("proposal", False)), "proposal") == expected
    assert column(listed(workspace, sort=("proposal", True)), "proposal") == expected[::-1]


def test_choices_sort_by_their_labels_and_empty_dates_stay_last(workspace):
    obstacle(workspace, title="a", status="received", deadline="")
    obstacle(workspace, title="b", status="referred", deadline="30/09/2025")
    obstacle(workspace, title="c", status="in_progress", deadline="15/09/2025")
    # Statuses in the Vietnamese order of their labels (not of their codes)
    labels = sorted(["Mới tiếp nhận", "Đã báo cáo, kiến nghị cấp trên", "Đang xử lý"], key=vi_sort_key)
    by_status = listed(workspace, sort=("status", False))
    assert [records_label(by_status, i) for i in range(3)] == labels
    assert column(listed(workspace, sort=("deadline", False))) == ["c", "b", "a"]
    assert column(listed(workspace, sort=("deadline", True))) == ["b", "c", "a"]


@pytest.mark.parametrize("descending", [False, True])
def test_a_choice_column_sorts_by_its_vietnamese_labels_as_a_clerk_reads_them(workspace, descending):
    # Given obstacles at each level, entered in neither the labels' order nor the codes'
    for title, level in (("a", "commune"), ("b", "central"), ("c", "province"), ("d", "commune")):
        obstacle(workspace, title=title, level=level)
    # When the list is sorted by the competent level
    lst = listed(workspace, sort=("level", descending))
    # Then the levels read in Vietnamese order, equal ones as they were entered; the exact reverse downwards
    expected = [("Cấp tỉnh", "c"), ("Cấp xã", "a"), ("Cấp xã", "d"), ("Trung ương", "b")]
    assert shown_levels(lst) == (expected[::-1] if descending else expected)


@pytest.mark.parametrize("descending", [False, True])
def test_a_code_its_list_lacks_sorts_by_the_text_shown_for_it(workspace, descending):
    # Given levels written around the form (an older file's code, an empty cell) among listed ones
    for title, level in (("a", "commune"), ("b", "central"), ("c", "province"), ("d", "commune"), ("e", "commune")):
        obstacle(workspace, title=title, level=level)
    with workspace.session() as session:
        session.execute(text("UPDATE obstacle SET level = 'Cấp huyện' WHERE title = 'd'"))
        session.execute(text("UPDATE obstacle SET level = NULL WHERE title = 'e'"))
    # Then the list shows the code itself, and sorts it as that text among the labels, the empty cell first
    expected = [("", "e"), ("Cấp huyện", "d"), ("Cấp tỉnh", "c"), ("Cấp xã", "a"), ("Trung ương", "b")]
    assert shown_levels(listed(workspace, sort=("level", descending))) == (expected[::-1] if descending else expected)


def shown_levels(lst) -> list[tuple[str, str]]:
    spec = OBSTACLES.spec["level"]
    return [(spec.codec.display(spec, lst.record(i)["level"], lst.labels), lst.record(i)["title"])
            for i in range(len(lst))]


def records_label(lst, position: int) -> str:
    return lst.labels["status"][lst.record(position)["status"]]


def test_typing_on_and_deleting_show_what_a_fresh_search_shows(register):
    typed = ["d", "du", "duo", "duon", "duong", "duong ", "duong v", "duong va", "duong v", "duon", "d", "đ", "đư", ""]
    lst = listed(register, sort=("raised_on", True))
    for search in typed:
        lst.show(RecordQuery(unit_code=NGO_QUYEN, today=TODAY, search=search))
        assert column(lst, "id") == column(listed(register, sort=("raised_on", True), search=search), "id"), search


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet="dDđĐuưoơôngvàa ", max_size=7), min_size=1, max_size=8))
def test_any_run_of_searches_shows_what_fresh_searches_show(register, searches):
    lst = listed(register, sort=("title", False))
    for search in searches:
        lst.show(RecordQuery(unit_code=NGO_QUYEN, today=TODAY, search=search))
        assert column(lst, "id") == column(listed(register, sort=("title", False), search=search), "id"), search


def test_a_record_saved_meanwhile_shows_at_the_next_search(workspace):
    obstacle(workspace, title="Thiếu máy tính")
    lst = listed(workspace, search="may")
    assert column(lst) == ["Thiếu máy tính"]
    # When another screen saves a record (no reload asked)
    obstacle(workspace, title="Máy in hỏng", raised_on="06/09/2025")
    lst.show(RecordQuery(unit_code=NGO_QUYEN, today=TODAY, search="may"))
    # Then it is listed
    assert sorted(column(lst)) == ["Máy in hỏng", "Thiếu máy tính"]


def test_the_registers_flag_counts_and_narrows_as_its_python_rule_says(register):
    # Given the obstacles' declared flag (overdue), which the list selects in SQL
    lst = listed(register)
    with register.session() as session:
        everything = records.query(session, OBSTACLES, RecordQuery(unit_code=NGO_QUYEN))
    expected = {r["title"] for r in everything if obstacles.OVERDUE.holds(r, {"today": TODAY})}
    assert expected == {"Dương Văn An đề nghị cấp máy tính"}
    # Then the list counts the rows the Python rule flags, and shows only them when asked
    assert lst.flagged_count() == 1
    lst.show(RecordQuery(unit_code=NGO_QUYEN, today=TODAY), only_flagged=True)
    assert set(column(lst)) == expected
    lst.show(RecordQuery(unit_code=NGO_QUYEN, today=TODAY, search="duong"), only_flagged=True)
    assert column(lst) == ["Dương Văn An đề nghị cấp máy tính"]
    # And on an earlier day, before the deadline, nothing is overdue
    lst.show(RecordQuery(unit_code=NGO_QUYEN, today=date(2025, 9, 25)))
    assert lst.flagged_count() == 0


def test_a_selection_made_elsewhere_narrows_the_list(register):
    lst = listed(register)
    lst.show(RecordQuery(unit_code=NGO_QUYEN, today=TODAY, where=(Col("domain").equals("PREMISES"),)))
    assert column(lst) == ["Đường vào trụ sở hỏng"]
    assert lst.position_of(column(lst, "id")[0]) == 0


def test_a_click_through_open_on_a_day_lists_what_was_open_then(register):
    # "Anh em ..." was resolved on 10/09/2025: open on the 9th, not on the 10th
    def open_titles(day):
        lst = listed(register)
        lst.show(RecordQuery(unit_code=NGO_QUYEN, today=TODAY, where=(obstacles.open_on(day),)))
        return set(column(lst))

    assert "Anh em tổ dân phố phản ánh" in open_titles(date(2025, 9, 9))
    assert "Anh em tổ dân phố phản ánh" not in open_titles(date(2025, 9, 10))
    assert "Dương Văn An đề nghị cấp máy tính" not in open_titles(date(2025, 9, 19))     # raised on the 20th


def test_registers_with_computed_columns_are_listed_in_memory(workspace):
    assert isinstance(record_list.for_register(workspace.session, MOVEMENTS, NGO_QUYEN), MemoryList)
    assert isinstance(record_list.for_register(workspace.session, OBSTACLES, NGO_QUYEN), SqlList)
    person = official(workspace, name="Đỗ Văn Hùng")
    save(workspace, MOVEMENTS, kind="secondment", direction="out", start_date="01/09/2025", official_id=person)
    lst = record_list.for_register(workspace.session, MOVEMENTS, NGO_QUYEN)
    lst.show(RecordQuery(unit_code=NGO_QUYEN, today=TODAY, search="hung"))
    assert [lst.record(0)["person"]] == ["Đỗ Văn Hùng"]


@pytest.mark.parametrize("name", ["title", "proposal", "domain", "deadline"])
def test_a_second_click_on_a_header_shows_the_exact_reverse(register, name):
    lst = listed(register, sort=(name, False))
    ascending = column(lst, "id")
    lst.sort(name, True)
    assert column(lst, "id") == column(listed(register, sort=(name, True)), "id")
    if name != "deadline":          # empty deadlines stay last both ways
        assert column(lst, "id") == ascending[::-1]
    lst.show(RecordQuery(unit_code=NGO_QUYEN, today=TODAY, search="duong"))
    assert column(lst, "id") == column(listed(register, sort=(name, True), search="duong"), "id")


@pytest.mark.parametrize("query", [q for q in QUERIES if q.get("search")])
def test_a_search_typed_after_the_list_opened_finds_what_a_search_read_at_once_finds(register, query):
    # Given one list opened without a search (its search texts read in the background) and one that
    # reads them only when searched
    prepared = listed(register, **{k: v for k, v in query.items() if k != "search"})
    at_once = SqlList(register.session, OBSTACLES, NGO_QUYEN, prepare_search=False)
    # When the clerk types the search in both
    for lst in (prepared, at_once):
        lst.show(RecordQuery(unit_code=NGO_QUYEN, today=TODAY, **query))
    # Then both show the same rows in the same order
    assert column(prepared, "id") == column(at_once, "id")


def test_a_row_selected_before_a_search_keeps_its_place_among_the_matches(register):
    # Given a search that finds several rows, ranked
    lst = listed(register, search="duong")
    ids = column(lst, "id")
    # Then each row's place is found, and a row the search left out has none
    assert [lst.position_of(record_id) for record_id in ids] == list(range(len(ids)))
    other = listed(register, search="xe cong vu")
    assert other.position_of(ids[0]) == -1


@pytest.mark.parametrize("sort", [("title", False), ("proposal", True), ("raised_on", False)])
def test_a_search_after_sorting_again_finds_the_same_rows_in_the_new_order(register, sort):
    # Given a list searched once (its texts read), then sorted by another column
    lst = listed(register, search="de nghi")
    lst.sort(*sort)
    lst.show(RecordQuery(unit_code=NGO_QUYEN, today=TODAY, search="duong"))
    # Then it shows what a list sorted so from the start shows
    fresh = SqlList(register.session, OBSTACLES, NGO_QUYEN, prepare_search=False)
    fresh.sort(*sort)
    fresh.show(RecordQuery(unit_code=NGO_QUYEN, today=TODAY, search="duong"))
    assert column(lst, "id") == column(fresh, "id")


def test_search_texts_read_in_the_background_wait_while_the_window_reads(register, monkeypatch):
    # Given a list whose search texts are read on a thread of their own as soon as it is shown, a row at a time
    import threading
    import time

    from desk.services import foreground
    from desk.services.record_list import sql

    monkeypatch.setattr(sql, "_PREPARE_AFTER", 0)
    monkeypatch.setattr(sql, "_TEXT_CHUNK", 1)
    background: list[str] = []
    executing = SqlList._execute

    def execute(self, *args):
        if threading.current_thread() is not threading.main_thread():
            background.append(threading.current_thread().name)
        return executing(self, *args)
    monkeypatch.setattr(SqlList, "_execute", execute)
    # When it is shown while the window reads something else (another screen being built)
    with foreground.reading():
        lst = listed(register)
        time.sleep(0.3)
        # Then nothing is read in the background meanwhile
        assert background == [] and foreground.busy()
    assert not foreground.busy()
    # and once the window is done, the texts are read there, and a search finds what one read at once finds
    lst.show(RecordQuery(unit_code=NGO_QUYEN, today=TODAY, search="duong"))
    assert background != []
    at_once = SqlList(register.session, OBSTACLES, NGO_QUYEN, prepare_search=False)
    at_once.show(RecordQuery(unit_code=NGO_QUYEN, today=TODAY, search="duong"))
    assert column(lst, "id") == column(at_once, "id") != []
