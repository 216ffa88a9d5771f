"""Claims: direct quotes and reported speech with their speakers (see :mod:`newsdesk.claims`)."""

from __future__ import annotations

from ..claims import extract_claims
from ..claims.nlp import get_doc
from ..model import Article
from ..pipeline import Context
from ..registry import stages


@stages.register("claims", requires=("text", "blocks", "entities"), provides=("claims",))
def claims(article: Article, context: Context) -> Article:
    if not article.text.strip():
        return article
    article.claims = extract_claims(article, get_doc(article, context))
    return article
