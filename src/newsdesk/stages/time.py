"""Temporal expressions normalised to TIMEX3 against the publication date (see docs/time.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import Article, Timex
from ..pipeline import Context
from ..registry import stages
from ..timex import anchor_from_text, find_timexes, parse_published
from ..timex.anchor import Tense


def _spacy_tagger(nlp: Any, text: str) -> Callable[[int, int], Tense | None]:
    """Tense from spaCy tags: the verb nearest to the expression in its sentence."""
    doc = nlp(text)

    def tagger(start: int, end: int) -> Tense | None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        best: tuple[int, Tense] | None = None
        for tok in span.sent:
            if span.start <= tok.i < span.end:
                continue
            tense: Tense | None = None
            low = tok.lower_
            if tok.tag_ == "MD" and low in ("will", "'ll", "shall", "wo", "would"):
                tense = "future"
            elif tok.tag_ in ("VBD", "VBN"):
                tense = "past"
            elif tok.tag_ in ("VBZ", "VBP"):
                tense = "present"
            if tense is None:
                continue
            dist = span.start - tok.i if tok.i < span.start else tok.i - span.end + 1
            if best is None or dist < best[0]:
                best = (dist, tense)
        return None if best is None else best[1]

    return tagger


@stages.register("time", requires=("text",), provides=("timexes",))
def time(article: Article, context: Context) -> Article:
    text = article.text
    anchor = parse_published(article.published)
    if anchor is None:
        anchor = anchor_from_text(text)
    nlp = context.resources.get("nlp")
    tagger = _spacy_tagger(nlp, text) if nlp is not None and text else None
    article.timexes = [
        Timex(start=s, end=e, text=text[s:e], type=typ, value=value)
        for s, e, typ, value in find_timexes(text, anchor, tagger)
    ]
    return article
