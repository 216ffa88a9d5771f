"""``typo`` and ``casing``: misspelled words and proper names with damaged capitals.

**typo** uses pyspellchecker's English dictionary (pinned in ``pyproject.toml``) extended by
the lower-case words of the news counts (``data/spell_extra.json``), British spellings
(suffix rules of ``data/lexicon.json``) and every word of a known name. Only lower-case
words of three letters or more are judged: capitalised words, acronyms, numbers, URLs,
handles and words in boilerplate or markup residue are left alone. A word is flagged only
when the dictionary has a correction one edit away: ``medium`` when that correction is a
common word, ``low`` otherwise.

**casing** looks for token sequences that match a known name case-insensitively (countries,
capitals, leaders: :mod:`._names`) but are written partly or wholly in lower case. Words
that are also ordinary English words ("turkey", "china", "new") are flagged only when the
rest of the name shows it is the name ("united States"; "in new Delhi").
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any

from ..model import Article, Flag
from ..pipeline import Context
from ..registry import checks
from ._blocks import Seg, segments
from ._names import names
from ._text import Token, data_path, fold, lexicon, load_json, stopwords, tokens

COMMON = 1000  # pyspellchecker frequency above which a correction is a common word
VERY_COMMON = 1_000_000
_URLISH = ("/", "@", "www", "http", "=", "_", "#", "\\")


@cache
def speller() -> Any:
    """pyspellchecker's English dictionary plus ours (built once, then from the compiled cache)."""
    from pathlib import Path

    import spellchecker

    from ..cache import cached

    sources = [Path(spellchecker.__file__).parent / "resources" / "en.json.gz",
               data_path("spell_extra.json")]
    return cached("speller", sources, _build_speller, version=getattr(spellchecker, "__version__", ""))


def _build_speller() -> Any:
    from spellchecker import SpellChecker

    sp = SpellChecker(distance=1)
    sp.word_frequency.load_words(load_json("spell_extra.json")["words"])
    return sp


@cache
def _british() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    lex = lexicon()
    return (tuple((a, b) for a, b in lex["british_suffixes"]), tuple((a, b) for a, b in lex["british_infixes"]))


@lru_cache(maxsize=65536)
def known(word: str) -> bool:
    """In the dictionary, a British spelling of a dictionary word (name words are judged apart)."""
    w = word.lower()
    sp = speller()
    if w in sp:
        return True
    suffixes, infixes = _british()
    for a, b in suffixes:
        if w.endswith(a) and (w[: -len(a)] + b) in sp:
            return True
    if any(a in w and w.replace(a, b, 1) in sp for a, b in infixes):
        return True
    # a common prefix on a dictionary word ("reassumed", "nonbinding")
    return any(w.startswith(p) and len(w) - len(p) >= 4 and w[len(p) :] in sp for p in lexicon()["prefixes"])


@lru_cache(maxsize=16384)
def _candidates(word: str) -> frozenset[str]:
    """The dictionary's corrections one edit away (an edit search over the alphabet: kept per word)."""
    return frozenset(speller().candidates(word) or ())


def _after_number(text: str, start: int) -> bool:
    k = start - 1
    while k >= 0 and text[k] == " ":
        k -= 1
    return k >= 0 and k < start - 1 and text[k].isdigit()


def _in_url(text: str, tok: Token) -> bool:
    s, e = tok.start, tok.end
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    while e < len(text) and not text[e].isspace():
        e += 1
    run = text[s:e].lower()
    return any(u in run for u in _URLISH) or ".com" in run or ".org" in run


def _skip_segment(seg: Seg) -> bool:
    return seg.boilerplate or seg.kind in ("markup_residue", "keywords", "toc")


@checks.register("typo")
def typo(article: Article, context: Context) -> Iterator[Flag]:
    text = article.text
    sp = speller()
    for seg in segments(article):
        if _skip_segment(seg):
            continue
        for tok in tokens(text, seg.start, seg.end):
            w = tok.text
            if len(w) < 3 or not w.isalpha() or not w.islower() or known(w):
                continue
            before = text[tok.start - 1] if tok.start else " "
            after = text[tok.end] if tok.end < len(text) else " "
            if before.isdigit() or after.isdigit() or before in "-&<" or after in "-(>" or _in_url(text, tok):
                continue
            if _after_number(text, tok.start):
                continue  # a unit ("3 lbs", "40 mph")
            cands = {c for c in _candidates(w) if c != w and c.isalpha()}
            if not cands:
                continue
            best = max(cands, key=lambda c: (sp.word_frequency[c], c))
            freq = int(sp.word_frequency[best])
            # a word of a known name, in lower case, is left alone unless it is one edit
            # from a function-word-level word ("teh" is a surname, but far likelier "the")
            if w in names().name_words and freq < VERY_COMMON:
                continue
            # medium only when one reading clearly wins: a function-level word ("teh"), or a longer
            # word whose best correction is common and far ahead of the others ("goverments")
            second = max((int(sp.word_frequency[c]) for c in cands if c != best), default=0)
            firm = freq >= VERY_COMMON or (len(w) >= 5 and freq >= COMMON and freq >= 20 * max(second, 1))
            yield Flag("typo", "medium" if firm else "low", tok.start, tok.end,
                       f"\"{w}\" looks misspelled (\"{best}\"?).",
                       evidence={"word": w, "suggestion": best, "suggestion_frequency": freq,
                                 "candidates": sorted(cands)[:5], "dictionary": "pyspellchecker en"})


@cache
def _particles() -> frozenset[str]:
    return frozenset(lexicon()["name_particles"])


def _casing_hit(text: str, toks: list[Token], i: int, n: int) -> dict[str, Any] | None:
    nm = names()
    seq = toks[i : i + n]
    for a, b in pairwise(seq):
        if text[a.end : b.start] != " ":
            return None
    key = tuple(t.text.lower() for t in seq)
    entry = nm.index.get(key)
    if entry is None:
        return None
    canonical, kind = entry
    stop = stopwords()
    # function words inside a name are written in lower case ("United States of America")
    particles = _particles()
    lower = [t.text for k, t in enumerate(seq)
             if t.text.islower() and not (0 < k < n - 1 and (t.text in stop or t.text in particles))]
    if not lower:
        return None
    non_ordinary = [w for w in lower if w not in nm.ordinary and fold(w) not in nm.ordinary]
    capitalised = [t for t in seq if not t.text.islower()]
    reason = None
    if non_ordinary:
        reason = "not an ordinary word in lower case"
    elif capitalised:
        rest = tuple(t.text.lower() for t in capitalised)
        prev = toks[i - 1].text.lower() if i > 0 and text[toks[i - 1].end : seq[0].start] == " " else ""
        lex = lexicon()
        if rest not in nm.index:
            reason = "the capitalised part is not a name by itself"
        elif seq[0].text.islower() and prev in lex["location_prepositions"] and prev not in lex["determiners"]:
            reason = f"after \"{prev}\" the lower-case word belongs to the name"
    if reason is None:
        return None
    severity = "medium" if non_ordinary else "low"
    return {"name": canonical, "type": kind, "written": text[seq[0].start : seq[-1].end],
            "lowercase_words": lower, "reason": reason, "severity": severity}


@cache
def _first_words() -> frozenset[str]:
    """The first word of every known name (lower case)."""
    return frozenset(key[0] for key in names().index)


@checks.register("casing")
def casing(article: Article, context: Context) -> Iterator[Flag]:
    text = article.text
    nm = names()
    for seg in segments(article):
        if seg.kind == "markup_residue":
            continue
        toks = tokens(text, seg.start, seg.end)
        low = [t.text.lower() for t in toks]
        firsts = _first_words()
        i = 0
        while i < len(toks):
            if low[i] not in firsts:  # no name starts with this word
                i += 1
                continue
            hit = None
            for n in range(min(nm.max_len, len(toks) - i), 0, -1):
                if tuple(low[i : i + n]) not in nm.index:
                    continue
                hit = _casing_hit(text, toks, i, n)
                if hit is not None:
                    break
            if hit is None:
                i += 1
                continue
            s, e = toks[i].start, toks[i + n - 1].end
            sev = hit.pop("severity")
            yield Flag("casing", sev, s, e,
                       f"\"{hit['written']}\" is the name \"{hit['name']}\" with damaged capitalisation.", evidence=hit)
            i += n
