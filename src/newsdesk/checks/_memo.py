"""Work the checks share on one article: computed once per ``checks`` stage call, not once per check.

The ``checks`` stage runs every check inside :func:`article_scope`; within it :func:`memo`
keeps a value under a key (the parse's text, the role claims that both ``anachronism`` and
``contradiction`` read, a segment's tokens). Outside a scope (a check called on its own, a test)
nothing is kept and every call computes afresh, so a check never sees a stale value of an
article that was changed between two calls. Values must be treated as read-only.

:func:`doc_text` keeps ``Doc.text`` (which joins every token's text on each call);
:func:`doc_index` finds tokens without iterating the ``Doc`` in Python (``for tok in doc`` builds
one ``Token`` object per token, every time).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
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
    """``doc.text``, built once per scope and ``Doc`` (each call of ``Doc.text`` joins every token)."""
    return memo(("doc_text", id(doc)), lambda: (doc, doc.text))[1]  # the Doc kept: its id stays its own


def doc_length(doc: Doc) -> int:
    """``len(doc.text)`` without building the text."""
    if len(doc) == 0:
        return 0
    last = doc[len(doc) - 1]
    return int(last.idx) + len(last.text_with_ws)


class DocIndex:
    """Which tokens of a ``Doc`` have a given lower-case form, lemma or POS, found on the token
    columns with numpy: no ``Token`` object is built for a token that does not qualify.

    Lower-case forms and POS are compared as the hashes and symbol ids spaCy stores (the same
    mapping ``Token.lower_`` and ``Token.pos_`` read back); lemmas, tested lower-cased, are read as
    strings, and only for the tokens that pass the other tests."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._cols: Any = doc.to_array(["LOWER", "LEMMA", "POS"]).reshape(len(doc), 3)

    def where(
        self,
        lower: Collection[str] | None = None,
        lemma: Collection[str] | None = None,
        pos: Collection[str] | None = None,
    ) -> list[int]:
        """The indices, in order, of the tokens whose ``lower_`` is in ``lower``, ``lemma_.lower()``
        in ``lemma`` and ``pos_`` in ``pos`` (each test only when given)."""
        import numpy as np

        strings = self.doc.vocab.strings  # a string's hash, a POS name's symbol id: strings["VERB"]
        mask = np.ones(len(self.doc), dtype=bool)
        if pos is not None:
            mask &= np.isin(self._cols[:, 2], np.array([strings[p] for p in pos], dtype=np.uint64))
        if lower is not None:
            mask &= np.isin(self._cols[:, 0], np.array([strings[w] for w in lower], dtype=np.uint64))
        if lemma is not None:
            idx = np.flatnonzero(mask)
            uniq, inverse = np.unique(self._cols[idx, 1], return_inverse=True)
            ok = np.array([strings[int(h)].lower() in lemma for h in uniq.tolist()], dtype=bool)
            if len(idx):
                mask[idx[~ok[inverse.reshape(-1)]]] = False
        out: list[int] = np.flatnonzero(mask).tolist()
        return out


def doc_index(doc: Doc) -> DocIndex:
    """The :class:`DocIndex` of ``doc``, once per scope and ``Doc``."""
    return memo(("doc_index", id(doc)), lambda: (doc, DocIndex(doc)))[1]
