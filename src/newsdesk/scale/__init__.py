"""The same pipeline over several processes: local worker processes or a Dask cluster.

There is no second implementation: every worker builds the ordinary
:class:`~newsdesk.pipeline.Pipeline` once (its models load once per worker process, never
pickled) and runs :meth:`~newsdesk.pipeline.Pipeline.pipe` over what it is given. Only plain
data crosses a process boundary: the model's dataclasses (:class:`~newsdesk.model.Article`,
:class:`~newsdesk.model.Failure`), never a spaCy object. Results come back in input order.

- ``local`` (:mod:`newsdesk.scale.local`): the parent reads the inputs and sends chunks of
  articles to ``workers`` processes;
- ``dask`` (:mod:`newsdesk.scale.dask`): the input is split into partitions (one per file:
  JSONL/JSONL.gz shards, the files of directories, WARC files), each read and analysed on a
  ``dask.distributed`` worker.

See ``docs/scale.md``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Literal

from ..errors import ConfigError
from ..ingest import Limits, iter_inputs
from ..model import Article, Failure

Executor = Literal["local", "dask"]
EXECUTORS: tuple[str, ...] = ("local", "dask")

__all__ = ["EXECUTORS", "Executor", "analyse_parallel", "analysed_with_hashes"]


def analyse_parallel(paths: Iterable[str], *, stages: Sequence[str], limits: Limits | None = None,
                     workers: int = 2, executor: Executor = "local", scheduler: str | None = None,
                     config: dict[str, object] | None = None) -> Iterator[Article | Failure]:
    """Read and analyse ``paths`` on ``workers`` processes; one result per input article, in input order
    (the error policy is ``record``: failures come back in their place)."""
    for item, _digest in analysed_with_hashes(paths, stages=stages, limits=limits, workers=workers,
                                              executor=executor, scheduler=scheduler, config=config):
        yield item


def analysed_with_hashes(paths: Iterable[str], *, stages: Sequence[str], limits: Limits | None = None,
                         workers: int = 2, executor: Executor = "local", scheduler: str | None = None,
                         config: dict[str, object] | None = None,
                         ) -> Iterator[tuple[Article | Failure, str | None]]:
    """As :func:`analyse_parallel`, each result with the content hash of the article as read
    (:func:`newsdesk.store.content_hash`, ``None`` for a failure read from the input)."""
    paths = list(paths)
    limits = limits or Limits()
    if executor == "dask":
        from .dask import analyse_dask

        yield from analyse_dask(paths, stages=stages, limits=limits, workers=workers, scheduler=scheduler,
                                config=config)
        return
    if executor != "local":
        raise ConfigError(f"unknown executor {executor!r} (known: {', '.join(EXECUTORS)})")
    from ..store.base import content_hash
    from .local import map_local

    hashes: deque[str | None] = deque()  # of the articles read and not yet yielded back

    def read() -> Iterator[Article | Failure]:
        for item in iter_inputs(paths, limits):
            hashes.append(None if isinstance(item, Failure) else content_hash(item))
            yield item

    for item in map_local(read(), stages=stages, workers=workers, config=config):
        yield item, hashes.popleft()
