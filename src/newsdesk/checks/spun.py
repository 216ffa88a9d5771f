"""``spun_phrase``: synonym-substituted ("tortured") phrases in place of the usual collocation.

Three sources, one flag per phrase with every source that agrees in its evidence:

1. **collocation mechanism** (general): for two adjacent lower-case content words (w1, w2)
   that the news counts have not seen together, if replacing w1 (or w2) by a WordNet
   relative gives a strong collocation of the counts ("counterfeit news" -> "fake news",
   "press convention" -> "press conference"), the pair is a likely substitution;
2. the Problematic Paper Screener **tortured-phrase list** (science vocabulary, CC BY 4.0);
3. a hand-written **news seed list** (``data/spun_seed.json``), whose ``collocations`` also
   count as strong collocations for the mechanism.

A substitute that news itself uses often (four times or more as often as the original word
is not rarer) is taken as a natural variant, not a substitution ("peace negotiations").
Severity: ``high`` when the seed list matches or a list and the mechanism agree; ``medium``
for nothing; ``low`` for the tortured list alone or the mechanism alone (small counts cannot tell a rare
but natural variant such as "heavy rainfall" from a substitution).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from ..model import Article, Flag
from ..pipeline import Context
from ..registry import checks
from ._blocks import segments
from ._text import fold, load_json, stopwords, word_pairs

RELATION = ("synonym", "similar", "co-hyponym")
#: a collocation needs this many occurrences in the counts (seed collocations count as many)
MIN_STRONG = 4
SEED_COUNT = 50
#: Dice coefficient a counted pair needs to be a collocation ("press conference"), not a
#: frequent but loose pair ("every day", "review process")
MIN_DICE = 0.1


@dataclass(slots=True)
class Colloc:
    seen: dict[str, int]
    unigrams: dict[str, int]
    strong: dict[str, int]
    seed_collocations: frozenset[str]
    related: dict[str, dict[str, int]]  # substitute -> {original word: relation index}
    tortured: dict[str, str]
    seed: dict[str, str]
    max_len: int = field(default=2)
    #: first word of a list phrase -> the phrase lengths (in words) starting with it
    starts: dict[str, frozenset[int]] = field(default_factory=dict)


@cache
def resources() -> Colloc:
    c = load_json("collocations.json")
    unigrams: dict[str, int] = dict(c["unigrams"])
    strong: dict[str, int] = {}
    for key, n in c["strong"].items():  # a collocation, not just a frequent pair: Dice >= MIN_DICE
        a, b = key.split()
        if n >= MIN_STRONG and 2 * n / (unigrams.get(a, n) + unigrams.get(b, n)) >= MIN_DICE:
            strong[key] = n
    seed = load_json("spun_seed.json")
    seeds = set()
    for p in seed["collocations"]:
        key = " ".join(fold(w) for w in p.split())
        strong[key] = max(strong.get(key, 0), SEED_COUNT)
        seeds.add(key)
    related: dict[str, dict[str, int]] = {}
    for word, packed in load_json("synonyms.json")["synonyms"].items():
        for rel, group in enumerate(packed.split("|")):
            for sub in group.split():
                slot = related.setdefault(sub, {})
                if rel < slot.get(word, 9):
                    slot[word] = rel
    tortured = {k: v for k, v in load_json("tortured.json")["pairs"].items()}
    seed_pairs = {p["spun"].lower(): p["expected"] for p in seed["pairs"]}
    starts: dict[str, set[int]] = {}
    for k in list(tortured) + list(seed_pairs):
        starts.setdefault(k.split()[0], set()).add(len(k.split()))
    max_len = max(max(v) for v in starts.values())
    return Colloc(dict(c["seen"]), unigrams, strong, frozenset(seeds), related, tortured, seed_pairs, max_len,
                  {k: frozenset(v) for k, v in starts.items()})


@lru_cache(maxsize=65536)
def _subs(word: str) -> dict[str, int]:
    res = resources()
    out: dict[str, int] = {}
    for form in {word, fold(word)}:
        for orig, rel in res.related.get(form, {}).items():
            if rel < out.get(orig, 9):
                out[orig] = rel
    return out


def mechanism(w1: str, w2: str, res: Colloc | None = None) -> dict[str, Any] | None:
    """The strong collocation that (w1, w2) looks substituted from, or None."""
    res = res or resources()
    f1, f2 = fold(w1), fold(w2)
    if res.seen.get(f"{f1} {f2}", 0) or res.strong.get(f"{f1} {f2}", 0):
        return None
    best: dict[str, Any] | None = None
    for pos, (word, other) in enumerate(((w1, f2), (w2, f1))):
        subs = _subs(word)
        if not subs:
            continue
        # a writer's natural variant is itself common in news ("peace negotiations");
        # a spun substitute is a word news rarely uses instead ("counterfeit", "bosom")
        sub_count = res.unigrams.get(f1 if pos == 0 else f2, 0)
        for orig, rel in subs.items():
            if orig in (f1, f2):
                continue
            if sub_count >= 10 and sub_count * 4 >= res.unigrams.get(orig, 0):
                continue
            key = f"{orig} {other}" if pos == 0 else f"{other} {orig}"
            count = res.strong.get(key, 0)
            if count < MIN_STRONG:
                continue
            cand = {"expected": key, "replaced": word, "original": orig, "relation": RELATION[rel],
                    "collocation_count": count}
            if best is None or (rel, -count) < (RELATION.index(best["relation"]), -best["collocation_count"]):
                best = cand
    return best


def _expected_surface(w1: str, w2: str, hit: dict[str, Any]) -> str:
    """The expected phrase in the text's inflection ("general elections" for "commonplace elections")."""
    orig = hit["original"]
    if hit["replaced"] == w1:
        return f"{orig} {w2}"
    plural = w2.lower().endswith("s") and not orig.endswith("s")
    return f"{w1} {orig}{'s' if plural else ''}"


_PHRASE_WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*")


def _list_hits(text: str, start: int, end: int, res: Colloc) -> Iterator[tuple[int, int, str, str, str]]:
    """(start, end, phrase, expected, source) for phrases of the tortured and seed lists."""
    low = text[start:end].lower()
    words = [(m.start() + start, m.end() + start, m.group()) for m in _PHRASE_WORD.finditer(low)]
    starts = res.starts
    for i in range(len(words)):
        lengths = starts.get(words[i][2])
        if not lengths:
            continue
        for n in sorted(lengths):
            if i + n > len(words):
                break
            s, e = words[i][0], words[i + n - 1][1]
            if "\n" in text[s:e]:
                break
            phrase = " ".join(w[2] for w in words[i : i + n])
            if phrase in res.seed:
                yield s, e, phrase, res.seed[phrase], "news_seed_list"
            elif phrase in res.tortured:
                yield s, e, phrase, res.tortured[phrase], "tortured_phrases"


@checks.register("spun_phrase")
def spun_phrase(article: Article, context: Context) -> Iterator[Flag]:
    res = resources()
    text = article.text
    stop = stopwords()
    found: dict[tuple[int, int], dict[str, Any]] = {}
    for seg in segments(article):
        if seg.boilerplate or seg.kind in ("keywords", "toc", "markup_residue"):
            continue
        for s, e, _phrase, expected, source in _list_hits(text, seg.start, seg.end, res):
            ev = found.setdefault((s, e), {"phrase": text[s:e], "expected": expected, "sources": []})
            ev["sources"].append(source)
        for a, b in word_pairs(text[seg.start : seg.end]):
            w1, w2 = a.group(), b.group()
            if not (w1.islower() and w2.islower()) or w1 in stop or w2 in stop or len(w1) < 3 or len(w2) < 3:
                continue
            hit = mechanism(w1, w2, res)
            if hit is None:
                continue
            s, e = seg.start + a.start(), seg.start + b.end()
            ev = found.setdefault((s, e), {"phrase": text[s:e], "expected": _expected_surface(w1, w2, hit),
                                           "sources": []})
            ev["sources"].append("collocation")
            ev["collocation"] = hit
    for (s, e), ev in sorted(found.items()):
        srcs = ev["sources"]
        hit = ev.get("collocation")
        if "news_seed_list" in srcs or len(srcs) > 1:
            sev = "high"
        elif "tortured_phrases" in srcs:
            sev = "low"  # science vocabulary: alone it is weak evidence in news
        else:
            sev = "low"
        yield Flag("spun_phrase", sev, s, e,
                   f"\"{ev['phrase']}\" looks like a synonym substituted for the usual phrase \"{ev['expected']}\".",
                   evidence=ev)
