"""Named registries where users extend newsdesk: readers, stages, checks, exporters.

Built-in parts register themselves through the same :class:`Registry` API that plugins use::

    from newsdesk.registry import stages

    @stages.register("my_stage", requires=("blocks",), provides=("my_field",))
    def my_stage(article, context):
        ...
        return article
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from .errors import ConfigError

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Entry(Generic[T]):
    name: str
    obj: T
    version: int = 1
    meta: dict[str, Any] = field(default_factory=dict)


class Registry(Generic[T]):
    """A mapping of names to registered objects with metadata."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._entries: dict[str, Entry[T]] = {}

    def register(self, name: str, *, version: int = 1, replace: bool = False, **meta: Any) -> Callable[[T], T]:
        def deco(obj: T) -> T:
            self.add(name, obj, version=version, replace=replace, **meta)
            return obj

        return deco

    def add(self, name: str, obj: T, *, version: int = 1, replace: bool = False, **meta: Any) -> None:
        if name in self._entries and not replace:
            raise ConfigError(f"{self.what} {name!r} is already registered")
        self._entries[name] = Entry(name, obj, version, dict(meta))

    def remove(self, name: str) -> None:
        self._entries.pop(name, None)

    def get(self, name: str) -> Entry[T]:
        try:
            return self._entries[name]
        except KeyError:
            known = ", ".join(sorted(self._entries)) or "none"
            raise ConfigError(f"unknown {self.what} {name!r} (known: {known})") from None

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[Entry[T]]:
        return iter(list(self._entries.values()))

    def names(self) -> list[str]:
        return list(self._entries)


StageFn = Callable[..., Any]

#: readers by name; meta ``suffixes`` lists the file endings each one takes
readers: Registry[Any] = Registry("reader")
#: pipeline stages ``(article, context) -> article``; meta ``requires``/``provides``
stages: Registry[StageFn] = Registry("stage")
#: checks ``(article, context) -> Iterable[Flag]``
checks: Registry[Any] = Registry("check")
#: exporters
exporters: Registry[Any] = Registry("exporter")
