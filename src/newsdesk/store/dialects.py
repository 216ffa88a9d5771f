"""Everything that differs between databases, in one place.

The store itself speaks portable SQLAlchemy Core. What is specific to one database lives
here and is chosen by ``engine.dialect.name``:

- **SQLite**: the driver's own transaction handling is switched off and SQLAlchemy emits
  ``BEGIN`` itself (the recipe of the SQLAlchemy SQLite docs), so that DDL runs inside the
  migration's transaction and a write transaction can take the write lock up front
  (``BEGIN IMMEDIATE``: two writers queue on the busy timeout instead of failing on a lock
  upgrade). Each connection gets WAL journalling, foreign keys on and a busy timeout.
- **PostgreSQL**: a connect timeout, and an advisory lock that serialises migrations run by
  several processes at once.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.engine import URL

SUPPORTED_BACKENDS = ("sqlite", "postgresql")

#: execution option marking a connection whose transaction will write
WRITE_OPTION = "newsdesk_write"
#: how long a SQLite writer waits for another writer's lock before failing
SQLITE_BUSY_TIMEOUT_MS = 30_000
PG_CONNECT_TIMEOUT_S = 10
#: key of the PostgreSQL advisory lock held while migrating ("news" in ASCII)
PG_MIGRATION_LOCK = 0x6E657773


def engine_kwargs(url: URL) -> dict[str, Any]:
    """Extra :func:`sqlalchemy.create_engine` arguments for the backend of ``url``."""
    backend = url.get_backend_name()
    if backend == "sqlite":
        return {"connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}}
    if backend == "postgresql":
        return {"connect_args": {"connect_timeout": PG_CONNECT_TIMEOUT_S}, "pool_pre_ping": True}
    return {}


def configure(engine: Engine) -> None:
    """Install the per-connection settings of the engine's backend."""
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)


def _configure_sqlite(engine: Engine) -> None:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN (see on_begin)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: durable up to the last checkpoint
        finally:
            cursor.close()

    def on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", on_begin)


def lock_for_migration(conn: Connection) -> None:
    """Serialise concurrent migrators for the rest of ``conn``'s transaction.

    SQLite needs nothing: migration transactions are write transactions (``BEGIN IMMEDIATE``).
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})
