"""Eval gate: the time stage in-process over the TempEval-3 and MEANTIME gold, scored by ../shared/eval/score.py.

The floors sit a little below the measured figures (docs/time.md); a drop below them is a regression.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from newsdesk.timex import find_timexes, parse_published

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
EVAL = SHARED / "eval"

# measured 2026: te3 0.862, meantime 0.810 (in-process numbers can differ slightly from the CLI harness)
FLOORS = {"te3": 0.83, "meantime": 0.78}


def _score_module() -> ModuleType:
    if not (EVAL / "score.py").is_file():
        pytest.skip(f"../shared/eval not found at {EVAL}")
    spec = importlib.util.spec_from_file_location("newsdesk_eval_score", EVAL / "score.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, mod)
    spec.loader.exec_module(mod)
    return mod


def _run(gold_path: Path) -> dict[str, Any]:
    score = _score_module()
    docs = score.load_gold("timex", gold_path)
    pred: dict[str, Any] = {}
    for d in docs:
        anchor = parse_published(d.get("dct"))
        found = find_timexes(d["text"], anchor)
        pred[d["doc_id"]] = {"expressions": [{"start": s, "end": e, "type": t, "value": v} for s, e, t, v in found]}
    res: dict[str, Any] = score.score_timex(docs, pred)
    return res


@pytest.mark.parametrize(("name", "rel"), [("te3", "tempeval3/te3_platinum_test.jsonl"),
                                           ("meantime", "meantime/meantime_timex.jsonl")])
def test_eval_gate(name: str, rel: str) -> None:
    path = EVAL / "data" / rel
    if not path.is_file():
        pytest.skip(f"gold set not found: {path}")
    res = _run(path)
    assert res["value_F1"] >= FLOORS[name], json.dumps({k: v for k, v in res.items() if isinstance(v, float)})
