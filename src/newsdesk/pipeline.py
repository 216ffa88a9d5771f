"""Pipeline: an ordered list of registered stages run over articles.

A stage is a pure function ``stage(article, context) -> article`` registered in
:data:`newsdesk.registry.stages` with the facets it ``requires`` and ``provides``. A pipeline
whose stages are mis-ordered fails when it is built, not on the thousandth document.

:meth:`Pipeline.pipe` applies a per-document error policy: ``"record"`` (default) turns a
document's failure into a :class:`~newsdesk.model.Failure` in its place, ``"skip"`` drops it,
``"raise"`` stops the run.

Batches: a stage may also have a *batch form* ``(articles, context) -> articles`` (registry meta
``batch``; the built-in ``entities`` stage parses a whole batch with one ``nlp.pipe``). When a
pipeline has one, :meth:`Pipeline.pipe` reads chunks of ``batch_size`` inputs and takes each
chunk through the stages one after the other, in input order. If a batch form fails, that stage
runs again article by article on the chunk, so one bad document never costs the others their
analysis. A stage may also name a per-chunk ``scope`` (meta ``scope``: ``context -> context
manager``), entered around each chunk; ``entities`` uses it for spaCy's ``memory_zone``.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Literal

from .errors import ConfigError, InputError, NewsdeskError, PipelineError, StageError
from .model import Article, Failure
from .registry import stages as stage_registry

#: facets every article has when it leaves a reader
BASE_FACETS = frozenset({"text", "metadata"})
ErrorPolicy = Literal["record", "skip", "raise"]
#: the full analysis, in order
DEFAULT_STAGES: tuple[str, ...] = ("structure", "entities", "time", "events", "claims", "checks", "score")
#: inputs per chunk when a stage has a batch form (at most the parsed-``Doc`` cache size, so the
#: parses of a chunk are still cached when its later stages run)
DEFAULT_BATCH_SIZE = 32

BatchFn = Callable[[list[Article], "Context"], list[Article]]
ScopeFn = Callable[["Context"], AbstractContextManager[Any]]


@dataclass
class Context:
    """Resources shared by stages, loaded once per process and passed in (never pickled per document)."""

    config: dict[str, Any] = field(default_factory=dict)
    resources: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str, loader: Any = None) -> Any:
        """A shared resource, created by ``loader()`` on first use."""
        if name not in self.resources:
            if loader is None:
                raise PipelineError(f"resource {name!r} is not loaded")
            self.resources[name] = loader()
        return self.resources[name]


class Pipeline:
    def __init__(self, names: Sequence[str] = DEFAULT_STAGES, context: Context | None = None,
                 on_error: ErrorPolicy = "record", batch_size: int = DEFAULT_BATCH_SIZE) -> None:
        self.names = list(names)
        _ensure_registered(self.names)
        self.context = context or Context()
        self.on_error: ErrorPolicy = on_error
        self.batch_size = max(1, batch_size)
        self._stages = []
        self._batch: dict[str, BatchFn] = {}
        self._scopes: list[ScopeFn] = []
        have = set(BASE_FACETS)
        for name in self.names:
            if name not in stage_registry:
                raise ConfigError(f"unknown stage {name!r} (known: {', '.join(available_stages())})")
            entry = stage_registry.get(name)
            missing = [r for r in entry.meta.get("requires", ()) if r not in have]
            if missing:
                raise PipelineError(
                    f"stage {name!r} needs {', '.join(missing)}, which no earlier stage provides "
                    f"(pipeline: {' -> '.join(self.names)})"
                )
            have.update(entry.meta.get("provides", ()))
            self._stages.append((name, entry.obj))
            batch, scope = _batch_form(name, entry.obj, entry.meta)
            if batch is not None:
                self._batch[name] = batch
            if scope is not None:
                self._scopes.append(scope)

    def run(self, article: Article) -> Article:
        """Run every stage on one article; a stage's failure raises :class:`StageError`."""
        for name, fn in self._stages:
            article = self._call(name, fn, article)
        return article

    def _call(self, name: str, fn: Callable[..., Any], article: Article) -> Article:
        try:
            result = fn(article, self.context)
        except NewsdeskError:
            raise
        except Exception as exc:  # a bug or bad data in one document: wrap with the stage name
            raise StageError(name, exc) from exc
        if not isinstance(result, Article):
            raise StageError(name, TypeError(f"returned {type(result).__name__}, not Article"))
        result.stages.append(name)
        return result

    @property
    def batched(self) -> bool:
        """Whether :meth:`pipe` reads chunks (some stage has a batch form and ``batch_size`` > 1)."""
        return bool(self._batch) and self.batch_size > 1

    def pipe(self, items: Iterable[Article | Failure]) -> Iterator[Article | Failure]:
        """Run over a stream of articles (and pass reader failures through), lazily, in input order.

        Without a batch-form stage every article goes through all stages before the next is
        read; with one, chunks of :attr:`batch_size` inputs do (see the module docstring)."""
        it = iter(items)
        size = self.batch_size if self.batched else 1
        done = 0
        while True:
            chunk = list(islice(it, size))
            if not chunk:
                return
            if done == 1 and self.context.config.get("gc.freeze", True):
                freeze_loaded_data()
            yield from self._emit(chunk, self._run_chunk(chunk))
            done += 1

    def _emit(self, chunk: list[Article | Failure],
              outcomes: list[Article | NewsdeskError | None]) -> Iterator[Article | Failure]:
        """Apply the error policy to a chunk's outcomes, in input order."""
        for item, outcome in zip(chunk, outcomes, strict=True):
            if isinstance(item, Failure):
                if self.on_error == "raise":
                    raise InputError(item.kind, item.message, item.source, item.line)
                if self.on_error == "record":
                    yield item
                continue
            if isinstance(outcome, Article):
                yield outcome
                continue
            assert outcome is not None
            if self.on_error == "raise":
                raise outcome
            if self.on_error == "record":
                yield Failure(kind=getattr(outcome, "kind", "error"), message=str(outcome),
                              source=item.origin.source, id=item.id, line=item.origin.line)

    def _run_chunk(self, chunk: list[Article | Failure]) -> list[Article | NewsdeskError | None]:
        """Every stage over the articles of a chunk; per input: the article, its error, or None (a Failure)."""
        out: list[Article | NewsdeskError | None] = [None if isinstance(i, Failure) else i for i in chunk]
        live = [k for k, o in enumerate(out) if o is not None]
        if not live:
            return out
        with ExitStack() as stack:
            for scope in self._scopes:
                stack.enter_context(scope(self.context))
            for name, fn in self._stages:
                live = [k for k in live if isinstance(out[k], Article)]
                if not live:
                    break
                batch = self._batch.get(name)
                if batch is not None and len(live) > 1 and self._run_batch(name, batch, out, live):
                    continue
                for k in live:  # one by one: no batch form, or the batch failed
                    art = out[k]
                    assert isinstance(art, Article)
                    try:
                        out[k] = self._call(name, fn, art)
                    except NewsdeskError as exc:
                        out[k] = exc
        return out

    def _run_batch(self, name: str, batch: BatchFn, out: list[Article | NewsdeskError | None],
                   live: list[int]) -> bool:
        """The batch form of stage ``name`` over ``out[live]``; False (and no change) when it fails."""
        arts = [a for a in (out[k] for k in live) if isinstance(a, Article)]
        try:
            result = batch(arts, self.context)
        except Exception:  # any failure: the stage runs again per article
            return False
        if not isinstance(result, list) or len(result) != len(live) or not all(
                isinstance(r, Article) for r in result):
            return False
        for k, art in zip(live, result, strict=True):
            art.stages.append(name)
            out[k] = art
        return True


#: built-in stages and the module that registers each; imported only when a pipeline uses them,
#: so a light pipeline (``structure``) never pays for spaCy. Plugins register directly.
BUILTIN_STAGES: dict[str, str] = {
    "structure": "newsdesk.stages.structure",
    "entities": "newsdesk.stages.entities",
    "time": "newsdesk.stages.time",
    "events": "newsdesk.stages.events",
    "claims": "newsdesk.stages.claims",
    "checks": "newsdesk.stages.verify",
    "score": "newsdesk.stages.score",
}


#: batch forms and per-chunk scopes of built-in stages ("module:function"), used while the stage
#: registered under that name is the built-in one
BUILTIN_BATCH: dict[str, str] = {"entities": "newsdesk.nlp.extract:analyse"}
BUILTIN_SCOPES: dict[str, str] = {"entities": "newsdesk.nlp.model:chunk_scope"}


def _load(ref: str) -> Any:
    import importlib

    module, _, attr = ref.partition(":")
    return getattr(importlib.import_module(module), attr)


def _batch_form(name: str, fn: Any, meta: dict[str, Any]) -> tuple[BatchFn | None, ScopeFn | None]:
    """The stage's batch form and chunk scope: from its registry meta, else the built-in tables."""
    batch, scope = meta.get("batch"), meta.get("scope")
    if getattr(fn, "__module__", None) == BUILTIN_STAGES.get(name):
        if batch is None and name in BUILTIN_BATCH:
            batch = _load(BUILTIN_BATCH[name])
        if scope is None and name in BUILTIN_SCOPES:
            scope = _load(BUILTIN_SCOPES[name])
    return batch, scope


_FROZEN: list[bool] = []


def freeze_loaded_data() -> None:
    """Once per process (when a second chunk starts, or before workers fork): everything alive
    now (the model, the knowledge base, lexicons and caches loaded so far) moves to the garbage
    collector's permanent generation, so later collections no longer walk millions of
    long-lived objects (and forked workers do not touch, and so copy, their pages)."""
    if not _FROZEN:
        _FROZEN.append(True)
        gc.freeze()


def _ensure_registered(names: Sequence[str]) -> None:
    """Import the modules of the built-in stages among ``names`` (they register themselves)."""
    import importlib

    for name in names:
        module = BUILTIN_STAGES.get(name)
        if module is not None and name not in stage_registry:
            importlib.import_module(module)


def available_stages() -> list[str]:
    """Names of every stage that can be used: the built-ins and any registered plugin."""
    return list(dict.fromkeys([*BUILTIN_STAGES, *stage_registry.names()]))
