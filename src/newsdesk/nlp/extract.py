"""From an article to its entities: mask, repair, parse, recognise, group, link.

Shared, per-process resources live in the pipeline context (loaded once, passed in):

- ``context.get("nlp", load_nlp)``: the spaCy model (:mod:`newsdesk.nlp.model`);
- ``context.get("entity_kb", load_kb)``: the knowledge-base view (:mod:`newsdesk.nlp.kbadapter`);
  a test or a caller may put its own :class:`~newsdesk.nlp.kbview.EntityKB` there first;
- ``context.get("entity_resources", ...)``: the gazetteer and linker built from both;
- ``context.resources["docs"]``: parsed ``Doc`` per article id, bounded, for the ``events``
  and ``claims`` stages (:func:`newsdesk.nlp.model.cached_doc`). The ``Doc`` is parsed from
  the *repaired* copy of the text (:mod:`newsdesk.nlp.repair`): same length and offsets as
  ``article.text``, boilerplate blanked, casing repaired; ``doc.text`` is therefore not
  ``article.text``, but every ``token.idx`` is a valid offset into it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import Article, Entity, Mention
from .gazetteer import Gazetteer
from .group import Group, group, majority_label, propagate
from .kbadapter import load_kb
from .kbview import EntityKB
from .link import Link, Linker, article_day
from .model import cache_doc, doc_text, get_nlp, make_block_doc
from .nominal import add_nominal_mentions
from .products import refine_candidates
from .recognize import administration_names, apply_table_columns, find_candidates
from .repair import mask_boilerplate, repair_from_article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


@dataclass
class EntityResources:
    nlp: Language
    kb: EntityKB
    gazetteer: Gazetteer
    linker: Linker


def get_resources(context: Any) -> EntityResources:
    """The model, KB view, gazetteer and linker, built once per context."""

    def build() -> EntityResources:
        nlp = get_nlp(context)
        kb: EntityKB = context.get("entity_kb", load_kb)
        return EntityResources(nlp, kb, Gazetteer(nlp, kb), Linker(kb))

    res: EntityResources = context.get("entity_resources", build)
    return res


def visible_text(article: Article, res: EntityResources) -> str:
    """The copy of ``article.text`` that spaCy reads (same length; see :mod:`newsdesk.nlp.repair`)."""
    masked = mask_boilerplate(article.text, article.blocks)
    return repair_from_article(res.gazetteer.repair_casing(masked))


def _tokenised_visible(article: Article, res: EntityResources) -> Doc:
    """The tokenised ``Doc`` of :func:`visible_text`: the casing repair's own tokenisation is
    reused when the repair changed nothing (the usual case), else the repaired text is tokenised."""
    masked = mask_boilerplate(article.text, article.blocks)
    repaired, doc = res.gazetteer.repair_casing_doc(masked)
    text = repair_from_article(repaired)
    return make_block_doc(res.nlp, text, [b.start for b in article.blocks], doc=doc if text == masked else None)


def parse(articles: Sequence[Article], res: EntityResources, batch_size: int = 64) -> list[Doc]:
    """Parse many articles at once with ``nlp.pipe``."""
    docs = [_tokenised_visible(a, res) for a in articles]
    return list(res.nlp.pipe(docs, batch_size=batch_size))


def entities_from_doc(article: Article, doc: Doc, res: EntityResources) -> list[Entity]:
    """The article's entities from its parsed (repaired) ``Doc``."""
    text = article.text
    cands = refine_candidates(doc, find_candidates(doc, res.gazetteer))
    if article.tables:
        cands = apply_table_columns(cands, article.tables, text, doc_text(doc))
    day = article_day(article.published)
    surnames = {text[c.start:c.end].split()[-1] for c in cands if c.label == "PERSON" and " " in text[c.start:c.end]}

    def is_person(name: str) -> bool:
        if res.gazetteer.lookup(name):
            return False  # a country or organisation: "the Valoria government"
        return name in surnames or name.split()[-1] in surnames or bool(res.linker.lone_name(name, day))

    cands = administration_names(doc, cands, is_person)
    groups = group(cands, text)
    propagate(groups, text, doc_text(doc))
    groups.sort(key=lambda g: g.first)
    out = []
    for i, g in enumerate(groups, 1):
        out.append(_entity(f"e{i}", g, text, res.linker, day))
    add_nominal_mentions(doc, text, out, lambda w: _country_of(w, res))
    return out


def _country_of(word: str, res: EntityResources) -> str | None:
    """ISO3 of a country name or demonym ("Indian" → IND), for qualifiers of office nouns."""
    for entry in res.gazetteer.lookup(word):
        if entry.kind in ("country", "demonym"):
            info = res.linker.countries.get(entry.ref)
            if info is not None:
                return info.iso3
    return None


def _entity(eid: str, g: Group, text: str, linker: Linker, day: str | None) -> Entity:
    etype = majority_label(g)
    names = [text[m.start:m.end] for m in g.mentions if not (m.entries and m.entries[0].kind == "demonym")]
    forms = sorted({" ".join(n.split()) for n in names}, key=lambda n: (-len(n.split()), -len(n), n))
    link = Link()
    if g.kb_kind == "country" and g.kb_ref:
        link = linker.country(g.kb_ref)
    elif g.kb_kind == "capital" and g.kb_ref:
        link = linker.place_in(g.kb_ref)
    elif etype == "PERSON":
        link = linker.person(g.kb_ref if g.kb_kind == "person" else None, forms, day)
    elif g.kb_kind in ("index", "currency") and g.kb_ref:  # newsdesk.kb.financial
        link = Link(kb_id=g.kb_ref, name=next((m.entries[0].canonical for m in g.mentions if m.entries), None))
    elif etype in ("ORG", "NORP", "FAC"):
        link = linker.organisation(g.kb_ref if g.kb_kind == "org" else None, forms)
    if g.kb_kind == "capital" and not link.name:
        link.name = next((m.entries[0].canonical for m in g.mentions if m.entries), None)
    name = link.name or (forms[0] if forms else " ".join(text[g.mentions[0].start:g.mentions[0].end].split()))
    mentions = []
    for m in g.mentions:
        mtype = m.label if m.label == "NORP" and etype != "NORP" else None
        mentions.append(Mention(m.start, m.end, text[m.start:m.end], "name", mtype))
    return Entity(id=eid, name=name, type=etype, mentions=mentions, kb_id=link.kb_id, country=link.country,
                  actor_code=link.actor_code, roles=list(link.roles or []))


def analyse(articles: Iterable[Article], context: Any) -> list[Article]:
    """Set ``entities`` on each article (batched parse), caching each ``Doc`` for later stages."""
    arts = list(articles)
    res = get_resources(context)
    for art, doc in zip(arts, parse(arts, res), strict=True):
        art.entities = entities_from_doc(art, doc, res)
        cache_doc(context, art.id, doc)
    return arts
