"""One sentence -> its main event, coded in CAMEO, with actors, date, place and modality.

1. Every verb of the sentence is matched against the verb patterns (:mod:`.match`).
2. Verb-verb combinations: a coded verb that governs another (``xcomp``/``ccomp``) either lets
   the governed verb's code stand ("decided to attack", "said ... rejected"), keeps its own
   ("urged X to ...", "refused to ...") or combines the two ("agreed to meet" -> 036,
   "threatened to shell" -> 138); the rules are data (``cues.json`` ``combine``).
3. The main event is the one with a PLOVER category nearest the root of the parse; statements
   and appeals (CAMEO 01, 02: no PLOVER category) only when nothing else is coded. One event per
   sentence, but one per actor pair for compound actors.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..model import Actor, Event, Timex
from .actors import Resolver
from .lexicon import Codebook, Verb, VerbDictionary, cues
from .match import Match, base_forms, match_verb
from .modality import modality
from .parse import parse_of

_VERB_POS = frozenset({"VERB"})
_NO_VERB = Verb("", (), (), None, None, -1)
_ACTOR_LABELS = frozenset(cues()["actor_labels"])


@dataclass(slots=True)
class Coded:
    """A coded reading of one verb, maybe combined with a verb it governs."""

    top: Token  # the governing (outermost) verb
    trigger: Token  # the verb whose subject/objects give the actors
    code: str
    reverse: bool  # only the reverse code applies: actors swap
    match: Match
    consumed: bool  # the top's own code stands for a governed verb
    polarity: bool = False  # a negation is part of the code ("will not accept": a rejection)


def _depth(t: Token) -> int:
    return parse_of(t.doc).depths[t.i]


def _combine(gov: Coded, child: Coded) -> Coded | None:
    """The combined reading of a governor and the coded verb it governs (None: keep both apart)."""
    rules = cues()["combine"]
    policy = rules["roots"].get(gov.code[:2], rules["default"])
    if policy == "child":
        return Coded(gov.top, child.trigger, child.code, child.reverse, child.match, child.consumed, child.polarity)
    if policy == "keep":
        return Coded(gov.top, child.trigger, gov.code, gov.reverse, gov.match, True, gov.polarity)
    code = policy.get(child.code[:2], policy.get("default", gov.code))
    return Coded(gov.top, child.trigger, code, gov.reverse, gov.match, True, gov.polarity)


def _nominal(t: Token, m: Match | None) -> Coded | None:
    """An event noun as the object of a light verb ("staged a hunger strike")."""
    nom = cues()["nominal_events"]
    forms = {t.lemma_.lower(), t.lower_, *base_forms(t.lower_)}
    if not forms & set(nom["light_verbs"]):
        return None
    nouns: dict[str, str] = nom["nouns"]
    for k in t.children:
        if k.dep_ not in {"dobj", "obj", "nsubjpass"}:
            continue
        mods = [c for c in k.children if c.dep_ in {"compound", "amod"}]
        for key in [f"{c.lower_} {k.lemma_.lower()}" for c in mods] + [k.lemma_.lower(), k.lower_]:
            if key in nouns:
                code = nouns[key]
                match = m if m is not None else Match(t, _NO_VERB, None, code, None, 0.0)
                return Coded(t, t, code, False, match, False)
    return None


def _reported(t: Token) -> bool:
    verbs = set(cues()["reported"]["reporting_verbs"]) | {"declare", "reiterate", "conclude", "insist", "warn"}
    if t.dep_ in {"ccomp", "parataxis"} and t.head.lemma_.lower() in verbs:
        return True
    root = t.sent.root
    return root != t and root.lemma_.lower() in verbs and t.dep_ in {"ccomp", "parataxis"}


def _apply_modals(t: Token, reading: Coded | None) -> Coded | None:
    """'will give' -> intent (033), 'would attack' (reported) -> threat, 'must return' -> demand."""
    rules = cues()["modal_codes"]
    aux = {k.lower_ for k in t.children if k.dep_ == "aux"}
    neg = any(k.dep_ == "neg" for k in t.children)
    for rule in rules["rules"]:
        if not aux & set(rule["modals"]) or (rule["reported_only"] and not _reported(t)):
            continue
        if reading is None:
            uncoded = rule.get("uncoded")
            if uncoded and not neg:
                m = Match(t, _NO_VERB, None, uncoded, None, 0.0)
                return Coded(t, t, uncoded, False, m, False)
            return None
        gov_root = rule["roots"].get(reading.code[:2])
        if not gov_root:
            return reading
        polarity = False
        if neg and gov_root == "03":
            gov_root, polarity = rules["negated_intent_root"], True
        gov = Coded(t, t, gov_root + "0", False, reading.match, False)
        comb = _combine(gov, reading)
        if comb is not None:
            comb.polarity = polarity
            comb.consumed = False
            return comb
    return reading


def code_verbs(sent: Span, vd: VerbDictionary) -> list[Coded]:
    """The coded readings of a sentence after verb-verb combination, outermost first."""
    c = cues()
    governed = set(c["combine"]["governed_deps"])
    intent = set(c.get("intent_governors", []))
    skip = set(c["skip_trigger_deps"])
    readings: dict[int, Coded] = {}
    doc = sent.doc
    p = parse_of(doc)
    pos, tags, deps, heads = p.pos, p.tags, p.deps, p.heads
    span = range(sent.start, sent.end)
    for i in span:
        if (pos[i] not in _VERB_POS and not (tags[i].startswith("VB") and pos[i] != "AUX")) or deps[i] in skip:
            continue
        t = doc[i]
        m = match_verb(t, vd)
        code = (m.code or m.reverse) if m is not None else None
        reading = Coded(t, t, code, m.code is None, m, False) if m is not None and code else None
        if reading is None or (m is not None and m.pattern is None):
            reading = _nominal(t, m) or reading
        reading = _apply_modals(t, reading)
        if reading is not None:
            readings[i] = reading
    # intentions ("is willing / ready / plans to withdraw", "vowed to fight"): 03x, or 13x for force
    for i in span:
        if p.lemmas[i] not in intent and p.lowers[i] not in intent:
            continue
        for k in p.kids[i]:
            if deps[k] == "xcomp" and k in readings:
                r = readings.pop(k)
                base = readings.get(i)
                t = doc[i]
                gov = Coded(t, t, "030", False, base.match if base else r.match, False)
                comb = _combine(gov, r)
                if comb is not None:
                    readings[i] = comb
    # combine from the innermost verb outwards
    depths = p.depths
    for i in sorted(span, key=depths.__getitem__, reverse=True):
        if i not in readings or deps[i] not in governed:
            continue
        h = heads[i]
        # "agreed that their countries should cooperate": ccomp of a coded verb
        while h not in readings and deps[h] in governed and heads[h] != h and pos[h] != "VERB":
            h = heads[h]
        if h in readings and h != i:
            comb = _combine(readings[h], readings[i])
            if comb is not None:
                readings[h] = comb
                del readings[i]
    return sorted(readings.values(), key=lambda r: (depths[r.top.i], r.top.i))


def main_readings(readings: Sequence[Coded], book: Codebook) -> list[Coded]:
    """The sentence's main event: nearest the root among those with a PLOVER category."""
    if not readings:
        return []
    with_cat = [r for r in readings if book.plover(r.code)]
    pool = with_cat or list(readings)
    best = min(pool, key=lambda r: (_depth(r.top), -r.match.score, r.top.i))
    return [best]


# -- actors -----------------------------------------------------------------------------------


def _subjects(v: Token) -> tuple[list[Token], list[Token], list[Token]]:
    """(active subjects, passive subjects, agents) of a verb, inherited through xcomp/conj."""
    c = cues()
    t = v
    for _ in range(6):
        subj = [k for k in t.children if k.dep_ in c["source_deps"]]
        pas = [k for k in t.children if k.dep_ in c["passive_subject_deps"]]
        agents = [p for k in t.children if k.dep_ in c["agent_deps"] for p in k.children if p.dep_ == "pobj"]
        if subj or pas or agents:
            return subj, pas, agents
        if t.dep_ in {"xcomp", "conj", "advcl", "acomp"} and t.head != t:
            t = t.head
            continue
        if t.dep_ in {"relcl", "acl"} and t.head != t:
            return [t.head], [], []
        break
    return [], [], []


def _objects(v: Token, prefer_prep: tuple[str, ...] = ()) -> list[Token]:
    c = cues()
    objs: list[Token] = []
    preps = [k for k in v.children if k.dep_ in {"prep", "dative"} and k.lower_ in c["target_preps"]]
    if prefer_prep:
        preps.sort(key=lambda p: p.lower_ not in prefer_prep)
    for k in v.children:
        if k.dep_ in c["object_deps"]:
            objs.append(k)
    for p in preps:
        objs.extend(k for k in p.children if k.dep_ == "pobj")
        if p.dep_ == "dative" and p.pos_ in {"PROPN", "NOUN", "PRON"}:
            objs.append(p)
    # objects of an object's preposition ("the offices of the Palestinian administrators")
    for o in list(objs):
        for p in o.children:
            if p.dep_ == "prep" and p.lower_ in c["target_preps"]:
                objs.extend(k for k in p.children if k.dep_ == "pobj")
    # an xcomp's object ("invited Y to visit Z": Y is already the object)
    for k in v.children:
        if k.dep_ == "xcomp":
            objs.extend(x for x in k.children if x.dep_ in c["object_deps"])
    return objs


def _antecedent(pron: Token) -> Token | None:
    """A subject pronoun's antecedent: the subject of the clause that governs it ("Hungary has
    said it will ...", "Afghan rebel leaders said they would ...")."""
    c = cues()
    t = pron.head
    for _ in range(8):
        if t.head == t:
            break
        t = t.head
        subj = [k for k in t.children if k.dep_ in c["source_deps"] and k.pos_ != "PRON"]
        if subj:
            return subj[0]
    return None


def _first_coded(heads: Sequence[Token], res: Resolver, exclude: set[str]) -> list[Actor]:
    """The actors of the first head that names a country or organisation, else of the first
    head with a sector only, else of the first head."""
    fallback: list[Actor] = []
    sector_only: list[Actor] = []
    for h in heads:
        actors = res.resolve(h)
        if h.pos_ == "PRON" and not any(a.code for a in actors):
            ante = _antecedent(h)
            if ante is not None:
                actors = [Actor(text=a.text, start=a.start, end=a.end, name=b.name or b.text, code=b.code,
                                entity_id=b.entity_id) for a in actors[:1] for b in res.resolve(ante)] or actors
        coded = [a for a in actors if a.code and a.code not in exclude]
        if any(res.located(a) for a in coded):
            return [a for a in coded if res.located(a)]
        if coded and not sector_only:
            sector_only = coded
        if not fallback and actors:
            fallback = actors
    return sector_only or fallback


def _entities(doc: Doc) -> tuple[list[Span], list[int]]:
    """The Doc's entity spans and their start tokens, built once per Doc."""
    cached = doc.user_data.get("newsdesk.ents")
    if cached is None:
        ents = list(doc.ents)
        cached = (ents, [e.start for e in ents])
        doc.user_data["newsdesk.ents"] = cached
    ents_cached: tuple[list[Span], list[int]] = cached
    return ents_cached


def _sent_ents(sent: Span) -> list[Span]:
    """``sent.ents`` from the Doc's cached entities (``Span.ents`` rebuilds ``Doc.ents``)."""
    ents, starts = _entities(sent.doc)
    out: list[Span] = []
    end = sent.end
    for ent in ents[bisect.bisect_left(starts, sent.start):]:
        if ent.end > end:
            break
        out.append(ent)
    return out


def _scan(res: Resolver, tokens: Sequence[Token], taken: set[object]) -> list[Actor]:
    """The first located actor named among ``tokens`` (spaCy's names), skipping ``taken``."""
    if not tokens:
        return []
    idx = {t.i for t in tokens}
    ents, starts = _entities(tokens[0].doc)
    lo, hi = min(idx), max(idx)
    # only the entities that can overlap these tokens (Doc.ents rebuilds every span on each access)
    for ent in ents[max(0, bisect.bisect_right(starts, lo) - 1) : bisect.bisect_right(starts, hi)]:
        if ent.root.i not in idx or ent.label_ not in _ACTOR_LABELS:
            continue
        actors = [a for a in res.resolve(ent.root) if res.located(a)]
        actors = [a for a in actors if (a.start, a.end) not in taken and (a.code or "")[:3] not in taken]
        if actors:
            return actors[:1]
    return []


def dyads(r: Coded, res: Resolver) -> list[tuple[Actor | None, Actor | None]]:
    subj, pas, agents = _subjects(r.top if r.consumed else r.trigger)
    if r.trigger != r.top and not (subj or pas or agents):
        subj, pas, agents = _subjects(r.trigger if r.consumed else r.top)
    prefer = tuple(p for g in (r.match.pattern.preps if r.match.pattern else ()) if g.target for p in g.prep)
    if agents or (pas and not subj):
        sources = _first_coded(agents, res, set())
        targets = _first_coded(pas + _objects(r.trigger, prefer), res, set())
    else:
        sources = _first_coded(subj, res, set())
        src_codes = {a.code for a in sources if a.code}
        objs = _objects(r.trigger, prefer)
        if r.trigger != r.top:
            objs += _objects(r.top, prefer)
        targets = _first_coded(objs, res, src_codes)
    # nothing located: the nearest actor named inside the subject phrase ("groups in Zimbabwe")
    # or inside the event's clause ("demanded that the US cancel", "opened borders to Nigeria")
    if not any(res.located(a) for a in sources):
        heads = agents if (agents or (pas and not subj)) else subj
        found = _scan(res, [t for h in heads for t in h.subtree], set())
        if found:
            sources = found
    if not any(res.located(a) for a in targets):
        taken: set[object] = {(a.start, a.end) for a in sources}
        taken |= {(a.code or "")[:3] for a in sources if res.located(a)}
        clause = [t for t in r.trigger.subtree if t.i > r.trigger.i]
        if r.trigger != r.top:
            clause += [t for t in r.top.subtree if t.i > r.top.i and t not in clause]
        found = _scan(res, clause, taken)
        if found:
            targets = found
    if r.reverse:
        sources, targets = targets, sources
    out: list[tuple[Actor | None, Actor | None]] = []
    if not [a for a in sources if a.code] and len([t for t in targets if t.code]) > 1:
        sources, targets = targets, []  # "talks between X and Y were held"
    if len(sources) > 1 and not [t for t in targets if t.code]:
        # compound actor without a target: each acts on the other(s)
        for a in sources:
            for b in sources:
                if a is not b:
                    out.append((a, b))
        return out
    srcs: list[Actor | None] = list(sources) or [None]
    tgts: list[Actor | None] = list(targets) or [None]
    out.extend((x, y) for x in srcs for y in tgts)
    return out[:6]


# -- when and where ---------------------------------------------------------------------------


def sentence_date(sent: Span, trigger: Token, timexes: Sequence[Timex], published: str | None) -> str | None:
    start, end = sent.start_char, sent.end_char
    inside = [t for t in timexes if t.start >= start and t.end <= end and t.type in {"DATE", "TIME"}
              and t.value[:1].isdigit()]
    if inside:
        best = min(inside, key=lambda t: abs(t.start - trigger.idx))
        return best.value
    return published[:10] if published else None


def sentence_location(sent: Span, trigger: Token, exclude: set[tuple[int, int]]) -> str | None:
    c = cues()
    labels = set(c["location_labels"])
    preps = set(c["location_preps"])
    for ent in _sent_ents(sent):
        if ent.label_ not in labels or (ent.start_char, ent.end_char) in exclude:
            continue
        t = ent.root
        # an entity governed by a place preposition, itself attached to the event's verb
        # (directly or through a noun: "in the capital city of Algiers")
        hops = 0
        while t.head != t and hops < 6:
            if t.dep_ == "pobj" and t.head.lower_ in preps:
                anchor = t.head.head
                if anchor == trigger or trigger in anchor.ancestors or anchor in trigger.subtree:
                    return ent.text
                break
            t = t.head
            hops += 1
    return None


def code_sentence(sent: Span, vd: VerbDictionary, book: Codebook, res: Resolver,
                  timexes: Sequence[Timex], published: str | None) -> list[Event]:
    """The main event(s) of one sentence."""
    events: list[Event] = []
    for r in main_readings(code_verbs(sent, vd), book):
        date = sentence_date(sent, r.trigger, timexes, published)
        mod = modality(sent, r.trigger, r.top, date=date, published=published, consumed=r.consumed,
                       polarity=r.polarity)
        pairs = dyads(r, res)
        spans = {(a.start, a.end) for p in pairs for a in p if a is not None}
        loc = sentence_location(sent, r.trigger, spans)
        for src, tgt in pairs:
            conf = 0.45 + (0.2 if r.match.pattern is not None else 0.0)
            conf += 0.15 if src is not None and src.code else 0.0
            conf += 0.1 if tgt is not None and tgt.code else 0.0
            events.append(Event(
                code=r.code, source=src, target=tgt, modality=mod, start=sent.start_char, end=sent.end_char,
                plover=book.plover(r.code), quad_class=book.quad_class(r.code),
                goldstein=book.goldstein_of(r.code), date=date, location=loc,
                trigger=r.top.text if r.top == r.trigger else f"{r.top.text} ... {r.trigger.text}",
                confidence=round(min(conf, 0.95), 2)))
    return events
