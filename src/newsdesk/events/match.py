"""Matching PETRARCH-2 verb patterns against spaCy's dependency parse.

A verb token is looked up by lemma in the :class:`~newsdesk.events.lexicon.VerbDictionary`.
Multi-word verbs need their particles (``turn down``, ``meet with``). Each pattern of the
verb's block is tried: its post-verb nouns must occur among the verb's objects and
complements, its prepositional phrases ``(PREP NOUN)`` as prepositions governed by the verb
(or by its object) with the noun inside, its pre-verb nouns in the subject or auxiliaries.
The most specific pattern wins (most matched words; a pattern written for this very verb
breaks ties); with none, the verb's own code or its block's code applies. A ``---`` code
means "no event".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

from .index import CPattern, Words, block_index
from .lexicon import Pattern, Verb, VerbDictionary, cues

_PREP_DEPS = frozenset({"prep", "agent", "prt", "advmod"})


@dataclass(frozen=True, slots=True)
class Match:
    verb: Token
    entry: Verb
    pattern: Pattern | None
    code: str | None
    reverse: str | None
    score: float


def words_of(tokens: Iterable[Token]) -> set[str]:
    out: set[str] = set()
    for t in tokens:
        out.add(t.lower_)
        out.add(t.lemma_.lower())
    return out


def _subtrees(heads: Iterable[Token]) -> list[Token]:
    out: list[Token] = []
    for h in heads:
        out.extend(h.subtree)
    return out


def post_region(verb: Token) -> list[Token]:
    """The verb's objects, complements, particles and prepositional phrases (no other clause)."""
    deps = set(cues()["pattern_deps"]) - {"ccomp", "xcomp"}
    return _subtrees(c for c in verb.children if (c.dep_ in deps and c.i > verb.i) or c.dep_ in {"dobj", "prt"})


def pre_region(verb: Token) -> list[Token]:
    """Subjects and auxiliaries left of the verb (for pre-verb pattern nouns such as ``WILL``)."""
    heads = [c for c in verb.children if c.i < verb.i and c.dep_ not in {"punct", "cc", "mark"}]
    if verb.dep_ in {"xcomp", "conj"} and not any(c.dep_.startswith("nsubj") for c in verb.children):
        heads += [c for c in verb.head.children if c.dep_.startswith("nsubj")]
    return _subtrees(heads)


def _prep_heads(post: list[Token]) -> list[_PrepHead]:
    """The prepositions (and particles, adverbs) of the post-verb region, for ``(PREP NOUN)``."""
    return [_PrepHead(t) for t in post if t.dep_ in _PREP_DEPS]


class _PrepHead:
    """A preposition of the post-verb region; the words of its phrase are built when needed."""

    __slots__ = ("_words", "forms", "token")

    def __init__(self, t: Token) -> None:
        self.token = t
        self.forms = (t.lower_, t.lemma_.lower())
        self._words: Words | None = None

    def words(self) -> Words:
        if self._words is None:
            self._words = Words(words_of(self.token.subtree))
        return self._words


def _preps_ok(p: CPattern, heads: list[_PrepHead]) -> bool:
    for g in p.preps:
        for h in heads:
            if h.forms[0] not in g.prep and h.forms[1] not in g.prep:
                continue
            if g.bare or g.found(h.words()):
                break
        else:
            return False
    return True


def particles_ok(verb: Token, entry: Verb) -> bool:
    if entry.after:
        kids = {c.lower_ for c in verb.children if c.dep_ in {"prt", "prep", "advmod", "dobj", "agent"}}
        following = [t.lower_ for t in verb.doc[verb.i + 1: verb.i + 1 + len(entry.after) + 2]]
        if not all(w in kids or w in following for w in entry.after):
            return False
    if entry.before:
        preceding = {t.lower_ for t in verb.doc[max(0, verb.i - len(entry.before) - 1): verb.i]}
        preceding |= {c.lower_ for c in verb.children if c.i < verb.i}
        if not all(w in preceding for w in entry.before):
            return False
    return True


def base_forms(word: str) -> list[str]:
    """Candidate base forms of a regularly inflected English verb form."""
    out = []
    for suffix, repl in (("ied", "y"), ("ies", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""),
                         ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            out.append(word[: -len(suffix)] + repl)
    return out


def match_verb(verb: Token, vd: VerbDictionary) -> Match | None:
    """The best dictionary reading of one verb token, or None when the verb is not listed."""
    entries = [e for e in vd.entries(verb.lemma_) if particles_ok(verb, e)]
    if not entries:  # the lemmatiser's slips ("staged" -> "stag"): regular inflections of the form
        for form in base_forms(verb.lower_):
            entries = [e for e in vd.entries(form) if particles_ok(verb, e)]
            if entries:
                break
    if not entries:
        return None
    post = post_region(verb)
    post_words = Words(words_of(post))
    pre_words = Words(words_of(pre_region(verb)))
    heads = _prep_heads(post)
    prep_forms = {f for h in heads for f in h.forms}
    best: Match | None = None
    for entry in entries:
        base = 2.0 * (len(entry.after) + len(entry.before))
        cand = Match(verb, entry, None, entry.code, entry.reverse, base)
        for cp in block_index(vd, entry.block).candidates(post_words, pre_words, prep_forms):
            if not all(g.found(post_words) for g in cp.post):
                continue
            if not all(g.found(pre_words) for g in cp.pre):
                continue
            if not _preps_ok(cp, heads):
                continue
            p = cp.pattern
            score = base + cp.size + (0.5 if p.verb == entry.lemma else 0.0)
            if score > cand.score or cand.pattern is None:
                cand = Match(verb, entry, p, p.code, p.reverse, score)
        if best is None or _rank(cand) > _rank(best):
            best = cand
    return best


def _rank(m: Match) -> tuple[float, int]:
    return (m.score, 1 if (m.code or m.reverse) else 0)
