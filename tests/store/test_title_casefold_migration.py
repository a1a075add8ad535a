"""Migration 0016: an existing register keeps every title's exact search form, and ranks searches as before."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from bench.data import obstacle_rows
from sqlmodel import Session
from tests.conftest import NGO_QUYEN
from tests.store.revisions import engine_at, insert_obstacles

from desk.domain.registers.obstacles import REGISTER as OBSTACLES
from desk.domain.text import exact_search_form, fold, match_rank
from desk.services import records
from desk.services.record_list import SqlList
from desk.store.migrate import upgrade_to_head


@pytest.fixture(params=["sqlite", "postgresql"])
def engine_at_0015(request, tmp_path):
    """An engine on a database at 0015 (the revision before) holding 150 obstacles, one with a capital Đ."""
    engine = engine_at(request, tmp_path, "0015")
    rows = obstacle_rows(150, NGO_QUYEN, seed=12)
    rows[7]["title"] = "ĐƯỜNG LÀNG SẠT LỞ – THÔN 3"
    rows[7]["search_key"] = f'{fold(rows[7]["title"])} {rows[7]["search_key"]}'
    insert_obstacles(engine, rows)
    yield engine
    engine.dispose()


def test_an_upgraded_register_keeps_each_titles_exact_form_and_ranks_searches_by_it(engine_at_0015):
    # Given a register written before the migration
    engine = engine_at_0015
    # When Desk upgrades it
    upgrade_to_head(engine, backup_first=False)
    # Then every title's exact search form is stored beside it (in the word form of 0017)
    with engine.connect() as connection:
        stored = connection.execute(sa.text("SELECT title, title_casefold FROM obstacle")).all()
    assert len(stored) == 150 and all(exact == exact_search_form(title) for title, exact in stored)
    assert " đường làng sạt lở thôn 3" in {exact for _, exact in stored}
    # And a search typed with accents in capitals lists the exact matches in the title first
    listed = SqlList(lambda: Session(engine), OBSTACLES, NGO_QUYEN, prepare_search=False)
    listed.show(records.RecordQuery(unit_code=NGO_QUYEN, search="ĐƯỜNG"))
    ranks = [match_rank("ĐƯỜNG", listed.record(i)["title"]) for i in range(len(listed))]
    assert ranks[0] == 0 and ranks == sorted(ranks)
