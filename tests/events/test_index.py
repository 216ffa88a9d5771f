"""The compiled, indexed verb patterns find exactly what a linear scan of the dictionary finds."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from newsdesk.events import match
from newsdesk.events.index import Words, block_index, compile_group
from newsdesk.events.lexicon import Group, Pattern, VerbDictionary, cues, verb_dictionary
from newsdesk.events.match import Match, _rank, match_verb, verb_entries
from newsdesk.events.parse import parse_of

SENTENCES = [
    "Israel turned down the proposal for a ceasefire in Gaza on Monday.",
    "The ministers of Jordan and Britain met with the Secretary-General at the United Nations.",
    "Russian troops shelled the city and the government accused the rebels of war crimes.",
    "Hungarian and Romanian officials signed an agreement to cooperate on energy.",
    "Police arrested dozens of protesters who staged a hunger strike outside the embassy.",
    "France said it would impose sanctions against Iran unless it halted uranium enrichment.",
    "The president promised economic aid to the refugees and demanded the release of the hostages.",
    "Pakistan expelled two Indian diplomats and threatened military action over the border attacks.",
]


# -- the linear scan the index replaces (the coder's former matching code) -------------------
def words_of(tokens: Iterable[Any]) -> set[str]:
    out: set[str] = set()
    for t in tokens:
        out.add(t.lower_)
        out.add(t.lemma_.lower())
    return out


def _subtrees(heads: Iterable[Any]) -> list[Any]:
    out: list[Any] = []
    for h in heads:
        out.extend(h.subtree)
    return out


def post_region(verb: Any) -> list[Any]:
    deps = set(cues()["pattern_deps"]) - {"ccomp", "xcomp"}
    return _subtrees(c for c in verb.children if (c.dep_ in deps and c.i > verb.i) or c.dep_ in {"dobj", "prt"})


def pre_region(verb: Any) -> list[Any]:
    heads = [c for c in verb.children if c.i < verb.i and c.dep_ not in {"punct", "cc", "mark"}]
    if verb.dep_ in {"xcomp", "conj"} and not any(c.dep_.startswith("nsubj") for c in verb.children):
        heads += [c for c in verb.head.children if c.dep_.startswith("nsubj")]
    return _subtrees(heads)


def _alt_in(alt: str, words: set[str], vd: VerbDictionary) -> bool:
    for phrase in vd.expand(alt):
        parts = phrase.split()
        if all(p in words or p + "s" in words or p.rstrip("s") in words for p in parts):
            return True
    return False


def _terms_in(terms: Iterable[tuple[str, ...]], words: set[str], vd: VerbDictionary) -> bool:
    return all(any(_alt_in(a, words, vd) for a in alts) for alts in terms)


def _group_in(g: Group, words: set[str], vd: VerbDictionary) -> bool:
    return _terms_in(g.terms, words, vd) and _terms_in(g.mods, words, vd)


def _preps_ok(p: Pattern, post: list[Any], vd: VerbDictionary) -> bool:
    for g in p.preps:
        found = False
        for t in post:
            if t.dep_ not in {"prep", "agent", "prt", "advmod"}:
                continue
            if t.lower_ not in g.prep and t.lemma_.lower() not in g.prep:
                continue
            if (not g.terms and not g.mods) or _group_in(g, words_of(t.subtree), vd):
                found = True
                break
        if not found:
            return False
    return True


def linear_match(verb: Any, vd: VerbDictionary) -> Match | None:
    entries = verb_entries(verb, vd)
    if not entries:
        return None
    post = post_region(verb)
    post_words, pre_words = words_of(post), words_of(pre_region(verb))
    best: Match | None = None
    for entry in entries:
        base = 2.0 * (len(entry.after) + len(entry.before))
        cand = Match(verb, entry, None, entry.code, entry.reverse, base)
        for p in vd.blocks[entry.block].patterns:
            if not p.pre and not p.post and not p.preps:
                continue
            if not all(_group_in(g, post_words, vd) for g in p.post):
                continue
            if not all(_group_in(g, pre_words, vd) for g in p.pre):
                continue
            if not _preps_ok(p, post, vd):
                continue
            score = base + p.size + (0.5 if p.verb == entry.lemma else 0.0)
            if score > cand.score or cand.pattern is None:
                cand = Match(verb, entry, p, p.code, p.reverse, score)
        if best is None or _rank(cand) > _rank(best):
            best = cand
    return best


# -- tests -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def docs(nlp):  # type: ignore[no-untyped-def]
    return [nlp(s) for s in SENTENCES]


def _word_sets(docs: list[Any]) -> list[set[str]]:
    sets = [words_of(doc) for doc in docs]
    sets += [words_of(t.subtree) for doc in docs for t in doc if t.dep_ in {"dobj", "pobj", "nsubj"}]
    # plural / singular / trailing-s variants the matcher accepts
    sets += [{"talk"}, {"talks"}, {"troop"}, {"troops"}, {"news"}, {"new"}, {"air", "strikes"}, {"assistance"}]
    return sets


def test_compiled_groups_match_like_the_linear_scan(docs) -> None:  # type: ignore[no-untyped-def]
    vd = verb_dictionary()
    groups = {g for b in vd.blocks for p in b.patterns for g in (*p.pre, *p.post, *p.preps)}
    sets = _word_sets(docs)
    found = 0
    for g in groups:
        cg = compile_group(g, vd)
        for words in sets:
            expected = _group_in(g, words, vd)
            assert cg.found(Words(words)) == expected, (g, sorted(words))
            found += expected
    assert found > 100  # the word sets do exercise matches, not only misses


def test_index_candidates_keep_every_matching_pattern(docs) -> None:  # type: ignore[no-untyped-def]
    vd = verb_dictionary()
    sets = _word_sets(docs)
    for block in range(len(vd.blocks)):
        index = block_index(vd, block)
        pos = {id(cp): i for i, cp in enumerate(index.patterns)}
        for words in sets[:: max(1, len(sets) // 12)]:
            w = Words(words)
            cands = index.candidates(w, w, words)
            order = [pos[id(cp)] for cp in cands]
            assert order == sorted(set(order))  # dictionary order, each pattern once
            for cp in index.patterns:
                p = cp.pattern
                if p.post or p.pre:  # keyed on a noun: in whenever the nouns are found
                    needed = all(_group_in(g, words, vd) for g in (*p.post, *p.pre))
                else:  # keyed on the preposition
                    needed = bool(set(p.preps[0].prep) & words)
                if needed:
                    assert pos[id(cp)] in order, (vd.blocks[block].name, p)


def test_match_verb_equals_the_linear_scan(docs) -> None:  # type: ignore[no-untyped-def]
    vd = verb_dictionary()
    coded = 0
    for doc in docs:
        for t in doc:
            expected = linear_match(t, vd)
            assert match_verb(t, vd) == expected, t.text
            coded += expected is not None and expected.pattern is not None
    assert coded >= 3


def test_parse_lists_agree_with_the_tokens(docs) -> None:  # type: ignore[no-untyped-def]
    for doc in docs:
        p = parse_of(doc)
        assert parse_of(doc) is p  # built once per Doc
        for t in doc:
            d, h = 0, t
            while h.head != h and d < 50:
                h = h.head
                d += 1
            assert p.depths[t.i] == d
            assert p.heads[t.i] == t.head.i
            assert (p.deps[t.i], p.pos[t.i], p.tags[t.i]) == (t.dep_, t.pos_, t.tag_)
            assert (p.lowers[t.i], p.lemmas[t.i]) == (t.lower_, t.lemma_.lower())
            assert p.kids[t.i] == [k.i for k in t.children]
            sub: list[int] = []
            p.subtree(t.i, sub)
            assert sorted(sub) == sorted(k.i for k in t.subtree)
            assert sorted(match.post_region(p, t.i)) == sorted(k.i for k in post_region(t))
            assert sorted(match.pre_region(p, t.i)) == sorted(k.i for k in pre_region(t))
            assert p.words(sub) == words_of(t.subtree)


def test_every_block_compiled_with_the_dictionary_and_reset_by_additions() -> None:
    from newsdesk.events.lexicon import _build_verb_dictionary

    vd = _build_verb_dictionary()  # what the compiled cache stores
    assert len(vd.compiled) == len(vd.blocks)
    assert block_index(vd, 0) is vd.compiled[0]
    vd.add_verb(vd.blocks[0].name, "zzverb")
    assert vd.compiled == {}
    assert block_index(vd, 0).patterns == _build_verb_dictionary().compiled[0].patterns
