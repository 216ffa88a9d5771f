"""Average-link agglomerative clustering with a similarity threshold, exact and sparse.

Two clusters merge while the mean similarity over all their cross pairs is at least the
threshold. A merge at threshold ``t`` needs at least one cross pair at ``t`` or above, so
every average-link cluster lies inside one connected component of the graph of pairs with
similarity ``>= t``; the components are found first (union-find over those pairs) and the
exact average-link runs inside each one on its dense block. Memory is the edges plus the
largest component squared, not all articles squared.
"""

from __future__ import annotations

import math
from collections import defaultdict

import numpy as np
from numpy.typing import NDArray
from scipy.cluster.hierarchy import fcluster, linkage  # type: ignore[import-untyped]
from scipy.sparse.linalg import eigsh  # type: ignore[import-untyped]
from scipy.spatial.distance import squareform  # type: ignore[import-untyped]

from .similarity import Similarity

#: clusters up to this size get a full dense eigendecomposition when bisected
_DENSE_EIGEN = 1500


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def average_link(sim: Similarity, threshold: float) -> list[int]:
    """A cluster number for each article (numbers in order of each cluster's first article)."""
    n = sim.n
    uf = _UnionFind(n)
    for i, j, _ in sim.edges(threshold):
        uf.union(i, j)
    components: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        components[uf.find(i)].append(i)
    label = list(range(n))
    for members in components.values():
        if len(members) < 3:  # one article, or two joined by their own edge
            for m in members:
                label[m] = members[0]
            continue
        idx = np.asarray(members, dtype=np.int64)
        s = sim.block(idx, idx)
        s = (s + s.T) / 2.0
        dist = np.clip(1.0 - s, 0.0, None)
        np.fill_diagonal(dist, 0.0)
        tree = linkage(squareform(dist, checks=False), method="average")
        flat = fcluster(tree, t=1.0 - threshold, criterion="distance")
        first: dict[int, int] = {}
        for m, c in zip(members, flat.tolist(), strict=True):
            label[m] = first.setdefault(int(c), m)
    # renumber in order of first appearance
    out: dict[int, int] = {}
    return [out.setdefault(lab, len(out)) for lab in label]


def _fiedler_order(a: NDArray[np.float64]) -> NDArray[np.int64]:
    """Articles ordered along the second eigenvector of the normalised graph Laplacian of ``a``."""
    n = len(a)
    deg = a.sum(axis=1)
    deg = np.where(deg > 0, deg, 1e-12)
    inv = 1.0 / np.sqrt(deg)
    norm_adj = a * inv[:, None] * inv[None, :]
    if n <= _DENSE_EIGEN:
        _, vecs = np.linalg.eigh(norm_adj)  # ascending: the top two are the last columns
        vec = vecs[:, -2]
    else:  # large clusters: only the two leading eigenvectors
        _, vecs = eigsh(norm_adj, k=2, which="LA")
        vec = vecs[:, 0]
    order: NDArray[np.int64] = np.argsort(vec * inv, kind="stable").astype(np.int64)
    return order


def best_bisection(s: NDArray[np.float64], min_side: int) -> tuple[float, NDArray[np.bool_] | None]:
    """The normalised cut of the best sweep split along the Fiedler vector, and its side mask.

    ``s`` is a symmetric similarity block; negative similarities count as 0. The sweep looks at
    every split of the spectral order leaving at least ``min_side`` articles on each side and
    keeps the one with the smallest ``cut/assoc(A) + cut/assoc(B)`` (Shi and Malik's Ncut).
    """
    n = len(s)
    a = np.clip(s, 0.0, None)
    np.fill_diagonal(a, 0.0)
    if n < 2 * min_side or n < 2:
        return math.inf, None
    order = _fiedler_order(a)
    deg = a.sum(axis=1)
    total = float(deg.sum())
    in_a = np.zeros(n, dtype=bool)
    cut = 0.0
    vol_a = 0.0
    best, best_k = math.inf, -1
    for k in range(n - 1):
        v = int(order[k])
        row = a[v]
        # v moves from B to A: its edges to A stop being cut, its edges to B start being cut
        cut += float(row[~in_a].sum()) - float(row[in_a].sum()) - float(row[v])
        in_a[v] = True
        vol_a += float(deg[v])
        size = k + 1
        if size < min_side or n - size < min_side:
            continue
        vol_b = total - vol_a
        if vol_a <= 0 or vol_b <= 0:
            continue
        ncut = cut / vol_a + cut / vol_b
        if ncut < best:
            best, best_k = ncut, size
    if best_k < 0:
        return math.inf, None
    mask = np.zeros(n, dtype=bool)
    mask[order[:best_k]] = True
    return best, mask


def split_clusters(sim: Similarity, labels: list[int], ratio: float, min_side: int) -> list[int]:
    """Split each cluster into event instances by recursive spectral bisection.

    A cluster is cut in two where its normalised cut is smallest, if that Ncut is below
    ``ratio`` times the Ncut a random split of the cluster would have (``n/(n-1)`` for ``n``
    articles, whatever the sizes of the sides); each side is then tried again. The criterion
    is relative to the cluster itself, so it does not depend on the level of the similarities:
    a topic holding two events of one kind splits where few strong links cross, a single story
    (links spread evenly) stays whole.
    """
    members: dict[int, list[int]] = defaultdict(list)
    for i, lab in enumerate(labels):
        members[lab].append(i)
    out = list(labels)
    next_label = max(labels, default=-1) + 1
    todo = [np.asarray(m, dtype=np.int64) for m in members.values() if len(m) >= 2 * min_side]
    while todo:
        idx = todo.pop()
        s = sim.block(idx, idx)
        ncut, mask = best_bisection((s + s.T) / 2.0, min_side)
        n = len(idx)
        if mask is None or ncut >= ratio * n / (n - 1):
            continue
        moved = idx[~mask]
        for i in moved.tolist():
            out[i] = next_label
        next_label += 1
        todo.extend(part for part in (idx[mask], moved) if len(part) >= 2 * min_side)
    # renumber in order of first appearance
    seen: dict[int, int] = {}
    return [seen.setdefault(lab, len(seen)) for lab in out]
