"""Average-link agglomerative clustering with a similarity threshold, exact and sparse.

Two clusters merge while the mean similarity over all their cross pairs is at least the
threshold. A merge at threshold ``t`` needs at least one cross pair at ``t`` or above, so
every average-link cluster lies inside one connected component of the graph of pairs with
similarity ``>= t``; the components are found first (union-find over those pairs) and the
exact average-link runs inside each one on its dense block. Memory is the edges plus the
largest component squared, not all articles squared.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage  # type: ignore[import-untyped]
from scipy.spatial.distance import squareform  # type: ignore[import-untyped]

from .similarity import Similarity


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
