"""Excel reports laid out as Decree 30/2020 documents; no Qt, no database, no services."""
