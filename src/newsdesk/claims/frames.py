"""Attribution frames from the dependency parse: a cue, its speaker phrase and its content.

- a speech verb from the cue list (``said``, ``told``, ``warned``, ``reported``, ...): the speaker
  is its ``nsubj`` (also post-posed: "said X"), the ``agent`` of a passive ("was announced by
  X"), the subject of the governing verb for a participle or conjunct ("..., saying that ...",
  "He smiled and said ..."), or the antecedent of a relative pronoun ("Reuters, which
  reported ..."); the content is its ``ccomp`` clause without the ``that``, or, for a
  parenthetical cue ("The plan, he said, will work"), the clause it interrupts;
- "according to X" (and the other phrases in the cue data): the speaker is X, the content
  the rest of the clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..nlp.model import doc_text
from .cues import Cues

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

Range = tuple[int, int]

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_INHERIT = ("advcl", "xcomp", "conj", "pcomp", "ccomp", "acl", "dobj", "pobj", "prep")
_NP_RIGHT = ("prep", "pobj", "compound", "amod", "nummod", "poss", "case", "npadvmod")
_WH = frozenset({"which", "who", "that", "whom"})


@dataclass(slots=True)
class Frame:
    cue: int  # token index of the cue word
    cue_text: str
    cue_span: Range
    speaker_head: int | None  # token index of the speaker phrase's head
    speaker_span: Range | None
    appos_head: int | None
    content: Range | None
    quote_only: bool
    according: bool = False

    @property
    def extent(self) -> Range:
        s, e = self.cue_span
        if self.speaker_span is not None:
            s, e = min(s, self.speaker_span[0]), max(e, self.speaker_span[1])
        return s, e


def _chars(doc: Doc, i: int, j: int) -> Range:
    """Character range of tokens ``i..j`` inclusive."""
    return doc[i].idx, doc[j].idx + len(doc[j].text)


def noun_phrase(tok: Token) -> Range:
    """Token range (inclusive) of the phrase headed by ``tok``, without appositions and clauses."""
    doc = tok.doc
    start = tok.left_edge.i
    for k in range(tok.i - 1, start - 1, -1):
        if doc[k].is_punct or doc[k].dep_ in ("cc", "conj", "appos"):
            start = k + 1
            break
    end = tok.i
    for child in tok.rights:
        if child.dep_ in _NP_RIGHT and not any(t.is_punct and t.text in ",;" for t in doc[end + 1 : child.i]):
            end = max(end, child.right_edge.i)
        else:
            break
    while end > tok.i and doc[end].is_punct:
        end -= 1
    return start, end


def trim(doc: Doc, i: int, j: int, quote_chars: frozenset[str]) -> Range | None:
    """Character range of tokens ``i..j`` less leading marks/punctuation and trailing punctuation."""
    while i <= j and (doc[i].dep_ == "mark" or (doc[i].is_punct and doc[i].text not in quote_chars)
                      or doc[i].is_space):
        i += 1
    while j >= i and ((doc[j].is_punct and doc[j].text not in quote_chars) or doc[j].is_space):
        j -= 1
    if j < i:
        return None
    return _chars(doc, i, j)


def _subject(verb: Token, cues: Cues) -> Token | None:
    """The head of the speaker phrase of a cue verb, or None."""
    cur: Token = verb
    for _ in range(6):
        if cur.pos_ in ("VERB", "AUX"):
            subj = next((c for c in cur.children if c.dep_ in _SUBJ), None)
            if subj is not None and (subj.ent_type_ in cues.non_speaker_entity_types
                                     or subj.lemma_.lower() in cues.non_speaker_lemmas):
                subj = None  # "several times said": a mis-parsed adverbial
            agent = next((c for c in cur.children if c.dep_ == "agent"), None)
            if agent is not None:
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
            if subj is not None and subj.dep_ != "nsubjpass":
                if subj.lower_ in _WH and cur.dep_ == "relcl":
                    return cur.head
                if subj.lower_ in cues.expletive_subjects:
                    return None
                return subj
            if subj is not None:  # passive without an agent: "it was reported that ..."
                return None
            if cur is verb:
                post = _postposed(verb)
                if post is not None:
                    return post
        if cur.dep_ == "pcomp" and cur.head.lower_ == "as":  # "X quoted Y as saying"
            obj = next((c for c in cur.head.head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
        if cur.dep_ in _INHERIT and cur.head is not cur:
            cur = cur.head
            continue
        return None
    return None


def _postposed(verb: Token) -> Token | None:
    """'..." said William Clay Ford Jr.': a name right after the cue that the parser did not make its subject."""
    doc = verb.doc
    if verb.i + 1 >= len(doc):
        return None
    k = verb.i - 1
    while k >= 0 and (doc[k].is_space or doc[k].text == ","):
        k -= 1
    if k < 0 or not doc[k].is_quote:
        return None  # only right after a closing quote
    nxt = doc[verb.i + 1]
    if nxt.pos_ not in ("PROPN", "DET", "NOUN"):
        return None
    head = nxt
    while head.head.i > head.i and head.head.i <= verb.i + 6 and head.head.pos_ in ("PROPN", "NOUN"):
        head = head.head
    if head.head is verb or head.head.i == head.i or head.dep_ in ("compound", "npadvmod", "appos", "dobj", "attr"):
        return head if head.pos_ in ("PROPN", "NOUN") else None
    return None


def _cue_text(verb: Token, cues: Cues) -> tuple[str, Range]:
    doc = verb.doc
    last = verb.i
    for c in verb.rights:
        if c.dep_ == "prt":
            last = max(last, c.i)
        elif c.dep_ in ("dobj", "dative") and (c.lower_ in cues.audience_objects or c.lemma_ in cues.audience_objects):
            last = max(last, c.right_edge.i)
    if last > verb.i + 4:
        last = verb.i
    s, e = _chars(doc, verb.i, last)
    return doc_text(doc)[s:e], (s, e)


def _content(verb: Token, cues: Cues) -> Range | None:
    doc = verb.doc
    qc = cues.quote_chars
    comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if comp is not None:
        first = next((t for t in comp.subtree if not t.is_punct), comp)
        if first.lower_ in cues.question_words and first.i != comp.i:
            return None  # an embedded question: "predict when ..."
        return trim(doc, comp.left_edge.i, comp.right_edge.i, qc)
    lead = doc[verb.left_edge.i - 1] if verb.left_edge.i > 0 else None
    postposed = (verb.dep_ == "ccomp" and verb.i > verb.head.i and lead is not None and lead.is_punct
                 and not any(c.dep_ == "mark" for c in verb.children))
    if (verb.dep_ == "parataxis" or postposed) and verb.head.pos_ in ("VERB", "AUX"):
        head = verb.head
        lo, hi = head.left_edge.i, head.right_edge.i
        cue_lo, cue_hi = verb.left_edge.i, verb.right_edge.i
        if cue_lo - lo >= hi - cue_hi:  # the cue is parenthetical or post-posed: keep the clause
            return trim(doc, lo, hi, qc) if cue_lo > lo + 1 else None
        return trim(doc, lo, hi, qc)
    return None


def _speech_frame(verb: Token, cues: Cues) -> Frame | None:
    lemma = verb.lemma_.lower()
    if lemma not in cues.speech_verbs or verb.pos_ not in ("VERB", "AUX") or verb.dep_ in ("amod", "compound"):
        return None
    need = cues.require_particle.get(lemma)
    if need is not None and not any(c.dep_ == "prt" and c.lower_ == need for c in verb.children):
        return None
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in cues.blocking_heads:
        return None
    doc = verb.doc
    subj = _subject(verb, cues)
    speaker_span: Range | None = None
    appos: Token | None = None
    if subj is not None:
        a, b = noun_phrase(subj)
        speaker_span = _chars(doc, a, b)
        appos = next((c for c in subj.children if c.dep_ == "appos"), None)
    text, span = _cue_text(verb, cues)
    quote_only = lemma in cues.quote_only_verbs
    return Frame(cue=verb.i, cue_text=text, cue_span=span, speaker_head=subj.i if subj is not None else None,
                 speaker_span=speaker_span, appos_head=appos.i if appos is not None else None,
                 content=None if quote_only else _content(verb, cues), quote_only=quote_only)


def _according_frame(doc: Doc, sent: Span, k: int, cues: Cues) -> Frame | None:
    for phrase in cues.according_to:
        n = len(phrase)
        if k + n > sent.end or tuple(t.lower_ for t in doc[k : k + n]) != phrase:
            continue
        pobj = next((t for t in doc[k + n - 1].subtree if t.dep_ == "pobj"), None)
        if pobj is None and k + n < sent.end:
            pobj = doc[k + n]
        if pobj is None or pobj.is_punct:
            return None
        a, b = noun_phrase(pobj)
        a = max(a, k + n)
        phrase_end = max(b, max(t.i for t in doc[k].subtree)) if doc[k].head is not doc[k] else b
        qc = cues.quote_chars
        before = trim(doc, sent.start, k - 1, qc) if k > sent.start else None
        after = trim(doc, phrase_end + 1, sent.end - 1, qc) if phrase_end + 1 < sent.end else None
        content = after if after is not None and (before is None or after[1] - after[0] >= before[1] - before[0]) \
            else before
        s, e = _chars(doc, k, k + n - 1)
        return Frame(cue=k, cue_text=doc_text(doc)[s:e], cue_span=(s, e), speaker_head=pobj.i,
                     speaker_span=_chars(doc, a, b), appos_head=None, content=content, quote_only=False,
                     according=True)
    return None


def find_frames(doc: Doc, cues: Cues) -> list[Frame]:
    """Every attribution frame in the document, in text order.

    Only two kinds of token can open a frame: the first word of an "according to" phrase and a
    verb or auxiliary (:func:`_speech_frame` answers None for any other part of speech); the
    others are passed over on the Doc's columns, without making a ``Token`` of each."""
    from spacy.parts_of_speech import IDS as POS_IDS  # type: ignore[import-not-found]
    from spacy.strings import get_string_id

    out: list[Frame] = []
    first_words = {get_string_id(p[0]) for p in cues.according_to}
    verbal = {POS_IDS["VERB"], POS_IDS["AUX"]}
    cols: Any = doc.to_array(["LOWER", "POS"])
    rows: list[list[int]] = cols.tolist()
    for sent in doc.sents:
        for i in range(sent.start, sent.end):
            lower, pos = rows[i]
            frame: Frame | None = None
            if lower in first_words:
                frame = _according_frame(doc, sent, i, cues)
            if frame is None and pos in verbal:
                frame = _speech_frame(doc[i], cues)
            if frame is not None:
                out.append(frame)
    return out
