"""Work the checks share on one article: computed once per ``checks`` stage call, not once per check.

The ``checks`` stage runs every check inside :func:`article_scope`; within it :func:`memo`
keeps a value under a key (the parse's text, the role claims that both ``anachronism`` and
``contradiction`` read, a segment's tokens). Outside a scope (a check called on its own, a test)
nothing is kept and every call computes afresh, so a check never sees a stale value of an
article that was changed between two calls. Values must be treated as read-only.

:func:`doc_text` and :func:`doc_columns` read a spaCy ``Doc`` without iterating it in Python:
``Doc.text`` and ``for tok in doc`` build one ``Token`` object per token, every time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc

T = TypeVar("T")
_scope: ContextVar[dict[Any, Any] | None] = ContextVar("newsdesk_checks_memo", default=None)


@contextmanager
def article_scope() -> Iterator[dict[Any, Any]]:
    """A fresh memo for the checks of one article (nested scopes are independent)."""
    store: dict[Any, Any] = {}
    token = _scope.set(store)
    try:
        yield store
    finally:
        _scope.reset(token)


def memo(key: Any, compute: Callable[[], T]) -> T:
    """``compute()``, kept under ``key`` for the rest of the current scope (computed every time outside one)."""
    store = _scope.get()
    if store is None:
        return compute()
    if key in store:
        value: T = store[key]
        return value
    value = compute()
    store[key] = value
    return value


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per scope and ``Doc`` from the token columns (no ``Token`` objects)."""
    return memo(("doc_text", id(doc)), lambda: (doc, _text(doc)))[1]  # the Doc kept: its id stays its own


def _strings(doc: Doc, column: Any, transform: Callable[[str], str] = str) -> list[str]:
    """The strings of a column of hashes (or symbol ids: the store names them too), in token order."""
    import numpy as np

    uniq, inverse = np.unique(column, return_inverse=True)
    strings = doc.vocab.strings
    names = [transform(strings[int(h)]) for h in uniq.tolist()]
    return [names[k] for k in inverse.reshape(-1).tolist()]


def _text(doc: Doc) -> str:
    if len(doc) == 0:
        return ""
    cols = doc.to_array(["ORTH", "SPACY"])
    orth = _strings(doc, cols[:, 0])
    spacy: list[int] = cols[:, 1].tolist()
    return "".join([o + " " if sp else o for o, sp in zip(orth, spacy, strict=True)])


def doc_length(doc: Doc) -> int:
    """``len(doc.text)`` without building the text."""
    if len(doc) == 0:
        return 0
    last = doc[len(doc) - 1]
    return int(last.idx) + len(last.text_with_ws)


@dataclass(frozen=True, slots=True)
class DocColumns:
    """Per-token strings of a ``Doc``, index ``i`` for token ``doc[i]``."""

    lower: tuple[str, ...]  # ``tok.lower_``
    lemma: tuple[str, ...]  # ``tok.lemma_.lower()``
    pos: tuple[str, ...]  # ``tok.pos_``


def _columns(doc: Doc) -> DocColumns:
    if len(doc) == 0:
        return DocColumns((), (), ())
    cols = doc.to_array(["LOWER", "LEMMA", "POS"])
    return DocColumns(
        tuple(_strings(doc, cols[:, 0])), tuple(_strings(doc, cols[:, 1], str.lower)), tuple(_strings(doc, cols[:, 2]))
    )


def doc_columns(doc: Doc) -> DocColumns:
    """The lower-case form, lower-cased lemma and coarse POS of every token, once per scope and ``Doc``."""
    return memo(("doc_columns", id(doc)), lambda: (doc, _columns(doc)))[1]
