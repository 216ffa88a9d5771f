"""Batch forms in Pipeline.pipe: input order, the error policy, fallback to one article at a time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from newsdesk.errors import StageError
from newsdesk.model import Article, Failure, Origin
from newsdesk.pipeline import Context, Pipeline
from newsdesk.registry import stages


def _art(i: str) -> Article:
    return Article(id=i, text=f"Text {i}.", origin=Origin("mem", "text"))


@pytest.fixture
def batch_stage() -> Iterator[dict[str, list[Any]]]:
    calls: dict[str, list[Any]] = {"batch": [], "one": [], "scopes": []}

    def one(article: Article, context: Context) -> Article:
        if article.id.startswith("bad"):
            raise ValueError("cannot handle this one")
        calls["one"].append(article.id)
        article.keywords = []
        article.scores["seen"] = 1.0
        return article

    def batch(articles: list[Article], context: Context) -> list[Article]:
        calls["batch"].append([a.id for a in articles])
        if any(a.id.startswith("bad") for a in articles):
            raise ValueError("one bad document in the batch")
        for a in articles:
            a.scores["seen"] = 1.0
        return articles

    @contextmanager
    def scope(context: Context) -> Iterator[None]:
        calls["scopes"].append("enter")
        yield
        calls["scopes"].append("exit")

    stages.add("t_batched", one, requires=(), provides=("seen",), batch=batch, scope=scope)
    yield calls
    stages.remove("t_batched")


def test_chunks_go_through_the_batch_form_in_order(batch_stage: dict[str, list[Any]]) -> None:
    items = [_art(str(i)) for i in range(5)]
    out = list(Pipeline(["t_batched"], batch_size=2).pipe(items))
    assert [a.id for a in out] == ["0", "1", "2", "3", "4"]
    assert batch_stage["batch"] == [["0", "1"], ["2", "3"]]  # a chunk of one runs the article form
    assert batch_stage["one"] == ["4"]
    assert batch_stage["scopes"] == ["enter", "exit"] * 3
    assert all(isinstance(a, Article) and a.stages == ["t_batched"] for a in out)


def test_a_failing_batch_falls_back_to_one_article_at_a_time(batch_stage: dict[str, list[Any]]) -> None:
    items: list[Article | Failure] = [_art("0"), _art("bad"), Failure("empty", "is empty", "f", "f"), _art("3")]
    out = list(Pipeline(["t_batched"], batch_size=4).pipe(items))
    assert [type(o).__name__ for o in out] == ["Article", "Failure", "Failure", "Article"]
    assert isinstance(out[1], Failure) and out[1].id == "bad" and out[1].kind == "stage"
    assert batch_stage["one"] == ["0", "3"]  # the others were not lost with the batch
    assert [a.id for a in Pipeline(["t_batched"], on_error="skip", batch_size=4).pipe(items)] == ["0", "3"]
    with pytest.raises(StageError):
        list(Pipeline(["t_batched"], on_error="raise", batch_size=4).pipe(items))


def test_pipeline_without_batch_forms_stays_lazy(batch_stage: dict[str, list[Any]]) -> None:
    seen: list[str] = []

    def track(article: Article, context: Context) -> Article:
        seen.append(article.id)
        return article

    stages.add("t_track2", track)
    try:
        it = Pipeline(["t_track2"], batch_size=64).pipe(_art(str(i)) for i in range(100))
        next(it)
        assert seen == ["0"]
    finally:
        stages.remove("t_track2")


def test_batched_spacy_pipeline_gives_the_same_analyses(shards: list[str], serial: list[str]) -> None:
    """entities parses a chunk with one nlp.pipe inside a memory zone: same results as one by one."""
    from newsdesk.ingest import iter_inputs
    from newsdesk.serialize import to_dict

    context = Context()
    pipeline = Pipeline(context=context, batch_size=8)
    assert pipeline.batched
    batched = [json.dumps(to_dict(i), sort_keys=True) for i in pipeline.pipe(iter_inputs(shards))]
    assert batched == serial
    assert not context.resources["docs"]  # the chunk's parses left with its memory zone
    again = [json.dumps(to_dict(i), sort_keys=True) for i in pipeline.pipe(iter_inputs(shards))]
    assert again == serial  # and the next zone reads the same
