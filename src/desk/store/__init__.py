"""The local SQLite store: tables, engine, sessions and migrations. No Qt."""
