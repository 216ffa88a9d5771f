"""Questions answered with the stored articles' own sentences, each cited (article, title, date, span).

1. **Find articles**: full-text search over title and body (``Store.search`` with ``match="any"``:
   bm25 on SQLite, ts_rank on PostgreSQL), ``candidates`` of them.
2. **Score sentences** inside them, from body blocks only (paragraphs and list items; no
   boilerplate, title, byline or table): the question's words found in the sentence, each
   weighted by its rarity among the candidate sentences (idf, light stemming), plus a bonus for
   adjacent question words in a row, a smaller one when the sentence carries an event or an
   attributed claim (it says who did or said what) and for the article's search rank.
3. **Optionally re-rank** (``rerank=True``) the best ones by meaning with a small sentence
   embedding model (:mod:`.semantic`, the ``semantic`` extra): final score = lexical/2 + cosine/2.

The same sentence carried by several articles (wire copies) is one answer; the others are
listed in ``also_in``.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from ..store import Store
from ..store.searchsql import STOPWORDS

#: block kinds whose sentences can answer
ANSWER_BLOCKS = frozenset({"paragraph", "list_item"})
#: bonuses added to the lexical score (which is in [0, 1])
PHRASE_BONUS, EVENT_BONUS, CLAIM_BONUS, RANK_BONUS = 0.15, 0.08, 0.08, 0.1
#: sentences shorter than this many words are not answers
MIN_WORDS = 5

_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"“'A-Z0-9])")
_WORD = re.compile(r"\w+")
_SUFFIXES = ("ings", "ing", "edly", "ed", "ies", "es", "s")


@dataclass(slots=True)
class Answer:
    """A sentence that answers, and where it is: ``start``/``end`` into the article text."""

    text: str
    article_id: str
    title: str | None
    published: str | None
    start: int
    end: int
    score: float
    lexical: float
    semantic: float | None = None
    #: the speaker when the sentence is part of an attributed claim
    speaker: str | None = None
    #: CAMEO codes of the events coded from this sentence
    events: list[str] = field(default_factory=list)
    #: other articles carrying the same sentence
    also_in: list[str] = field(default_factory=list)

    def citation(self) -> str:
        date = f", {self.published[:10]}" if self.published else ""
        return f"[{self.article_id}{date}, {self.start}-{self.end}] {self.title or ''}".rstrip()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def stem(word: str) -> str:
    w = word.lower()
    for suffix in _SUFFIXES:
        if len(w) > len(suffix) + 3 and w.endswith(suffix):
            return w[: -len(suffix)]
    return w


def terms(text: str) -> list[str]:
    return [stem(w) for w in _WORD.findall(text) if w.lower() not in STOPWORDS]


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences inside ``[start, end)``, trimmed of surrounding white space."""
    out = []
    s = start
    for m in _SENTENCE_END.finditer(text, start, end):
        out.append((s, m.start() + len(m.group(0).rstrip())))
        s = m.end()
    out.append((s, end))
    trimmed = []
    for a, b in out:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            trimmed.append((a, b))
    return trimmed


@dataclass(slots=True)
class _Candidate:
    hit_rank: float
    article_id: str
    title: str | None
    published: str | None
    start: int
    end: int
    text: str
    terms: list[str]
    speaker: str | None
    events: list[str]


def _overlaps(a: int, b: int, spans: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [s for s in spans if isinstance(s.get("start"), int) and s["start"] < b and s.get("end", 0) > a]


def _candidates(obj: dict[str, Any], hit_rank: float) -> list[_Candidate]:
    art = obj.get("article") or {}
    text: str = art.get("text") or ""
    blocks = [b for b in obj.get("blocks") or [] if isinstance(b, dict)]
    body = [(b["start"], b["end"]) for b in blocks
            if b.get("kind") in ANSWER_BLOCKS and not b.get("boilerplate")]
    if not blocks:
        body = [(0, len(text))]
    claims = [c for c in obj.get("claims") or [] if isinstance(c, dict)]
    events = [e for e in obj.get("events") or [] if isinstance(e, dict)]
    out = []
    for b0, b1 in body:
        for s, e in sentence_spans(text, b0, b1):
            sentence = text[s:e]
            if len(_WORD.findall(sentence)) < MIN_WORDS:
                continue
            speaker = next(((c.get("speaker") or {}).get("name") for c in _overlaps(s, e, claims)
                            if c.get("speaker")), None)
            codes = [str(ev.get("code")) for ev in _overlaps(s, e, events) if ev.get("code")]
            out.append(_Candidate(hit_rank, str(art.get("id", "")), art.get("title"), art.get("published"), s, e,
                                  sentence, terms(sentence), speaker, codes))
    return out


def _lexical(question: list[str], cands: list[_Candidate], max_rank: float) -> list[float]:
    n = len(cands)
    df: Counter[str] = Counter()
    for c in cands:
        df.update(set(c.terms))
    q = list(dict.fromkeys(question))
    idf = {t: math.log(1 + n / (1 + df[t])) for t in q}
    total = sum(idf.values()) or 1.0
    pairs = set(itertools.pairwise(question))
    scores = []
    for c in cands:
        have = set(c.terms)
        base = sum(idf[t] for t in q if t in have) / total
        if base == 0:
            scores.append(0.0)
            continue
        adjacent = sum(1 for pair in itertools.pairwise(c.terms) if pair in pairs)
        bonus = PHRASE_BONUS * min(adjacent, 2) / 2
        bonus += EVENT_BONUS if c.events else 0.0
        bonus += CLAIM_BONUS if c.speaker else 0.0
        bonus += RANK_BONUS * (c.hit_rank / max_rank if max_rank > 0 else 0.0)
        scores.append(base + bonus)
    return scores


Encoder = Callable[[list[str]], Any]


def ask(store: Store, question: str, *, limit: int = 5, candidates: int = 20, rerank: bool = False,
        encoder: Encoder | None = None) -> list[Answer]:
    """The best sentences of the stored articles for ``question``, best first, each with its citation.

    ``rerank``: re-order the best ``3 * limit`` by meaning (needs the ``semantic`` extra, or an
    ``encoder``: a function from texts to unit-length embedding vectors).
    """
    q_terms = terms(question)
    if not q_terms or limit <= 0:
        return []
    hits = store.search(question, limit=candidates, match="any")
    cands: list[_Candidate] = []
    for hit in hits:
        obj = store.get(hit.article_id)
        if obj is not None:
            cands.extend(_candidates(obj, hit.rank))
    if not cands:
        return []
    max_rank = max((h.rank for h in hits), default=0.0)
    lexical = _lexical(q_terms, cands, max_rank)
    order = sorted(range(len(cands)), key=lambda i: (-lexical[i], cands[i].article_id, cands[i].start))
    seen: dict[str, Answer] = {}
    answers: list[Answer] = []
    pool = limit * 3 if rerank else limit
    for i in order:
        if lexical[i] <= 0:
            break
        c = cands[i]
        key = " ".join(_WORD.findall(c.text.lower()))
        if key in seen:
            if c.article_id not in seen[key].also_in and c.article_id != seen[key].article_id:
                seen[key].also_in.append(c.article_id)
            continue
        if len(answers) >= pool:
            continue  # keep scanning for copies of the answers already chosen
        ans = Answer(c.text, c.article_id, c.title, c.published, c.start, c.end, round(lexical[i], 4),
                     round(lexical[i], 4), speaker=c.speaker, events=c.events)
        seen[key] = ans
        answers.append(ans)
    if rerank and answers:
        from .semantic import rerank as semantic_rerank

        answers = semantic_rerank(question, answers, encoder=encoder)
    return answers[:limit]
