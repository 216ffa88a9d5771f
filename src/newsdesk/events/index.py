"""The verb patterns compiled for fast matching (built once per :class:`VerbDictionary` block).

A pattern word matches a set of words (the lower-case forms and lemmas of a region of the
parse) when every word of one of its phrases occurs, also as a plural (``p + "s"``) or without
its trailing ``s``. Scanning the alternatives of every pattern, expanding ``&SYNSETS`` and
splitting phrases for each verb token was the coder's main cost; here each slot of a group
(:class:`Term`) keeps its one-word phrases as sets, tested against a :class:`Words` set with
one ``isdisjoint`` call, and only its few multi-word phrases as word tuples.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .lexicon import Group, Pattern, VerbDictionary


class Words:
    """The words of a region, and the same words without a trailing ``s`` added."""

    __slots__ = ("keys", "plain")

    def __init__(self, words: set[str]) -> None:
        self.plain = words
        #: ``p in keys`` <=> ``p in words or p + "s" in words``
        self.keys = words | {w[:-1] for w in words if w.endswith("s")}


@dataclass(frozen=True, slots=True)
class Term:
    """One slot of a group: matches when any of its phrases occurs among the words."""

    singles: frozenset[str]  # one-word phrases p (found as p or p + "s")
    stripped: frozenset[str]  # p.rstrip("s") of the one-word phrases (found as is)
    multi: tuple[tuple[tuple[str, str], ...], ...]  # other phrases: (p, p.rstrip("s")) per word

    def found(self, w: Words) -> bool:
        if not self.singles.isdisjoint(w.keys) or not self.stripped.isdisjoint(w.plain):
            return True
        keys, plain = w.keys, w.plain
        return any(all(p in keys or r in plain for p, r in phrase) for phrase in self.multi)


@dataclass(frozen=True, slots=True)
class CGroup:
    """A compiled :class:`Group`: all its terms and modifiers must be found."""

    terms: tuple[Term, ...]
    prep: tuple[str, ...]
    bare: bool  # a prepositional group without nouns: the preposition alone matches

    def found(self, w: Words) -> bool:
        return all(t.found(w) for t in self.terms)


@dataclass(frozen=True, slots=True)
class CPattern:
    """A compiled :class:`Pattern` with its specificity (``Pattern.size``) precomputed."""

    pattern: Pattern
    pre: tuple[CGroup, ...]
    post: tuple[CGroup, ...]
    preps: tuple[CGroup, ...]
    size: int


class BlockIndex:
    """A block's compiled patterns, indexed by the words one of their terms needs.

    Each pattern is keyed on one term it cannot match without (its first post-verb term, else
    its first pre-verb term, else the prepositions of its first ``(PREP NOUN)`` group): a
    one-word phrase ``p`` under ``p`` (looked up among :attr:`Words.keys`) and ``p.rstrip("s")``
    (among :attr:`Words.plain`), a longer phrase under its first word the same way.
    :meth:`candidates` returns, in dictionary order, the patterns whose key word occurs: the
    only ones that can match.
    """

    __slots__ = ("always", "maps", "patterns", "words")

    def __init__(self, patterns: tuple[CPattern, ...]) -> None:
        self.patterns = patterns
        always: list[int] = []
        # post keys, post plain, pre keys, pre plain, prepositions
        maps: tuple[dict[str, list[int]], ...] = ({}, {}, {}, {}, {})
        for i, cp in enumerate(patterns):
            if cp.post or cp.pre:
                term = (cp.post or cp.pre)[0].terms[0] if (cp.post or cp.pre)[0].terms else None
                if term is None or () in term.multi:
                    always.append(i)
                    continue
                keys, plain = (maps[0], maps[1]) if cp.post else (maps[2], maps[3])
                for w in term.singles | {phrase[0][0] for phrase in term.multi}:
                    keys.setdefault(w, []).append(i)
                for w in term.stripped | {phrase[0][1] for phrase in term.multi}:
                    plain.setdefault(w, []).append(i)
            else:
                for w in cp.preps[0].prep:
                    maps[4].setdefault(w, []).append(i)
        self.always = frozenset(always)
        self.maps = tuple({w: tuple(dict.fromkeys(ix)) for w, ix in m.items()} for m in maps)
        self.words = tuple(frozenset(m) for m in self.maps)

    def candidates(self, post: Words, pre: Words, prep_forms: set[str]) -> list[CPattern]:
        hits = set(self.always)
        for m, known, words in zip(
            self.maps, self.words, (post.keys, post.plain, pre.keys, pre.plain, prep_forms), strict=True
        ):
            if known:
                for w in words & known:
                    hits.update(m[w])
        pats = self.patterns
        return [pats[i] for i in sorted(hits)]




def compile_term(alts: Iterable[str], vd: VerbDictionary) -> Term:
    singles: set[str] = set()
    multi: list[tuple[tuple[str, str], ...]] = []
    for alt in alts:
        for phrase in sorted(vd.expand(alt)):
            parts = phrase.split()
            if len(parts) == 1:
                singles.add(parts[0])
            else:  # (an empty phrase, if any, always matches, as all() of nothing)
                multi.append(tuple((p, p.rstrip("s")) for p in parts))
    return Term(frozenset(singles), frozenset(p.rstrip("s") for p in singles), tuple(dict.fromkeys(multi)))


def compile_group(g: Group, vd: VerbDictionary) -> CGroup:
    terms = tuple(compile_term(alts, vd) for alts in (*g.terms, *g.mods))
    return CGroup(terms, g.prep, not g.terms and not g.mods)


def compile_pattern(p: Pattern, vd: VerbDictionary) -> CPattern:
    return CPattern(
        p,
        tuple(compile_group(g, vd) for g in p.pre),
        tuple(compile_group(g, vd) for g in p.post),
        tuple(compile_group(g, vd) for g in p.preps),
        p.size,
    )


def block_index(vd: VerbDictionary, block: int) -> BlockIndex:
    """The block's patterns that have words to match (others never apply), compiled and
    indexed once per dictionary (all of them at once when the dictionary comes from the
    compiled cache, see :func:`compile_all`)."""
    compiled: dict[int, BlockIndex] = vd.compiled
    out = compiled.get(block)
    if out is None:
        out = compiled[block] = _compile_block(vd, block)
    return out


def _compile_block(vd: VerbDictionary, block: int) -> BlockIndex:
    return BlockIndex(tuple(compile_pattern(p, vd) for p in vd.blocks[block].patterns if p.pre or p.post or p.preps))


def compile_all(vd: VerbDictionary) -> dict[int, BlockIndex]:
    """Every block's index (for the compiled cache: forked workers then share them all)."""
    return {i: _compile_block(vd, i) for i in range(len(vd.blocks))}
