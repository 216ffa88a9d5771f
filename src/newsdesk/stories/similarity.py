"""Pairwise story similarity: a weighted sum of TF-IDF cosines, adjusted by dates and events.

``sim(a, b) = w_words·cos(words) + w_names·cos(names) + w_places·cos(places)
+ w_events·[shared event root] - date_penalty·[document dates more than far_days apart]``.
The date term applies only when both document dates are known (``published`` or a dateline);
a follow-up months later still joins when its words and names are close enough to pay it.
See ``docs/stories.md`` for how the weights were chosen.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import sparse  # type: ignore[import-untyped]

from .features import Features

#: rows of the similarity matrix computed at once (bounds memory to rows x n floats)
CHUNK = 512


@dataclass(frozen=True, slots=True)
class Weights:
    """The few parameters of the similarity; defaults tuned on ECB+ (``docs/stories.md``)."""

    words: float = 0.6
    names: float = 0.4
    places: float = 0.0
    events: float = 0.0
    date_penalty: float = 0.2
    far_days: int = 90


def tfidf(counts: Sequence[Counter[str]]) -> sparse.csr_matrix:
    """Rows: L2-normalised TF-IDF (sublinear tf, smoothed idf) of each counter."""
    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    df: Counter[int] = Counter()
    for i, c in enumerate(counts):
        for term, n in c.items():
            j = vocab.setdefault(term, len(vocab))
            rows.append(i)
            cols.append(j)
            vals.append(1.0 + math.log(n))
            df[j] += 1
    n_docs = len(counts)
    idf = np.ones(max(1, len(vocab)))
    for j, d in df.items():
        idf[j] = math.log((1 + n_docs) / (1 + d)) + 1.0
    m = sparse.csr_matrix((np.asarray(vals) * idf[np.asarray(cols, dtype=np.int64)], (rows, cols)),
                          shape=(n_docs, max(1, len(vocab))), dtype=np.float64)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    result: sparse.csr_matrix = sparse.diags(1.0 / norms) @ m
    return result.tocsr()


def _binary(sets: Sequence[frozenset[object]]) -> sparse.csr_matrix:
    index: dict[object, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, s in enumerate(sets):
        for v in s:
            rows.append(i)
            cols.append(index.setdefault(v, len(index)))
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(sets), max(1, len(index))))


class Similarity:
    """Pairwise similarities of a set of articles, computed block by block."""

    def __init__(self, feats: Sequence[Features], weights: Weights | None = None) -> None:
        self.w = weights or Weights()
        self.n = len(feats)
        self.words = tfidf([f.words for f in feats])
        self.names = tfidf([f.names for f in feats])
        self.places = tfidf([f.places for f in feats]) if self.w.places else None
        self.events = _binary([f.events for f in feats]) if self.w.events else None
        self.day = np.array([f.day.toordinal() if f.day else np.nan for f in feats], dtype=np.float64)

    def block(self, rows: NDArray[np.int64], cols: NDArray[np.int64] | None = None) -> NDArray[np.float64]:
        """Dense similarities of ``rows`` against ``cols`` (default: every article)."""
        w = self.w

        def cos(m: sparse.csr_matrix) -> NDArray[np.float64]:
            a = m[rows]
            b = m if cols is None else m[cols]
            return np.asarray((a @ b.T).todense(), dtype=np.float64)

        s = w.words * cos(self.words) + w.names * cos(self.names)
        if self.places is not None:
            s += w.places * cos(self.places)
        if self.events is not None:
            s += w.events * (cos(self.events) > 0)
        c = slice(None) if cols is None else cols
        d_row, d_col = self.day[rows][:, None], self.day[c][None, :]
        both = ~np.isnan(d_row) & ~np.isnan(d_col)
        with np.errstate(invalid="ignore"):
            gap = np.abs(d_row - d_col)
        s -= np.where(both & (gap > w.far_days), w.date_penalty, 0.0)
        return s

    def edges(self, threshold: float) -> Iterator[tuple[int, int, float]]:
        """Every pair ``i < j`` with similarity at least ``threshold``."""
        for start in range(0, self.n, CHUNK):
            rows = np.arange(start, min(self.n, start + CHUNK), dtype=np.int64)
            s = self.block(rows)
            ii, jj = np.nonzero(s >= threshold)
            for i, j in zip(ii.tolist(), jj.tolist(), strict=True):
                gi = start + i
                if gi < j:
                    yield gi, j, float(s[i, j])
