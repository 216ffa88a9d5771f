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
DEFAULT_STAGES: tuple[str, ...] = ("structure",)


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
        _load_builtin_stages()
        self.names = list(names)
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


_loaded = False


def _load_builtin_stages() -> None:
    """Import the built-in stage modules so that they register themselves."""
    global _loaded
    if _loaded:
        return
    import importlib
    import pkgutil

    from . import stages as pkg

    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{pkg.__name__}.{info.name}")
    _loaded = True


def available_stages() -> list[str]:
    """Names of every registered stage (built-in and plugins)."""
    _load_builtin_stages()
    return stage_registry.names()
