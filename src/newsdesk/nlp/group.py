"""Grouping name mentions into the entities of one article.

Rules, in order:

1. **Knowledge base**: mentions the gazetteer resolved share the KB id. A country's name,
   abbreviation and demonym ("the United Kingdom", "UK", "British") are one ``GPE``
   entity; a demonym is a ``NORP`` mention of it (``Mention.type``). A capital is the
   country's entity only where it acts as the government (the subject of a clause or a
   possessor: "London said", "Beijing's stance"); elsewhere it is a place of its own.
2. **Acronyms** join their expansion when the text defines them ("European Aeronautic
   Defence and Space Company (EADS)") or when their letters are the initials of an
   organisation's name ("GAO" and "Government Accountability Office").
3. **Persons**: a surname or a first name alone ("Merkel"; "President Ramaphosa" trimmed to
   "Ramaphosa") joins the full-name person it matches, the nearest before it, else the first after.
4. **Same name**: mentions with the same normalised name (case, "the", possessive, dots of
   abbreviations aside) are one entity.

The entity's type is the majority label of its mentions (so one stray "PERSON" for a
company does not split it); its name is the KB's name or its longest mention.
Afterwards :func:`propagate` finds further occurrences of names already recognised
("Jobs" after "Steve Jobs", an organisation the model missed the second time).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from .lexicon import lexicon
from .recognize import Candidate

_STOP_INITIALS = {"of", "and", "the", "for", "to", "in", "on", "de", "&", "du", "la", "der", "des"}
_ACRONYM = re.compile(r"^[A-Z][A-Z.&]{1,9}$")


@dataclass
class Group:
    mentions: list[Candidate] = field(default_factory=list)
    kb_ref: str | None = None
    kb_kind: str | None = None  # country, person, org, capital

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


def normal(name: str) -> str:
    """A name's comparison key: case-folded, without "the", possessive, dots and extra spaces."""
    s = " ".join(name.split()).casefold()
    s = re.sub(r"^the ", "", s)
    s = re.sub(r"['’]s?$", "", s)
    return s.replace(".", "").strip()


def initials(name: str) -> str:
    words = [w for w in re.split(r"[\s-]+", name) if w and w.casefold() not in _STOP_INITIALS]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def _kb_key(c: Candidate) -> tuple[str, str] | None:
    """The KB reference a mention resolves to, if any."""
    for e in c.entries:
        if e.kind in ("country", "demonym", "person", "org", "index", "currency"):
            return e.kind if e.kind != "demonym" else "country", e.ref
        if e.kind == "capital" and c.agentive:
            return "country", e.ref
    return None


def group(cands: list[Candidate], text: str) -> list[Group]:
    groups: list[Group] = []
    by_kb: dict[tuple[str, str], Group] = {}
    by_name: dict[str, Group] = {}
    pending_short: list[Candidate] = []
    for c in sorted(cands, key=lambda c: c.start):
        surface = text[c.start:c.end]
        key = _kb_key(c)
        if key is not None:
            g = by_kb.get(key)
            if g is None:
                g = Group(kb_ref=key[1], kb_kind=key[0])
                by_kb[key] = g
                groups.append(g)
            g.mentions.append(c)
            by_name.setdefault(normal(surface), g)
            continue
        n = normal(surface)
        if n in by_name:
            by_name[n].mentions.append(c)
            continue
        if not c.entries and (" " not in surface.strip() or _ACRONYM.match(surface.replace(" ", ""))):
            pending_short.append(c)  # decided once every full name is known
            continue
        g = Group(mentions=[c])
        if c.entries and c.entries[0].kind == "capital":
            g.kb_ref, g.kb_kind = c.entries[0].ref, "capital"
        groups.append(g)
        by_name[n] = g
    for c in pending_short:
        surface = text[c.start:c.end]
        target = _short_target(c, surface, groups, text)
        if target is not None and c.label != "PERSON" and majority_label(target) == "PERSON":
            c.label = "PERSON"
        if target is None:
            n = normal(surface)
            target = by_name.get(n)
            if target is None:
                target = Group()
                groups.append(target)
                by_name[n] = target
        target.mentions.append(c)
    groups = [g for g in groups if g.mentions]
    for g in groups:
        g.mentions.sort(key=lambda m: m.start)
    groups.sort(key=lambda g: g.first)
    return groups


def _short_target(c: Candidate, surface: str, groups: list[Group], text: str) -> Group | None:
    """The group a surname or an acronym belongs to."""
    word = surface.strip()
    if _ACRONYM.match(word.replace(" ", "")):
        letters = word.replace(".", "").replace(" ", "")
        defined = re.search(r"([A-Z][\w&.' -]{3,120}?)\s*\(\s*" + re.escape(word) + r"\s*\)", text)
        for g in groups:
            for m in g.mentions:
                name = text[m.start:m.end]
                if " " not in name:
                    continue
                if defined and defined.group(1).rstrip().endswith(name):
                    return g
                if initials(name) == letters and m.label in ("ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"):
                    return g
        return None
    best: Group | None = None
    best_dist = None
    for g in groups:
        for m in g.mentions:
            if m.label != "PERSON":
                continue
            parts = text[m.start:m.end].split()
            if len(parts) < 2 or word not in (parts[-1], parts[0]) or (c.label != "PERSON" and word != parts[-1]):
                continue
            dist = c.start - m.start if m.start < c.start else 10**9 + m.start - c.start
            if best_dist is None or dist < best_dist:
                best, best_dist = g, dist
    return best


def majority_label(g: Group) -> str:
    labels = Counter(m.label for m in g.mentions if not (m.entries and m.entries[0].kind == "demonym"))
    if not labels:
        return "GPE" if g.kb_kind == "country" else g.mentions[0].label
    if g.kb_kind == "country":
        return "GPE"
    top = max(labels.values())
    for m in g.mentions:  # ties go to the first mention's label
        if labels.get(m.label) == top:
            return m.label
    return g.mentions[0].label


def propagate(groups: list[Group], text: str, visible: str) -> None:
    """Add further occurrences of names already found (case-sensitive, whole words, in body text).

    ``visible`` is the masked copy of the text (boilerplate blanked); taken spans are skipped.
    """
    # characters already inside a mention (a mask, not a list of spans: a long article has
    # thousands of mentions, and a scan of all of them per match was quadratic)
    taken = bytearray(max(len(text), len(visible)) + 1)
    for grp in groups:
        for men in grp.mentions:
            taken[men.start:men.end] = b"\x01" * (men.end - men.start)

    def free(s: int, e: int) -> bool:
        return taken.find(1, s, e) < 0

    for g in groups:
        label = majority_label(g)
        forms = {text[m.start:m.end] for m in g.mentions if m.source != "propagated"}
        forms = {f for f in forms if len(f.split()) >= 2}
        if label == "PERSON":
            for f in list(forms):
                parts = f.split()
                if len(parts) >= 2 and parts[-1][:1].isupper() and len(parts[-1]) > 2:
                    forms.add(parts[-1])
        for form in sorted(forms, key=len, reverse=True):
            if len(form) < 2 or not form[:1].isupper() or (form.isupper() and len(form) < 2):
                continue
            for s, e in _whole_word_occurrences(form, visible):
                if not free(s, e) or _in_longer_name(visible, s, e):
                    continue
                g.mentions.append(Candidate(s, e, label, "propagated"))
                taken[s:e] = b"\x01" * (e - s)
        g.mentions.sort(key=lambda m: m.start)


def _word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


def _whole_word_occurrences(form: str, text: str) -> Iterator[tuple[int, int]]:
    """Non-overlapping occurrences of ``form`` not glued to a word character or hyphen on either
    side: what ``re.finditer(r"(?<![\\w-])" + re.escape(form) + r"(?![\\w-])", text)`` finds, by
    ``str.find`` (a long article has thousands of forms to look for)."""
    n = len(form)
    i = text.find(form)
    while i >= 0:
        e = i + n
        if (i == 0 or not _word_char(text[i - 1])) and (e >= len(text) or not _word_char(text[e])):
            yield i, e
            i = text.find(form, e)
        else:
            i = text.find(form, i + 1)


def _in_longer_name(text: str, s: int, e: int) -> bool:
    """Whether the match is glued to another capitalised word ("Jobs" in "Steve Jobs Theater")."""
    if re.match(r"[ ][A-Z]", text[e:e + 2]):
        return True
    before = re.search(r"([A-Z][\w.-]*)[ ]$", text[max(0, s - 40):s])
    if before is None:
        return False
    word = before.group(1).casefold()
    return word not in lexicon().titles and word not in lexicon().determiners
