"""The parsed spaCy ``Doc`` of an article, shared with the entities stage when it left one.

The model is loaded once per process through the pipeline context (resource ``"nlp"``, the
same key :mod:`newsdesk.nlp.model` uses); never downloaded. When the entities stage has
cached the parse of this article (resource ``"docs"``, keyed by article id) and it covers
``article.text`` exactly, that ``Doc`` is reused; otherwise the text is parsed here, with
sentence breaks forced at block starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from ..model import Article
    from ..pipeline import Context


def get_doc(article: Article, context: Context) -> Doc:
    """The dependency parse of ``article.text``."""
    from ..nlp.model import shared_doc

    doc = shared_doc(context, article.id, len(article.text))
    if doc is not None:  # the entities stage's parse: same offsets, boilerplate blanked
        return doc
    from ..nlp.model import get_nlp

    nlp: Language = get_nlp(context)
    return parse(nlp, article.text, [b.start for b in article.blocks])


def parse(nlp: Language, text: str, block_starts: list[int]) -> Doc:
    """Parse ``text`` with a sentence break at every block start (a heading is never the
    subject of the paragraph after it), and none right after a block's opening quote mark."""
    from ..nlp.model import make_block_doc

    doc = make_block_doc(nlp, text, block_starts)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc
