"""Local worker processes: the parent reads, ``workers`` processes run the pipeline.

Each worker process builds one :class:`~newsdesk.pipeline.Pipeline` when it starts (its
models load once, on the first chunk) and analyses chunks of articles sent by the parent;
results come back as the model's plain dataclasses and are yielded in input order. At most
``2 × workers`` chunks are in flight, so memory stays bounded on any input size. Processes
are started with ``spawn``: a worker inherits no open store, thread or file from the parent.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any

from ..model import Article, Failure
from ..pipeline import Context, Pipeline

#: articles sent to a worker at a time (the worker's pipeline parses them as one batch)
CHUNK = 4

_PIPELINE: Pipeline | None = None


def _start(stages: list[str], config: dict[str, Any]) -> None:
    """Worker initialiser: the pipeline of this process, built once."""
    global _PIPELINE
    _PIPELINE = Pipeline(stages, context=Context(config=dict(config)), on_error="record")


def _analyse(items: list[Article | Failure]) -> list[Article | Failure]:
    assert _PIPELINE is not None, "worker not initialised"
    return list(_PIPELINE.pipe(items))


def map_local(items: Iterable[Article | Failure], *, stages: Sequence[str], workers: int,
              config: dict[str, Any] | None = None, chunk: int = CHUNK) -> Iterator[Article | Failure]:
    """The pipeline over ``items`` on ``workers`` processes; one result per item, in order."""
    Pipeline(stages)  # bad stage names fail here, before any process starts
    it = iter(items)
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(1, workers), mp_context=ctx, initializer=_start,
                             initargs=(list(stages), dict(config or {}))) as pool:
        pending: deque[Future[list[Article | Failure]]] = deque()
        while True:
            part = list(islice(it, chunk))
            if part:
                pending.append(pool.submit(_analyse, part))
            while pending and (len(pending) >= 2 * workers or not part):
                yield from pending.popleft().result()
            if not part:
                return
