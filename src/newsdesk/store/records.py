"""What the store's query methods return: events, claims, flags, search hits, merged events.

Plain frozen dataclasses with a ``to_dict()`` for JSON output; every record carries the article
it came from and its span (``start``/``end``, half-open character offsets into the article text)
so that a result can always be shown in its place.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class EventRow:
    """One event of one article (a row of ``events``), with the article's date and story."""

    article_id: str
    ordinal: int
    code: str
    plover: str | None
    quad_class: int | None
    goldstein: float | None
    source_code: str | None
    source_country: str | None
    source_name: str | None
    target_code: str | None
    target_country: str | None
    target_name: str | None
    date: str | None
    location: str | None
    modality: str
    start: int
    end: int
    trigger: str | None = None
    confidence: float | None = None
    #: the sentence (or table row) the event was coded from
    text: str | None = None
    published: str | None = None
    title: str | None = None
    #: the article's story in the stored grouping, if it is grouped
    story_id: str | None = None

    @property
    def root(self) -> str:
        return self.code[:2]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ClaimRow:
    article_id: str
    ordinal: int
    kind: str
    start: int
    end: int
    cue: str | None
    speaker_name: str | None
    speaker_entity_id: str | None
    text: str | None = None
    published: str | None = None
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class FlagRow:
    article_id: str
    ordinal: int
    kind: str
    severity: str
    start: int
    end: int
    message: str
    evidence: Any
    text: str | None = None
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """Restrict a search: articles published in ``[since, until]`` (ISO dates, inclusive), of one
    ``story`` of the stored grouping, of one ``source``, or among ``ids``."""

    since: str | None = None
    until: str | None = None
    story: str | None = None
    source: str | None = None
    ids: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One article matching a search: ``rank`` is higher for better matches (bm25 negated on SQLite,
    ``ts_rank`` on PostgreSQL; not comparable across databases); ``snippet`` marks matches in [brackets]."""

    article_id: str
    title: str | None
    published: str | None
    snippet: str
    rank: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class MergedSource:
    """One report of a merged event: an article's event (``event_ordinal``) and its span."""

    article_id: str
    event_ordinal: int
    start: int
    end: int
    modality: str
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class MergedEvent:
    """One real-world event and the reports of it (``sources``) from one or more articles.

    ``modalities`` maps each modality to the articles that report the event so (``{"asserted":
    ["a1", "a2"], "negated": ["a3"]}``); ``modality`` is the summary status (see
    :func:`newsdesk.corpus.merge.summary_status`). ``n_articles``: distinct articles;
    ``n_mentions``: distinct sentences (an article may report the event more than once).
    """

    id: int
    code: str
    plover: str | None
    quad_class: int | None
    goldstein: float | None
    label: str | None
    source_code: str | None
    source_country: str | None
    source_name: str | None
    target_code: str | None
    target_country: str | None
    target_name: str | None
    date: str | None
    location: str | None
    modality: str
    modalities: dict[str, list[str]]
    n_articles: int
    n_mentions: int
    story_id: str | None = None
    first_published: str | None = None
    merged_at: datetime | None = None
    sources: tuple[MergedSource, ...] = field(default_factory=tuple)

    @property
    def root(self) -> str:
        return self.code[:2]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["merged_at"] = self.merged_at.isoformat() if self.merged_at else None
        return d
