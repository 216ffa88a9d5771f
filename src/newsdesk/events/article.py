"""Coding a whole article: its body sentences and its event-list tables."""

from __future__ import annotations

from typing import Any

from ..model import Article, Event
from .actors import ActorKB, NoKB, Resolver
from .coder import code_sentence
from .lexicon import codebook, verb_dictionary
from .tables import table_events


def _load_kb() -> ActorKB:
    try:
        from .. import kb
    except ImportError:  # pragma: no cover - the knowledge base is part of the package
        return NoKB()
    base: ActorKB = kb.load()
    return base


def _nlp(context: Any) -> Any:
    from ..nlp.model import get_nlp

    return get_nlp(context)


def parsed(article: Article, context: Any) -> Any:
    """The article's parsed ``Doc``: the one the entities stage cached, else a fresh parse."""
    from ..nlp.model import cached_doc, doc_text

    doc = cached_doc(context, article.id)
    if doc is not None and len(doc_text(doc)) == len(article.text) and doc.has_annotation("DEP"):
        return doc
    return _nlp(context)(article.text)


def _day(published: str | None) -> str | None:
    return published[:10] if published else None


def code_article(article: Article, context: Any) -> list[Event]:
    vd = verb_dictionary()
    book = codebook()
    kb: ActorKB = context.get("event_kb", _load_kb)
    res = Resolver(kb, article.entities, _day(article.published))
    doc = parsed(article, context)
    skip = [(b.start, b.end) for b in article.blocks if b.boilerplate or b.kind == "table"]
    skip += [(t.start, t.end) for t in article.tables]
    events: list[Event] = []
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        if any(a <= s < b or a < e <= b for a, b in skip):
            continue
        if not any(t.is_alpha for t in sent):
            continue
        events.extend(code_sentence(sent, vd, book, res, article.timexes, article.published))
    events.extend(table_events(article, doc, res, book))
    events.sort(key=lambda ev: (ev.start, ev.end))
    return events
