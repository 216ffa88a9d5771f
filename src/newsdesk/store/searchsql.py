"""Full-text search: one small query language, rendered for FTS5 (SQLite) and ``to_tsquery`` (PostgreSQL).

A query is what people type into a search box:

- ``summit Singapore``: articles with both words (stemmed: "summits" matches "summit");
- ``"joint statement"``: the words next to each other, in this order;
- ``Trump OR Moon``: either term; ``-Hanoi``: without the word.

Punctuation never causes a syntax error: words are runs of letters and digits ("U.S." is the
phrase "u s"); common English words ("the", "what", "did") are ignored on both databases, so a
query means the same on SQLite and on PostgreSQL. ``match="any"`` ORs every term, for questions
(:func:`newsdesk.corpus.ask.ask`), where ranking rather than matching decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

#: words too common to search for (both engines drop them, so results agree)
STOPWORDS = frozenset("""
a about above after again against all am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers
herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on
once only or other our ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were what when where which
while who whom why will with would you your yours yourself yourselves s t
""".split())  # noqa: SIM905

_TOKEN = re.compile(r'-?"[^"]*"?|\S+')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Term:
    """A word or a phrase (``words`` of more than one), lower-cased."""

    words: tuple[str, ...]
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Query:
    """``clauses``: every clause must match, by any of its terms; ``excluded``: none may match."""

    clauses: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]

    @property
    def empty(self) -> bool:
        return not self.clauses


def parse(text: str, match: Literal["all", "any"] = "all") -> Query:
    terms: list[Term | None] = []  # None: an OR between terms
    for token in _TOKEN.findall(text):
        if token == "OR":
            terms.append(None)
            continue
        negated = token.startswith("-") and len(token) > 1
        body = token[1:] if negated else token
        quoted = body.startswith('"')
        words = tuple(w.lower() for w in _WORD.findall(body))
        if not quoted:
            words = tuple(w for w in words if w not in STOPWORDS) if len(words) == 1 else words
        if not words or all(w in STOPWORDS for w in words):
            continue
        terms.append(Term(words, negated))
    clauses: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    for term in terms:
        if term is None:
            join_next = bool(clauses)
            continue
        if term.negated:
            excluded.append(term)
        elif join_next or (match == "any" and clauses):
            clauses[-1].append(term)
        else:
            clauses.append([term])
        join_next = False
    return Query(tuple(tuple(c) for c in clauses), tuple(excluded))


def _fts5_term(term: Term) -> str:
    return '"' + " ".join(term.words).replace('"', '""') + '"'


def to_fts5(query: Query) -> str:
    """The query in FTS5 syntax (every term quoted, so no input is a syntax error)."""
    clauses = ["(" + " OR ".join(_fts5_term(t) for t in clause) + ")" for clause in query.clauses]
    out = " AND ".join(clauses)
    if query.excluded:
        out = f"({out}) NOT (" + " OR ".join(_fts5_term(t) for t in query.excluded) + ")"
    return out


def _ts_term(term: Term) -> str:
    # words are runs of \w (no quotes, no operators): safe to quote as lexemes
    return "(" + " <-> ".join(f"'{w}'" for w in term.words) + ")"


def to_tsquery(query: Query) -> str:
    """The query in PostgreSQL ``to_tsquery`` syntax (words stemmed by the ``english`` configuration)."""
    clauses = ["(" + " | ".join(_ts_term(t) for t in clause) + ")" for clause in query.clauses]
    parts = clauses + ["!" + _ts_term(t) for t in query.excluded]
    return " & ".join(parts)


def render(query: Query, dialect_name: str) -> str:
    if dialect_name == "sqlite":
        return to_fts5(query)
    if dialect_name == "postgresql":
        return to_tsquery(query)
    raise ValueError(f"no full-text search for {dialect_name!r}")
