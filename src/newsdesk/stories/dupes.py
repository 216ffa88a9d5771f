"""Near-duplicates: exact and near copies (wire reprints, light rewrites) by MinHash LSH.

Each article's body is cut into word shingles; :class:`datasketch.MinHashLSH` proposes pairs
whose estimated Jaccard similarity is near :data:`JACCARD` or above, and each proposal is
confirmed on the exact shingle sets, so the estimate never decides alone. Confirmed pairs are
joined transitively; each group's first article (in input order) is the original the others
are marked as duplicates of.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped]

#: exact Jaccard similarity of word shingle sets at or above which two articles are near-duplicates
JACCARD = 0.5
#: permutations of each MinHash (the estimate's standard error is about 1/sqrt(NUM_PERM))
NUM_PERM = 128
#: LSH proposes pairs from a little below :data:`JACCARD` so that few true pairs are missed
LSH_THRESHOLD = 0.4
#: fewer shingles than this: only identical shingle sets count (too little text to judge)
MIN_SHINGLES = 8
#: datasketch 2 permutation scheme (32-bit affine: compact and collision-free)
SCHEME = "affine32"
# Shingles are hashed with CRC-32 (deterministic, in C; the affine32 scheme mixes it with the
# MurmurHash3 finalizer before permuting), about 5x faster than datasketch's default SHA-1.


def jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _is_duplicate(a: set[str], b: set[str], threshold: float) -> bool:
    if min(len(a), len(b)) < MIN_SHINGLES:
        return a == b and bool(a)
    return jaccard(a, b) >= threshold


def duplicate_of(shingle_sets: Sequence[set[str]], threshold: float = JACCARD) -> list[int | None]:
    """For each article, the index of the first article it is a near-duplicate of, else ``None``."""
    n = len(shingle_sets)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # the permutations are drawn once and shared by every sketch
    template = MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashfunc=zlib.crc32)
    lsh = MinHashLSH(threshold=min(threshold, LSH_THRESHOLD), num_perm=NUM_PERM)
    by_key: dict[frozenset[str], int] = {}
    for i, sh in enumerate(shingle_sets):
        if not sh:
            continue
        if len(sh) < MIN_SHINGLES:  # short texts: identical shingles only, no sketch needed
            key = frozenset(sh)
            if key in by_key:
                parent[find(i)] = find(by_key[key])
            else:
                by_key[key] = i
            continue
        mh = MinHash(num_perm=NUM_PERM, permutations=template.permutations, scheme=SCHEME,
                     hashfunc=zlib.crc32)
        mh.update_batch([s.encode("utf-8") for s in sh])
        for j in lsh.query(mh):
            if _is_duplicate(sh, shingle_sets[j], threshold):
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[max(ri, rj)] = min(ri, rj)
        lsh.insert(i, mh)
    out: list[int | None] = []
    for i in range(n):
        root = find(i)
        out.append(None if root == i else root)
    return out
