"""The briefing: one self-contained page on the stored story that matches a query.

``newsdesk brief QUERY --db URL --out brief.html`` (or ``--format md``). Everything is extractive:
every sentence on the page is a sentence of a stored article, cited to it; no text is generated
except the section labels, the questions and counts. Sections:

* latest developments: sentences from the body blocks of the story's most recent, most reliable
  articles (never from boilerplate blocks, never a sentence the checks flagged);
* a timeline chart (inline SVG): the events of the matching articles over time by PLOVER category,
  marked by modality, with the story's window shaded;
* who said what: the story's claims grouped by speaker;
* positions by country: the story's events and claims grouped by the actors' country codes;
* past events of the same kind: events of the story's PLOVER categories dated before its window,
  one event reported many times shown once;
* open questions: a few generated questions answered with cited sentences;
* flagged articles: what the checks flagged among the matching articles, with the evidence.

:func:`build_brief` makes a :class:`Brief` (plain data); :func:`render_html` and
:func:`render_markdown` render it with the templates in ``report/templates/``.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from ..errors import NewsdeskError
from ..store import Store
from ._text import excerpt, host_of, jaccard, one_line, safe_url, sentences, words
from .data import Corpus, Doc, load_corpus, search_ids

#: stories scoring within this share of the best one count as tied; the most recent of them is briefed
STORY_NEAR = 0.9
#: an article matches when the query words it holds carry at least this share of the query's weight
MIN_COVERAGE = 0.5
#: below this reliability an article is used for developments and answers only when nothing better is left
LOW_RELIABILITY = 0.4
#: severities of a flag that keep its sentence out of developments and answers
BLOCKING_SEVERITIES = frozenset({"medium", "high"})
#: PLOVER categories in display order, from cooperation to force
PLOVER_ORDER = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
MODALITIES = ("asserted", "reported", "planned", "hypothetical", "negated", "historical")
_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "this", "that"})
#: phrases that name both sides of a story at once
_BOTH_SIDES = re.compile(r"\b(?:the two|both) (?:leaders|sides|countries|governments|delegations)\b", re.IGNORECASE)
#: words that make a past meeting sentence speak of the next one ("invited Kim to visit")
_INVITE = frozenset({"invite", "invited", "invitation", "again", "next", "another", "resume", "restart"})
_VERBS = {"AGREE": "agreed", "CONSULT": "met or consulted", "SUPPORT": "supported", "CONCEDE": "conceded",
          "COOPERATE": "cooperated", "AID": "gave aid", "RETREAT": "pulled back", "REQUEST": "requested",
          "ACCUSE": "accused", "REJECT": "rejected", "THREATEN": "threatened", "PROTEST": "protested",
          "SANCTION": "sanctioned", "MOBILIZE": "mobilised", "COERCE": "coerced", "ASSAULT": "used force"}


class BriefError(NewsdeskError):
    kind = "brief"


# -- the briefing as data ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """A cited article: the number it has on the page and what a reader needs to find it."""

    n: int
    id: str
    title: str
    outlet: str | None
    published: str | None
    #: a safe http(s) link, or None (never a ``javascript:`` URL)
    url: str | None
    reliability: float | None
    flags: int


@dataclass(frozen=True)
class Cited:
    """A piece of article text (a sentence or a quotation) and the article it is from."""

    text: str
    cite: Citation
    day: str | None = None
    #: a short label: the event's category and modality, a claim's kind
    note: str | None = None


@dataclass
class Speaker:
    name: str
    country: str | None
    quotes: list[Cited]


@dataclass
class Position:
    code: str
    name: str
    gist: str
    tone: str
    actions: list[tuple[str, int]]
    examples: list[Cited]
    said: list[Cited]


@dataclass
class PastEvent:
    day: str
    category: str
    label: str
    actors: str
    report: Cited
    also: list[Citation]


@dataclass
class Question:
    text: str
    answers: list[Cited]


@dataclass
class FlagView:
    kind: str
    severity: str
    message: str
    excerpt: str
    evidence: list[tuple[str, str]]


@dataclass
class FlaggedArticle:
    cite: Citation
    reliability: float | None
    flags: list[FlagView]
    more: int = 0


@dataclass(frozen=True)
class TimelinePoint:
    day: date
    category: str
    modality: str
    count: int
    label: str
    cite: int


@dataclass
class Brief:
    query: str
    generated: str
    scope: str  # "story" or "all"
    story_id: str | None
    story_title: str | None
    window: tuple[str | None, str | None]
    matched: int
    matched_stories: int
    grouping: str
    why: str
    articles: list[Citation] = field(default_factory=list)
    developments: list[Cited] = field(default_factory=list)
    timeline: list[TimelinePoint] = field(default_factory=list)
    timeline_outside: int = 0
    speakers: list[Speaker] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    past: list[PastEvent] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    flagged: list[FlaggedArticle] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)


class _Citations:
    """Numbers articles in the order the page first cites them."""

    def __init__(self) -> None:
        self.by_id: dict[str, Citation] = {}

    def __call__(self, doc: Doc) -> Citation:
        cite = self.by_id.get(doc.id)
        if cite is None:
            title = one_line(doc.title or "") or doc.id
            cite = Citation(len(self.by_id) + 1, doc.id, title, doc.source or host_of(doc.url), doc.published,
                            safe_url(doc.url), doc.reliability, len(doc.flags))
            self.by_id[doc.id] = cite
        return cite

    def all(self) -> list[Citation]:
        return sorted(self.by_id.values(), key=lambda c: c.n)


# -- matching the query ---------------------------------------------------------------------------


def _body(doc: Doc) -> str:
    return "\n".join(doc.text[a:b] for a, b in doc.body_spans)


def _phrase_in(phrase: str, text: str) -> bool:
    phrase = " ".join(phrase.lower().split())
    return len(phrase) >= 3 and f" {phrase} " in f" {text} "


def match(query: str, docs: Sequence[Doc]) -> dict[str, float]:
    """Scores of the articles that match ``query`` (by id); the others are left out.

    Full-text: the query's content words, weighted by rarity (BM25 idf over the stored articles),
    in the title and body blocks; an article matches when the words it holds carry at least
    :data:`MIN_COVERAGE` of the query's weight. Words in the title and a named entity of the
    article that the query names ("North Korea") add to the score.
    """
    q = words(query)
    if not q:
        raise BriefError(f"the query {query!r} has no words to search for")
    qnorm = " ".join("".join(c if c.isalnum() else " " for c in query.lower()).split())
    n = len(docs)
    bags = {d.id: words((d.title or "") + "\n" + _body(d)) for d in docs}
    df = Counter(t for d in docs for t in q if t in bags[d.id])
    idf = {t: math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5)) for t in q}
    total = sum(idf.values()) or 1.0
    out: dict[str, float] = {}
    for d in docs:
        bag = bags[d.id]
        coverage = sum(idf[t] for t in q if t in bag) / total
        if coverage < MIN_COVERAGE:
            continue
        title = words(d.title or "")
        in_title = sum(idf[t] for t in q if t in title) / total
        tf = sum(math.log1p(bag[t]) for t in q if t in bag) / (len(q) * math.log1p(5))
        named = any(_phrase_in(str(e.get("name") or ""), qnorm)
                    or any(_phrase_in(str(m.get("text") or ""), qnorm) for m in e.get("mentions") or []
                           if isinstance(m, dict))
                    for e in d.entities)
        out[d.id] = coverage + 0.3 * in_title + 0.25 * named + 0.1 * min(1.0, tf)
    return out


def _coverage_any(query: str, doc: Doc) -> float:
    """Share of the query's words found in the article, counting a word found as a prefix of one
    of its words (a crude stem: "summit" in "summits", "negotiat" in "negotiations")."""
    q = [t for t in words(query) if len(t) >= 3]
    if not q:
        return 0.0
    bag = words((doc.title or "") + "\n" + _body(doc))
    found = sum(1 for t in q if t in bag or any(w.startswith(t[:max(4, len(t) - 2)]) for w in bag))
    return found / len(q)


def _weight(doc: Doc) -> float:
    r = doc.reliability
    return 0.65 if r is None else max(0.05, r)


def _trusted(docs: Iterable[Doc]) -> list[Doc]:
    docs = list(docs)
    good = [d for d in docs if (d.reliability is None or d.reliability >= LOW_RELIABILITY)]
    return good or docs


def _last_day(docs: Iterable[Doc]) -> date:
    days = [d.day for d in _trusted(docs) if d.day]
    return max(days) if days else date.min


def choose_story(corpus: Corpus, scores: dict[str, float]) -> tuple[str | None, str]:
    """The story to brief on, and why: the story with the highest score (the sum over its matching
    articles, copies left out, of match score x reliability); among stories within
    :data:`STORY_NEAR` of that score, the one with the most recent trustworthy article."""
    by_story: dict[str, float] = defaultdict(float)
    for d in corpus.docs:
        if d.id in scores and d.story is not None and d.duplicate_of is None:
            by_story[d.story] += scores[d.id] * _weight(d)
    if not by_story:
        return None, "no stored story holds a matching article"
    best = max(by_story.values())
    stories = corpus.stories()
    near = [s for s, v in by_story.items() if v >= STORY_NEAR * best]
    chosen = max(near, key=lambda s: (_last_day(stories[s]), by_story[s], s))
    holds = f"{len(by_story)} stor{'y holds' if len(by_story) == 1 else 'ies hold'} matching articles"
    if len(near) == 1:
        why = f"{holds}; this one scores highest ({best:.2f}: match x reliability over its articles)"
    else:
        why = (f"{holds}; {len(near)} score within {1 - STORY_NEAR:.0%} of the best ({best:.2f}); this one "
               f"(score {by_story[chosen]:.2f}) has the most recent trustworthy article")
    return chosen, why


# -- helpers over events and sentences ------------------------------------------------------------


def _sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in doc.body_spans:
        out.extend(sentences(doc.text, a, b))
    return out


def _blocked(doc: Doc, a: int, b: int) -> bool:
    """A sentence overlapping a flag of medium or high severity (a stale title, a spun phrase)."""
    for f in doc.flags:
        s, e = f.get("start"), f.get("end")
        if (f.get("severity") in BLOCKING_SEVERITIES and isinstance(s, int) and isinstance(e, int)
                and s < b and e > a):
            return True
    return False


def _in_body(doc: Doc, a: int, b: int) -> bool:
    """Whether the span starts in a body block (an event's span may run on over the line break)."""
    return any(s <= a < e for s, e in doc.body_spans)


def _event_day(doc: Doc, ev: dict[str, Any]) -> date | None:
    """The event's date ("2018-06" and "2018" read as their first day), else the article's."""
    value = ev.get("date")
    if isinstance(value, str):
        for size, fill in ((10, ""), (7, "-01"), (4, "-01-01")):
            if len(value) >= size and (len(value) == size or size == 10):
                try:
                    day = date.fromisoformat(value[:size] + fill)
                except ValueError:
                    continue
                # a month or a year that holds the article's own date: the article's date is closer
                if size < 10 and doc.day and doc.day.year == day.year and (size == 4 or doc.day.month == day.month):
                    return doc.day
                return day
    return doc.day


def _country(code: Any) -> str | None:
    """The country part of a CAMEO actor code ("USAGOV" -> "USA"), when it names a country."""
    if not isinstance(code, str) or len(code) < 3 or not code[:3].isalpha():
        return None
    return code[:3].upper() if country_name(code[:3].upper()) else None


@lru_cache(maxsize=512)
def country_name(code: str) -> str | None:
    """The knowledge base's name for a three-letter CAMEO/ISO country code, or None."""
    try:
        from ..kb.base import load

        c = load().country(code)
    except Exception:  # the knowledge base is optional for reports
        return None
    if c is None or code not in (c.iso3, c.cameo):
        return None
    return str(c.name)


def _actors(ev: dict[str, Any]) -> tuple[str | None, str | None]:
    src, tgt = ev.get("source"), ev.get("target")
    return (_country(src.get("code")) if isinstance(src, dict) else None,
            _country(tgt.get("code")) if isinstance(tgt, dict) else None)


def _event_text(doc: Doc, ev: dict[str, Any]) -> str:
    a, b = ev.get("start"), ev.get("end")
    if isinstance(a, int) and isinstance(b, int):
        for s, e in _sentence_spans(doc):
            if s <= a < e:  # the event's span is its sentence; keep to the sentence it starts in
                return excerpt(doc.text[s:e])
    return excerpt(doc.span(a, b))


def _category(ev: dict[str, Any]) -> str | None:
    p = ev.get("plover")
    return p if isinstance(p, str) and p else None


def _note(ev: dict[str, Any]) -> str:
    return f"{(_category(ev) or 'statement').lower()}, {ev.get('modality') or 'asserted'}"


def _order(docs: Iterable[Doc]) -> list[Doc]:
    """Most recent first, more reliable first on the same day; low-reliability articles last."""
    return sorted(docs, key=lambda d: ((d.reliability or 0.65) < LOW_RELIABILITY, -(d.day or date.min).toordinal(),
                                       -(d.reliability or 0.65), d.ordinal))


# -- sections ------------------------------------------------------------------------------------


def developments(docs: Sequence[Doc], query: str, cite: _Citations, *, limit: int = 6,
                 per_article: int = 2) -> list[Cited]:
    """Sentences from the body of the most recent, most reliable articles, most recent first."""
    q = set(words(query))
    picked: list[tuple[Cited, Counter[str]]] = []
    for doc in _order(docs):
        if len(picked) >= limit:
            break
        ranked: list[tuple[float, int, int]] = []
        spans = _sentence_spans(doc)
        events = [(e.get("start"), e.get("end"), e.get("modality")) for e in doc.events]
        for k, (a, b) in enumerate(spans):
            text = doc.text[a:b]
            n_words = len(text.split())
            if n_words < 6 or n_words > 70 or text.rstrip().endswith("?") or _blocked(doc, a, b):
                continue
            score = 1.0 / (1 + k)  # the lede first
            score += 0.5 * len(q & set(words(text))) / max(1, len(q))
            if any(isinstance(s, int) and a <= s < b and m in ("asserted", "planned", "reported")
                   for s, _, m in events):
                score += 0.4
            ranked.append((score, a, b))
        chosen = sorted(sorted(ranked, reverse=True)[:per_article], key=lambda r: r[1])
        for _, a, b in chosen:
            bag = words(doc.text[a:b])
            if any(jaccard(bag, other) >= 0.5 for _, other in picked):
                continue
            picked.append((Cited(excerpt(doc.text[a:b], 400), cite(doc), doc.published), bag))
            if len(picked) >= limit:
                break
    return [c for c, _ in picked]


def timeline(docs: Sequence[Doc], cite: _Citations, window: tuple[date | None, date | None] = (None, None)
             ) -> tuple[list[TimelinePoint], int]:
    """Events with a PLOVER category; one point per (day, category, modality, country pair), counted.

    The chart runs from 18 months before the story's window to 6 months after it (without a
    window: the trustworthy articles' dates, a year either side); events outside (a war decades
    ago, a copy re-dated years later) are left out of the chart and counted."""
    pub = sorted(d.day for d in _trusted(docs) if d.day)
    start, end = window
    if start is not None and end is not None:
        lo, hi = start - timedelta(days=548), end + timedelta(days=183)
    elif pub:
        lo, hi = pub[0] - timedelta(days=366), pub[-1] + timedelta(days=366)
    else:
        return [], 0
    merged: dict[tuple[date, str, str, tuple[str | None, str | None]], list[tuple[Doc, dict[str, Any]]]] = {}
    outside = 0
    for doc in _order(docs):
        for ev in doc.events:
            cat, day = _category(ev), _event_day(doc, ev)
            if cat is None or day is None:
                continue
            if not lo <= day <= hi:
                outside += 1
                continue
            key = (day, cat, str(ev.get("modality") or "asserted"), _actors(ev))
            merged.setdefault(key, []).append((doc, ev))
    points = []
    for (day, cat, modality, (src, tgt)), reports in sorted(merged.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        doc, ev = reports[0]
        dyad = f"{src or '?'} → {tgt or '?'} " if (src or tgt) else ""
        label = (f"{day.isoformat()} {cat} ({modality}) {dyad}— {excerpt(_event_text(doc, ev), 160)}"
                 f" [{len(reports)} report{'s' if len(reports) > 1 else ''}]")
        points.append(TimelinePoint(day, cat, modality, len(reports), label, cite(doc).n))
    return points, outside


def _speaker(doc: Doc, claim: dict[str, Any]) -> tuple[str, str, str | None] | None:
    """(key, name, country) of a claim's speaker; None when there is none or it is a bare pronoun."""
    sp = claim.get("speaker")
    if not isinstance(sp, dict):
        return None
    name = one_line(str(sp.get("name") or ""))
    if not name or name.lower() in _PRONOUNS:
        return None
    ent = doc.entity_by_id.get(str(sp.get("entity_id"))) if sp.get("entity_id") else None
    country = None
    if ent is not None:
        name = one_line(str(ent.get("name") or name))
        country = _country(ent.get("actor_code")) or _country(ent.get("country"))
        key = str(ent.get("kb_id") or name.lower())
    else:
        key = name.lower()
    return key, name, country


def who_said_what(docs: Sequence[Doc], cite: _Citations, *, speakers: int = 8, per_speaker: int = 3) -> list[Speaker]:
    groups: dict[str, Speaker] = {}
    counts: Counter[str] = Counter()
    seen: set[str] = set()
    for doc in _order(docs):
        claims = sorted(doc.claims, key=lambda c: (c.get("kind") != "direct", c.get("start") or 0))
        for claim in claims:
            who = _speaker(doc, claim)
            a, b = claim.get("start"), claim.get("end")
            text = doc.span(a, b)
            if who is None or not text.strip() or not (isinstance(a, int) and isinstance(b, int)) \
                    or not _in_body(doc, a, b):
                continue
            key, name, country = who
            norm = " ".join(words(text))
            if norm in seen:
                continue
            seen.add(norm)
            counts[key] += 1
            sp = groups.setdefault(key, Speaker(name, country, []))
            sp.country = sp.country or country
            if len(sp.quotes) < per_speaker:
                sp.quotes.append(Cited(excerpt(text, 360), cite(doc), doc.published,
                                       f"{claim.get('kind') or 'claim'}, {claim.get('cue') or 'said'}"))
    ranked = sorted(groups, key=lambda k: (-counts[k], groups[k].name))
    return [groups[k] for k in ranked[:speakers]]


def positions(docs: Sequence[Doc], cite: _Citations, *, limit: int = 6) -> list[Position]:
    """Per actor country: what it did (events where it is the source, by category) and what its people said."""
    acts: dict[str, Counter[str]] = defaultdict(Counter)
    tone: dict[str, list[float]] = defaultdict(list)
    examples: dict[str, list[tuple[float, Cited]]] = defaultdict(list)
    said: dict[str, list[Cited]] = defaultdict(list)
    mentions: Counter[str] = Counter()
    for doc in _order(docs):
        for ev in doc.events:
            src, tgt = _actors(ev)
            for side in (src, tgt):
                if side is not None:
                    mentions[side] += 1
            cat = _category(ev)
            if src is None or cat is None:
                continue
            acts[src][cat] += 1
            g = ev.get("goldstein")
            if isinstance(g, int | float):
                tone[src].append(float(g))
            a, b = ev.get("start"), ev.get("end")
            if isinstance(a, int) and isinstance(b, int) and not _blocked(doc, a, b):
                conf = float(ev.get("confidence") or 0.5) + (0.3 if ev.get("modality") == "asserted" else 0)
                examples[src].append((conf, Cited(_event_text(doc, ev), cite(doc), doc.published, _note(ev))))
        for claim in doc.claims:
            who = _speaker(doc, claim)
            a, b = claim.get("start"), claim.get("end")
            if who is None or who[2] is None or not (isinstance(a, int) and isinstance(b, int)):
                continue
            if _blocked(doc, a, b) or not _in_body(doc, a, b):
                continue
            mentions[who[2]] += 1
            if len(said[who[2]]) < 2:
                said[who[2]].append(Cited(excerpt(doc.span(a, b), 300), cite(doc), doc.published, who[1]))
    out = []
    for code, _ in mentions.most_common():
        if not acts[code] and not said[code]:
            continue
        name = country_name(code) or code
        actions = [(c, n) for c, n in sorted(acts[code].items(), key=lambda kv: (-kv[1], PLOVER_ORDER.index(kv[0])
                                                                                if kv[0] in PLOVER_ORDER else 99))]
        mean = sum(tone[code]) / len(tone[code]) if tone[code] else 0.0
        mood = "cooperative" if mean >= 1.0 else "conflictual" if mean <= -1.0 else "mixed"
        if actions:
            parts = [f"{_VERBS.get(c, c.lower())} ({n})" for c, n in actions[:4]]
            gist = f"{name} {', '.join(parts)}; tone {mood} (mean Goldstein {mean:+.1f})."
        else:
            gist = f"{name}: statements only."
        seen_text: set[str] = set()
        ex: list[Cited] = []
        for _, item in sorted(examples[code], key=lambda x: -x[0]):
            if item.text not in seen_text and len(ex) < 2:
                seen_text.add(item.text)
                ex.append(item)
        out.append(Position(code, name, gist, mood if actions else "—", actions, ex, said[code]))
        if len(out) >= limit:
            break
    return out


def story_kinds(docs: Sequence[Doc], *, limit: int = 2) -> list[str]:
    """The story's main PLOVER categories: the most frequent among its events that happened."""
    counts = Counter(c for d in docs for ev in d.events
                     if (c := _category(ev)) and ev.get("modality") in ("asserted", "reported", None))
    return [c for c, _ in counts.most_common(limit)]


def past_events(corpus: Corpus, story_docs: Sequence[Doc], kinds: Sequence[str], start: date | None,
                cite: _Citations, *, limit: int = 8) -> list[PastEvent]:
    """Events of the story's kinds dated before its window, among the countries the story involves.

    One real event told by several articles (same day and country pair) is shown once, from its
    most reliable report, with the other reports cited beside it. The events told by the most
    articles are kept, shown in date order."""
    if not kinds or start is None:
        return []
    story_ids = {d.id for d in story_docs}
    countries = {c for d in story_docs for ev in d.events for c in _actors(ev) if c}
    found: list[tuple[date, frozenset[str], str, Doc, dict[str, Any]]] = []
    for doc in corpus.docs:
        if doc.duplicate_of is not None or doc.id in story_ids:  # the story's own background is not "past"
            continue
        for ev in doc.events:
            cat, day = _category(ev), _event_day(doc, ev)
            if cat not in kinds or day is None or day >= start:
                continue
            if ev.get("modality") not in ("asserted", "reported", "historical", None):
                continue
            pair = frozenset(c for c in _actors(ev) if c)
            if not pair or (countries and not pair & countries):
                continue
            a, b = ev.get("start"), ev.get("end")
            if not (isinstance(a, int) and isinstance(b, int)) or _blocked(doc, a, b) or not _in_body(doc, a, b):
                continue
            found.append((day, pair, str(cat), doc, ev))
    # one event, many reports: the same category and country pair within three days
    merged: dict[tuple[date, frozenset[str]], list[tuple[Doc, dict[str, Any]]]] = {}
    last: dict[tuple[frozenset[str], str], date] = {}
    for day, pair, cat, doc, ev in sorted(found, key=lambda f: (f[0], f[3].ordinal, f[4].get("start") or 0)):
        first = last.get((pair, cat))
        if first is not None and (day - first).days <= 3 and (first, pair) in merged:
            merged[(first, pair)].append((doc, ev))
        else:
            merged.setdefault((day, pair), []).append((doc, ev))
            last[(pair, cat)] = day

    def rank(item: tuple[tuple[date, frozenset[str]], list[tuple[Doc, dict[str, Any]]]]) -> tuple[Any, ...]:
        (day, _pair), reports = item
        trusted = {d.id for d, _ in reports if d.reliability is None or d.reliability >= LOW_RELIABILITY}
        best_kind = min(kinds.index(str(_category(ev))) for _, ev in reports)
        return (-len(trusted), -len({d.id for d, _ in reports}), best_kind, -day.toordinal())

    from ..events.lexicon import codebook

    out = []
    for (day, pair), reports in sorted(sorted(merged.items(), key=rank)[:limit], key=lambda kv: kv[0][0]):
        reports.sort(key=lambda r: (kinds.index(str(_category(r[1]))), r[0].id in story_ids, -_weight(r[0]),
                                    r[0].ordinal, r[1].get("start") or 0))
        doc, ev = reports[0]
        code = str(ev.get("code") or "")
        cat = str(_category(ev))
        label = codebook().label(code) or cat.title()
        src, tgt = _actors(ev)
        actors = " → ".join(country_name(c) or c for c in (src, tgt) if c) or ", ".join(sorted(pair))
        also, seen = [], {doc.id}
        for d, _ in reports[1:]:
            if d.id not in seen:
                seen.add(d.id)
                also.append(cite(d))
        raw = str(ev.get("date") or "")
        shown = raw[:10] if raw[:4].isdigit() and all(c.isdigit() or c == "-" for c in raw[:10]) else day.isoformat()
        out.append(PastEvent(shown, cat, f"{label} ({code})", actors,
                             Cited(_event_text(doc, ev), cite(doc), doc.published, _note(ev)), also))
    return out


def _people(docs: Sequence[Doc], *, limit: int = 2) -> list[tuple[str, str | None]]:
    """(name, country) of the people the story is about: linked PERSON entities, by how many of the
    story's articles name them, then by mentions."""
    in_docs: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    info: dict[str, tuple[str, str | None]] = {}
    for doc in docs:
        seen: set[str] = set()
        for ent in doc.entities:
            if ent.get("type") != "PERSON" or not ent.get("kb_id") or not ent.get("name"):
                continue
            key = str(ent["kb_id"])
            info[key] = (one_line(str(ent["name"])), _country(ent.get("actor_code")) or _country(ent.get("country")))
            mentions[key] += len(ent.get("mentions") or [])
            if key not in seen:
                seen.add(key)
                in_docs[key] += 1
    ranked = sorted(info, key=lambda k: (-in_docs[k], -mentions[k], info[k][0]))
    return [info[k] for k in ranked[:limit]]


@lru_cache(maxsize=256)
def _aliases(name: str, code: str | None) -> tuple[tuple[str, bool], ...]:
    """Ways a text may name a side: the person's surname, the country's names, demonym and
    two-letter code ("US", matched case-sensitively, like every alias of three letters or fewer)."""
    out: list[str] = []
    if name:
        out.extend([name, name.split()[-1] if " " in name else name])
    if code:
        try:
            from ..kb.base import load

            c = load().country(code)
        except Exception:  # the knowledge base is optional for reports
            c = None
        if c is not None:
            from ..nlp.kbadapter import capital_forms

            iso2 = str(c.iso2 or "")
            out.extend([str(c.name), *map(str, c.alt_names), *map(str, c.demonyms), iso2,
                        # "US" is also written "U.S."; "Washington D.C." is usually "Washington"
                        ".".join(iso2) + "." if len(iso2) == 2 else "", *capital_forms(c.capital)])
    return tuple((a, len(a) <= 3) for a in dict.fromkeys(out) if a and len(a) >= 2)


def _names_side(text: str, aliases: Sequence[tuple[str, bool]]) -> bool:
    for alias, exact in aliases:
        pattern = r"(?<!\w)" + re.escape(alias) + r"(?!\w)"
        if re.search(pattern, text, 0 if exact else re.IGNORECASE):
            return True
    return False


def _answers(docs: Sequence[Doc], cite: _Citations, keep: Any, *, limit: int = 3) -> list[Cited]:
    """Sentences of events that ``keep(doc, event, sentence)`` accepts, from trusted articles
    (the least reliable ones only when the others hold nothing), most recent first."""
    ordered = _order(docs)
    trusted = [d for d in ordered if d.reliability is None or d.reliability >= LOW_RELIABILITY]
    for pool in (trusted, [d for d in ordered if d not in trusted]):
        out: list[Cited] = []
        bags: list[Counter[str]] = []
        for doc in pool:
            for ev in sorted(doc.events, key=lambda e: e.get("start") or 0):
                a, b = ev.get("start"), ev.get("end")
                if not (isinstance(a, int) and isinstance(b, int)) or _blocked(doc, a, b) or not _in_body(doc, a, b):
                    continue
                text = _event_text(doc, ev)
                if not keep(doc, ev, text):
                    continue
                bag = words(text)
                if any(jaccard(bag, other) >= 0.5 for other in bags):
                    continue
                bags.append(bag)
                out.append(Cited(text, cite(doc), doc.published, _note(ev)))
                if len(out) >= limit:
                    return out
        if out:
            return out
    return []


def open_questions(scope: Sequence[Doc], story_docs: Sequence[Doc], window: tuple[date | None, date | None],
                   cite: _Citations) -> list[Question]:
    """A few questions a reader would ask next, answered with cited sentences from the corpus.

    The two sides are the two people the story names most (else its two most frequent actor
    countries); an answer must name a side (both sides, for "will they meet").
    """
    _, end = window
    people = _people(story_docs)
    sides: list[tuple[str, tuple[tuple[str, bool], ...]]] = [(n, _aliases(n, c)) for n, c in people]
    if len(sides) < 2:
        codes = Counter(c for d in story_docs for ev in d.events for c in _actors(ev) if c)
        sides = [(country_name(c) or c, _aliases("", c)) for c, _ in codes.most_common(2)]
    later = [d for d in scope if d.day is None or end is None or d.day >= end]
    pool = list({d.id: d for d in [*story_docs, *later]}.values())
    questions: list[Question] = []

    def about(text: str) -> bool:
        return _BOTH_SIDES.search(text) is not None or any(_names_side(text, al) for _, al in sides)

    if len(sides) >= 2:
        (a, al_a), (b, al_b) = sides[0], sides[1]
        met = any(_category(ev) == "CONSULT" for d in story_docs for ev in d.events)

        def meet(doc: Doc, ev: dict[str, Any], text: str) -> bool:
            day = _event_day(doc, ev)
            future = ev.get("modality") in ("planned", "hypothetical", "negated")
            after = end is not None and day is not None and day > end
            meeting = _category(ev) == "CONSULT" or str(ev.get("code") or "").startswith("036")
            ahead = future or after or any(w in _INVITE for w in text.lower().split())
            both = _BOTH_SIDES.search(text) is not None or (_names_side(text, al_a) and _names_side(text, al_b))
            return meeting and ahead and both

        questions.append(Question(f"Will {a} and {b} {'meet again' if met else 'meet'}?", _answers(pool, cite, meet)))

        def agreed(doc: Doc, ev: dict[str, Any], text: str) -> bool:
            return _category(ev) == "AGREE" and ev.get("modality") in ("asserted", "reported")

        questions.append(Question(f"What have {a} and {b} agreed?", _answers(story_docs, cite, agreed)))

    def unresolved(doc: Doc, ev: dict[str, Any], text: str) -> bool:
        return (ev.get("modality") == "negated" or _category(ev) in ("REJECT", "THREATEN", "ACCUSE")) and about(text)

    questions.append(Question("What is still unresolved or disputed?", _answers(pool, cite, unresolved)))

    def planned(doc: Doc, ev: dict[str, Any], text: str) -> bool:
        day = _event_day(doc, ev)
        return (ev.get("modality") == "planned" and (doc.day is None or day is None or day >= doc.day)
                and about(text))

    questions.append(Question("What happens next?", _answers(pool, cite, planned)))
    return questions


def _evidence(ev: Any) -> list[tuple[str, str]]:
    if not isinstance(ev, dict):
        return []
    out = []
    for k, v in list(ev.items())[:8]:
        value = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)
        out.append((str(k), excerpt(value, 200)))
    return out


def flagged_articles(docs: Sequence[Doc], cite: _Citations, *, per_article: int = 10) -> list[FlaggedArticle]:
    """The articles the checks flagged, least reliable first, with each flag and its evidence."""
    rank = {"high": 0, "medium": 1, "low": 2}
    out = []
    for doc in sorted((d for d in docs if d.flags), key=lambda d: (d.reliability or 0.65, d.ordinal)):
        flags = sorted(doc.flags, key=lambda f: (rank.get(str(f.get("severity")), 3), f.get("start") or 0))
        views = [FlagView(str(f.get("kind") or "?"), str(f.get("severity") or "?"),
                          one_line(str(f.get("message") or "")),
                          excerpt(doc.span(f.get("start"), f.get("end")), 200), _evidence(f.get("evidence")))
                 for f in flags[:per_article]]
        out.append(FlaggedArticle(cite(doc), doc.reliability, views, max(0, len(flags) - per_article)))
    return out


# -- the whole briefing -------------------------------------------------------------------------


def build_brief(query: str, store: Store | Corpus, *, story: str | None = None, all_matches: bool = False,
                today: date | None = None) -> Brief:
    """The briefing on the story that best matches ``query`` (or on ``story``, or on all matches)."""
    corpus = store if isinstance(store, Corpus) else load_corpus(store)
    if not corpus.docs:
        raise BriefError("the store holds no articles (`newsdesk ingest PATH --db URL` first)")
    originals = [d for d in corpus.docs if d.duplicate_of is None]
    scores = match(query, originals)
    if isinstance(store, Store):
        # the store's stemmed full-text search finds inflected forms ("summits") the word match misses;
        # its hits that hold enough of the query count as matches with the lowest passing score
        hits = search_ids(store, query)
        for d in originals:
            if hits and d.id in hits and d.id not in scores and _coverage_any(query, d) >= MIN_COVERAGE:
                scores[d.id] = MIN_COVERAGE
    if story is not None:
        members = [d for d in originals if d.story == story]
        if not members:
            known = ", ".join(sorted(corpus.stories())[:10])
            raise BriefError(f"no story {story!r} in the store (stories: {known or 'none; run newsdesk stories --db'})")
        for d in members:
            scores.setdefault(d.id, 0.0)
    if not scores:
        raise BriefError(f"no stored article matches {query!r}")
    matched = [d for d in originals if d.id in scores]
    stories = {d.story for d in matched if d.story is not None}
    chosen: str | None = story
    why = f"story {story} as asked"
    if chosen is None and not all_matches:
        chosen, why = choose_story(corpus, scores)
    if chosen is None:
        scope_docs = matched
        why = "all matching articles" if all_matches else why + "; using all matching articles"
    else:
        scope_docs = [d for d in originals if d.story == chosen]
    trusted_days = sorted(d.day for d in _trusted(scope_docs) if d.day)
    window = (trusted_days[0], trusted_days[-1]) if trusted_days else (None, None)
    cite = _Citations()
    story_title = min(scope_docs, key=lambda d: d.ordinal).title if chosen is not None else None
    brief = Brief(query=query, generated=(today or date.today()).isoformat(),
                  scope="story" if chosen else "all", story_id=chosen, story_title=story_title,
                  window=(window[0].isoformat() if window[0] else None, window[1].isoformat() if window[1] else None),
                  matched=len(matched), matched_stories=len(stories), grouping=corpus.grouping, why=why)
    context = sorted(set(matched) | set(scope_docs), key=lambda d: d.ordinal)
    brief.developments = developments(scope_docs, query, cite)
    brief.timeline, brief.timeline_outside = timeline(context, cite, window if chosen else (None, None))
    brief.speakers = who_said_what(scope_docs, cite)
    brief.positions = positions(scope_docs, cite)
    brief.kinds = story_kinds(scope_docs)
    brief.past = past_events(corpus, scope_docs, brief.kinds, window[0], cite)
    brief.questions = open_questions(context, scope_docs, window, cite)
    brief.flagged = flagged_articles(context, cite)
    brief.articles = [cite(d) for d in _order(scope_docs)]
    brief.citations = cite.all()
    return brief


# -- rendering ---------------------------------------------------------------------------------------


def render_html(brief: Brief) -> str:
    from .render import html

    return html(brief)


def render_markdown(brief: Brief) -> str:
    from .render import markdown

    return markdown(brief)
