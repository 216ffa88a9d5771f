"""Data access for the briefing and ``newsdesk flags``: stored analyses as light records.

Everything the reports need is in the stored analysis objects (``Store.iter_analyses``) and the
stored grouping (``Store.load_stories``). This module is the one place that reads them, so that
moving to the store's own child tables and search (when they land) changes only this file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from ..store import Store

#: block kinds whose text is article body (headings, titles, datelines and boilerplate are not)
BODY_KINDS = frozenset({"paragraph", "list_item"})


def parse_day(value: str | None) -> date | None:
    """The calendar day of an ISO 8601 date or date-time (``None`` when absent or unreadable)."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _list(obj: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = obj.get(key)
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


@dataclass(eq=False)
class Doc:
    """One stored article: its analysis object plus its place in the stored grouping."""

    analysis: dict[str, Any]
    story: str | None = None
    duplicate_of: str | None = None
    #: position in ingestion order
    ordinal: int = 0

    @cached_property
    def article(self) -> dict[str, Any]:
        art = self.analysis.get("article")
        return art if isinstance(art, dict) else {}

    def _str(self, key: str) -> str | None:
        value = self.article.get(key)
        return value if isinstance(value, str) and value else None

    @property
    def id(self) -> str:
        return str(self.article.get("id", ""))

    @property
    def text(self) -> str:
        value = self.article.get("text")
        return value if isinstance(value, str) else ""

    @property
    def title(self) -> str | None:
        return self._str("title")

    @property
    def url(self) -> str | None:
        return self._str("url")

    @property
    def source(self) -> str | None:
        return self._str("source")

    @property
    def published(self) -> str | None:
        return self._str("published")

    @cached_property
    def day(self) -> date | None:
        return parse_day(self.published)

    @property
    def reliability(self) -> float | None:
        scores = self.analysis.get("scores")
        value = scores.get("reliability") if isinstance(scores, dict) else None
        return float(value) if isinstance(value, int | float) else None

    @cached_property
    def blocks(self) -> list[dict[str, Any]]:
        return _list(self.analysis, "blocks")

    @cached_property
    def entities(self) -> list[dict[str, Any]]:
        return _list(self.analysis, "entities")

    @cached_property
    def entity_by_id(self) -> dict[str, dict[str, Any]]:
        return {str(e.get("id")): e for e in self.entities}

    @cached_property
    def events(self) -> list[dict[str, Any]]:
        return _list(self.analysis, "events")

    @cached_property
    def claims(self) -> list[dict[str, Any]]:
        return _list(self.analysis, "claims")

    @cached_property
    def flags(self) -> list[dict[str, Any]]:
        return _list(self.analysis, "flags")

    @cached_property
    def body_spans(self) -> list[tuple[int, int]]:
        """Character spans of the body blocks (paragraphs, list items; never boilerplate).

        An analysis without blocks (no ``structure`` stage) is one paragraph.
        """
        if not self.blocks:
            return [(0, len(self.text))] if self.text.strip() else []
        out = []
        for b in self.blocks:
            if b.get("kind") in BODY_KINDS and not b.get("boilerplate"):
                start, end = b.get("start"), b.get("end")
                if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(self.text):
                    out.append((start, end))
        return out

    def span(self, start: Any, end: Any) -> str:
        """``text[start:end]`` when the offsets are sane, else the empty string."""
        if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(self.text):
            return self.text[start:end]
        return ""


@dataclass
class Corpus:
    """Every stored article (ingestion order) and whether the grouping came from the store."""

    docs: list[Doc]
    #: ``"stored"`` (``newsdesk stories --db`` ran), ``"computed"`` (grouped on the fly) or ``"none"``
    grouping: str = "none"
    by_id: dict[str, Doc] = field(init=False)

    def __post_init__(self) -> None:
        self.by_id = {d.id: d for d in self.docs}

    def stories(self) -> dict[str, list[Doc]]:
        out: dict[str, list[Doc]] = {}
        for d in self.docs:
            if d.story is not None:
                out.setdefault(d.story, []).append(d)
        return out


def iter_docs(store: Store) -> Iterator[Doc]:
    """Every stored analysis as a :class:`Doc`, in ingestion order, without its story."""
    for i, obj in enumerate(store.iter_analyses()):
        yield Doc(obj, ordinal=i)


def _group_in_memory(docs: Sequence[Doc]) -> bool:
    """Group ``docs`` as ``newsdesk stories`` would, when the store holds no grouping yet."""
    from ..store.rebuild import article_from_dict
    from ..stories import group

    try:
        assignments = group([article_from_dict(d.analysis) for d in docs])
    except Exception:  # a grouping that cannot be made leaves the articles ungrouped, never fails the report
        return False
    for d, a in zip(docs, assignments, strict=True):
        d.story, d.duplicate_of = f"~{a.story}", a.duplicate_of
    return True


def load_corpus(store: Store, *, group_if_missing: bool = True) -> Corpus:
    """Every stored article with its stored story; grouped on the fly when nothing is stored."""
    docs = list(iter_docs(store))
    members = {m.article_id: m for row in store.load_stories() for m in row.members}
    for d in docs:
        m = members.get(d.id)
        if m is not None:
            d.story, d.duplicate_of = m.story_id, m.duplicate_of
    if members:
        return Corpus(docs, "stored")
    if group_if_missing and docs and _group_in_memory(docs):
        return Corpus(docs, "computed")
    return Corpus(docs, "none")


def flagged(docs: Iterable[Doc]) -> list[Doc]:
    """The docs that carry at least one flag."""
    return [d for d in docs if d.flags]


def search_ids(store: Store, query: str, *, limit: int = 500) -> dict[str, float] | None:
    """The store's own full-text search (stemmed; ``Store.search``): article ids -> rank, best
    first, or ``None`` when this store has no search (the caller then matches in memory)."""
    from ..errors import StoreError

    try:
        hits = store.search(query, limit=limit, match="any")
    except StoreError:
        return None
    except Exception:  # a query the search syntax refuses: match in memory instead
        return None
    return {h.article_id: h.rank for h in hits}
