"""Study same-story grouping on ECB+: errors by topic, and cross-validated scores.

    .venv/bin/python tools/stories/ecb_study.py                 # full-set score + errors by topic
    .venv/bin/python tools/stories/ecb_study.py --cv            # two-fold topic cross-validation
    .venv/bin/python tools/stories/ecb_study.py --sweep 0.2,0.3 # threshold sweep

The articles are analysed once with the default stages (cached in /tmp), shuffled under opaque
ids as ``evaluate.py clusters-ecb`` feeds them. Gold labels are used for scoring only.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import pickle
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

from newsdesk.model import Article, Origin
from newsdesk.pipeline import Pipeline
from newsdesk.stories import DEFAULT_STAGES, Features, extract, group_features

SHARED = Path(__file__).resolve().parents[3] / "shared"
DATA = SHARED / "eval" / "data" / "ecbplus"
CACHE = Path("/tmp/newsdesk_ecb_articles.pkl")


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("nd_eval_score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def load() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Article], dict[str, str]]:
    docs = [json.loads(x) for x in (DATA / "ecbplus_docs.jsonl").read_text(encoding="utf-8").splitlines()]
    pairs = [json.loads(x) for x in (DATA / "ecbplus_story_pairs.jsonl").read_text(encoding="utf-8").splitlines()]
    order = list(range(len(docs)))
    random.Random(0).shuffle(order)
    if CACHE.exists():
        arts, gold_of = pickle.loads(CACHE.read_bytes())
    else:
        pipeline = Pipeline(DEFAULT_STAGES, on_error="raise")
        arts, gold_of = [], {}
        for n, i in enumerate(order, 1):
            rid = f"doc-{n:05d}"
            gold_of[rid] = docs[i]["doc_id"]
            arts.append(pipeline.run(Article(id=rid, text=docs[i]["text"], origin=Origin("ecb", "jsonl", n))))
        CACHE.write_bytes(pickle.dumps((arts, gold_of)))
    return docs, pairs, arts, gold_of


def score(sc: ModuleType, docs: list[dict[str, Any]], pairs: list[dict[str, Any]], feats: list[Features],
          gold_of: dict[str, str], **kw: Any) -> dict[str, Any]:
    keep = {gold_of[f.id] for f in feats}
    d = [x for x in docs if x["doc_id"] in keep]
    p = [x for x in pairs if x["doc_a"] in keep and x["doc_b"] in keep]
    pred = {gold_of[a.id]: {"cluster": a.story} for a in group_features(feats, **kw)}
    res: dict[str, Any] = sc.score_clusters({"docs": d, "pairs": p}, pred)
    res["pred"] = pred
    return res


def errors(docs: list[dict[str, Any]], pred: dict[str, dict[str, str]]) -> None:
    by_topic: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for d in docs:
        by_topic[d["topic"]].append(d)
    rows = []
    for t, ds in by_topic.items():
        cells = Counter((d["subtopic"], pred[d["doc_id"]]["cluster"]) for d in ds)
        # pairs wrong within topic
        wrong = 0
        for i in range(len(ds)):
            for j in range(i + 1, len(ds)):
                same_g = ds[i]["story_id"] == ds[j]["story_id"]
                same_p = pred[ds[i]["doc_id"]]["cluster"] == pred[ds[j]["doc_id"]]["cluster"]
                wrong += same_g != same_p
        rows.append((wrong, t, cells))
    for wrong, t, cells in sorted(rows, reverse=True)[:15]:
        clusters: dict[str, Counter[str]] = defaultdict(Counter)
        for (sub, c), n in cells.items():
            clusters[c][sub] += n
        desc = "  ".join(f"{c}:" + ",".join(f"{s}{n}" for s, n in sorted(v.items())) for c, v in clusters.items())
        print(f"topic {t:>3} wrong pairs {wrong:4d}  {desc}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--sweep", default="")
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    docs, pairs, arts, gold_of = load()
    sc = scorer()
    t0 = time.perf_counter()
    feats = [extract(a) for a in arts]
    t1 = time.perf_counter()
    res = score(sc, docs, pairs, feats, gold_of)
    t2 = time.perf_counter()
    print(f"full set: bcubed_F1 {res['bcubed_F1']:.4f} (P {res['bcubed_P']:.3f} R {res['bcubed_R']:.3f}) "
          f"pairwise_F1 {res['pairwise_F1']:.4f} pair acc {res['pairs_accuracy']:.4f} "
          f"clusters {res['n_clusters_pred']}  [extract {t1 - t0:.1f}s, group {t2 - t1:.1f}s]")
    if args.errors:
        errors(docs, res["pred"])
    if args.sweep:
        lo, hi = (float(x) for x in args.sweep.split(","))
        th = lo
        while th <= hi + 1e-9:
            r = score(sc, docs, pairs, feats, gold_of, threshold=th)
            print(f"  threshold {th:.3f}: bcubed_F1 {r['bcubed_F1']:.4f} pairwise_F1 {r['pairwise_F1']:.4f}")
            th += 0.01
    if args.cv:
        cross_validate(sc, docs, pairs, feats, gold_of)


#: the grid searched on each half (threshold of the first level, split ratio (0: no split), min side)
GRID = [(th, sp, ms) for th in (0.10, 0.12, 0.15, 0.18, 0.20, 0.25) for sp in (0.0, 0.7, 0.75, 0.8, 0.85, 0.9)
        for ms in (1, 2, 3) if sp or ms == 1]


def cross_validate(sc: ModuleType, docs: list[dict[str, Any]], pairs: list[dict[str, Any]], feats: list[Features],
                   gold_of: dict[str, str]) -> None:
    """Two folds of topics (odd/even topic numbers): pick the grid point best on one half, score it on the other."""
    topic_of = {d["doc_id"]: d["topic"] for d in docs}
    topics = sorted({d["topic"] for d in docs}, key=int)
    halves = [set(topics[0::2]), set(topics[1::2])]
    parts = [[f for f in feats if topic_of[gold_of[f.id]] in half] for half in halves]
    table: dict[tuple[float, float, int], list[float]] = {}
    for th, sp, ms in GRID:
        table[(th, sp, ms)] = [score(sc, docs, pairs, p, gold_of, threshold=th, split=sp, min_side=ms)["bcubed_F1"]
                               for p in parts]
    default = table.get((0.15, 0.8, 2))
    if default:
        print(f"  default (0.15, 0.8, 2) per half: {default[0]:.4f} {default[1]:.4f}")
    held = []
    for k in (0, 1):
        best = max(table, key=lambda key: table[key][k])
        other = table[best][1 - k]
        held.append(other)
        print(f"  tuned on half {k}: best {best} {table[best][k]:.4f} -> held-out half {1 - k}: {other:.4f}")
    sizes = [len(p) for p in parts]
    print(f"  cross-validated bcubed_F1 (held-out halves, weighted by size): "
          f"{(held[0] * sizes[1] + held[1] * sizes[0]) / sum(sizes):.4f}")


if __name__ == "__main__":
    sys.exit(main())
