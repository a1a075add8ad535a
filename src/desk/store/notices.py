"""Other Desks' writes on a shared server as PostgreSQL announces them (LISTEN/NOTIFY): the tables they changed."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sqlalchemy.engine import Engine

# Migration 0013p's triggers notify this channel with the table's name, when the writing transaction commits.
CHANNEL = "desk_changes"
_GATHER_S = 0.05          # notices arriving together (one save touches a record and its state) come as one batch


def connection_options(engine: Engine) -> dict:
    """psycopg's connect() arguments for the engine's server: the same address, password and TLS options."""
    url = engine.url
    options = {"host": url.host, "port": url.port, "user": url.username, "password": url.password,
               "dbname": url.database, "application_name": "Desk (changes)", "connect_timeout": 5}
    options.update({key: value for key, value in url.query.items() if isinstance(value, str)})
    return {key: value for key, value in options.items() if value is not None}


def listen(engine: Engine, stop: Callable[[], bool], *, wait_s: float = 0.5) -> Iterator[frozenset[str]]:
    """The names of the tables others changed, a batch at a time (first an empty one: listening), until
    stop() is true (looked at every wait_s). A connection of its own, outside the engine's pool; a lost
    connection raises psycopg's error."""
    import psycopg

    with psycopg.connect(**connection_options(engine), autocommit=True) as connection:
        connection.execute(f"LISTEN {CHANNEL}")
        yield frozenset()           # listening from now on: nothing committed after this is missed
        while not stop():
            first = [n.payload for n in connection.notifies(timeout=wait_s, stop_after=1)]
            if not first:
                continue
            more = [n.payload for n in connection.notifies(timeout=_GATHER_S)]
            yield frozenset(first + more)
