"""Pipeline: an ordered list of registered stages run over articles.

A stage is a pure function ``stage(article, context) -> article`` registered in
:data:`newsdesk.registry.stages` with the facets it ``requires`` and ``provides``. A pipeline
whose stages are mis-ordered fails when it is built, not on the thousandth document.

:meth:`Pipeline.pipe` applies a per-document error policy: ``"record"`` (default) turns a
document's failure into a :class:`~newsdesk.model.Failure` in its place, ``"skip"`` drops it,
``"raise"`` stops the run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from .errors import InputError, NewsdeskError, PipelineError, StageError
from .model import Article, Failure
from .registry import stages as stage_registry

#: facets every article has when it leaves a reader
BASE_FACETS = frozenset({"text", "metadata"})
ErrorPolicy = Literal["record", "skip", "raise"]
#: the full analysis, in order
DEFAULT_STAGES: tuple[str, ...] = ("structure", "entities", "time", "events", "claims", "checks", "score")


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
                 on_error: ErrorPolicy = "record") -> None:
        self.names = list(names)
        _ensure_registered(self.names)
        self.context = context or Context()
        self.on_error: ErrorPolicy = on_error
        self._stages = []
        have = set(BASE_FACETS)
        for name in self.names:
            entry = stage_registry.get(name)
            missing = [r for r in entry.meta.get("requires", ()) if r not in have]
            if missing:
                raise PipelineError(
                    f"stage {name!r} needs {', '.join(missing)}, which no earlier stage provides "
                    f"(pipeline: {' -> '.join(self.names)})"
                )
            have.update(entry.meta.get("provides", ()))
            self._stages.append((name, entry.obj))

    def run(self, article: Article) -> Article:
        """Run every stage on one article; a stage's failure raises :class:`StageError`."""
        for name, fn in self._stages:
            try:
                result = fn(article, self.context)
            except NewsdeskError:
                raise
            except Exception as exc:  # a bug or bad data in one document: wrap with the stage name
                raise StageError(name, exc) from exc
            if not isinstance(result, Article):
                raise StageError(name, TypeError(f"returned {type(result).__name__}, not Article"))
            article = result
            article.stages.append(name)
        return article

    def pipe(self, items: Iterable[Article | Failure]) -> Iterator[Article | Failure]:
        """Run over a stream of articles (and pass reader failures through), lazily."""
        for item in items:
            if isinstance(item, Failure):
                if self.on_error == "raise":
                    raise InputError(item.kind, item.message, item.source, item.line)
                if self.on_error == "record":
                    yield item
                continue
            try:
                yield self.run(item)
            except NewsdeskError as exc:
                if self.on_error == "raise":
                    raise
                if self.on_error == "record":
                    yield Failure(kind=getattr(exc, "kind", "error"), message=str(exc),
                                  source=item.origin.source, id=item.id, line=item.origin.line)


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
