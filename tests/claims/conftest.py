"""Fixtures of the claims tests: one pipeline (and one spaCy model) per test session."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsdesk.model import Article, Origin
from newsdesk.pipeline import Context, Pipeline

STAGES = ("structure", "entities", "claims")


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(STAGES, context=Context())


@pytest.fixture(scope="session")
def analyze(pipeline: Pipeline) -> Callable[[str], Article]:
    counter = iter(range(10**9))

    def run(text: str) -> Article:
        return pipeline.run(Article(id=f"t{next(counter)}", text=text, origin=Origin("test", "text")))

    return run
