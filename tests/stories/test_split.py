"""The split step: recursive spectral bisection of a cluster by a relative normalised-cut criterion."""

from __future__ import annotations

from collections import Counter

import numpy as np

from newsdesk.stories import Features, group_features
from newsdesk.stories.cluster import average_link, best_bisection, split_clusters
from newsdesk.stories.similarity import Similarity

TOPIC = ["earthquake", "magnitude", "rubble", "rescue", "toll", "aftershock", "collapsed", "injured"]


def _two_blocks(n_a: int, n_b: int, inside: float, across: float) -> np.ndarray:
    n = n_a + n_b
    s = np.full((n, n), across)
    s[:n_a, :n_a] = inside
    s[n_a:, n_a:] = inside
    np.fill_diagonal(s, 1.0)
    return s


def test_bisection_finds_two_blocks() -> None:
    s = _two_blocks(5, 4, inside=0.5, across=0.1)
    ncut, mask = best_bisection(s, min_side=2)
    assert mask is not None
    assert set(np.flatnonzero(mask).tolist()) in ({0, 1, 2, 3, 4}, {5, 6, 7, 8})
    assert ncut < 0.5  # a random split of 9 articles would have Ncut 9/8


def test_bisection_of_an_even_cluster_is_no_better_than_random() -> None:
    s = _two_blocks(5, 4, inside=0.4, across=0.4)  # every pair alike: no structure
    ncut, _ = best_bisection(s, min_side=2)
    n = 9
    assert ncut >= 0.95 * n / (n - 1)


def test_bisection_respects_min_side_and_tiny_inputs() -> None:
    s = _two_blocks(1, 5, inside=0.6, across=0.0)  # one outlier article
    _, mask = best_bisection(s, min_side=2)
    assert mask is not None and min(int(mask.sum()), int((~mask).sum())) >= 2
    assert best_bisection(np.ones((3, 3)), min_side=2) == (float("inf"), None)


def _feats(id: str, words: list[str], names: list[str]) -> Features:
    return Features(id=id, title=None, words=Counter(TOPIC + words), names=Counter(names))


def _two_quakes() -> list[Features]:
    ardena = ["ardena", "veloria", "marrow", "brenna", "school", "18", "6.4"]
    morvik = ["morvik", "tarsland", "solberg", "apartment", "block", "7", "5.9"]
    out = []
    for k in range(4):  # each article repeats its event's details and adds wording of its own
        out.append(_feats(f"a{k}", [*ardena, f"aword{k}"], ["ardena", "veloria", "ilse marrow"]))
        out.append(_feats(f"m{k}", [*morvik, f"mword{k}"], ["morvik", "tarsland", "henrik solberg"]))
    return out


def test_split_separates_two_events_of_one_kind_merged_by_topic() -> None:
    feats = _two_quakes()
    sim = Similarity(feats)
    topic_level = average_link(sim, 0.05)  # broad similarity: the topic words join all eight
    assert len(set(topic_level)) == 1
    labels = split_clusters(sim, topic_level, ratio=0.8, min_side=2)
    by_id = dict(zip((f.id for f in feats), labels, strict=True))
    assert len(set(labels)) == 2
    assert len({by_id[f"a{k}"] for k in range(4)}) == 1 and len({by_id[f"m{k}"] for k in range(4)}) == 1
    # through group_features: with the split step two stories, without it one
    assert len({a.story for a in group_features(feats, threshold=0.05, attach=0)}) == 2
    assert len({a.story for a in group_features(feats, threshold=0.05, attach=0, split=0)}) == 1


def test_split_keeps_a_single_story_whole() -> None:
    details = ["ardena", "veloria", "marrow", "brenna", "school", "18", "6.4"]
    feats = [_feats(f"a{k}", [*details, f"word{k}"], ["ardena", "ilse marrow"]) for k in range(8)]
    sim = Similarity(feats)
    labels = split_clusters(sim, [0] * 8, ratio=0.8, min_side=2)
    assert labels == [0] * 8
