"""Migration 0015: an existing register sorts by title as before, read from an index on SQLite."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from bench.data import obstacle_rows
from sqlmodel import Session
from tests.conftest import NGO_QUYEN
from tests.store.revisions import engine_at, insert_obstacles

from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.sort_keys import vi_order
from desk.services import records
from desk.services.record_list import SqlList
from desk.store.migrate import upgrade_to_head


@pytest.fixture(params=["sqlite", "postgresql"])
def engine_at_0014(request, tmp_path):
    """An engine on a database at 0014 (the revision before) holding 150 obstacles."""
    engine = engine_at(request, tmp_path, "0014")
    rows = obstacle_rows(150, NGO_QUYEN, seed=11)
    insert_obstacles(engine, rows)
    yield engine
    engine.dispose()


def test_an_upgraded_register_sorts_by_title_in_vietnamese_order_both_ways(engine_at_0014):
    # Given a register written before the migration
    engine = engine_at_0014
    with engine.connect() as connection:
        titles = dict(connection.execute(sa.text("SELECT id, title FROM obstacle")).all())
    # When Desk upgrades it and the clerk sorts the list by title, then again the other way
    upgrade_to_head(engine, backup_first=False)
    listed = SqlList(lambda: Session(engine), OBSTACLES, NGO_QUYEN, prepare_search=False)
    listed.sort("title", False)
    listed.show(records.RecordQuery(unit_code=NGO_QUYEN))
    ascending = [listed.record(i)["title"] for i in range(len(listed))]
    listed.sort("title", True)
    descending = [listed.record(i)["title"] for i in range(len(listed))]
    # Then the titles come in Vietnamese order (Đ after D), and reversed
    texts = list(titles.values())
    assert ascending == [texts[i] for i in vi_order(texts)]
    assert descending == ascending[::-1]


def test_sorting_by_title_reads_the_index_instead_of_sorting(engine_at_0014):
    # Given a register upgraded by the migration
    engine = engine_at_0014
    upgrade_to_head(engine, backup_first=False)
    if engine.dialect.name != "sqlite":
        # A server sorts by itself, and a long title's key may pass its limit on an index entry: none made
        indexes = {index["name"] for index in sa.inspect(engine).get_indexes("obstacle")}
        assert "ix_obstacle_title_sort" not in indexes
        return
    # When the list's order by title is planned (as record_list.sql asks for it)
    with engine.connect() as connection:
        plan = " ".join(row[-1] for row in connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT rowid FROM obstacle WHERE unit_code = ? AND voided IS 0 "
            "AND title_sort IS NOT NULL ORDER BY title_sort DESC, rowid DESC", (NGO_QUYEN,)))
    # Then SQLite reads the new index in order: no sort of every key
    assert "ix_obstacle_title_sort" in plan and "TEMP B-TREE" not in plan
    # And another column's order keeps to the rows' own index (the title's would read them out of order)
    with engine.connect() as connection:
        plan = " ".join(row[-1] for row in connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT rowid FROM obstacle WHERE unit_code = ? AND voided IS 0 "
            "ORDER BY proposal_sort, rowid", (NGO_QUYEN,)))
    assert "ix_obstacle_title_sort" not in plan
