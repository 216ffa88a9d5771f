"""Document structure: typed blocks, tables, FAQ pairs and keywords (see :mod:`newsdesk.structure`)."""

from __future__ import annotations

from ..model import Article
from ..pipeline import Context
from ..registry import stages
from ..structure import analyse


@stages.register("structure", requires=("text",), provides=("blocks", "tables", "faq", "keywords"))
def structure(article: Article, context: Context) -> Article:
    """Fill ``blocks``, ``tables``, ``faq``, ``keywords`` (and title/author/published when missing)."""
    return analyse(article)
