"""The storage interface: what every store does, whatever database is behind it.

Commands and the Python API talk to a :class:`Store`; only :mod:`newsdesk.store.sql` knows
about SQL. Stages never import the store.
"""

from __future__ import annotations

import builtins
import hashlib
import json
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import TracebackType
from typing import Any, Literal

from ..errors import StoreError
from ..model import Article
from .records import ClaimRow, EventRow, FlagRow, MergedEvent, SearchFilters, SearchHit

#: what :meth:`Store.save` did with an article
SaveResult = Literal["added", "unchanged", "replaced"]

#: bump when the recipe of :func:`content_hash` changes: every stored article is then re-analysed
HASH_VERSION = 1


def content_hash(article: Article) -> str:
    """sha256 (hex) of the text and the metadata that matter, *as read* (before any stage runs).

    Covered: ``id``, ``text``, ``url``, ``title``, ``published`` (and whether the input gave it),
    ``author``, ``source``, ``language``. Not covered: where the article was read from (file
    path, JSONL line, format), so moving a record within a corpus changes nothing.
    Hash the article before running the pipeline: stages may fill in metadata (a title or a
    date found in the text), and the hash must be computable without running them.
    """
    payload = {
        "v": HASH_VERSION,
        "id": article.id,
        "text": article.text,
        "url": article.url,
        "title": article.title,
        "published": article.published,
        "published_given": article.published_given,
        "author": article.author,
        "source": article.source,
        "language": article.language,
    }
    # ensure_ascii: lone surrogates (possible in JSONL escapes) hash without an encoding error
    data = json.dumps(payload, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("ascii")).hexdigest()


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One line of :meth:`Store.list`: the metadata of a stored article, without its analysis."""

    id: str
    published: str | None
    title: str | None
    source: str | None
    url: str | None
    blocks: int
    ingested_at: datetime
    updated_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "published": self.published, "title": self.title, "source": self.source,
                "url": self.url, "blocks": self.blocks, "ingested_at": self.ingested_at.isoformat(),
                "updated_at": self.updated_at.isoformat()}


@dataclass(frozen=True, slots=True)
class StoryMember:
    """One article's place in a stored grouping: its story and the article it copies, if any."""

    article_id: str
    story_id: str
    duplicate_of: str | None = None


@dataclass(frozen=True, slots=True)
class StoryRow:
    """One stored story: its members (article ids, in ingestion order) and what describes it."""

    id: str
    size: int
    title: str | None
    first_published: str | None
    last_published: str | None
    threshold: float
    grouped_at: datetime
    members: tuple[StoryMember, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "size": self.size, "title": self.title,
                "first_published": self.first_published, "last_published": self.last_published,
                "threshold": self.threshold, "grouped_at": self.grouped_at.isoformat(),
                "members": [{"id": m.article_id, "duplicate_of": m.duplicate_of} for m in self.members]}


@dataclass(slots=True)
class SourceState:
    """A watched source (``newsdesk watch``): its validators and what its last poll did.

    ``status`` of the last poll: ``ok``, ``not_modified`` (the server answered 304: one small
    request) or ``failed`` (``error`` says why). The counts are the last poll's: items ``seen``
    in the feed, pages ``fetched``, articles ``new`` and ``updated``, items skipped as
    ``known`` (already stored, unchanged, or the same text as a stored one), ``failed`` (each
    with its reason in ``failures``) and ``deferred`` to the next poll (over ``--max-items``).
    """

    url: str
    parent: str | None = None
    kind: str | None = None
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    added_at: datetime | None = None
    polls: int = 0
    #: articles stored from this source, over all polls
    stored: int = 0
    polled_at: datetime | None = None
    status: str | None = None
    http_status: int | None = None
    error: str | None = None
    seen: int = 0
    fetched: int = 0
    new: int = 0
    updated: int = 0
    known: int = 0
    failed: int = 0
    deferred: int = 0
    #: ``{"url", "kind", "message"}`` per failed item of the last poll
    failures: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.__slots__:
            value = getattr(self, name)
            out[name] = value.isoformat() if isinstance(value, datetime) else value
        return out


@dataclass(slots=True)
class SourceItem:
    """One item of a watched source, as far as it was handled: ``stored``, ``duplicate`` or ``failed``."""

    source_url: str
    url: str
    status: str
    article_id: str | None = None
    title: str | None = None
    published: str | None = None
    #: the feed's last-change date of the item when it was handled (a new one makes watch look again)
    updated: str | None = None
    content_hash: str | None = None
    #: sha256 of the article text alone: the same text under another URL is a duplicate
    text_hash: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error_kind: str | None = None
    error_message: str | None = None
    attempts: int = 0
    first_seen_at: datetime | None = None
    fetched_at: datetime | None = None


class Store(ABC):
    """Articles and their analyses, keyed by article id.

    Every write is one transaction per article: it happens entirely or not at all.
    A store is a context manager; leaving the ``with`` block closes it.
    """

    #: the URL the store was opened with, password hidden (for messages)
    url: str

    @abstractmethod
    def save(self, article: Article, *, content_hash: str | None = None, force: bool = False) -> SaveResult:
        """Store an analysed article and its parts.

        Same id and same ``content_hash`` as the stored record: nothing changes (``"unchanged"``)
        unless ``force``. Otherwise the old record and all its child rows are replaced in one
        transaction (``"replaced"``), or a new record is added (``"added"``). ``content_hash``
        defaults to :func:`content_hash` of ``article``; pass the hash taken before the pipeline ran.
        """

    @abstractmethod
    def get(self, id: str) -> dict[str, Any] | None:
        """The stored analysis object (contract shape), or ``None`` when no article has ``id``."""

    @abstractmethod
    def list(self, limit: int = 100, offset: int = 0) -> builtins.list[ArticleRow]:
        """Stored articles in the order they were first ingested."""

    @abstractmethod
    def content_hash_of(self, id: str) -> str | None:
        """The content hash stored for ``id``, or ``None`` when it is not stored."""

    @abstractmethod
    def count(self) -> int:
        """How many articles are stored."""

    @abstractmethod
    def iter_analyses(self, batch: int = 200) -> Iterator[dict[str, Any]]:
        """Every stored analysis object, in the order the articles were first ingested."""

    @abstractmethod
    def save_stories(self, members: Sequence[StoryMember], *, threshold: float) -> int:
        """Replace the stored grouping by ``members`` in one transaction; returns how many stories.

        Every ``article_id`` must be stored. The stories' rows (size, title, first and last
        publication date) are derived from the members' stored articles.
        """

    @abstractmethod
    def load_stories(self) -> builtins.list[StoryRow]:
        """The stored grouping, largest story first (ties: earliest first article)."""

    # -- watched sources (newsdesk watch); a store that keeps none raises StoreError --------------

    def save_source(self, state: SourceState) -> None:
        """Add or update a watched source (one transaction)."""
        raise StoreError(f"{type(self).__name__} does not keep watched sources")

    def get_source(self, url: str) -> SourceState | None:
        """The stored state of a watched source, or ``None``."""
        raise StoreError(f"{type(self).__name__} does not keep watched sources")

    def list_sources(self) -> builtins.list[SourceState]:
        """Every watched source, in the order they were added (a sitemap index's sitemaps after it)."""
        raise StoreError(f"{type(self).__name__} does not keep watched sources")

    def source_items(self, source_url: str) -> dict[str, SourceItem]:
        """The handled items of a source, by item URL."""
        raise StoreError(f"{type(self).__name__} does not keep watched sources")

    def save_source_item(self, item: SourceItem) -> None:
        """Add or update one item of a source (one transaction)."""
        raise StoreError(f"{type(self).__name__} does not keep watched sources")

    def article_with_text(self, text_hash: str) -> str | None:
        """The id of a stored article fetched from a source with this text hash, or ``None``."""
        raise StoreError(f"{type(self).__name__} does not keep watched sources")

    # -- the analysis as rows: queries, full-text search, merged events (migration 4) --------------------

    def search(self, query: str, limit: int = 20, filters: SearchFilters | Mapping[str, Any] | None = None, *,
               match: Literal["all", "any"] = "all") -> builtins.list[SearchHit]:
        """Articles whose title or body text match ``query``, best first, with a snippet and a rank.

        ``query``: words (stemmed), ``"quoted phrases"``, ``OR`` between terms, ``-word`` to
        exclude; ``match="any"`` ORs every term (for questions). Common English words are
        ignored. See :mod:`newsdesk.store.searchsql`. ``filters`` may be a mapping with the keys of
        :class:`SearchFilters` (others are ignored).
        """
        raise StoreError(f"{type(self).__name__} has no full-text search")

    def events(self, *, actors: Sequence[str] = (), dyad: tuple[str, str] | None = None, since: str | None = None,
               until: str | None = None, story: str | None = None, article_id: str | None = None,
               limit: int | None = None) -> builtins.list[EventRow]:
        """Stored events, by date then article. ``actors``: CAMEO codes or prefixes (``USA``,
        ``PRKGOV``) that must each be the source or the target; ``dyad``: (source, target) prefixes in
        that direction; ``since``/``until``: ISO dates (an event dated by month only matches a day
        inside it); ``story``: articles of one story of the stored grouping."""
        raise StoreError(f"{type(self).__name__} does not keep events as rows")

    def claims(self, *, speaker: str | None = None, article_id: str | None = None,
               limit: int | None = None) -> builtins.list[ClaimRow]:
        """Stored claims; ``speaker``: a case-insensitive part of the speaker's name."""
        raise StoreError(f"{type(self).__name__} does not keep claims as rows")

    def flags(self, *, kind: str | None = None, severity: str | None = None, article_id: str | None = None,
              limit: int | None = None) -> builtins.list[FlagRow]:
        """Stored flags of one ``kind`` (and ``severity``), with their evidence decoded from JSON."""
        raise StoreError(f"{type(self).__name__} does not keep flags as rows")

    def save_merged_events(self, merged: Sequence[MergedEvent]) -> int:
        """Replace the stored merged events by ``merged`` (one transaction); returns how many."""
        raise StoreError(f"{type(self).__name__} does not keep merged events")

    def load_merged_events(self, *, actors: Sequence[str] = (), since: str | None = None, until: str | None = None,
                           story: str | None = None, limit: int | None = None) -> builtins.list[MergedEvent]:
        """Stored merged events with their sources, by date; filters as :meth:`events`."""
        raise StoreError(f"{type(self).__name__} does not keep merged events")

    def merge_is_current(self) -> bool:
        """Whether merged events are stored and no article was stored or replaced since they were merged."""
        return False

    def table_counts(self) -> dict[str, int]:
        """Rows per table (and in the full-text index), for checks and ``newsdesk`` diagnostics."""
        raise StoreError(f"{type(self).__name__} cannot count its tables")

    @abstractmethod
    def migrate(self) -> int:
        """Bring the schema up to date; returns the schema version. Safe to call again."""

    @abstractmethod
    def close(self) -> None:
        """Release connections. The store cannot be used afterwards."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
