"""Nominal mentions: office nouns that refer to one person of the article.

"the prime minister", "the chancellor", "the Indian leader", "Pakistan's prime minister" become
``kind: "nominal"`` mentions of a PERSON entity when exactly one of the article's persons fits:

- by the knowledge base: the person holds, on the article's date, an office the noun names
  (``office_words``: "president" → head of state; "leader" → head of state or government), with
  the noun in the office's title where the lexicon asks for it ("chancellor" is not India's prime
  minister), in the qualifying country when there is one ("Indian", "Pakistan's", "of France");
- or by the article: the person is named with that title ("Prime Minister Shehbaz Sharif").

The noun must be definite ("the", a possessive country) and not a title before a name ("the prime
minister Narendra Modi" is a name mention); "former", "a", "acting" ... stop it (``nominal_blockers``).
Two candidates (India's and Pakistan's prime ministers both named) and none are left alone: an
unresolved nominal ("a Foreign Office spokesperson") never becomes an entity of its own.
The span is the office noun only ("prime minister", "leader"), so it never overlaps the name
mention of a qualifying country or demonym.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..model import Entity, Mention
from .lexicon import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: country of a qualifier word ("Indian", "Pakistan") -> ISO3, or None
CountryOf = Callable[[str], "str | None"]


def _phrases() -> list[tuple[str, ...]]:
    return sorted((tuple(k.split()) for k in lexicon().office_words), key=len, reverse=True)


def _titled(text: str, ent: Entity, phrase: str) -> bool:
    """Whether a name mention of ``ent`` follows the title ``phrase`` ("Prime Minister Sharif")."""
    pat = re.compile(r"(?:^|[^\w])" + r"\s+".join(map(re.escape, phrase.split())) + r"\s+$", re.IGNORECASE)
    blockers = lexicon().nominal_blockers
    for m in ent.mentions:
        if m.kind != "name":
            continue
        before = text[max(0, m.start - 60):m.start]
        hit = pat.search(before)
        if hit is None:
            continue
        prev = before[:hit.start() + 1].split()
        if prev and prev[-1].casefold() in blockers:
            continue  # "former Prime Minister Narendra Modi"
        return True
    return False


def _fits(ent: Entity, phrase: str, country: str | None) -> bool:
    """Whether the KB roles of ``ent`` on the article's date make it the holder ``phrase`` names."""
    lex = lexicon()
    roles = lex.office_words.get(phrase, ())
    title_word = lex.office_titles.get(phrase)
    for r in ent.roles:
        if r.get("role") not in roles:
            continue
        if title_word and title_word not in str(r.get("title") or "").casefold():
            continue
        if country is not None and r.get("country") != country:
            continue
        return True
    return False


def add_nominal_mentions(doc: Doc, text: str, entities: list[Entity], country_of: CountryOf) -> None:
    """Add ``nominal`` mentions to the PERSON entities they refer to (in place)."""
    persons = [e for e in entities if e.type == "PERSON"]
    if not persons:
        return
    lex = lexicon()
    taken = [(m.start, m.end) for e in entities for m in e.mentions]
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for ph in _phrases():
        by_first.setdefault(ph[0], []).append(ph)
    lows = [t.lower_ for t in doc]
    n = len(lows)
    i = 0
    while i < n:
        match = next((ph for ph in by_first.get(lows[i], ()) if tuple(lows[i:i + len(ph)]) == ph), None)
        if match is None:
            i += 1
            continue
        j = i + len(match)
        phrase = " ".join(match)
        found = _resolve(doc, text, i, j, phrase, persons, taken, country_of, lex.nominal_blockers)
        if found is not None:
            s, e = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
            found.mentions.append(Mention(s, e, text[s:e], "nominal"))
            found.mentions.sort(key=lambda m: (m.start, m.end))
            taken.append((s, e))
        i = j


def _resolve(doc: Doc, text: str, i: int, j: int, phrase: str, persons: list[Entity],
             taken: list[tuple[int, int]], country_of: CountryOf, blockers: frozenset[str]) -> Entity | None:
    s, e = doc[i].idx, doc[j - 1].idx + len(doc[j - 1].text)
    if any(a < e and s < b for a, b in taken):
        return None  # part of a name ("Prime Minister Narendra Modi") or already a mention
    if j < len(doc) and doc[j].text[:1].isupper() and doc[j].pos_ == "PROPN":
        return None  # a title before a name
    if j < len(doc) and doc[j].lower_ in ("'s", "’s", "-", "–"):
        return None  # "the president's office" is fine, but "president-elect" is not the holder
    country: str | None = None
    k = i - 1
    if j + 1 < len(doc) and doc[j].lower_ == "of":  # "the president of France"
        country = country_of(doc[j + 1].text)
    if k >= 0 and doc[k].lower_ in ("'s", "’s") and k - 1 >= 0:  # "Pakistan's prime minister"
        country = country_of(doc[k - 1].text) or country
        if country is None:
            return None  # "the company's president"
        definite = True
    else:
        if k >= 0 and doc[k].lower_ not in ("the",) and (q := country_of(doc[k].text)) is not None:
            country, k = q, k - 1  # "the Indian leader"
        if k >= 0 and doc[k].lower_ in blockers:
            return None
        definite = k >= 0 and doc[k].lower_ == "the"
    if not definite:
        return None
    fits = [p for p in persons if _fits(p, phrase, country)]
    titled = [p for p in persons if p not in fits and _titled(text, p, phrase)
              and (country is None or p.country in (None, country))]
    cands = fits + titled
    return cands[0] if len(cands) == 1 else None
