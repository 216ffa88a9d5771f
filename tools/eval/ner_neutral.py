"""Convention-neutral NER score: leading determiners stripped from gold *and* predicted spans.

MEANTIME marks maximal noun phrases ("the United States"); the newsdesk contract marks the name
only ("United States"). This re-scores a ``pred.jsonl`` kept by ``evaluate.py --workdir`` with a
leading "the/a/an " removed on both sides, so neither convention is rewarded. Also lists errors::

    python3 ../shared/eval/evaluate.py ner-meantime --workdir /tmp/ner \\
        --cmd ".venv/bin/newsdesk analyze --format jsonl --stages structure,entities"
    python3 tools/eval/ner_neutral.py /tmp/ner/pred.jsonl [--errors N]

Standard library only; imports ``score.py`` from ``../shared/eval``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
EVAL = HERE.parents[3] / "shared" / "eval"
GOLD = EVAL / "data" / "meantime" / "meantime_ner.jsonl"
_DET = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def strip_determiner(text: str, ent: dict[str, Any]) -> dict[str, Any]:
    """The entity with a leading determiner cut from its span."""
    s, e = int(ent["start"]), int(ent["end"])
    m = _DET.match(text[s:e])
    if m and s + m.end() < e:
        ent = dict(ent, start=s + m.end())
    return ent


def neutral(docs: list[dict[str, Any]], pred: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    gold_out, pred_out = [], {}
    for d in docs:
        text = d["text"]
        gold_out.append(dict(d, entities=[strip_determiner(text, e) for e in d.get("entities") or []]))
        p = pred.get(d["doc_id"]) or {}
        pred_out[d["doc_id"]] = dict(p, entities=[strip_determiner(text, e) for e in p.get("entities") or []])
    return gold_out, pred_out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pred", help="pred.jsonl from evaluate.py --workdir")
    ap.add_argument("--gold", default=str(GOLD))
    ap.add_argument("--errors", type=int, default=0, help="print the N most frequent FP and FN surfaces")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(EVAL))
    import score as S  # type: ignore[import-not-found]

    docs = S.load_gold("ner", args.gold)
    pred = S.load_pred("ner", args.pred)
    raw = S.score_ner(docs, pred)
    g, p = neutral(docs, pred)
    res = S.score_ner(g, p)
    print(f"as-is    F1={raw['F1']:.4f}  P={raw['P']:.4f}  R={raw['R']:.4f}  PLO_F1={raw['PLO_F1']:.4f}")
    print(f"neutral  F1={res['F1']:.4f}  P={res['P']:.4f}  R={res['R']:.4f}  PLO_F1={res['PLO_F1']:.4f}")
    if args.errors:
        fp: Counter[str] = Counter()
        fn: Counter[str] = Counter()
        for d in g:
            text = d["text"]
            gs = {(e["start"], e["end"], S.map_ner_label(e.get("label"))) for e in d["entities"]}
            ps = {(e["start"], e["end"], S.map_ner_label(e.get("label") or e.get("type")))
                  for e in p[d["doc_id"]]["entities"]}
            ps = {x for x in ps if x[2]}
            for s, e, lab in ps - gs:
                fp[f"{lab}:{' '.join(text[s:e].split())}"] += 1
            for s, e, lab in gs - ps:
                fn[f"{lab}:{' '.join(text[s:e].split())}"] += 1
        print(json.dumps({"false_positives": fp.most_common(args.errors),
                          "false_negatives": fn.most_common(args.errors)}, ensure_ascii=False, indent=0))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
