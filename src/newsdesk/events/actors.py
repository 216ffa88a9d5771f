"""Source and target noun phrases -> :class:`~newsdesk.model.Actor` with CAMEO actor codes.

An actor's code is its country or organisation (``USA``, ``IGOUNO``) plus the sector of its
head noun (``officials`` -> ``GOV``, ``troops`` -> ``MIL``): ``USAGOV``. The country comes
first from the article's entities (the ``entities`` stage links mentions to the knowledge
base and gives ``actor_code``/``country``), else from the knowledge base directly
(:class:`ActorKB`: ``actor_code_for`` over the phrase's names and demonyms); the sector from
the knowledge base's Phoenix agent dictionary (``agent_suffix``).

Compound phrases give several actors: "Jordan and Britain", "Hungarian and Romanian
officials", "talks between X and Y".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Token

from ..model import Actor, Entity
from ..nlp.model import doc_text


class ActorKB(Protocol):
    """What the coder asks the knowledge base (:class:`newsdesk.kb.KnowledgeBase` fits)."""

    def actor_code_for(self, phrase: str, on: str | None = None) -> str | None: ...

    def agent_suffix(self, noun: str) -> str | None: ...


class NoKB:
    """A knowledge base that knows nothing (entities alone then give the codes)."""

    def actor_code_for(self, phrase: str, on: str | None = None) -> str | None:
        return None

    def agent_suffix(self, noun: str) -> str | None:
        return None


#: dependents that end a noun phrase (clauses hanging off the noun)
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "punct", "cc", "conj", "prep"})
_MOD_DEPS = frozenset({"compound", "amod", "nmod", "poss", "det", "nummod", "quantmod"})
_NAME_POS = frozenset({"PROPN", "ADJ", "NOUN"})


@dataclass(slots=True)
class Resolver:
    """Resolves noun-phrase heads of one article to actors."""

    kb: ActorKB
    entities: Sequence[Entity]
    day: str | None
    _by_char: dict[int, Entity] = field(default_factory=dict)
    _sectors: set[str] = field(default_factory=set)
    #: the knowledge base's answers for this article (the same phrases come back sentence after
    #: sentence; its look-ups are pure for a given phrase and day)
    _codes: dict[str, str | None] = field(default_factory=dict)
    _suffixes: dict[str, str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for e in self.entities:
            for m in e.mentions:
                for c in range(m.start, m.end):
                    self._by_char.setdefault(c, e)

    # -- phrases --------------------------------------------------------------------------
    def phrase(self, head: Token) -> list[Token]:
        """The head's noun phrase without clauses, appositions and conjuncts (prepositions of
        an ``of`` phrase are kept: "the President of France")."""
        toks = [head]
        stack = [head]
        while stack:
            t = stack.pop()
            for c in t.children:
                if c.dep_ in _CLAUSE_DEPS and not (c.dep_ == "prep" and c.lower_ == "of" and t == head) \
                        and not (c.dep_ in {"conj", "cc"} and t != head and t.dep_ in _MOD_DEPS):
                    continue
                toks.append(c)
                stack.append(c)
        return sorted(toks, key=lambda t: t.i)

    def conjuncts(self, head: Token) -> list[Token]:
        """The head and the heads conjoined with it ("Jordan and Britain")."""
        out = [head]
        for c in head.conjuncts:
            if c not in out:
                out.append(c)
        return sorted(out, key=lambda t: t.i)

    # -- codes ----------------------------------------------------------------------------
    def actor_code(self, text: str) -> str | None:
        """``kb.actor_code_for(text, day)``, asked once per article."""
        try:
            return self._codes[text]
        except KeyError:
            code = self._codes[text] = self.kb.actor_code_for(text, self.day)
            return code

    def agent_suffix(self, noun: str) -> str | None:
        """``kb.agent_suffix(noun)``, asked once per article."""
        try:
            return self._suffixes[noun]
        except KeyError:
            s = self._suffixes[noun] = self.kb.agent_suffix(noun)
            return s

    def _entity_at(self, tok: Token) -> Entity | None:
        return self._by_char.get(tok.idx)

    def _kb_code(self, tokens: Sequence[Token]) -> tuple[str | None, int, int]:
        """Longest run of tokens the knowledge base codes; returns (code, first, last) indexes."""
        n = len(tokens)
        for size in range(min(n, 6), 0, -1):
            for i in range(0, n - size + 1):
                run = tokens[i:i + size]
                if size == 1 and (run[0].pos_ not in _NAME_POS or run[0].is_stop):
                    continue
                if not any(t.pos_ == "PROPN" or t.ent_type_ or t.text[:1].isupper() for t in run):
                    continue
                text = doc_text(run[0].doc)[run[0].idx:run[-1].idx + len(run[-1].text)]
                code = self.actor_code(text)
                if code:
                    return code, run[0].i, run[-1].i
        return None, -1, -1

    def _country_codes(self, phrase: list[Token]) -> list[tuple[str, Entity | None, Token]]:
        """Codes named inside one phrase, one per conjoined modifier ("Hungarian and Romanian")."""
        out: list[tuple[str, Entity | None, Token]] = []
        seen: set[str] = set()
        for t in phrase:
            e = self._entity_at(t)
            code = None
            if e is not None:
                code = e.actor_code or e.country
            if code and code not in seen:
                seen.add(code)
                out.append((code, e, t))
        if out:
            return out
        # knowledge base: modifiers conjoined with each other each name an actor
        groups: list[list[Token]] = []
        cur: list[Token] = []
        for t in phrase:
            if t.dep_ in {"cc", "punct"} or t.lower_ in {"and", "or"}:
                if cur:
                    groups.append(cur)
                cur = []
                continue
            cur.append(t)
        if cur:
            groups.append(cur)
        for g in groups:
            code, first, _last = self._kb_code(g)
            if code and code not in seen:
                seen.add(code)
                out.append((code, None, phrase[0].doc[first]))
        return out

    def sector(self, head: Token, phrase: Sequence[Token]) -> str | None:
        cands = [head.text, head.lemma_]
        comps = [t for t in phrase if t.dep_ == "compound" and t.i == head.i - 1]
        if comps:
            cands.insert(0, f"{comps[0].text} {head.text}")
        for c in cands:
            s = self.agent_suffix(c) or self.agent_suffix(c.lower())
            if s:
                return s
        return None

    def located(self, actor: Actor) -> bool:
        """Whether the actor's code names a country or organisation (not a bare sector)."""
        return bool(actor.code) and actor.code not in self._sectors

    def resolve(self, head: Token) -> list[Actor]:
        """Actors for the noun phrase headed by ``head`` and its conjuncts."""
        out: list[Actor] = []
        for h in self.conjuncts(head):
            out.extend(self._resolve_one(h))
        return out

    def _resolve_one(self, head: Token) -> list[Actor]:
        phrase = self.phrase(head)
        doc = head.doc
        start, end = phrase[0].idx, phrase[-1].idx + len(phrase[-1].text)
        text = doc_text(doc)[start:end]
        codes = self._country_codes(phrase)
        # "talks between X and Y", "a meeting of X and Y": the actors are inside
        if not codes:
            inner = [c for c in head.children if c.dep_ == "prep" and c.lower_ in {"between", "among", "of"}]
            for p in inner:
                objs = [c for c in p.children if c.dep_ == "pobj"]
                if objs and (p.lower_ != "of" or objs[0].conjuncts):
                    return self.resolve(objs[0])
        sector = self.sector(head, phrase)
        if not codes:
            if head.pos_ == "PRON" or not sector:
                return [Actor(text=text, start=start, end=end, name=None, code=None)]
            self._sectors.add(sector.lstrip("~"))
            return [Actor(text=text, start=start, end=end, name=None, code=sector.lstrip("~"))]
        actors = []
        for code, ent, _tok in codes:
            full = code + sector if sector and len(code) == 3 and not sector.endswith("~") else code
            actors.append(Actor(text=text, start=start, end=end, name=ent.name if ent else None, code=full,
                                entity_id=ent.id if ent else None))
        return actors
