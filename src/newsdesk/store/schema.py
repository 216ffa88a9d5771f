"""The current schema of the store, as SQLAlchemy Core tables.

This module describes the schema the code *queries*; :mod:`newsdesk.store.migrations`
describes how a database *gets* there, with each step frozen as it was written. A test
migrates an empty database and compares it with :data:`metadata`, so the two cannot drift.

Adding a table (entities, events, flags, ...) is therefore two edits: the table here (and in
:data:`CHILD_TABLES` when its rows belong to one article), and a new step at the end of
:data:`newsdesk.store.migrations.MIGRATIONS` that creates it.

Only portable Core types are used (``Text``, ``Integer``, ``Boolean``, ``DateTime``):
the same tables serve SQLite and PostgreSQL. Character columns are ``Text`` rather than
``String(n)`` because PostgreSQL enforces lengths and article metadata has no natural bound.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    event,
)

#: constraint and index names that are stable across databases, so a migration can name them
NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

#: one row per applied migration step; the schema version is the highest ``version``
schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", Text, nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Text, primary_key=True),
    #: :func:`newsdesk.store.base.content_hash` of the article as read
    Column("content_hash", String(64), nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("published", Text),
    Column("source", Text),
    Column("author", Text),
    Column("language", Text),
    #: the article text, for queries and search; the exact text is in ``analysis``
    Column("text", Text, nullable=False),
    Column("input_source", Text),
    Column("input_format", Text),
    Column("input_line", Integer),
    #: the whole analysis object of the contract, as JSON text (what ``get`` returns)
    Column("analysis", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index(None, articles.c.ingested_at, articles.c.id)
Index(None, articles.c.published)

blocks = Table(
    "blocks",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("ordinal", Integer, nullable=False, autoincrement=False),
    Column("kind", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("level", Integer),
    Column("boilerplate", Boolean, nullable=False),
    PrimaryKeyConstraint("article_id", "ordinal"),
)

#: tables whose rows belong to one article (column ``article_id``): replaced with it
CHILD_TABLES: tuple[Table, ...] = (blocks,)  # extended below with the analysis tables

#: the last same-story grouping of the stored articles (``newsdesk stories --db``), one row per story;
#: replaced as a whole, in one transaction, each time the articles are grouped again
stories = Table(
    "stories",
    metadata,
    Column("id", Text, primary_key=True),
    Column("size", Integer, nullable=False),
    #: the title of the story's first article (ingestion order), for listings
    Column("title", Text),
    Column("first_published", Text),
    Column("last_published", Text),
    #: the similarity threshold the grouping used
    Column("threshold", Float, nullable=False),
    Column("grouped_at", DateTime(timezone=True), nullable=False),
)

#: which story each grouped article is in; ``duplicate_of``: the article it is a near-copy of
story_members = Table(
    "story_members",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", Text, ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("ordinal", Integer, nullable=False, autoincrement=False),
    Column("duplicate_of", Text),
)
Index(None, story_members.c.story_id, story_members.c.ordinal)

#: watched sources (``newsdesk watch``): validators for conditional requests and the last poll's counts;
#: ``parent``: the sitemap index a sitemap was found in
sources = Table(
    "sources",
    metadata,
    Column("url", Text, primary_key=True),
    Column("parent", Text),
    Column("kind", Text),
    Column("title", Text),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("polls", Integer, nullable=False),
    Column("stored", Integer, nullable=False),
    Column("polled_at", DateTime(timezone=True)),
    Column("status", Text),
    Column("http_status", Integer),
    Column("error", Text),
    Column("seen", Integer, nullable=False),
    Column("fetched", Integer, nullable=False),
    Column("new", Integer, nullable=False),
    Column("updated", Integer, nullable=False),
    Column("known", Integer, nullable=False),
    Column("failed", Integer, nullable=False),
    Column("deferred", Integer, nullable=False),
    #: JSON list of ``{"url", "kind", "message"}``: the last poll's failures
    Column("failures", Text, nullable=False),
)

#: the items of each watched source that were handled: stored, duplicate (same text as a stored
#: article) or failed (retried up to three times); an item not here is fetched on the next poll
source_items = Table(
    "source_items",
    metadata,
    Column("source_url", Text, ForeignKey("sources.url", ondelete="CASCADE"), nullable=False),
    Column("url", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("article_id", Text),
    Column("title", Text),
    Column("published", Text),
    Column("updated", Text),
    Column("content_hash", String(64)),
    Column("text_hash", String(64)),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("error_kind", Text),
    Column("error_message", Text),
    Column("attempts", Integer, nullable=False),
    Column("first_seen_at", DateTime(timezone=True), nullable=False),
    Column("fetched_at", DateTime(timezone=True)),
    PrimaryKeyConstraint("source_url", "url"),
)
Index(None, source_items.c.text_hash)
Index(None, source_items.c.url)

# -- the analysis as rows (migration 4) ---------------------------------------------------------------
# Child tables of ``articles``: one row per part of the analysis, each with the span it came from
# (``start``/``end``: half-open character offsets into the article text). They are copies for
# queries; ``articles.analysis`` stays the source of truth. Text columns hold U+FFFD where the
# article had a NUL or a lone surrogate (offsets are unchanged: one character for one).

#: one row per entity of an article; ``entity_id`` is the id inside the analysis (``e1``)
entities = Table(
    "entities",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("ordinal", Integer, nullable=False, autoincrement=False),
    Column("entity_id", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("kb_id", Text),
    Column("country", Text),
    Column("actor_code", Text),
    #: JSON list of the entity's roles (as in the analysis)
    Column("roles", Text, nullable=False),
    Column("stage", Text),
    PrimaryKeyConstraint("article_id", "ordinal"),
)
Index(None, entities.c.name)
Index(None, entities.c.kb_id)

#: one row per mention of an entity (``entity_ordinal``: the entity's ``entities.ordinal``)
mentions = Table(
    "mentions",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("entity_ordinal", Integer, nullable=False, autoincrement=False),
    Column("ordinal", Integer, nullable=False, autoincrement=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("type", Text),
    PrimaryKeyConstraint("article_id", "entity_ordinal", "ordinal"),
)

timexes = Table(
    "timexes",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("ordinal", Integer, nullable=False, autoincrement=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("value", Text, nullable=False),
    Column("stage", Text),
    PrimaryKeyConstraint("article_id", "ordinal"),
)
Index(None, timexes.c.value)

#: one row per event; actors flattened (``source_*``, ``target_*``); ``*_country`` is the first three
#: letters of the CAMEO actor code (``USAGOV`` -> ``USA``), ``root`` the first two of the event code
events = Table(
    "events",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("ordinal", Integer, nullable=False, autoincrement=False),
    Column("code", Text, nullable=False),
    Column("root", Text, nullable=False),
    Column("plover", Text),
    Column("quad_class", Integer),
    Column("goldstein", Float),
    Column("source_text", Text),
    Column("source_name", Text),
    Column("source_code", Text),
    Column("source_country", Text),
    Column("source_entity_id", Text),
    Column("source_start", Integer),
    Column("source_end", Integer),
    Column("target_text", Text),
    Column("target_name", Text),
    Column("target_code", Text),
    Column("target_country", Text),
    Column("target_entity_id", Text),
    Column("target_start", Integer),
    Column("target_end", Integer),
    Column("date", Text),
    Column("location", Text),
    Column("modality", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("trigger", Text),
    Column("confidence", Float),
    Column("stage", Text),
    PrimaryKeyConstraint("article_id", "ordinal"),
)
Index(None, events.c.source_country, events.c.target_country)
Index(None, events.c.target_country)
Index(None, events.c.date)
Index(None, events.c.code)

claims = Table(
    "claims",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("ordinal", Integer, nullable=False, autoincrement=False),
    Column("kind", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("cue", Text),
    Column("speaker_name", Text),
    Column("speaker_entity_id", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("stage", Text),
    PrimaryKeyConstraint("article_id", "ordinal"),
)
Index(None, claims.c.speaker_name)

flags = Table(
    "flags",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("ordinal", Integer, nullable=False, autoincrement=False),
    Column("kind", Text, nullable=False),
    Column("severity", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("message", Text, nullable=False),
    #: the flag's evidence as JSON (an object, a string or null)
    Column("evidence", Text, nullable=False),
    Column("stage", Text),
    PrimaryKeyConstraint("article_id", "ordinal"),
)
Index(None, flags.c.kind, flags.c.severity)

scores = Table(
    "scores",
    metadata,
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("value", Float, nullable=False),
    PrimaryKeyConstraint("article_id", "name"),
)

#: what full-text search indexes: the title and the body text (body blocks, boilerplate left out),
#: one row per article. The index itself is dialect-specific (:func:`.dialects.search_ddl`): an
#: external-content FTS5 table kept in sync by triggers on SQLite, a generated ``tsvector`` column
#: with a GIN index on PostgreSQL; both are created with this table and written in the article's
#: transaction. ``id`` is the integer key FTS5 needs (never reused by a live row).
search_docs = Table(
    "search_docs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("title", Text),
    Column("body", Text, nullable=False),
)

CHILD_TABLES = (*CHILD_TABLES, entities, mentions, timexes, events, claims, flags, scores, search_docs)

#: events of different articles that report the same real-world event (``newsdesk events --merge``);
#: replaced as a whole each time the events are merged again. ``modalities``: JSON object
#: ``{"asserted": [article ids], "negated": [...]}``; ``modality``: the summary status.
merged_events = Table(
    "merged_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("code", Text, nullable=False),
    Column("root", Text, nullable=False),
    Column("plover", Text),
    Column("quad_class", Integer),
    Column("goldstein", Float),
    Column("label", Text),
    Column("source_code", Text),
    Column("source_country", Text),
    Column("source_name", Text),
    Column("target_code", Text),
    Column("target_country", Text),
    Column("target_name", Text),
    Column("date", Text),
    Column("location", Text),
    Column("modality", Text, nullable=False),
    Column("modalities", Text, nullable=False),
    Column("n_articles", Integer, nullable=False),
    Column("n_mentions", Integer, nullable=False),
    Column("story_id", Text),
    Column("first_published", Text),
    Column("merged_at", DateTime(timezone=True), nullable=False),
)
Index(None, merged_events.c.date)
Index(None, merged_events.c.source_country, merged_events.c.target_country)

#: the reports a merged event stands for: one row per article event (``event_ordinal``: ``events.ordinal``)
merged_event_sources = Table(
    "merged_event_sources",
    metadata,
    Column("merged_id", Integer, ForeignKey("merged_events.id", ondelete="CASCADE"), nullable=False,
           autoincrement=False),
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("event_ordinal", Integer, nullable=False, autoincrement=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("modality", Text, nullable=False),
    Column("date", Text),
    PrimaryKeyConstraint("merged_id", "article_id", "event_ordinal"),
)
Index(None, merged_event_sources.c.article_id)


def _search_index_ddl(target: Table, connection: Connection, **_kw: Any) -> None:
    from .dialects import search_ddl  # schema.py stays importable without the dialect helpers

    for statement in search_ddl(connection.dialect.name):
        connection.exec_driver_sql(statement)


def _drop_search_index(target: Table, connection: Connection, **_kw: Any) -> None:
    from .dialects import search_drop_ddl

    for statement in search_drop_ddl(connection.dialect.name):
        connection.exec_driver_sql(statement)


event.listen(search_docs, "after_create", _search_index_ddl)
event.listen(search_docs, "before_drop", _drop_search_index)
