"""Storage behind one interface: save, get and list analysed articles.

::

    from newsdesk.store import open_store

    with open_store("sqlite:///news.db") as store:
        store.save(article)            # 'added' | 'unchanged' | 'replaced'
        store.get(article.id)          # the analysis object of the contract

:class:`Store` is the interface; :mod:`~newsdesk.store.sql` implements it once on
SQLAlchemy Core for SQLite and PostgreSQL; :mod:`~newsdesk.store.schema` holds the tables
and :mod:`~newsdesk.store.migrations` the steps that create them.
"""

from __future__ import annotations

from .base import ArticleRow, SaveResult, SourceItem, SourceState, Store, StoryMember, StoryRow, content_hash
from .records import ClaimRow, EventRow, FlagRow, MergedEvent, MergedSource, SearchFilters, SearchHit
from .sql import SqlStore, default_db_url, open_store

__all__ = ["ArticleRow", "ClaimRow", "EventRow", "FlagRow", "MergedEvent", "MergedSource", "SaveResult",
           "SearchFilters", "SearchHit", "SourceItem", "SourceState", "SqlStore", "Store", "StoryMember", "StoryRow",
           "content_hash", "default_db_url", "open_store"]
