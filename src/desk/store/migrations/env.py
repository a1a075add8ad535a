"""Alembic environment: runs on the connection Desk hands over, batch mode for SQLite."""

from alembic import context

from desk.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata,
                  render_as_batch=True, transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
