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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .kbview import EntityKB
from .lexicon import lexicon
from .model import doc_text

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


class PhraseIndex:
    """Token sequences matched case-insensitively (what spaCy's ``PhraseMatcher(attr="LOWER")``
    finds), keyed by the string hashes of the lower-cased tokens.

    Unlike the ``PhraseMatcher`` it needs no ``Doc`` (and no vocabulary entries) per phrase, so
    building it for the whole knowledge base is cheap at start-up."""

    def __init__(self, phrases: Iterable[Sequence[str]]) -> None:
        from spacy.strings import get_string_id

        self._by_first: dict[int, set[tuple[int, ...]]] = {}
        self._longest = 0
        for words in phrases:
            if not words:
                continue
            key = tuple(get_string_id(w.lower()) for w in words)
            self._by_first.setdefault(key[0], set()).add(key)
            self._longest = max(self._longest, len(key))
        self._lengths = {first: sorted({len(k) for k in keys}) for first, keys in self._by_first.items()}

    def __call__(self, doc: Doc) -> list[tuple[int, int]]:
        """All matches as token ``(start, end)``, overlapping ones included."""
        if not self._by_first or not len(doc):
            return []
        array: Any = doc.to_array(["LOWER"])
        lower: list[int] = array.reshape(-1).tolist()
        n = len(lower)
        out: list[tuple[int, int]] = []
        by_first, lengths = self._by_first, self._lengths
        for i, h in enumerate(lower):
            keys = by_first.get(h)
            if keys is None:
                continue
            for k in lengths[h]:
                if i + k <= n and (k == 1 or tuple(lower[i:i + k]) in keys):
                    out.append((i, i + k))
        return out


class Gazetteer:
    def __init__(self, nlp: Language, kb: EntityKB) -> None:

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
        self.matcher = PhraseIndex(words for words, _ in _tokenised(nlp, sorted(self.entries)))

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
        found = sorted(self.matcher(doc), key=lambda m: (m[0], -(m[1] - m[0])))
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
        caps = capitalised_words if capitalised_words is not None else capitalised_vocabulary(doc_text(doc))
        out = []
        for s, e in self._raw_matches(doc):
            span = doc[s:e]
            if not self._acceptable(doc, s, e, span.text, caps):
                continue
            out.append(GazMatch(span.start_char, span.end_char, self.lookup(span.text)))
        return out

    def repair_casing(self, text: str) -> str:
        """``text`` with gazetteer names given their KB casing; same length, same offsets."""
        return self.repair_casing_doc(text)[0]

    def repair_casing_doc(self, text: str) -> tuple[str, Doc]:
        """:meth:`repair_casing`, with the tokenised (unparsed) ``Doc`` of the *input* text, which
        a caller may reuse when nothing was repaired."""
        doc = self.nlp.make_doc(text)
        return self._repair(text, doc), doc

    def _repair(self, text: str, doc: Doc) -> str:
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
    """Lower-cased forms of words the text writes capitalised other than at a sentence start
    (read-only: the same set is handed to every caller that asks about the same text)."""
    for seen, words in _CAPS_MEMO:
        if seen is text or seen == text:
            return words
    words = _capitalised_vocabulary(text)
    _CAPS_MEMO.insert(0, (text, words))
    del _CAPS_MEMO[2:]
    return words


#: the last texts asked about (the casing repair and the recogniser ask about the same text)
_CAPS_MEMO: list[tuple[str, set[str]]] = []


def _capitalised_vocabulary(text: str) -> set[str]:
    out: set[str] = set()
    prev = "."
    for word in text.replace("\n", " . ").split():
        core = word.strip("\"'“”‘’()[],;:!?")
        # a sentence, a table cell or a list item starts after these
        if core[:1].isupper() and prev[-1:] not in ".!?:\"“|*•#>" and not core.isupper():
            out.add(core.casefold())
        prev = word
    return out


def _tokenised(nlp: Language, names: list[str]) -> list[tuple[list[str], list[bool]]]:
    """The model's tokenisation of each name (words and trailing spaces), from the compiled cache
    when the same names were tokenised by the same model before (tokenising some thousand
    names costs more at start-up than reading them back)."""
    import hashlib

    from spacy import about

    from ..cache import cached

    digest = hashlib.sha256("\n".join(names).encode("utf-8")).hexdigest()[:20]
    meta = nlp.meta

    def build() -> list[tuple[list[str], list[bool]]]:
        out = []
        tokenizer: Any = nlp.tokenizer
        for doc in tokenizer.pipe(names):
            out.append(([t.text for t in doc], [bool(t.whitespace_) for t in doc]))
        return out

    return cached("gazetteer-tokens", [], build,
                  version=f"{digest}|{about.__version__}|{meta.get('name')}|{meta.get('version')}")
