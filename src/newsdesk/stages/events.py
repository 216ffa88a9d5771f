"""Events: who did what to whom, when and where, coded in CAMEO and PLOVER.

The work is done in :mod:`newsdesk.events` (see ``docs/events.md``); this module only registers
the stage.
"""

from __future__ import annotations

from ..events.article import code_article
from ..model import Article
from ..pipeline import Context
from ..registry import stages


@stages.register("events", requires=("text", "blocks", "entities", "timexes"), provides=("events",))
def events(article: Article, context: Context) -> Article:
    article.events = code_article(article, context)
    return article
