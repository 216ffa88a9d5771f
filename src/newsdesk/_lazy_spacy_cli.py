"""Import spaCy without its command line.

``spacy/__init__.py`` imports ``spacy.cli.info`` only to expose ``spacy.info``; that pulls in
the whole command line (typer, weasel, requests, httpx, confection's validation, ...), about a
third of spaCy's import time, paid by every newsdesk process that parses text. Before spaCy is
first imported, :func:`install` puts a lazy stand-in for the ``spacy.cli`` package in
``sys.modules``:

- ``spacy.info(...)`` and any attribute of ``spacy.cli`` import the real package on first use
  and answer from it;
- ``import spacy.cli.<submodule>`` loads the real submodule (the stand-in's ``__path__`` is
  the real package directory).

Nothing happens if spaCy is already imported, or with ``NEWSDESK_LAZY_SPACY_CLI=0``.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import types
from typing import Any

_NAME = "spacy.cli"


class _LazyCli(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # module introspection (inspect.getmodule, ...): not a use
            raise AttributeError(name)
        return getattr(_real(), name)


def _real() -> types.ModuleType:
    """The real ``spacy.cli`` (imported now, replacing the stand-ins)."""
    if isinstance(sys.modules.get(_NAME), _LazyCli):
        del sys.modules[_NAME]
        if isinstance(sys.modules.get(_NAME + ".info"), _LazyInfo):
            del sys.modules[_NAME + ".info"]
    real = importlib.import_module(_NAME)
    spacy = sys.modules.get("spacy")
    if spacy is not None:
        spacy.cli = real  # type: ignore[attr-defined]
    return real


class _LazyInfo(types.ModuleType):
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if name == "info":  # spaCy's own ``from .cli.info import info``, while spacy is being imported
            spacy = sys.modules.get("spacy")
            stand_in = sys.modules.get(_NAME)
            if spacy is not None and isinstance(stand_in, _LazyCli) and not hasattr(spacy, "cli"):
                spacy.cli = stand_in  # type: ignore[attr-defined]
            return _info
        _real()  # drops the stand-ins, so the next line imports the real module
        return getattr(importlib.import_module(_NAME + ".info"), name)


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: the real one, imported on first call."""
    return _real().info(*args, **kwargs)


def install() -> bool:
    """Put the stand-ins in place if spaCy is not imported yet; True if they were installed."""
    if "spacy" in sys.modules or _NAME in sys.modules:
        return False
    if os.environ.get("NEWSDESK_LAZY_SPACY_CLI", "1").strip().lower() in ("0", "false", "no", "off"):
        return False
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return False
    cli_dir = os.path.join(next(iter(spec.submodule_search_locations)), "cli")
    if not os.path.isdir(cli_dir):
        return False
    cli = _LazyCli(_NAME)
    cli.__path__ = [cli_dir]
    cli.__package__ = _NAME
    info = _LazyInfo(_NAME + ".info")
    info.__package__ = _NAME
    sys.modules[_NAME] = cli
    sys.modules[_NAME + ".info"] = info
    return True
