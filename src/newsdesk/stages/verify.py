"""The ``checks`` stage: runs every enabled registered check and collects their flags; never raises."""

from __future__ import annotations

import logging

from ..checks import load_builtin_checks, valid_flags
from ..checks._memo import article_scope
from ..model import Article
from ..pipeline import Context
from ..registry import checks, stages

log = logging.getLogger(__name__)


@stages.register("checks", requires=("text", "blocks"), provides=("flags",))
def run_checks(article: Article, context: Context) -> Article:
    load_builtin_checks()
    disabled = set(context.config.get("checks.disabled", ()))
    failed: list[str] = []
    with article_scope():  # work shared by the checks (the parse's text, role claims) is done once
        for entry in checks:
            if entry.name in disabled:
                continue
            try:
                flags = valid_flags(entry.name, entry.obj(article, context), article)
            except Exception:  # a check must never stop the article: record it and go on
                log.exception("check %s failed on %s", entry.name, article.id)
                failed.append(entry.name)
                continue
            article.flags.extend(flags)
    article.flags.sort(key=lambda f: (f.start, f.end, f.kind))
    if failed:
        article.scores["checks_failed"] = float(len(failed))
    return article
