"""Document structure: typed blocks, tables, FAQ pairs and keywords (placeholder, see issue 2)."""

from __future__ import annotations

import re

from ..model import Article, Block
from ..pipeline import Context
from ..registry import stages

_LINE = re.compile(r"[^\n]+")


@stages.register("structure", requires=("text",), provides=("blocks", "tables", "faq", "keywords"))
def structure(article: Article, context: Context) -> Article:
    if article.blocks:
        return article
    for m in _LINE.finditer(article.text):
        s, e = m.start(), m.end()
        while s < e and article.text[s].isspace():
            s += 1
        while e > s and article.text[e - 1].isspace():
            e -= 1
        if e > s:
            article.blocks.append(Block("paragraph", s, e))
    return article
