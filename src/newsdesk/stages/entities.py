"""Entities: named mentions found with spaCy, grouped per article, linked to the knowledge base.

The work is done in :mod:`newsdesk.nlp` (see ``docs/entities.md``); this module only registers
the stage. Only body blocks are read (boilerplate blocks are blanked); the parsed ``Doc`` is
left in ``context.resources["docs"]`` for later stages (:func:`newsdesk.nlp.model.cached_doc`).
"""

from __future__ import annotations

from ..model import Article
from ..nlp.extract import analyse
from ..pipeline import Context
from ..registry import stages


@stages.register("entities", requires=("text", "blocks"), provides=("entities",))
def entities(article: Article, context: Context) -> Article:
    analyse([article], context)
    return article
