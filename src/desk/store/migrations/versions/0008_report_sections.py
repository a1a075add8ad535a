"""What real commune reports carry: obstacles' cause, impact and the body asked; procedure figures; staffing needs; report texts.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

Written out column by column: a migration is a frozen record of the schema at its revision.
Obstacles gain the cause and legal basis, the impact (with an optional count) and the body asked
to resolve them (an editable list, "body", seeded here). Two registers: the public-service point's
administrative-procedure figures and the staffing needs by profession. The periodic report's
narrative sections are kept per period (report_text). Two settings change shape: the due rule
("2;01/01/2026,...") becomes reporting.working_days and reporting.holidays, and the signer's
free-text authority and title become report.signing (chair or deputy) and report.collective.
"""
from datetime import date

from alembic import op
import sqlalchemy as sa
import sqlmodel

from desk.store.dialect import add_rowid

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

STR = sqlmodel.sql.sqltypes.AutoString

# The "body" list as at this revision (domain.registers.obstacles.DEFAULT_BODIES may change later).
BODIES = (
    ("SNV", "Sở Nội vụ", "Department of Home Affairs"),
    ("STC", "Sở Tài chính", "Department of Finance"),
    ("SNNMT", "Sở Nông nghiệp và Môi trường", "Department of Agriculture and Environment"),
    ("SXD", "Sở Xây dựng", "Department of Construction"),
    ("STP", "Sở Tư pháp", "Department of Justice"),
    ("SKHCN", "Sở Khoa học và Công nghệ", "Department of Science and Technology"),
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "Department of Culture, Sports and Tourism"),
    ("UBND_TINH", "Ủy ban nhân dân tỉnh, thành phố", "Provincial People's Committee"),
    ("BNV", "Bộ Nội vụ", "Ministry of Home Affairs"),
    ("BTC", "Bộ Tài chính", "Ministry of Finance"),
    ("BNNMT", "Bộ Nông nghiệp và Môi trường", "Ministry of Agriculture and Environment"),
    ("BTP", "Bộ Tư pháp", "Ministry of Justice"),
    ("BXD", "Bộ Xây dựng", "Ministry of Construction"),
    ("BKHCN", "Bộ Khoa học và Công nghệ", "Ministry of Science and Technology"),
    ("VPCP", "Văn phòng Chính phủ", "Government Office"),
    ("OTHER", "Cơ quan khác", "Other body"),
)


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
        sa.Column("title_sort", STR(), nullable=True),
        sa.Column("title_fold", STR(), nullable=True),
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
    # Added in place (no batch rebuild): the table keeps its triggers and the rows that refer to it.
    for column in (_text("cause"), _text("impact"), _int("impact_count"), _text("requested_body")):
        op.add_column("obstacle", column)
    op.create_index("ix_obstacle_requested_body", "obstacle", ["requested_body"])
    items = sa.table("choice_item", sa.column("list_name", sa.String), sa.column("code", sa.String),
                     sa.column("vi", sa.String), sa.column("en", sa.String), sa.column("position", sa.Integer),
                     sa.column("active", sa.Boolean))
    op.bulk_insert(items, [{"list_name": "body", "code": code, "vi": vi, "en": en, "position": i, "active": True}
                           for i, (code, vi, en) in enumerate(BODIES)])

    op.create_table(
        "procedure_figures",
        *_record_columns(),
        _text("point"), _date("from_date"), _date("to_date"),
        *(_int(n) for n in ("carried_over", "received_in_person", "received_online", "fully_online",
                            "resolved_early", "resolved_on_time", "resolved_late", "pending", "digitised",
                            "rated", "satisfied")),
        _text("note"),
    )
    _indexes("procedure_figures", ("to_date",))

    op.create_table(
        "staffing_need",
        *_record_columns(),
        _text("profession"), _text("office"), _text("job_position"), _date("as_of"), _int("needed"),
        _int("present"), _text("solutions"), _text("note"),
    )
    _indexes("staffing_need", ("profession", "as_of"))

    op.create_table(
        "report_text",
        sa.Column("unit_code", sa.Integer(), primary_key=True),
        sa.Column("period_code", STR(length=40), primary_key=True),
        sa.Column("section", STR(length=40), primary_key=True),
        sa.Column("text", STR(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", STR(), nullable=False),
    )
    _settings_reshaped()


def _settings_reshaped() -> None:
    conn = op.get_bind()
    stored = dict(conn.exec_driver_sql("SELECT key, value FROM setting WHERE key IN "
                                       "('reporting.due_rule', 'report.signer_authority', 'report.signer_title')").all())
    new: dict[str, str] = {}
    rule = (stored.get("reporting.due_rule") or "").strip()
    if rule:
        days, _, holidays = rule.partition(";")
        new["reporting.working_days"] = days.strip()
        found = []
        for part in holidays.replace("\n", ",").split(","):
            try:
                d, m, y = (int(x) for x in part.strip().split("/"))
                found.append(date(y, m, d).isoformat())
            except ValueError:
                continue        # a damaged entry: the setting's default (none) is what the screen shows
        new["reporting.holidays"] = ",".join(sorted(found))
    title = (stored.get("report.signer_title") or "").strip().upper()
    if title:
        new["report.signing"] = "deputy" if title.startswith("PHÓ") or title.startswith("KT") else "chair"
    authority = (stored.get("report.signer_authority") or "").strip()
    if authority:
        new["report.collective"] = authority[3:].strip().capitalize() if authority.upper().startswith("TM.") else ""
    for key, value in new.items():
        conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES (?, ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))


def downgrade() -> None:
    op.drop_table("report_text")
    op.drop_table("staffing_need")
    op.drop_table("procedure_figures")
    op.execute("DELETE FROM choice_item WHERE list_name = 'body'")
    op.drop_index("ix_obstacle_requested_body", "obstacle")
    with op.batch_alter_table("obstacle") as batch:
        for column in ("requested_body", "impact_count", "impact", "cause"):
            batch.drop_column(column)
