"""Quotes and frames joined into claims.

Each top-level quote is attributed to one frame, tried in this order:

1. the nearest cue verb that governs the quote's words in the parse (through its clausal
   complement, object or a parenthetical), or a cue verb hanging off a word inside the quote;
2. a frame right before the quote ("she said, ...", "X said:") or right after it ('..." said X');
   else the nearest cue with a speaker earlier in the quote's sentence (the parse lost the link);
3. the frame of the quote just before it when nothing but punctuation lies between them
   (a quote continued after "she said." or in the next paragraph).

A quote attributed to no frame is a claim only when it reads like speech (at least
``unattributed_min_words`` words and a verb): then it is ``direct`` with no speaker. A short
unattributed quote ("New GM", a title) is a scare quote, not a claim.

A frame yields one ``direct`` claim per attributed quote (a quote split by its attribution
gives two claims with the same speaker and cue); a reported clause with no quote is
``indirect``; a reported clause with quoted and unquoted words is ``mixed`` (and its quoted
parts are also ``direct`` claims of their own).
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from typing import TYPE_CHECKING

from ..model import Article, Claim, Speaker
from .cues import Cues, load_cues
from .frames import Frame, find_frames
from .quotes import Quote, find_quotes
from .speakers import SpeakerResolver, mention_refs

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: dependency of the cue's child on the way down to the quote that makes the quote its content
_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "attr", "acomp", "parataxis", "dep", "npadvmod"})
_GAP_AFTER = re.compile(r"[\s,;:\u2014\u2013-]*")
_GAP_BEFORE = re.compile(r"[\s,:\u2014\u2013-]*(?:that\s*)?", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_COLON = re.compile(r"(?:^|[:.\n]\s*)([^:\n\"“”]{2,120}?)\s*:\s*$")


def _body_ranges(article: Article) -> list[tuple[int, int]]:
    if not article.blocks:
        return [(0, len(article.text))]
    return [(b.start, b.end) for b in article.blocks if not b.boilerplate]


class _Assembler:
    def __init__(self, article: Article, doc: Doc, cues: Cues) -> None:
        self.article = article
        self.text = article.text
        self.doc = doc
        self.cues = cues
        self.body = _body_ranges(article)
        self._body_starts = [s for s, _ in self.body]
        para_starts = [b.start for b in article.blocks]
        self.quotes = [q for q in find_quotes(self.text, cues, para_starts) if self.in_body(q.start)]
        self._q_starts = [q.start for q in self.quotes]
        self.frames = [f for f in find_frames(doc, cues)
                       if self.in_body(f.cue_span[0]) and self.quote_at(f.cue_span[0]) is None]
        for f in self.frames:
            if f.speaker_span is not None and self.quote_at(f.speaker_span[0]) is not None:
                f.speaker_head = f.speaker_span = f.appos_head = None  # a speaker inside a quote is no speaker
        self.frame_of_tok = {f.cue: k for k, f in enumerate(self.frames)}
        self._tok_starts = [t.idx for t in doc]

    def in_body(self, pos: int) -> bool:
        k = bisect.bisect_right(self._body_starts, pos) - 1
        return k >= 0 and self.body[k][0] <= pos < self.body[k][1]

    def quote_at(self, pos: int) -> Quote | None:
        k = bisect.bisect_right(self._q_starts, pos) - 1
        if k >= 0 and self.quotes[k].start <= pos < self.quotes[k].end:
            return self.quotes[k]
        return None

    def tokens_in(self, q: Quote) -> list[Token]:
        lo = bisect.bisect_left(self._tok_starts, q.start)
        hi = bisect.bisect_left(self._tok_starts, q.end)
        return [self.doc[i] for i in range(lo, hi)]

    # ------------------------------------------------------------ attribution
    def by_parse(self, q: Quote) -> int | None:
        inside = {t.i for t in self.tokens_in(q)}
        best: tuple[int, int, int] | None = None  # (steps, distance, frame)
        for i in inside:
            tok = self.doc[i]
            if tok.is_punct or tok.is_space:
                continue
            child, cur, steps = tok, tok.head, 1
            while steps <= 10 and cur.i != child.i:
                if cur.i not in inside and cur.i in self.frame_of_tok:
                    k = self.frame_of_tok[cur.i]
                    f = self.frames[k]
                    allowed = child.dep_ in _CONTENT_DEPS or (
                        child.dep_ == "prep" and (f.quote_only or child.lower_ == "as"))
                    if allowed:
                        cand = (steps, abs(f.cue_span[0] - q.start), k)
                        best = cand if best is None or cand < best else best
                    break
                child, cur, steps = cur, cur.head, steps + 1
        for k, f in enumerate(self.frames):  # a parenthetical cue hanging off a quoted word
            cue = self.doc[f.cue]
            if cue.head.i in inside and cue.i not in inside and cue.dep_ in ("parataxis", "ccomp", "advcl", "conj"):
                cand = (1, abs(f.cue_span[0] - q.start), k)
                best = cand if best is None or cand < best else best
        return best[2] if best is not None else None

    def by_adjacency(self, q: Quote) -> int | None:
        text = self.text
        for k, f in enumerate(self.frames):
            s, e = f.extent
            if s >= q.end and s - q.end <= 12 and _GAP_AFTER.fullmatch(text[q.end : s]):
                return k
            if e <= q.start and q.start - e <= 12 and _GAP_BEFORE.fullmatch(text[e : q.start]):
                return k
        return None

    def by_sentence(self, q: Quote) -> int | None:
        """The nearest cue with a speaker before the quote in its sentence (a parse that lost the link)."""
        toks = self.tokens_in(q)
        if not toks:
            return None
        sent = toks[0].sent
        best: int | None = None
        for k, f in enumerate(self.frames):
            cue = self.doc[f.cue] if f.cue >= 0 else None
            if cue is None or f.speaker_head is None or f.quote_only:
                continue
            if sent.start <= cue.i < toks[0].i and (best is None or cue.i > self.frames[best].cue):
                best = k
        return best

    def colon_frame(self, q: Quote) -> int | None:
        """'Secretary of the Air Force James Roche: "..."': a name and a colon right before the quote."""
        line_start = self.text.rfind("\n", 0, q.start) + 1
        m = _COLON.search(self.text, line_start, q.start)
        if m is None:
            return None
        ent = next((e for e in self.doc.ents if e.end_char == m.end(1) and e.label_ in ("PERSON", "ORG")), None)
        if ent is None:
            return None
        head = ent.root
        s = max(m.start(1), head.left_edge.idx)
        frame = Frame(cue=-1 - len(self.frames), cue_text="", cue_span=(m.end(1), m.end(1) + 1),
                      speaker_head=head.i, speaker_span=(s, ent.end_char), appos_head=None, content=None,
                      quote_only=True)
        self.frames.append(frame)
        return len(self.frames) - 1

    def attribute(self) -> tuple[dict[int, list[Quote]], list[Quote]]:
        owner: list[int | None] = []
        for q in self.quotes:
            k = self.by_parse(q)
            if k is None:
                k = self.by_adjacency(q)
            owner.append(k if k is not None else self.by_sentence(q))
        for n in range(1, len(self.quotes)):  # continued quotes
            prev, q = self.quotes[n - 1], self.quotes[n]
            k = owner[n - 1]
            if owner[n] is not None or k is None:
                continue
            gap_start = prev.end
            f = self.frames[k]
            if f.extent[0] >= prev.end:  # '"...," said X, a title of X. "..."': skip to the end of that sentence
                gap_start = max(gap_start, self.doc[f.cue].sent.end_char)
            if gap_start <= q.start and not _WORD.search(self.text[gap_start : q.start]):
                owner[n] = k
        for n, q in enumerate(self.quotes):
            if owner[n] is None:
                k = self.colon_frame(q)
                if k is not None:
                    owner[n] = k
        attached: dict[int, list[Quote]] = defaultdict(list)
        loose: list[Quote] = []
        for q, k in zip(self.quotes, owner, strict=True):
            if k is None:
                loose.append(q)
            else:
                attached[k].append(q)
        return attached, loose

    # ----------------------------------------------------------------- claims
    def unquoted_words(self, span: tuple[int, int]) -> int:
        s, e = span
        n = 0
        for m in _WORD.finditer(self.text, s, e):
            if self.quote_at(m.start()) is None and m.group().lower() != "that":
                n += 1
        return n

    def overlaps_quote(self, span: tuple[int, int], quotes: list[Quote]) -> list[Quote]:
        return [q for q in quotes if q.start < span[1] and span[0] < q.end]

    def speech_like(self, q: Quote) -> bool:
        if q.words(self.text) < self.cues.unattributed_min_words:
            return False
        return any(t.pos_ in ("VERB", "AUX") for t in self.tokens_in(q))

    def claims(self) -> list[Claim]:
        attached, loose = self.attribute()
        resolver = SpeakerResolver(self.doc, mention_refs(self.article, self.doc, self.cues), self.cues)
        out: list[Claim] = []
        for k in sorted(range(len(self.frames)), key=lambda i: self.frames[i].extent[0]):
            f = self.frames[k]
            qs = sorted(attached.get(k, []), key=lambda q: q.start)
            content = f.content if not f.quote_only else None
            if not qs and (content is None or f.speaker_head is None):
                continue
            spk = resolver.resolve(f)
            for q in qs:
                out.append(Claim("direct", q.start, q.end, cue=f.cue_text or None, speaker=_copy(spk)))
            if content is None or spk is None or self.unquoted_words(content) < 2:
                continue
            inner = self.overlaps_quote(content, self.quotes)
            if inner:
                s = min([content[0]] + [q.start for q in inner])
                e = max([content[1]] + [q.end for q in inner])
                out.append(Claim("mixed", s, e, cue=f.cue_text, speaker=_copy(spk)))
            else:
                out.append(Claim("indirect", content[0], content[1], cue=f.cue_text, speaker=_copy(spk)))
        for q in loose:
            if self.speech_like(q):
                out.append(Claim("direct", q.start, q.end))
        seen: set[tuple[str, int, int]] = set()
        result: list[Claim] = []
        for c in sorted(out, key=lambda c: (c.start, c.end, c.kind)):
            key = (c.kind, c.start, c.end)
            if key not in seen and self.in_body(c.start):
                seen.add(key)
                result.append(c)
        return result


def _copy(spk: Speaker | None) -> Speaker | None:
    return None if spk is None else Speaker(spk.name, spk.start, spk.end, spk.entity_id)


def extract_claims(article: Article, doc: Doc, cues: Cues | None = None) -> list[Claim]:
    """The claims of an article, given the dependency parse of ``article.text``."""
    return _Assembler(article, doc, cues or load_cues()).claims()
