"""Known names for the casing and typo checks: the shipped gazetteer plus the knowledge base.

The gazetteer (``data/gazetteer.json``) holds country, capital and city names and leader
names from the Phoenix country-actor dictionary. When the knowledge base is available
(``newsdesk.nlp.kbadapter.load_kb``, built by the entities work), its countries, capitals and
people are added; when it is not (or fails), the gazetteer alone is used.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from ._text import lexicon, load_json, stopwords

log = logging.getLogger(__name__)
#: a lower-case word this frequent in the spell checker's English counts is an ordinary word
ORDINARY_FREQUENCY = 10_000


@dataclass(frozen=True, slots=True)
class Names:
    #: lower-case token tuple -> (canonical name, "place" | "person")
    index: dict[tuple[str, ...], tuple[str, str]]
    max_len: int
    #: lower-case words that are also ordinary English words ("turkey", "china", "new")
    ordinary: frozenset[str]
    #: every lower-case word of a known name (never a typo)
    name_words: frozenset[str]


def _kb_names() -> Iterable[tuple[str, str]]:
    try:
        mod = importlib.import_module("newsdesk.nlp.kbadapter")
        kb: Any = mod.load_kb()
    except Exception:  # the knowledge base is optional here: fall back to the gazetteer
        log.debug("knowledge base not available to the checks; using the gazetteer only")
        return []
    out: list[tuple[str, str]] = []
    try:
        for c in kb.countries():
            for n in (c.name, *c.aliases, *c.capitals):
                out.append((n, "place"))
        for p in kb.persons():
            for n in (p.name, *p.aliases):
                out.append((n, "person"))
    except Exception:
        log.debug("knowledge base names could not be read", exc_info=True)
    return out


@cache
def names() -> Names:
    g = load_json("gazetteer.json")
    entries = [(n, "place") for n in g["places"]] + [(n, "person") for n in g["persons"]]
    entries += list(_kb_names())
    stop = stopwords()
    edge = frozenset(lexicon()["name_edge_words"])
    index: dict[tuple[str, ...], tuple[str, str]] = {}
    words: set[str] = set()
    for name, kind in entries:
        toks = tuple(name.replace(".", " ").lower().split())
        # acronyms ("US", "CAR") and names that open or close with a function word are
        # too ambiguous in lower case
        if not toks or len(toks) > 5 or len("".join(toks)) <= 3 or toks[0] in edge or toks[-1] in edge:
            continue
        index.setdefault(toks, (name, kind))
        words.update(toks)
    ordinary = set(g["ordinary"]) | set(stop) | set(load_json("spell_extra.json")["words"])
    try:  # words that are common in general English in lower case ("nice", "reading", "bill")
        from .spelling import speller

        freq = speller().word_frequency
        ordinary.update(w for w in words if freq[w] >= ORDINARY_FREQUENCY)
    except Exception:
        log.debug("spell checker frequencies not available", exc_info=True)
    return Names(index, max(len(k) for k in index), frozenset(ordinary), frozenset(words))
