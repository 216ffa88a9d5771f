"""The ``score`` stage: ``scores.reliability`` in [0, 1], explained by the flags and the source.

Beside ``reliability`` it stores the parts (all numbers, as ``scores`` holds numbers):
``reliability_prior`` (the source prior), ``reliability_source`` (0 unreliable, 0.5 unknown,
1 reliable domain), ``reliability_penalty`` (0..1 from the flags) and
``reliability_penalty.<kind>`` (each flag kind's capped weight).
"""

from __future__ import annotations

from ..checks.score import PRIOR_CODE, explain
from ..model import Article
from ..pipeline import Context
from ..registry import stages


@stages.register("score", requires=("flags",), provides=("scores",))
def score(article: Article, context: Context) -> Article:
    ex = explain(article)
    article.scores["reliability"] = ex.reliability
    article.scores["reliability_prior"] = ex.prior
    article.scores["reliability_source"] = PRIOR_CODE[ex.source]
    article.scores["reliability_penalty"] = ex.penalty
    for kind, value in ex.by_kind.items():
        article.scores[f"reliability_penalty.{kind}"] = value
    return article
