"""Eval gate: same-story grouping on ECB+ (982 articles, 86 stories in 43 topics), in-process.

The articles go in shuffled under opaque ids, as ``evaluate.py clusters-ecb`` feeds them, through
the pipeline ``newsdesk stories`` runs by default, and are scored with ``../shared/eval/score.py``.
"""

from __future__ import annotations

import importlib.util
import json
import random
import time
from pathlib import Path
from types import ModuleType

import pytest

from newsdesk.model import Article, Origin
from newsdesk.pipeline import Pipeline
from newsdesk.stories import DEFAULT_STAGES, extract, group_features

#: measured bcubed_F1 0.9369, pairwise F1 0.905, within-topic pair accuracy 0.902 (docs/stories.md)
FLOORS = {"bcubed_F1": 0.93, "pairwise_F1": 0.89, "pairs_accuracy": 0.89}


def _scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("nd_eval_score", shared / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.slow
def test_ecbplus_grouping_beats_the_floor(shared: Path) -> None:
    data = shared / "eval" / "data" / "ecbplus"
    docs = [json.loads(line) for line in (data / "ecbplus_docs.jsonl").read_text(encoding="utf-8").splitlines()]
    pairs = [json.loads(line) for line in (data / "ecbplus_story_pairs.jsonl").read_text(encoding="utf-8")
             .splitlines()]
    order = list(range(len(docs)))
    random.Random(0).shuffle(order)
    pipeline = Pipeline(DEFAULT_STAGES, on_error="raise")
    started = time.perf_counter()
    feats, gold_of = [], {}
    for n, i in enumerate(order, 1):
        rid = f"doc-{n:05d}"
        gold_of[rid] = docs[i]["doc_id"]
        feats.append(extract(pipeline.run(Article(id=rid, text=docs[i]["text"], origin=Origin("ecb", "jsonl", n)))))
    assigned = group_features(feats)
    elapsed = time.perf_counter() - started
    pred = {gold_of[a.id]: {"cluster": a.story} for a in assigned}
    res = _scorer(shared).score_clusters({"docs": docs, "pairs": pairs}, pred)
    assert res["n_docs"] == 982 and res["unanswered"] == 0
    for key, floor in FLOORS.items():
        assert res[key] >= floor, f"{key} {res[key]:.4f} < floor {floor} ({elapsed:.1f} s)"
    assert elapsed < 120, f"grouping ECB+ took {elapsed:.1f} s"
