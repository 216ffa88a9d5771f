"""What the web pages and the JSON API read: one small data-access layer over a :class:`Store`.

Everything the dashboard shows comes from here, so that moving to the store's own queries
(child tables, full-text search, merged events) is a local change: where the store offers
``search`` the query goes to it; otherwise a compact in-memory index built from
:meth:`Store.iter_analyses` answers. The index holds per article what lists and filters
need (metadata, flag kinds, compact events, lower-cased text for search), not the whole
analysis; an article page always reads the stored analysis with :meth:`Store.get`.

The index is rebuilt when the number of stored articles changes, when :meth:`WebData.invalidate`
is called (after an ingest over HTTP), or when it is older than ``max_age`` seconds.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..store import Store, StoryRow

#: the most items one page of a list or an API answer holds
MAX_LIMIT = 200


def clamp(limit: int, offset: int) -> tuple[int, int]:
    """``limit`` into [1, MAX_LIMIT], ``offset`` at least 0."""
    return max(1, min(int(limit), MAX_LIMIT)), max(0, int(offset))


def _day(value: Any) -> str | None:
    """The ``YYYY-MM-DD`` (or shorter ISO prefix) of a date value, or ``None``."""
    if not isinstance(value, str) or len(value) < 4 or not value[:4].isdigit():
        return None
    return value[:10]


def actor_key(actor: Any) -> str | None:
    """How an event actor is named in the dashboard: its canonical name, else its CAMEO code."""
    if not isinstance(actor, dict):
        return None
    name = actor.get("name") or actor.get("code")
    return str(name) if name else None


@dataclass(slots=True)
class EventRow:
    """One event of one article, flattened for lists, filters and charts."""

    article_id: str
    index: int
    code: str
    plover: str | None
    modality: str | None
    goldstein: float | None
    date: str | None
    source: str | None
    target: str | None
    trigger: str | None
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "index": self.index, "code": self.code, "plover": self.plover,
                "modality": self.modality, "goldstein": self.goldstein, "date": self.date, "source": self.source,
                "target": self.target, "trigger": self.trigger, "start": self.start, "end": self.end}


@dataclass(slots=True)
class Summary:
    """What the index keeps of one article."""

    id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    reliability: float | None
    flags: Counter[str]
    events: list[EventRow]
    actors: set[str]
    haystack: str
    error: bool = False

    @property
    def flag_count(self) -> int:
        return sum(self.flags.values())

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "url": self.url, "source": self.source,
                "published": self.published, "reliability": self.reliability,
                "flags": dict(self.flags), "events": len(self.events)}


def summarise(obj: dict[str, Any]) -> Summary:
    """The index entry of one stored analysis object (tolerant of missing parts)."""
    art = obj.get("article") if isinstance(obj.get("article"), dict) else {}
    assert isinstance(art, dict)
    aid = str(art.get("id", ""))
    published = art.get("published") if isinstance(art.get("published"), str) else None
    flags: Counter[str] = Counter()
    for f in obj.get("flags") or []:
        if isinstance(f, dict) and isinstance(f.get("kind"), str):
            flags[f["kind"]] += 1
    events: list[EventRow] = []
    actors: set[str] = set()
    for i, e in enumerate(obj.get("events") or []):
        if not isinstance(e, dict):
            continue
        src, tgt = actor_key(e.get("source")), actor_key(e.get("target"))
        actors.update(a for a in (src, tgt) if a)
        gold = e.get("goldstein")
        events.append(EventRow(article_id=aid, index=i, code=str(e.get("code", "")), plover=e.get("plover"),
                               modality=e.get("modality"),
                               goldstein=float(gold) if isinstance(gold, int | float) else None,
                               date=_day(e.get("date")) or _day(published), source=src, target=tgt,
                               trigger=e.get("trigger"), start=int(e.get("start", 0) or 0),
                               end=int(e.get("end", 0) or 0)))
    scores = obj.get("scores") if isinstance(obj.get("scores"), dict) else {}
    assert isinstance(scores, dict)
    rel = scores.get("reliability")
    title = art.get("title") if isinstance(art.get("title"), str) else None
    text = art.get("text") if isinstance(art.get("text"), str) else ""
    return Summary(id=aid, title=title, url=art.get("url") if isinstance(art.get("url"), str) else None,
                   source=art.get("source") if isinstance(art.get("source"), str) else None,
                   published=published, reliability=float(rel) if isinstance(rel, int | float) else None,
                   flags=flags, events=events, actors=actors,
                   haystack=f"{title or ''}\n{aid}\n{text}".casefold(), error="error" in obj)


@dataclass(slots=True)
class Filters:
    """Search filters; every one optional. Dates compare as ISO strings (prefixes work: ``2018-06``)."""

    actor: str | None = None
    event_type: str | None = None
    modality: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    flag: str | None = None

    def event_matches(self, e: EventRow) -> bool:
        if self.actor and self.actor.casefold() not in ((e.source or "").casefold(), (e.target or "").casefold()):
            return False
        if self.event_type and not (e.code.startswith(self.event_type) or (e.plover or "") == self.event_type.upper()):
            return False
        if self.modality and e.modality != self.modality:
            return False
        return self.date_ok(e.date)

    def date_ok(self, value: str | None) -> bool:
        if not (self.date_from or self.date_to):
            return True
        if value is None:
            return False
        if self.date_from and value[:len(self.date_from)] < self.date_from:
            return False
        return not (self.date_to and value[:len(self.date_to)] > self.date_to)

    @property
    def on_events(self) -> bool:
        return bool(self.actor or self.event_type or self.modality)

    def to_dict(self) -> dict[str, str]:
        return {k: v for k in ("actor", "event_type", "modality", "date_from", "date_to", "flag")
                if (v := getattr(self, k))}


@dataclass(slots=True)
class Page:
    """One page of a list and how many items there are in all."""

    items: list[Any]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "limit": self.limit, "offset": self.offset,
                "items": [i.to_dict() if hasattr(i, "to_dict") else i for i in self.items]}


@dataclass(slots=True)
class Index:
    summaries: dict[str, Summary] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    built_at: float = 0.0
    count: int = -1
    #: answers computed from this index (overview figures, searches), dropped with it
    memo: dict[Any, Any] = field(default_factory=dict)

    def remember(self, key: Any, compute: Any) -> Any:
        if key in self.memo:
            return self.memo[key]
        value = compute()
        if len(self.memo) > 512:
            self.memo.clear()
        self.memo[key] = value
        return value


class WebData:
    """The read side of the dashboard over one open store (thread-safe)."""

    def __init__(self, store: Store, *, max_age: float = 300.0) -> None:
        self.store = store
        self.max_age = max_age
        self._index = Index()
        self._lock = threading.Lock()
        self._stories: tuple[float, list[StoryRow]] | None = None

    # -- index ----------------------------------------------------------------------------------

    def invalidate(self) -> None:
        with self._lock:
            self._index = Index()
            self._stories = None

    def index(self) -> Index:
        count = self.store.count()
        idx = self._index
        if idx.count == count and time.monotonic() - idx.built_at < self.max_age:
            return idx
        with self._lock:
            idx = self._index
            if idx.count == count and time.monotonic() - idx.built_at < self.max_age:
                return idx
            new = Index(built_at=time.monotonic(), count=count)
            for obj in self.store.iter_analyses():
                s = summarise(obj)
                if s.id not in new.summaries:
                    new.order.append(s.id)
                new.summaries[s.id] = s
            self._index, self._stories = new, None
            return new

    # -- articles -------------------------------------------------------------------------------

    def count(self) -> int:
        return self.store.count()

    def articles(self, limit: int, offset: int) -> Page:
        limit, offset = clamp(limit, offset)
        rows = self.store.list(limit=limit, offset=offset)
        return Page(items=rows, total=self.store.count(), limit=limit, offset=offset)

    def analysis(self, article_id: str) -> dict[str, Any] | None:
        return self.store.get(article_id)

    def summary(self, article_id: str) -> Summary | None:
        return self.index().summaries.get(article_id)

    def most_flagged(self, n: int = 10) -> list[Summary]:
        idx = self.index()
        ranked: list[Summary] = idx.remember("most_flagged", lambda: sorted(
            (s for s in idx.summaries.values() if s.flag_count),
            key=lambda s: (-s.flag_count, s.reliability if s.reliability is not None else 1.0, s.id)))
        return ranked[:n]

    def latest(self, n: int = 10) -> list[Summary]:
        idx = self.index()
        return [idx.summaries[i] for i in reversed(idx.order[-n:])]

    # -- events ---------------------------------------------------------------------------------

    def all_events(self) -> Iterable[EventRow]:
        for s in self.index().summaries.values():
            yield from s.events

    def events(self, filters: Filters, limit: int, offset: int) -> Page:
        limit, offset = clamp(limit, offset)

        def compute() -> list[EventRow]:
            rows = [e for e in self.all_events() if filters.event_matches(e)]
            rows.sort(key=lambda e: (e.date or "", e.article_id, e.index))
            return rows

        rows: list[EventRow] = self.index().remember(("events", tuple(sorted(filters.to_dict().items()))), compute)
        return Page(items=rows[offset:offset + limit], total=len(rows), limit=limit, offset=offset)

    @staticmethod
    def by_month(events: Iterable[EventRow]) -> list[tuple[str, int]]:
        counts: Counter[str] = Counter(e.date[:7] for e in events if e.date and len(e.date) >= 7)
        return sorted(counts.items())

    @staticmethod
    def goldstein_trend(events: Iterable[EventRow]) -> list[tuple[str, float, int]]:
        """(month, mean Goldstein, events) for the months that have scored events."""
        acc: dict[str, list[float]] = defaultdict(list)
        for e in events:
            if e.date and len(e.date) >= 7 and e.goldstein is not None:
                acc[e.date[:7]].append(e.goldstein)
        return [(m, round(sum(v) / len(v), 2), len(v)) for m, v in sorted(acc.items())]

    def actors(self, limit: int = 100, offset: int = 0) -> Page:
        limit, offset = clamp(limit, offset)
        counts: Counter[str] = Counter()
        for e in self.all_events():
            for a in {e.source, e.target}:
                if a:
                    counts[a] += 1
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        items = [{"actor": a, "events": n} for a, n in ranked[offset:offset + limit]]
        return Page(items=items, total=len(ranked), limit=limit, offset=offset)

    def actor_events(self, actor: str) -> list[EventRow]:
        key = actor.casefold()

        def compute() -> list[EventRow]:
            rows = [e for e in self.all_events()
                    if key in ((e.source or "").casefold(), (e.target or "").casefold())]
            rows.sort(key=lambda e: (e.date or "", e.article_id, e.index))
            return rows

        result: list[EventRow] = self.index().remember(("actor", key), compute)
        return result

    def dyad_events(self, a: str, b: str) -> list[EventRow]:
        pair = {a.casefold(), b.casefold()}

        def compute() -> list[EventRow]:
            rows = [e for e in self.all_events()
                    if e.source and e.target and {e.source.casefold(), e.target.casefold()} == pair]
            rows.sort(key=lambda e: (e.date or "", e.article_id, e.index))
            return rows

        result: list[EventRow] = self.index().remember(("dyad", *sorted(pair)), compute)
        return result

    def partners(self, actor: str, n: int = 20) -> list[tuple[str, int]]:
        key = actor.casefold()
        counts: Counter[str] = Counter()
        for e in self.actor_events(actor):
            if e.source and e.target:
                if e.source.casefold() == key and e.target.casefold() != key:
                    counts[e.target] += 1
                elif e.target.casefold() == key and e.source.casefold() != key:
                    counts[e.source] += 1
        return counts.most_common(n)

    # -- stories --------------------------------------------------------------------------------

    def stories(self) -> list[StoryRow]:
        cached = self._stories
        if cached is not None and time.monotonic() - cached[0] < 30.0:
            return cached[1]
        rows = list(self.store.load_stories())
        self._stories = (time.monotonic(), rows)
        return rows

    def stories_page(self, limit: int, offset: int) -> Page:
        limit, offset = clamp(limit, offset)
        rows = self.stories()
        return Page(items=rows[offset:offset + limit], total=len(rows), limit=limit, offset=offset)

    def story(self, story_id: str) -> StoryRow | None:
        return next((s for s in self.stories() if s.id == story_id), None)

    def latest_stories(self, n: int = 8) -> list[StoryRow]:
        return sorted(self.stories(), key=lambda s: (s.last_published or "", s.size), reverse=True)[:n]

    def story_events(self, story: StoryRow) -> list[EventRow]:
        idx = self.index()
        rows = [e for m in story.members if (s := idx.summaries.get(m.article_id)) for e in s.events]
        rows.sort(key=lambda e: (e.date or "", e.article_id, e.index))
        return rows

    def merged_events(self, story: StoryRow) -> list[dict[str, Any]] | None:
        """The store's merged events of a story, where the store offers them; else ``None``."""
        import dataclasses

        from ..errors import StoreError

        try:
            result = self.store.load_merged_events(story=story.id)
        except StoreError:  # this store keeps no merged events (or none were merged yet)
            return None
        return [dataclasses.asdict(r) for r in result]

    def story_claims(self, story: StoryRow) -> dict[str, list[dict[str, Any]]]:
        """Claims of a story's articles by speaker (name, else 'unattributed'), each with its quoted text."""
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for m in story.members:
            obj = self.store.get(m.article_id)
            if not obj:
                continue
            text = obj.get("article", {}).get("text", "")
            for c in obj.get("claims") or []:
                if not isinstance(c, dict):
                    continue
                speaker = c.get("speaker") if isinstance(c.get("speaker"), dict) else {}
                assert isinstance(speaker, dict)
                name = speaker.get("name") or "unattributed"
                start, end = int(c.get("start", 0) or 0), int(c.get("end", 0) or 0)
                out[str(name)].append({"article_id": m.article_id, "kind": c.get("kind"), "cue": c.get("cue"),
                                       "text": text[start:end], "start": start, "end": end})
        return dict(sorted(out.items(), key=lambda kv: (-len(kv[1]), kv[0].casefold())))

    # -- search ---------------------------------------------------------------------------------

    def search(self, query: str, filters: Filters, limit: int, offset: int) -> Page:
        """Articles matching every word of ``query`` (title, id, text) and the filters."""
        limit, offset = clamp(limit, offset)
        idx = self.index()
        native = getattr(self.store, "search", None)

        def compute() -> list[Summary]:
            candidates: Sequence[str]
            if query.strip() and callable(native):
                try:  # the store's full-text search (stemmed, ranked), where it has one
                    found = native(query, limit=len(idx.order) or 1)
                    candidates = [str(getattr(h, "article_id", h)) for h in found]
                except Exception:  # a store without it, or a query it refuses: the index answers
                    candidates = self._scan(idx, query)
            else:
                candidates = self._scan(idx, query)
            return [s for i in candidates if (s := idx.summaries.get(i)) and self._keep(s, filters)]

        hits: list[Summary] = idx.remember(("search", query.strip(), tuple(sorted(filters.to_dict().items()))),
                                           compute)
        return Page(items=hits[offset:offset + limit], total=len(hits), limit=limit, offset=offset)

    @staticmethod
    def _scan(idx: Index, query: str) -> list[str]:
        words = [w.casefold() for w in query.split() if w.strip()]
        return [i for i in idx.order if all(w in idx.summaries[i].haystack for w in words)]

    @staticmethod
    def _keep(s: Summary, f: Filters) -> bool:
        if f.flag and not s.flags.get(f.flag):
            return False
        if f.on_events:
            return any(f.event_matches(e) for e in s.events)
        if f.date_from or f.date_to:
            return f.date_ok(_day(s.published)) or any(f.date_ok(e.date) for e in s.events)
        return True

    def ask(self, question: str) -> Any:
        """Cited sentences answering ``question`` (:func:`newsdesk.corpus.ask.ask`), as JSON-ready data."""
        import dataclasses

        from ..corpus.ask import ask as ask_store
        from ..errors import StoreError

        try:
            answers = ask_store(self.store, question, limit=10)
        except StoreError:  # a store without full-text search
            return None
        return {"question": question, "answers": [dataclasses.asdict(a) | {"citation": a.citation()}
                                                  for a in answers]}
