"""On a server, the role Desk signs in with may only add to the audit trail: its UPDATE, DELETE and TRUNCATE rights are revoked.

Revision ID: 0013q
Revises: 0013p
Create Date: 2026-12-03

- Triggers already refuse rewriting the trail (0003, 0006) on both engines; on PostgreSQL the role's
  own rights now refuse it as well, before any trigger runs ("permission denied"), so a trigger
  dropped by hand does not open the trail. The role is the one that migrates (the database's owner
  in the README's set-up): an owner keeps its rights to ALTER the table, and could GRANT the rights
  back to itself; what it cannot do any more is rewrite the trail by an ordinary statement.
- A superuser is never refused (PostgreSQL does not check its rights): the role Desk signs in with
  must not be one.
- SQLite has no roles: untouched.
"""
from alembic import op

from desk.store.dialect import is_sqlite

revision = "0013q"
down_revision = "0013p"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if is_sqlite(op.get_bind()):
        return
    op.execute("REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC, CURRENT_USER")


def downgrade() -> None:
    raise NotImplementedError("restore the before-migration backup")
