"""Eval gate: the PLOVER gold sentences, analysed in-process and scored with ../shared/eval/score.py."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from newsdesk.api import analyze
from newsdesk.serialize import to_dict

#: measured 0.710 (structure,entities,time,events); a little under, so noise does not fail the gate
FLOOR = 0.68


@pytest.mark.slow
def test_plover_f1_floor(shared: Path, tmp_path: Path) -> None:
    gold_path = shared / "eval/data/plover/PLOVER_GSR_CAMEO.jsonl"
    spec = importlib.util.spec_from_file_location("nd_score", shared / "eval/score.py")
    assert spec is not None and spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)

    gold, seen = [], {}
    with open(tmp_path / "in.jsonl", "w", encoding="utf-8") as fh:
        for line in gold_path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            n = seen[rec["id"]] = seen.get(rec["id"], 0) + 1
            doc_id = rec["id"] if n == 1 else f"{rec['id']}#{n}"
            gold.append({**rec, "doc_id": doc_id})
            fh.write(json.dumps({"id": doc_id, "text": rec["text"]}) + "\n")
    pred = {}
    for item in analyze([str(tmp_path / "in.jsonl")], stages=["structure", "entities", "time", "events"]):
        d = to_dict(item)
        evs = [{"plover": e.get("plover") or score.cameo_to_plover(e.get("code")), "code": e.get("code"),
                "source": (e.get("source") or {}).get("code"), "target": (e.get("target") or {}).get("code")}
               for e in d.get("events") or []]
        pred[d["article"]["id"]] = {"events": evs}
    result = score.score_events(gold, pred)
    assert result["F1"] >= FLOOR, result
