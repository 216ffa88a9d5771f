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


# -- full-text search ---------------------------------------------------------------------------------
# The portable table ``search_docs`` (id, article_id, title, body) holds what is searched; the index
# over it is the database's own. Both are written in the article's transaction:
#
# - SQLite: an FTS5 table with *external content* (``search_docs``), so the text is stored once;
#   triggers on ``search_docs`` keep it in sync (the recipe of the FTS5 documentation), whatever
#   deletes or inserts the row. Ranking: ``bm25()`` with the title weighted 4:1 over the body.
# - PostgreSQL: a generated ``tsvector`` column (title weight A, body weight B, ``english``
#   configuration) with a GIN index. Ranking: ``ts_rank()``.
#
# Changing these statements changes the schema: add a migration step that makes the change.

#: the text-search configuration of PostgreSQL (stemming and stop words)
PG_TS_CONFIG = "english"

_SQLITE_SEARCH_DDL = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_docs', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN "
    "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
)

_PG_SEARCH_DDL = (
    "ALTER TABLE search_docs ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', body), 'B')) STORED",
    "CREATE INDEX ix_search_docs_tsv ON search_docs USING gin (tsv)",
)


def search_ddl(dialect_name: str) -> tuple[str, ...]:
    """Statements that create the search index over ``search_docs`` (run right after the table)."""
    if dialect_name == "sqlite":
        return _SQLITE_SEARCH_DDL
    if dialect_name == "postgresql":
        return _PG_SEARCH_DDL
    return ()


def search_drop_ddl(dialect_name: str) -> tuple[str, ...]:
    """Statements that drop the search index (before ``search_docs`` is dropped)."""
    if dialect_name == "sqlite":
        return ("DROP TRIGGER IF EXISTS search_docs_ai", "DROP TRIGGER IF EXISTS search_docs_ad",
                "DROP TRIGGER IF EXISTS search_docs_au", "DROP TABLE IF EXISTS search_fts")
    return ()  # PostgreSQL: the column and its index go with the table


#: what marks the matched words in snippets
SNIPPET_OPEN, SNIPPET_CLOSE, SNIPPET_ELLIPSIS = "[", "]", "…"


def search_sql(dialect_name: str, where: str) -> str:
    """The search query of the dialect; ``where``: extra conditions on ``a`` (articles) and ``d`` (search_docs).

    Bound parameters: ``q`` (the query in the dialect's syntax, see :mod:`newsdesk.store.searchsql`)
    and ``limit``. Columns: ``article_id``, ``title``, ``published``, ``snippet``, ``rank`` (higher is
    better on both databases: SQLite's ``bm25()`` is negated).
    """
    if dialect_name == "sqlite":
        return (
            "SELECT d.article_id AS article_id, a.title AS title, a.published AS published, "
            f"snippet(search_fts, 1, '{SNIPPET_OPEN}', '{SNIPPET_CLOSE}', '{SNIPPET_ELLIPSIS}', 24) AS snippet, "
            "-bm25(search_fts, 4.0, 1.0) AS rank "
            "FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid JOIN articles a ON a.id = d.article_id "
            f"WHERE search_fts MATCH :q{where} ORDER BY bm25(search_fts, 4.0, 1.0), d.article_id LIMIT :limit"
        )
    if dialect_name == "postgresql":
        options = (f"StartSel={SNIPPET_OPEN}, StopSel={SNIPPET_CLOSE}, MaxWords=30, MinWords=12, "
                   f"MaxFragments=2, FragmentDelimiter=\" {SNIPPET_ELLIPSIS} \"")
        # rank and limit first, then headline only the rows returned (ts_headline re-parses the body)
        return (
            "SELECT h.article_id, h.title, h.published, "
            f"ts_headline('{PG_TS_CONFIG}', h.body, h.q, '{options}') AS snippet, h.rank "
            "FROM (SELECT d.article_id AS article_id, a.title AS title, a.published AS published, d.body AS body, "
            "q AS q, ts_rank(d.tsv, q) AS rank "
            f"FROM search_docs d JOIN articles a ON a.id = d.article_id, to_tsquery('{PG_TS_CONFIG}', :q) q "
            f"WHERE d.tsv @@ q{where} ORDER BY rank DESC, d.article_id LIMIT :limit) h "
            "ORDER BY h.rank DESC, h.article_id"
        )
    raise ValueError(f"no full-text search for {dialect_name!r}")
