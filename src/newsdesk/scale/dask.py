"""The pipeline on a ``dask.distributed`` cluster, one task per partition of the input.

A partition is one input file: a JSONL/JSONL.gz shard, a WARC file, or a file found in a
directory (walked in the same sorted order as :func:`newsdesk.ingest.iter_inputs`). A task
reads its file with the ordinary readers and runs :meth:`~newsdesk.pipeline.Pipeline.pipe` on
the worker; the pipeline (and so the spaCy model and the knowledge base) is built once per
worker process by :class:`NewsdeskPlugin`, a ``WorkerPlugin``, and warmed at set-up (models and
data load then, not inside the first task; a client registering again reuses it); only its
stage names and config are sent, never the model. A task returns plain records (the model's dataclasses, each with the
content hash of the article as read). Results are yielded in input order; at most
``2 × workers`` partitions are in flight. Without ``scheduler`` a ``LocalCluster`` of
``workers`` single-threaded processes is started and closed again.
"""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from ..ingest import Limits, _walk, iter_inputs
from ..model import Article, Failure
from ..pipeline import Context, Pipeline

PLUGIN_NAME = "newsdesk-pipeline"
Result = tuple[Article | Failure, str | None]


#: the pipelines built in this worker process, by (stages, config)
_PIPELINES: dict[tuple[tuple[str, ...], str], Pipeline] = {}


class NewsdeskPlugin(WorkerPlugin):
    """A ``distributed.WorkerPlugin``: builds the worker's pipeline once, when the worker starts."""

    name = PLUGIN_NAME

    def __init__(self, stages: Sequence[str], config: dict[str, Any] | None = None) -> None:
        self.stages = list(stages)
        self.config = dict(config or {})
        self.pipeline: Pipeline | None = None

    def setup(self, worker: Any) -> None:
        key = (tuple(self.stages), json.dumps(self.config, sort_keys=True, default=str))
        pipeline = _PIPELINES.get(key)
        if pipeline is None:  # once per worker process: a client that registers again reuses it
            from .local import warm

            pipeline = Pipeline(self.stages, context=Context(config=dict(self.config)), on_error="record")
            warm(pipeline)  # models and data load now, not inside the first task
            _PIPELINES[key] = pipeline
        self.pipeline = pipeline

    def teardown(self, worker: Any) -> None:
        self.pipeline = None


def partitions(paths: Sequence[str]) -> list[str]:
    """The input split into partitions: one per file, directories walked (failures become their own
    one-item partitions, which a task turns back into the same failure)."""
    out: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            out.extend(item if isinstance(item, str) else (item.source or item.id) for item in _walk(path))
        else:
            out.append(path)
    return out


def analyse_partition(path: str, limits: Limits) -> list[Result]:
    """One task: read ``path`` and run the worker's pipeline over it (runs on a Dask worker)."""
    from distributed import get_worker

    from ..store.base import content_hash

    plugin = get_worker().plugins[PLUGIN_NAME]
    assert isinstance(plugin, NewsdeskPlugin) and plugin.pipeline is not None, "worker plugin not set up"
    pipeline = plugin.pipeline
    read: list[Article | Failure] = list(iter_inputs([path], limits))
    hashes = [None if isinstance(i, Failure) else content_hash(i) for i in read]
    return list(zip(pipeline.pipe(read), hashes, strict=True))


def analyse_dask(paths: Sequence[str], *, stages: Sequence[str], limits: Limits, workers: int = 2,
                 scheduler: str | None = None, config: dict[str, Any] | None = None) -> Iterator[Result]:
    """Every partition of ``paths`` analysed on the cluster; results in input order."""
    import distributed

    dist: Any = distributed  # Client and LocalCluster are not annotated
    Pipeline(stages)  # bad stage names fail here, before a cluster starts
    parts = partitions(paths)
    cluster = None
    if scheduler is None:
        cluster = dist.LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = dist.Client(cluster)
    else:
        client = dist.Client(scheduler)
    try:
        client.register_plugin(NewsdeskPlugin(stages, config))
        in_flight = 2 * max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})) or workers)
        pending: deque[Any] = deque()
        todo = iter(parts)
        while True:
            for part in todo:
                pending.append(client.submit(analyse_partition, part, limits, pure=False))
                if len(pending) >= in_flight:
                    break
            if not pending:
                return
            future = pending.popleft()
            yield from future.result()
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
