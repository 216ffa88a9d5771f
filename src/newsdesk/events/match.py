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

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from .index import CPattern, Words, block_index
from .lexicon import Pattern, Verb, VerbDictionary, cues
from .parse import Parse, parse_of

_PREP_DEPS = frozenset({"prep", "agent", "prt", "advmod"})


@dataclass(frozen=True, slots=True)
class Match:
    verb: Token
    entry: Verb
    pattern: Pattern | None
    code: str | None
    reverse: str | None
    score: float


@lru_cache(maxsize=1)
def _post_deps() -> frozenset[str]:
    return frozenset(cues()["pattern_deps"]) - {"ccomp", "xcomp"}


def post_region(p: Parse, v: int) -> list[int]:
    """The verb's objects, complements, particles and prepositional phrases (no other clause),
    as token positions."""
    deps, kids_deps = _post_deps(), p.deps
    out: list[int] = []
    for c in p.kids[v]:
        d = kids_deps[c]
        if (d in deps and c > v) or d in {"dobj", "prt"}:
            p.subtree(c, out)
    return out


def pre_region(p: Parse, v: int) -> list[int]:
    """Subjects and auxiliaries left of the verb (for pre-verb pattern nouns such as ``WILL``),
    as token positions."""
    deps = p.deps
    heads = [c for c in p.kids[v] if c < v and deps[c] not in {"punct", "cc", "mark"}]
    if deps[v] in {"xcomp", "conj"} and not any(deps[c].startswith("nsubj") for c in p.kids[v]):
        heads += [c for c in p.kids[p.heads[v]] if deps[c].startswith("nsubj")]
    out: list[int] = []
    for h in heads:
        p.subtree(h, out)
    return out


class _PrepHead:
    """A preposition (particle, adverb) of the post-verb region, for ``(PREP NOUN)`` groups;
    the words of its phrase are gathered when a group asks for them."""

    __slots__ = ("_words", "forms", "i", "parse")

    def __init__(self, p: Parse, i: int) -> None:
        self.parse = p
        self.i = i
        self.forms = (p.lowers[i], p.lemmas[i])
        self._words: Words | None = None

    def words(self) -> Words:
        if self._words is None:
            positions: list[int] = []
            self.parse.subtree(self.i, positions)
            self._words = Words(self.parse.words(positions))
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


def verb_entries(verb: Token, vd: VerbDictionary) -> list[Verb]:
    """The dictionary verbs a token may be: by its lemma, else (the lemmatiser's slips, "staged"
    -> "stag") by the regular base forms of the word; particles must agree."""
    entries = [e for e in vd.entries(verb.lemma_) if particles_ok(verb, e)]
    if not entries:
        for form in base_forms(verb.lower_):
            entries = [e for e in vd.entries(form) if particles_ok(verb, e)]
            if entries:
                break
    return entries


def match_verb(verb: Token, vd: VerbDictionary) -> Match | None:
    """The best dictionary reading of one verb token, or None when the verb is not listed."""
    entries = verb_entries(verb, vd)
    if not entries:
        return None
    parse = parse_of(verb.doc)
    post = post_region(parse, verb.i)
    post_words = Words(parse.words(post))
    pre_words = Words(parse.words(pre_region(parse, verb.i)))
    heads = [_PrepHead(parse, j) for j in post if parse.deps[j] in _PREP_DEPS]
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
