"""A case-insensitive gazetteer over the knowledge base's names.

Countries (names and aliases), capitals, demonyms, the KB's people and organisations become
phrases of a spaCy ``PhraseMatcher`` with ``attr="LOWER"``, so "pakistan", "new Delhi" and
"olaf Scholz" are found as well as their clean forms. The gazetteer serves twice:

1. :meth:`Gazetteer.repair_casing` capitalises matches in a copy of the text (same length,
   so offsets stay exact) before spaCy runs, which lets the statistical model see names;
2. :meth:`Gazetteer.find` returns the matches in a parsed ``Doc`` so that names the model
   missed are still added, with the KB's label and reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from .kbview import EntityKB
from .lexicon import lexicon

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class GazEntry:
    """What a gazetteer phrase names."""

    kind: str  # country, capital, demonym, person, org
    label: str  # spaCy label of the phrase: GPE, NORP, PERSON, ORG
    ref: str  # KB id of the country, person or organisation
    canonical: str  # the name as the KB writes it (for casing repair: the phrase's own form)
    #: an alias (alternate name, initialism): matched only where the text capitalises it
    strict: bool = False


@dataclass(frozen=True, slots=True)
class GazMatch:
    start: int
    end: int
    entries: tuple[GazEntry, ...]


class Gazetteer:
    def __init__(self, nlp: Language, kb: EntityKB) -> None:
        from spacy.matcher import PhraseMatcher

        self.nlp = nlp
        self.entries: dict[str, list[GazEntry]] = {}
        for c in kb.countries():
            self._add(c.name, GazEntry("country", "GPE", c.kb_id, c.name))
            for name in c.aliases:
                self._add(name, GazEntry("country", "GPE", c.kb_id, name, strict=True))
            for name in c.capitals:
                self._add(name, GazEntry("capital", "GPE", c.kb_id, name))
            for name in c.demonyms:
                self._add(name, GazEntry("demonym", "NORP", c.kb_id, name))
        for p in kb.persons():
            for name in (p.name, *p.aliases):
                if " " in name.strip():  # single names are left to the model and to grouping
                    self._add(name, GazEntry("person", "PERSON", p.kb_id, name))
        for o in kb.organisations():
            for name in (o.name, *o.aliases):
                self._add(name, GazEntry("org", "ORG", o.kb_id, name, strict=True))
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        keys = sorted(self.entries)
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            self.matcher.add("GAZ", [nlp.make_doc(k) for k in chunk])

    def _add(self, name: str, entry: GazEntry) -> None:
        name = " ".join(name.split())
        if len(name) < 2:
            return
        bucket = self.entries.setdefault(name.casefold(), [])
        if entry not in bucket:
            bucket.append(entry)

    @cached_property
    def english_words(self) -> frozenset[str]:
        """Lower-case common words of English: the model's lemmatizer index (WordNet lemmas).

        Used to tell a capitalised ordinary word ("Joint" at the start of a table cell) from a name.
        """
        words: set[str] = set()
        try:
            lemmatizer = self.nlp.get_pipe("lemmatizer")
            table = lemmatizer.lookups.get_table("lemma_index")  # type: ignore[attr-defined]
        except (KeyError, AttributeError):
            return frozenset()
        for key in table:
            for w in table[key]:
                if "_" not in w:
                    words.add(w.lower())
        return frozenset(words)

    def lookup(self, text: str) -> tuple[GazEntry, ...]:
        return tuple(self.entries.get(" ".join(text.split()).casefold(), ()))

    def _raw_matches(self, doc: Doc) -> list[tuple[int, int]]:
        """Token spans of the longest non-overlapping matches, left to right."""
        found = sorted(((s, e) for _, s, e in self.matcher(doc)), key=lambda m: (m[0], -(m[1] - m[0])))
        out: list[tuple[int, int]] = []
        last = -1
        for s, e in found:
            if s >= last:
                out.append((s, e))
                last = e
        return out

    def _acceptable(self, doc: Doc, s: int, e: int, text: str, capitalised_words: set[str]) -> bool:
        """Whether a match may count as a name despite its casing."""
        span_text = doc[s:e].text
        entries = self.lookup(text)
        if all(x.strict for x in entries) and not any(t.text[:1].isupper() for t in doc[s:e]):
            return False
        exact = any(x.canonical == span_text for x in entries)
        if len(span_text) <= 3 and all(x.strict for x in entries) and not exact:
            return False  # a short alias only as the KB writes it: "AS" (American Samoa), never "As"
        if span_text.isupper() and len(span_text) <= 3 and not any(x.canonical == span_text for x in entries):
            return False  # "US" may be the pronoun "us" in capitals; take acronyms only as the KB writes them
        if any(t.text[:1].isupper() for t in doc[s:e]):
            return True
        low = span_text.casefold()
        if e - s == 1 and (doc[s].is_stop or low in lexicon().common_words):
            return low in capitalised_words
        return True

    def find(self, doc: Doc, capitalised_words: set[str] | None = None) -> list[GazMatch]:
        """Gazetteer matches in ``doc`` (character offsets), casing-damaged forms included."""
        caps = capitalised_words if capitalised_words is not None else capitalised_vocabulary(doc.text)
        out = []
        for s, e in self._raw_matches(doc):
            span = doc[s:e]
            if not self._acceptable(doc, s, e, span.text, caps):
                continue
            out.append(GazMatch(span.start_char, span.end_char, self.lookup(span.text)))
        return out

    def repair_casing(self, text: str) -> str:
        """``text`` with gazetteer names given their KB casing; same length, same offsets."""
        doc = self.nlp.make_doc(text)
        chars = list(text)
        caps = capitalised_vocabulary(text)
        for m in self.find(doc, caps):
            entries = m.entries
            if not entries:
                continue
            form = entries[0].canonical
            seg = text[m.start:m.end]
            if seg == form:
                continue
            if len(seg) == len(form) and seg.casefold() == form.casefold():
                chars[m.start:m.end] = list(form)
            else:  # different spacing: capitalise each word as the canonical form does
                words = {w.casefold(): w for w in form.split()}
                pos = m.start
                for w in seg.split(" "):
                    canon = words.get(w.casefold())
                    if canon and len(canon) == len(w):
                        chars[pos:pos + len(w)] = list(canon)
                    pos += len(w) + 1
        return "".join(chars)


def capitalised_vocabulary(text: str) -> set[str]:
    """Lower-cased forms of words the text writes capitalised other than at a sentence start."""
    out: set[str] = set()
    prev = "."
    for word in text.replace("\n", " . ").split():
        core = word.strip("\"'“”‘’()[],;:!?")
        # a sentence, a table cell or a list item starts after these
        if core[:1].isupper() and prev[-1:] not in ".!?:\"“|*•#>" and not core.isupper():
            out.add(core.casefold())
        prev = word
    return out
