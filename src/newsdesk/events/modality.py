"""Modality of a coded event: did it happen, and who says so?

``negated`` (not, never, "declined to", "no signs of"), ``hypothetical`` (could, would,
"possibility of", "exploring", if-clauses), ``planned`` (will, "scheduled to", a date after
publication), ``reported`` (reportedly, "according to", sources say), ``historical``
(background well before publication), else ``asserted``. The cue words are data
(``data/cues.json``). The first that applies in that order wins, so an event that did not
happen is never ``asserted``.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from ..nlp.model import doc_text
from .lexicon import cues
from .parse import parse_of

ORDER = ("negated", "hypothetical", "planned", "reported", "historical", "asserted")


def _chain(trigger: Token, top: Token) -> list[Token]:
    """The trigger and its governors up to (and including) ``top``, the coded governor."""
    out = [trigger]
    t = trigger
    while t != top and t.head != t:
        t = t.head
        out.append(t)
    return out


def _has_phrase(text: str, phrases: Iterable[str]) -> bool:
    low = " " + " ".join(text.lower().replace("’", "'").split()) + " "
    return any(f" {p} " in low or f" {p}," in low or f" {p}." in low for p in phrases)


def modality(sent: Span, trigger: Token, top: Token, *, date: str | None = None,
             published: str | None = None, consumed: bool = False, polarity: bool = False) -> str:
    """The modality of the event triggered by ``trigger`` (coded through governor ``top``).

    ``consumed`` is set when the governor's own code stands for the event (an intention,
    threat or refusal is itself asserted; its governed verb is not an event of its own).
    """
    c = cues()
    neg, hyp, plan, rep, hist = c["negated"], c["hypothetical"], c["planned"], c["reported"], c["historical"]
    chain = [top] if consumed else _chain(trigger, top)
    parse = parse_of(sent.doc)
    span = range(sent.start, sent.end)
    text = doc_text(sent.doc)[sent.start_char : sent.end_char]  # sent.text, without a Token per word
    # the verbs whose auxiliaries and modifiers decide: the chain, and each verb's governor
    kids = [k for t in chain for k in t.children]
    kid_words = {k.lower_ for k in kids} | {k.lemma_.lower() for k in kids}
    lemmas = {t.lemma_.lower() for t in chain}
    govs = [t.head for t in chain if t.head != t]
    gov_lemmas = {g.lemma_.lower() for g in govs} | {t.lemma_.lower() for t in chain[1:]}

    # negated (unless the negation is part of the code: "will not accept" is a rejection)
    if polarity:
        kids = [k for k in kids if k.dep_ != "neg"]
    if any(k.dep_ == "neg" for k in kids) or kid_words & {w for w in neg["words"] if w not in {"no"}} & {
            k.lower_ for k in kids if k.dep_ in {"neg", "advmod", "preconj", "det"}}:
        return "negated"
    objs = [k for k in kids if k.dep_ in {"dobj", "nsubj", "nsubjpass", "attr", "pobj"}]
    if any(d.dep_ == "det" and d.lower_ in neg["determiners"] for o in objs for d in o.children):
        return "negated"
    if not consumed and gov_lemmas & set(neg["governors"]):
        return "negated"
    if top.lemma_.lower() in neg["governors"] and any(k.dep_ == "xcomp" for k in top.children):
        return "negated"  # "declined to comment", "failed to meet": nothing happened
    if _has_phrase(text, neg["phrases"]):
        return "negated"

    # hypothetical
    aux = {k.lower_ for k in kids if k.dep_ in {"aux", "auxpass"}}
    if aux & set(hyp["modals"]):
        return "hypothetical"
    if not consumed and gov_lemmas & set(hyp["governors"]):
        return "hypothetical"
    if any(k.dep_ == "mark" and k.lower_ in hyp["marks"] for k in kids):
        return "hypothetical"
    if any(g.pos_ == "NOUN" and g.lemma_.lower() in hyp["nouns"] for g in govs):
        return "hypothetical"
    in_chain = {t.i for t in chain}
    if any(parse.lemmas[i] in hyp["nouns"] and parse.heads[i] in in_chain for i in span):
        return "hypothetical"

    # planned
    if aux & set(plan["modals"]) or (not consumed and gov_lemmas & set(plan["governors"])):
        return "planned"
    if lemmas & set(plan["governors"]) and trigger != top:
        return "planned"
    if date and published and len(date) >= 7 and date[:10] > published[:10][:len(date[:10])]:
        return "planned"

    # reported
    if kid_words & set(rep["adverbs"]) or any(parse.lowers[i] in rep["adverbs"] for i in span):
        return "reported"
    if _has_phrase(text, rep["phrases"]):
        return "reported"
    for t in chain:
        h = t.head
        if t.dep_ in {"ccomp", "parataxis"} and h.lemma_.lower() in rep["reporting_verbs"]:
            subj = [k for k in h.children if k.dep_.startswith("nsubj")]
            if any(s.lemma_.lower() in rep["reporter_nouns"] for s in subj) or any(
                    k.dep_ == "auxpass" for k in h.children):
                return "reported"
    root = sent.root
    if root.lemma_.lower() in rep["reporting_verbs"] and root not in chain:
        subj = [k for k in root.children if k.dep_.startswith("nsubj")]
        if any(s.lemma_.lower() in rep["reporter_nouns"] for s in subj):
            return "reported"

    # historical
    if (published and date and date[:4].isdigit() and published[:4].isdigit()
            and int(published[:4]) - int(date[:4]) >= int(hist["years_before_publication"])
            and date[:7] < published[:7]):
        return "historical"
    if (kid_words & set(hist["words"]) or _has_phrase(text, hist["phrases"])) and any(
            k.tag_ in {"VBD", "VBN"} for k in chain):
        return "historical"
    return "asserted"
