"""Initial schema: settings, choice lists (seeded with obstacle domains), the obstacle register.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel

from desk.store.dialect import add_rowid

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Frozen copy of the seed at the time of this revision: later edits of the defaults in code
# must not change what this migration does to an existing database.
SEED_DOMAINS = [
    ("ORG_STRUCTURE", "Tổ chức bộ máy", "Organisational structure"),
    ("PERSONNEL", "Nhân sự (thừa, thiếu, chuyên môn không phù hợp)", "Personnel (surplus, shortage, mismatched training)"),
    ("DEPUTY_COUNT", "Số lượng cấp phó", "Number of deputies"),
    ("PREMISES", "Trụ sở làm việc, tài sản công (nhà, đất)", "Premises and public assets"),
    ("VEHICLES_EQUIPMENT", "Phương tiện, trang thiết bị", "Vehicles and equipment"),
    ("DATA_SYSTEMS", "Hệ thống dữ liệu, phần mềm", "Data systems and software"),
    ("DIGITAL_TRANSFORMATION", "Chuyển đổi số, dịch vụ công trực tuyến", "Digital transformation, online public services"),
    ("ACCOUNTING", "Cơ cấu kế toán, tài khoản kho bạc", "Accounting, treasury accounts"),
    ("DOCUMENT_ISSUANCE", "Quy trình ban hành văn bản", "Issuing documents"),
    ("DECENTRALIZATION", "Phân cấp, phân quyền, thẩm quyền", "Decentralisation and competence"),
    ("LEGAL", "Vướng mắc pháp lý khác", "Other legal obstacles"),
    ("OTHER", "Khác", "Other"),
]

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


def upgrade() -> None:
    op.create_table(
        "setting",
        sa.Column("key", STR(length=100), primary_key=True),
        sa.Column("value", STR(), nullable=False),
    )
    choice = op.create_table(
        "choice_item",
        sa.Column("list_name", STR(length=40), primary_key=True),
        sa.Column("code", STR(length=60), primary_key=True),
        sa.Column("vi", STR(), nullable=False),
        sa.Column("en", STR(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
    )
    op.bulk_insert(choice, [
        {"list_name": "domain", "code": code, "vi": vi, "en": en, "position": i, "active": True}
        for i, (code, vi, en) in enumerate(SEED_DOMAINS)
    ])
    op.create_table(
        "obstacle",
        *_record_columns(),
        sa.Column("domain", STR(), nullable=True),
        sa.Column("title", STR(), nullable=True),
        sa.Column("description", STR(), nullable=True),
        sa.Column("proposal", STR(), nullable=True),
        sa.Column("level", STR(), nullable=True),
        sa.Column("source", STR(), nullable=True),
        sa.Column("raised_on", sa.Date(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("status", STR(), nullable=True),
        sa.Column("result", STR(), nullable=True),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.Column("guide_doc", STR(), nullable=True),
        sa.Column("former_unit", STR(), nullable=True),
    )
    add_rowid(op, "obstacle")
    for column in ("unit_code", "voided", "status", "domain", "raised_on", "deadline"):
        op.create_index(f"ix_obstacle_{column}", "obstacle", [column])


def downgrade() -> None:
    op.drop_table("obstacle")
    op.drop_table("choice_item")
    op.drop_table("setting")
