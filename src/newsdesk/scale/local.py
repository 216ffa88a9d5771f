"""Local worker processes: the parent reads, ``workers`` processes run the pipeline.

Where the platform can ``fork`` (Linux, macOS via ``NEWSDESK_START_METHOD=fork``; the default on
Linux), the parent builds one :class:`~newsdesk.pipeline.Pipeline`, warms it on a short built-in
article (model, knowledge base, gazetteer, lexicons, spelling dictionary: everything loaded
lazily on first use) and then forks the workers, which inherit all of it: start-up is paid once,
not once per process, and the loaded data are shared copy-on-write. No thread is running when
the workers are forked (the pool starts them all before its own manager thread), and a worker
never touches the parent's open store or files. Elsewhere, or with
``NEWSDESK_START_METHOD=spawn``, each worker starts a fresh interpreter and builds its own
pipeline when it starts (its models load once, on the first chunk).

Workers analyse chunks of articles sent by the parent; results come back as the model's plain
dataclasses and are yielded in input order. At most ``2 × workers`` chunks are in flight, so
memory stays bounded on any input size.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any

from ..model import Article, Failure, Origin
from ..pipeline import Context, Pipeline, freeze_loaded_data

#: articles sent to a worker at a time (the worker's pipeline parses them as one batch)
CHUNK = 4

_PIPELINE: Pipeline | None = None


#: the warm-up article: a sentence or two that touches every stage's lazily loaded data
WARM_UP_TEXT = (
    "Valoria's foreign minister met the U.S. secretary of state in Geneva on Tuesday, and the two "
    "governments agreed to hold talks next month. \"We will meet again,\" the minister told reporters."
)


def _start(stages: list[str], config: dict[str, Any]) -> None:
    """Worker initialiser: the pipeline of this process, built once."""
    global _PIPELINE
    _PIPELINE = Pipeline(stages, context=Context(config=dict(config)), on_error="record")


def warm(pipeline: Pipeline) -> None:
    """Run ``pipeline`` once on :data:`WARM_UP_TEXT` so that everything it loads lazily is loaded."""
    article = Article(id="newsdesk-warm-up", text=WARM_UP_TEXT, origin=Origin("<warm-up>", "text"),
                      published="2024-05-07")
    list(pipeline.pipe([article]))


def start_method() -> str:
    """``fork`` on Linux when this process runs no other thread (forking a threaded process can
    deadlock a child on a lock some other thread held), else ``spawn``;
    ``NEWSDESK_START_METHOD`` overrides."""
    import threading

    wanted = os.environ.get("NEWSDESK_START_METHOD", "").strip().lower()
    available = multiprocessing.get_all_start_methods()
    if wanted in available:
        return wanted
    if sys.platform.startswith("linux") and "fork" in available and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _analyse(items: list[Article | Failure]) -> list[Article | Failure]:
    assert _PIPELINE is not None, "worker not initialised"
    return list(_PIPELINE.pipe(items))


def map_local(items: Iterable[Article | Failure], *, stages: Sequence[str], workers: int,
              config: dict[str, Any] | None = None, chunk: int = CHUNK) -> Iterator[Article | Failure]:
    """The pipeline over ``items`` on ``workers`` processes; one result per item, in order."""
    global _PIPELINE
    method = start_method()
    if method == "fork":  # build and warm here; the forked workers inherit the loaded pipeline
        _PIPELINE = Pipeline(list(stages), context=Context(config=dict(config or {})), on_error="record")
        warm(_PIPELINE)
        freeze_loaded_data()  # what the parent loaded stays out of the workers' collections
        pool = ProcessPoolExecutor(max_workers=max(1, workers), mp_context=multiprocessing.get_context("fork"))
    else:
        Pipeline(stages)  # bad stage names fail here, before any process starts
        pool = ProcessPoolExecutor(max_workers=max(1, workers), mp_context=multiprocessing.get_context(method),
                                   initializer=_start, initargs=(list(stages), dict(config or {})))
    it = iter(items)
    with pool:
        pending: deque[Future[list[Article | Failure]]] = deque()
        while True:
            part = list(islice(it, chunk))
            if part:
                pending.append(pool.submit(_analyse, part))
            while pending and (len(pending) >= 2 * workers or not part):
                yield from pending.popleft().result()
            if not part:
                return
