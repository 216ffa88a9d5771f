"""Read WordNet database files (``data.noun`` ...) into single-word synonym relations.

Used by ``build_checks_data.py``; stdlib only. Relations, by strength:

- ``syn``: lemmas of the same synset;
- ``sim``: adjective similar-to links (a satellite and its head) and their synset-mates;
- ``sister``: co-hyponyms under one direct hypernym (nouns, verbs) or satellites of one
  adjective head, only for small classes (a big class says little).
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

POS_FILES = {"n": "data.noun", "v": "data.verb", "a": "data.adj", "r": "data.adv"}
STRENGTH = {"syn": 3, "sim": 2, "sister": 1}


class Synset:
    __slots__ = ("hypernyms", "lemmas", "lower_lemmas", "offset", "pos", "similar")

    def __init__(self, offset: str, pos: str) -> None:
        self.offset = offset
        self.pos = pos
        self.lemmas: list[str] = []
        self.lower_lemmas: list[str] = []
        self.hypernyms: list[str] = []
        self.similar: list[str] = []


def read_wordnet(dict_dir: Path) -> dict[str, Synset]:
    synsets: dict[str, Synset] = {}
    for pos, fname in POS_FILES.items():
        with open(dict_dir / fname, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.startswith("  "):
                    continue
                head = line.split(" | ", 1)[0].split()
                offset, ss_type = head[0], head[2]
                key = f"{pos}{offset}"
                ss = Synset(key, "a" if ss_type == "s" else pos)
                n_words = int(head[3], 16)
                i = 4
                for _ in range(n_words):
                    word = head[i].split("(")[0]
                    i += 2
                    if "_" in word or "-" in word or not word.isalpha():
                        continue
                    ss.lemmas.append(word.lower())
                    if word.islower():
                        ss.lower_lemmas.append(word)
                n_ptrs = int(head[i])
                i += 1
                for _ in range(n_ptrs):
                    sym, target, tpos = head[i], head[i + 1], head[i + 2]
                    i += 4
                    tkey = f"{'a' if tpos == 's' else tpos}{target}"
                    if sym in ("@", "@i"):
                        ss.hypernyms.append(tkey)
                    elif sym == "&":
                        ss.similar.append(tkey)
                synsets[key] = ss
    return synsets


def relations(synsets: dict[str, Synset], max_class: int = 25) -> dict[str, dict[str, int]]:
    """``word -> {related word: strength}`` over all parts of speech (strongest relation wins)."""
    rel: dict[str, dict[str, int]] = defaultdict(dict)

    def link(words_a: list[str], words_b: list[str], strength: int) -> None:
        for a in words_a:
            for b in words_b:
                if a != b and rel[a].get(b, 0) < strength:
                    rel[a][b] = strength

    hyponyms: dict[str, list[str]] = defaultdict(list)
    for ss in synsets.values():
        link(ss.lemmas, ss.lemmas, STRENGTH["syn"])
        for h in ss.hypernyms:
            hyponyms[h].append(ss.offset)
    for ss in synsets.values():
        for t in ss.similar:
            other = synsets.get(t)
            if other is not None:
                link(ss.lemmas, other.lemmas, STRENGTH["sim"])
                link(other.lemmas, ss.lemmas, STRENGTH["sim"])
        # adjective heads: their satellites are sisters
        if ss.pos == "a" and ss.similar:
            sats = [synsets[t] for t in ss.similar if t in synsets]
            if len(sats) <= max_class:
                for x in sats:
                    for y in sats:
                        if x is not y:
                            link(x.lemmas, y.lemmas, STRENGTH["sister"])
    for members in hyponyms.values():
        if len(members) > max_class:
            continue
        for x in members:
            for y in members:
                if x != y:
                    link(synsets[x].lemmas, synsets[y].lemmas, STRENGTH["sister"])
    return rel


def lowercase_lemmas(synsets: dict[str, Synset]) -> set[str]:
    """Words WordNet knows in lower case (ordinary words, not only proper names)."""
    out: set[str] = set()
    for ss in synsets.values():
        out.update(ss.lower_lemmas)
    return out
