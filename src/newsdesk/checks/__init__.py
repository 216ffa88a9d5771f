"""Checks: what in an article does not add up, each finding a :class:`~newsdesk.model.Flag` with evidence.

A check is a callable ``check(article, context) -> Iterable[Flag]`` registered in
:data:`newsdesk.registry.checks`::

    from newsdesk.registry import checks

    @checks.register("my_check")
    def my_check(article, context):
        yield Flag("typo", "low", start, end, "a misspelled word", evidence={...})

The ``checks`` stage runs every registered check that is not turned off
(``context.config["checks.disabled"]``, a set of names). Checks never raise: a check that
fails is reported as a warning in ``article.scores["checks_failed"]`` and the others go on.
Flag kinds are the contract's closed list (``newsdesk.model.FLAG_KINDS``).
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from collections.abc import Iterable

from ..model import FLAG_KINDS, SEVERITIES, Article, Flag
from ..registry import checks as checks  # re-exported: `from newsdesk.checks import checks`

log = logging.getLogger(__name__)
_loaded = False


def load_builtin_checks() -> None:
    """Import the built-in check modules so that they register themselves."""
    global _loaded
    if _loaded:
        return
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")
    _loaded = True


def valid_flags(name: str, flags: Iterable[Flag], article: Article) -> list[Flag]:
    """The flags of one check that respect the contract (kind, severity, span); others are dropped and logged."""
    out = []
    n = len(article.text)
    for f in flags:
        if f.kind not in FLAG_KINDS or f.severity not in SEVERITIES or not 0 <= f.start <= f.end <= n:
            log.warning("check %s produced an invalid flag %r; dropped", name, f)
            continue
        if f.stage == "checks":
            f.stage = f"checks.{name}"
        out.append(f)
    return out
