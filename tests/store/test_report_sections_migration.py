"""Migration 0008: obstacles gain cause, impact and body asked; new registers and report texts; settings reshaped."""

from __future__ import annotations

from datetime import date

from alembic import command
from sqlalchemy import text

from desk import paths
from desk.services import choice_lists, report_settings, reporting
from desk.services.workspace import open_workspace
from desk.store.db import make_engine
from desk.store.migrate import alembic_config, upgrade_to_head


def test_an_older_database_keeps_its_records_and_settings_in_their_new_shape(data_dir):
    # Given a database at revision 0005 with an obstacle and the settings as they were stored then
    engine = make_engine(paths.database_path(data_dir))
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0005")
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO obstacle (id, unit_code, created_at, updated_at, voided, search_key, title, domain, level, "
            "raised_on, status) VALUES ('o1', 11341, '2025-09-05 08:00:00', '2025-09-05 08:00:00', 0, '', "
            "'Trụ sở chật', 'PREMISES', 'province', '2025-09-05', 'received')"))
        for key, value in (("office.unit_code", "11341"), ("reporting.due_rule", "3;01/01/2026, 2/9/2025"),
                           ("report.signer_authority", "TM. ỦY BAN NHÂN DÂN"),
                           ("report.signer_title", "PHÓ CHỦ TỊCH"), ("report.signer_name", "Lê Văn Tám")):
            connection.execute(text("INSERT INTO setting (key, value) VALUES (:k, :v)"), {"k": key, "v": value})
    # When Desk opens it
    upgrade_to_head(engine)
    engine.dispose()
    workspace = open_workspace(str(data_dir))
    unit = workspace.require_unit()
    with workspace.session() as session:
        obstacle = session.execute(
            text("SELECT title, cause, impact, impact_count, requested_body FROM obstacle")).one()
        due = reporting.due_dates(session)
        form = report_settings.load(session, unit)
        bodies = [i.vi for i in choice_lists.items(session, "body")]
        tables = {r[0] for r in session.execute(text("SELECT name FROM sqlite_master WHERE type = 'table'"))}
    # Then the obstacle is there, its new columns empty; the due rule and the signer read as before
    assert obstacle == ("Trụ sở chật", None, None, None, None)
    assert (due.working_days, due.holidays) == (3, frozenset({date(2026, 1, 1), date(2025, 9, 2)}))
    assert form.signature == ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    assert form.signer_name == "Lê Văn Tám"
    assert bodies[0] == "Sở Nội vụ" and len(bodies) == 16
    assert {"procedure_figures", "staffing_need", "report_text"} <= tables
    workspace.engine.dispose()
