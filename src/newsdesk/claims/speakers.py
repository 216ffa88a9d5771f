"""Speakers: a frame's subject phrase resolved to an entity, a nominal mention or a pronoun's antecedent.

Mentions come from ``article.entities`` (the entities stage). Without them (the stage did not
run) the spaCy named entities of the parse stand in, grouped by their last word, with no ids.

- a phrase whose head word lies in a name mention is that entity: the speaker span is the
  mention, the name the entity's name ("council chair Maria Lopez" -> ``Maria Lopez``);
- a phrase with an apposed name ("the company's chief, Ann Lee,") takes the name;
- otherwise the speaker is nominal ("a Foreign Office spokesperson"): the name is the noun
  phrase, ``entity_id`` None unless the entities stage linked that very mention;
- a third-person pronoun is resolved to the nearest preceding name mention of a compatible
  type when that is unambiguous: the only such entity in the window before it, or the
  nearest one when it is also the speaker of the previous claim. Otherwise the pronoun stays
  as it is, unresolved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Article, Speaker
from ..nlp.model import doc_text
from .cues import Cues
from .frames import Frame

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True, slots=True)
class Ref:
    start: int
    end: int
    text: str
    kind: str
    type: str
    key: str
    entity_id: str | None
    name: str


def mention_refs(article: Article, doc: Doc, cues: Cues) -> list[Ref]:
    """Entity mentions as :class:`Ref` objects, in text order."""
    refs: list[Ref] = []
    if article.entities:
        for ent in article.entities:
            for m in ent.mentions:
                refs.append(Ref(m.start, m.end, m.text, m.kind, m.type or ent.type, ent.id, ent.id, ent.name))
    else:
        longest: dict[str, str] = {}
        raw: list[tuple[int, int, str, str, str]] = []
        for e in doc.ents:
            if e.label_ not in cues.speaker_entity_types:
                continue
            words = [w for w in e.text.split() if w[:1].isalnum()]
            if not words:
                continue
            key = f"{e.label_}:{words[-1].lower().removesuffix(chr(39) + 's')}"
            if len(e.text) > len(longest.get(key, "")):
                longest[key] = e.text
            raw.append((e.start_char, e.end_char, e.text, e.label_, key))
        refs = [Ref(s, t, x, "name", lab, key, None, longest[key]) for s, t, x, lab, key in raw]
    refs.sort(key=lambda r: (r.start, -r.end))
    return refs


class SpeakerResolver:
    def __init__(self, doc: Doc, refs: list[Ref], cues: Cues) -> None:
        self.doc = doc
        self.refs = refs
        self.cues = cues
        self.last_key: str | None = None

    def _ref_at(self, start: int, end: int, kinds: tuple[str, ...] = ("name",)) -> Ref | None:
        best: Ref | None = None
        for r in self.refs:
            ok = r.kind in kinds and r.start < end and start < r.end and r.type in self.cues.speaker_entity_types
            if ok and (best is None or (r.end - r.start) > (best.end - best.start)):
                best = r
        return best

    def resolve(self, frame: Frame) -> Speaker | None:
        if frame.speaker_head is None or frame.speaker_span is None:
            return None
        spk = self._resolve(frame)
        if spk is not None:
            self.last_key = self._key_of(spk)
        return spk

    def _key_of(self, spk: Speaker) -> str | None:
        ref = self._ref_at(spk.start, spk.end)
        if ref is not None:
            return ref.key
        if spk.entity_id is not None:
            return spk.entity_id
        return None

    def _resolve(self, frame: Frame) -> Speaker | None:
        doc = self.doc
        assert frame.speaker_head is not None and frame.speaker_span is not None
        head = doc[frame.speaker_head]
        s, e = frame.speaker_span
        if head.tag_ in ("PRP", "PRP$") or head.pos_ == "PRON":
            linked = self._ref_at(head.idx, head.idx + len(head.text), kinds=("pronoun",))
            if linked is not None and linked.entity_id is not None:  # the entities stage resolved it
                return Speaker(name=linked.name, start=head.idx, end=head.idx + len(head.text),
                               entity_id=linked.entity_id)
            return self._pronoun(head.idx, head.idx + len(head.text), head.lower_)
        ref = self._ref_at(head.idx, head.idx + len(head.text))
        if ref is None and frame.appos_head is not None:
            ap = doc[frame.appos_head]
            ref = self._ref_at(ap.idx, ap.idx + len(ap.text))
        if ref is not None:
            return Speaker(name=ref.name, start=ref.start, end=ref.end, entity_id=ref.entity_id)
        nominal = self._ref_at(head.idx, head.idx + len(head.text), kinds=("nominal",))
        text = doc_text(doc)[s:e]
        return Speaker(name=text, start=s, end=e, entity_id=nominal.entity_id if nominal is not None else None)

    def _pronoun(self, start: int, end: int, word: str) -> Speaker:
        unresolved = Speaker(name=doc_text(self.doc)[start:end], start=start, end=end, entity_id=None)
        types = self.cues.pronouns.get(word)
        if not types:
            return unresolved
        before = [r for r in self.refs if r.end <= start and r.kind == "name" and r.type in types]
        if not before:
            return unresolved
        nearest = before[-1]
        window = {r.key for r in before if r.start >= start - self.cues.pronoun_window_chars}
        everyone = {r.key for r in before}
        ok = (len(window) == 1 and nearest.key in window) or nearest.key == self.last_key \
            or (not window and len(everyone) == 1)
        if not ok:
            return unresolved
        return Speaker(name=nearest.name, start=start, end=end, entity_id=nearest.entity_id)
