"""What one article contributes to grouping: words, names, places, dates, event codes, shingles.

Features come from the analysis where a stage has run (``entities``, ``time``, ``events``)
and from cheap regular expressions otherwise, so that grouping works on any pipeline.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ..model import Article
from ..timex import anchor_from_text, parse_published
from .text import body_text, capitalised_names, content_words, shingles

#: entity types that name places (spaCy/OntoNotes labels used by the entities stage)
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
#: entity types that take part in the name similarity
NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})

_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_LEAD_CHARS = 400


@dataclass(slots=True)
class Features:
    id: str
    #: the title, else the first line of the body (for listings)
    title: str | None
    words: Counter[str]
    names: Counter[str]
    places: Counter[str] = field(default_factory=Counter)
    #: the document date: ``published``, else a dateline near the top of the text
    day: date | None = None
    #: CAMEO root codes (two digits) of the article's events
    events: frozenset[str] = frozenset()
    shingles: set[str] = field(default_factory=set)


def _name_key(name: str) -> str:
    return " ".join(name.lower().replace("’", "'").removesuffix("'s").split())


def _entity_names(article: Article) -> tuple[Counter[str], Counter[str]]:
    names: Counter[str] = Counter()
    places: Counter[str] = Counter()
    for ent in article.entities:
        if ent.type not in NAME_TYPES:
            continue
        key = ent.kb_id or _name_key(ent.name)
        if not key:
            continue
        n = max(1, len(ent.mentions))
        names[key] += n
        words = key.split()
        if not ent.kb_id and len(words) > 1:  # "lohan" should meet "lindsay lohan"
            for w in words:
                names[w] += n
        if ent.type in PLACE_TYPES:
            places[key] += n
    return names, places


def document_day(article: Article) -> date | None:
    """``published`` when known, else the first full date near the top (a dateline), else ``None``."""
    day = parse_published(article.published)
    if day is None and article.text:
        day = anchor_from_text(article.text, _LEAD_CHARS)
    if day is None:  # a dateline that the time stage resolved (e.g. "May 3rd, 2013 2:00pm")
        for t in article.timexes:
            if t.start < _LEAD_CHARS and t.type in ("DATE", "TIME") and (m := _DAY.match(t.value)):
                try:
                    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                except ValueError:
                    continue
    return day


def extract(article: Article, *, use_entities: bool = True) -> Features:
    """The features of one analysed article."""
    body = body_text(article)
    if article.title and article.title not in body[:400]:
        body = article.title + "\n" + body
    words = content_words(body)
    if use_entities and "entities" in article.stages:
        names, places = _entity_names(article)
    else:
        names, places = capitalised_names(body), Counter()
    day = document_day(article)
    events = frozenset(e.code[:2] for e in article.events if e.code)
    title = article.title or next((ln.strip() for ln in body.splitlines() if ln.strip()), None)
    return Features(id=article.id, title=title[:200] if title else None, words=words, names=names,
                    places=places, day=day,
                    events=events, shingles=shingles(body))
