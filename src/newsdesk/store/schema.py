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

from sqlalchemy import (
    Boolean,
    Column,
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
CHILD_TABLES: tuple[Table, ...] = (blocks,)

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
