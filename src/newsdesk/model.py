"""The one data model that flows through newsdesk.

An :class:`Article` holds the text and everything found in it. Every fact carries the
half-open span ``[start, end)`` into ``Article.text`` that it came from and the name of the
stage that produced it. The classes are plain slotted dataclasses so they pickle cheaply;
validation happens only at the edges (readers, config, :mod:`newsdesk.serialize`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA = "newsdesk.analysis/1"

#: Closed vocabularies of the contract (``../shared/contract/analysis.schema.json``).
BLOCK_KINDS = frozenset(
    {
        "title",
        "heading",
        "paragraph",
        "list_item",
        "table",
        "faq",
        "toc",
        "keywords",
        "callout",
        "byline",
        "dateline",
        "boilerplate",
        "markup_residue",
    }
)
#: Block kinds that are never article body.
BOILERPLATE_KINDS = frozenset({"toc", "keywords", "callout", "boilerplate", "markup_residue", "faq"})
FLAG_KINDS = frozenset(
    {
        "anachronism",
        "contradiction",
        "stitched",
        "duplicate_passage",
        "spun_phrase",
        "typo",
        "casing",
        "spacing",
        "keyword_stuffing",
        "boilerplate",
        "markup_residue",
        "unsupported_claim",
    }
)
SEVERITIES = ("high", "medium", "low")
MODALITIES = frozenset({"asserted", "reported", "planned", "hypothetical", "negated", "historical"})
CLAIM_KINDS = frozenset({"direct", "indirect", "mixed"})
MENTION_KINDS = frozenset({"name", "nominal", "pronoun"})
TIMEX_TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})


@dataclass(slots=True)
class Block:
    """A structural unit of the article in reading order (flat, non-overlapping)."""

    kind: str
    start: int
    end: int
    level: int | None = None
    boilerplate: bool = False
    stage: str = "structure"


@dataclass(slots=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    start: int
    end: int
    #: spans of each row (header row first when the table has one)
    row_spans: list[tuple[int, int]] = field(default_factory=list)
    stage: str = "structure"


@dataclass(slots=True)
class FaqItem:
    question: str
    answer: str
    start: int
    end: int
    stage: str = "structure"


@dataclass(slots=True)
class Keyword:
    text: str
    start: int
    end: int
    stage: str = "structure"


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str = "name"
    type: str | None = None


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    kb_id: str | None = None
    country: str | None = None
    actor_code: str | None = None
    roles: list[dict[str, Any]] = field(default_factory=list)
    stage: str = "entities"


@dataclass(slots=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str
    stage: str = "time"


@dataclass(slots=True)
class Actor:
    text: str
    start: int
    end: int
    name: str | None = None
    code: str | None = None
    entity_id: str | None = None


@dataclass(slots=True)
class Event:
    code: str
    source: Actor | None
    target: Actor | None
    modality: str
    start: int
    end: int
    plover: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    date: str | None = None
    location: str | None = None
    trigger: str | None = None
    confidence: float | None = None
    stage: str = "events"


@dataclass(slots=True)
class Speaker:
    name: str
    start: int
    end: int
    entity_id: str | None = None


@dataclass(slots=True)
class Claim:
    kind: str
    start: int
    end: int
    cue: str | None = None
    speaker: Speaker | None = None
    stage: str = "claims"


@dataclass(slots=True)
class Flag:
    kind: str
    severity: str
    start: int
    end: int
    message: str
    evidence: dict[str, Any] | str | None = None
    stage: str = "checks"


@dataclass(slots=True)
class Origin:
    """Where an article was read from: file path, line of a JSONL corpus, input format."""

    source: str
    format: str
    line: int | None = None


@dataclass(slots=True)
class Article:
    """One article and everything the pipeline found in it."""

    id: str
    text: str
    origin: Origin
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    language: str | None = None
    #: the published date as given by the input record (JSONL ``published``), if any
    published_given: bool = False
    blocks: list[Block] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    faq: list[FaqItem] = field(default_factory=list)
    keywords: list[Keyword] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    #: the stages that have run on this article, in order
    stages: list[str] = field(default_factory=list)
    #: how the article was fetched when it was read from a URL (:mod:`newsdesk.sources`): requested and
    #: final URL, HTTP status, time, validators (ETag, Last-Modified), the feed item it came from; else None
    fetch: dict[str, Any] | None = None

    def body_blocks(self) -> list[Block]:
        """Blocks that are article body (not boilerplate)."""
        return [b for b in self.blocks if not b.boilerplate]

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]


@dataclass(slots=True)
class Failure:
    """An input that could not be analysed (contract rule 5). Takes an article's place in output."""

    kind: str
    message: str
    source: str | None
    id: str
    line: int | None = None
