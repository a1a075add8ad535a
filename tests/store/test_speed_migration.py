"""Migration 0005: records of an older database gain their title's collation key and fold, as save() writes them."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from desk import paths
from desk.domain.sort_keys import name_sort_text, vi_sort_text
from desk.store.db import make_engine
from desk.store.migrate import alembic_config, upgrade_to_head


def test_older_records_get_the_keys_the_register_sorts_and_ranks_by(data_dir):
    # Given a database at revision 0004 with obstacles and officials written before the keys existed
    engine = make_engine(paths.database_path(data_dir))
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
    common = "unit_code, created_at, updated_at, voided, search_key"
    values = "11341, '2025-09-05 08:00:00', '2025-09-05 08:00:00', 0, ''"
    with engine.begin() as connection:
        for i, title in enumerate(("Đường vào trụ sở", "Yến", None)):
            connection.execute(text(f"INSERT INTO obstacle (id, {common}, title) VALUES (:id, {values}, :title)"),
                               {"id": f"o{i}", "title": title})
        connection.execute(text(f"INSERT INTO official (id, {common}, training_matches, full_name) "
                                f"VALUES ('p1', {values}, 0, 'Nguyễn Văn An')"))
    # When Desk opens it
    upgrade_to_head(engine)
    # Then each has the key and fold records.save would give it (people: given name first)
    with engine.connect() as connection:
        obstacles = connection.execute(text("SELECT title, title_sort, title_fold FROM obstacle ORDER BY id")).all()
        person = connection.execute(text("SELECT title_sort, title_fold FROM official")).one()
    assert obstacles == [("Đường vào trụ sở", vi_sort_text("Đường vào trụ sở"), " duong vao tru so"),
                         ("Yến", vi_sort_text("Yến"), " yen"), (None, vi_sort_text(""), " ")]
    assert person == (name_sort_text("Nguyễn Văn An"), " nguyen van an")
    engine.dispose()


def test_older_records_get_a_key_for_every_text_column_the_list_sorts(data_dir):
    # Given a database at revision 0007 with an obstacle and an official written before the keys existed
    engine = make_engine(paths.database_path(data_dir))
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0007")
    common = "unit_code, created_at, updated_at, voided, search_key"
    values = "11341, '2025-09-05 08:00:00', '2025-09-05 08:00:00', 0, ''"
    with engine.begin() as connection:
        connection.execute(text(f"INSERT INTO obstacle (id, {common}, title, proposal, result) "
                                f"VALUES ('o1', {values}, 'Trụ sở', 'Đề nghị sửa', NULL)"))
        connection.execute(text(f"INSERT INTO official (id, {common}, training_matches, full_name, job_position) "
                                f"VALUES ('p1', {values}, 0, 'Nguyễn Văn An', 'Địa chính – xây dựng')"))
    # When Desk opens it
    upgrade_to_head(engine)
    # Then each text column the list sorts has the key records.save would give it
    with engine.connect() as connection:
        obstacle = connection.execute(text("SELECT proposal_sort, result_sort, guide_doc_sort FROM obstacle")).one()
        person = connection.execute(text("SELECT job_position_sort, phone_sort FROM official")).one()
    assert obstacle == (vi_sort_text("Đề nghị sửa"), vi_sort_text(None), vi_sort_text(None))
    assert person == (vi_sort_text("Địa chính – xây dựng"), vi_sort_text(None))
    engine.dispose()
