"""Same-story grouping: near-duplicates and stories over a set of analysed articles.

::

    from newsdesk.stories import group

    for a in group(articles):          # articles: analysed Article objects
        print(a.id, a.story, a.duplicate_of)

Two steps (``docs/stories.md``):

1. **Near-duplicates** (:mod:`~newsdesk.stories.dupes`): MinHash LSH over word shingles,
   confirmed on the exact sets; a copy joins its original's story and is marked
   ``duplicate_of`` the original (the group's first article in input order).
2. **Stories** (:mod:`~newsdesk.stories.similarity`, :mod:`~newsdesk.stories.cluster`): a
   weighted sum of TF-IDF cosines of body words and of names, plus a date term, clustered
   by exact average-link with a low threshold (broadly similar articles: a topic); each group
   is then split into event instances by recursive spectral bisection, a cut kept when its
   normalised cut is below ``split`` times a random split's; an article left alone then joins
   the story it is closest to on average if that is at least ``attach`` times the threshold and
   one of the story's articles passes the threshold with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..model import Article
from .cluster import average_link, split_clusters
from .dupes import duplicate_of
from .features import Features, extract
from .similarity import CHUNK, Similarity, Weights

__all__ = ["ATTACH", "DEFAULT_STAGES", "MIN_SIDE", "SPLIT", "THRESHOLD", "Assignment", "Features", "Weights",
           "extract", "group", "group_features"]

#: the default similarity threshold of the average-link step, which gathers broadly similar
#: articles (a topic); the split step then separates its event instances (``docs/stories.md``)
THRESHOLD = 0.15
#: a cluster is cut in two when its best normalised cut is below ``SPLIT`` times a random split's
SPLIT = 0.8
#: each side of a split keeps at least this many articles (lone articles are the attach step's)
MIN_SIDE = 2
#: a lone article joins its closest story at ``ATTACH * threshold`` mean similarity (see ``group_features``)
ATTACH = 0.8
#: the stages ``newsdesk stories`` runs by default: the entities stage did not pay for itself
DEFAULT_STAGES: tuple[str, ...] = ("structure",)


@dataclass(frozen=True, slots=True)
class Assignment:
    """The story of one article; ``duplicate_of`` is the id of the article it copies, if any."""

    id: str
    story: str
    duplicate_of: str | None = None
    title: str | None = None

    def to_dict(self) -> dict[str, str]:
        """The ``newsdesk stories --format jsonl`` line: ``id``, ``story`` and ``duplicate_of`` when set."""
        out = {"id": self.id, "story": self.story}
        if self.duplicate_of is not None:
            out["duplicate_of"] = self.duplicate_of
        return out


def _attach_singletons(sim: Similarity, labels: list[int], threshold: float, attach: float) -> list[int]:
    """A lone article joins the story with the highest mean similarity to it, among the stories
    holding a member at ``threshold`` or above, if that mean is at least ``attach * threshold``."""
    members: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        members.setdefault(lab, []).append(i)
    alone = [i for i, lab in enumerate(labels) if len(members[labels[i]]) == 1]
    groups = [(lab, m) for lab, m in members.items() if len(m) > 1]
    if not alone or not groups:
        return labels
    # the members of every story, story after story, so that reduceat sums and maxes per story
    cols = np.asarray([i for _, m in groups for i in m], dtype=np.int64)
    sizes = np.asarray([len(m) for _, m in groups], dtype=np.float64)
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)
    out = list(labels)
    for start in range(0, len(alone), CHUNK):  # bounded memory: CHUNK rows at a time
        part = alone[start:start + CHUNK]
        s = sim.block(np.asarray(part, dtype=np.int64), cols)
        means = np.add.reduceat(s, starts, axis=1) / sizes
        tops = np.maximum.reduceat(s, starts, axis=1)
        means = np.where(tops >= threshold, means, -np.inf)
        best = means.argmax(axis=1)
        for k, i in enumerate(part):
            if means[k, best[k]] >= attach * threshold:
                out[i] = groups[int(best[k])][0]
    return out


def group_features(feats: Sequence[Features], *, threshold: float = THRESHOLD, attach: float = ATTACH,
                   weights: Weights | None = None, split: float = SPLIT,
                   min_side: int = MIN_SIDE) -> list[Assignment]:
    """Group articles given their features; one :class:`Assignment` per article, in order."""
    n = len(feats)
    if n == 0:
        return []
    dup = duplicate_of([f.shingles for f in feats])
    originals = [i for i in range(n) if dup[i] is None]
    sim = Similarity([feats[i] for i in originals], weights)
    labels = average_link(sim, threshold)
    if split:
        labels = split_clusters(sim, labels, split, min_side)
    if attach:
        labels = _attach_singletons(sim, labels, threshold, attach)
    story_of_original = dict(zip(originals, labels, strict=True))
    names: dict[int, str] = {}
    out: list[Assignment] = []
    for i in range(n):
        root = i if dup[i] is None else dup[i]
        assert root is not None
        label = story_of_original[root]
        story = names.setdefault(label, f"s{len(names) + 1}")
        out.append(Assignment(feats[i].id, story, None if dup[i] is None else feats[root].id, feats[i].title))
    return out


def group(articles: Sequence[Article], *, threshold: float = THRESHOLD, attach: float = ATTACH,
          weights: Weights | None = None, use_entities: bool = True, split: float = SPLIT,
          min_side: int = MIN_SIDE) -> list[Assignment]:
    """Group analysed articles into stories; one :class:`Assignment` per article, in order.

    Uses whatever the analysis holds: names from the ``entities`` stage when it ran (and
    ``use_entities``), else capitalised words; dates from ``published`` or a dateline;
    event codes from the ``events`` stage when weighted.
    """
    return group_features([extract(a, use_entities=use_entities) for a in articles], threshold=threshold,
                          attach=attach, weights=weights, split=split, min_side=min_side)
