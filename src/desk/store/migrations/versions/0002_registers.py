"""Registers of officials, staffing frames, movements, field visits, initiatives.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28

Written out column by column (not generated from the field declarations): a migration is a
frozen record of the schema at its revision; later edits of the declarations need a new one.
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

from desk.store.dialect import add_rowid

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

STR = sqlmodel.sql.sqltypes.AutoString


def _record_columns() -> list[sa.Column]:
    return [
        sa.Column("id", STR(length=36), primary_key=True),
        sa.Column("unit_code", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("voided", sa.Boolean(), nullable=False),
        sa.Column("void_reason", STR(), nullable=True),
        sa.Column("voided_at", sa.DateTime(), nullable=True),
        sa.Column("search_key", STR(), nullable=False),
    ]


def _text(name: str) -> sa.Column:
    return sa.Column(name, STR(), nullable=True)


def _date(name: str) -> sa.Column:
    return sa.Column(name, sa.Date(), nullable=True)


def _int(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=True)


def _indexes(table: str, columns: tuple[str, ...]) -> None:
    add_rowid(op, table)
    for column in ("unit_code", "voided", *columns):
        op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    op.create_table(
        "official",
        *_record_columns(),
        _text("full_name"), _date("birth_date"), _text("gender"), _text("staff_category"), _text("office"),
        _text("title"), _text("job_position"), _text("training_field"), _text("training_level"),
        sa.Column("training_matches", sa.Boolean(), nullable=False),
        _date("start_date"), _text("status"), _date("left_on"), _text("citizen_id"), _text("phone"),
        _text("former_unit"), _text("note"),
    )
    _indexes("official", ("office", "status", "full_name"))

    op.create_table(
        "staffing_frame",
        *_record_columns(),
        _text("office"), _text("job_position"), _int("authorised"), _date("effective_date"), _text("decision"),
        _text("note"),
    )
    _indexes("staffing_frame", ("effective_date",))

    op.create_table(
        "movement",
        *_record_columns(),
        _text("kind"), _text("direction"), _text("official_id"), _text("person_name"), _text("person_position"),
        _text("home_body"), _text("host_body"), _text("host_office"), _text("decision_number"),
        _date("decision_date"), _text("decision_signer"), _date("start_date"), _date("planned_end"),
        _date("actual_end"), _text("purpose"), _text("paid_by"), _text("evaluation"), _text("return_placement"),
        sa.ForeignKeyConstraint(["official_id"], ["official.id"]),
    )
    _indexes("movement", ("kind", "start_date", "official_id"))

    op.create_table(
        "visit",
        *_record_columns(),
        _date("start_date"), _date("end_date"), _text("kind"), _text("team_body"), _text("team_lead"),
        _text("members"), _text("basis"), _text("places"), _text("content"), _text("findings"),
    )
    _indexes("visit", ("start_date",))

    op.create_table(
        "initiative",
        *_record_columns(),
        _text("name"), _date("start_date"), _date("end_date"), _text("lead_office"), _text("channels"),
        _text("description"), _text("participants"), _int("people_served"), _int("dossiers_handled"),
        _text("results"), _text("status"),
    )
    _indexes("initiative", ("status", "start_date"))

    # The obstacle keeps the visit it was found during. SQLite cannot add a foreign key to an
    # existing table: batch mode rebuilds the table with its rows.
    with op.batch_alter_table("obstacle") as batch:
        batch.add_column(sa.Column("visit_id", STR(), nullable=True))
        batch.create_foreign_key("fk_obstacle_visit_id_visit", "visit", ["visit_id"], ["id"])
        batch.create_index("ix_obstacle_visit_id", ["visit_id"])


def downgrade() -> None:
    with op.batch_alter_table("obstacle") as batch:
        batch.drop_index("ix_obstacle_visit_id")
        batch.drop_constraint("fk_obstacle_visit_id_visit", type_="foreignkey")
        batch.drop_column("visit_id")
    for table in ("initiative", "visit", "movement", "staffing_frame", "official"):
        op.drop_table(table)
