"""Run every evaluation task of ../shared/eval against .venv/bin/newsdesk and record the figures.

    python3 tools/eval/run_all.py [--only TASK ...] [--quick]

Each task runs through the harness (`../shared/eval/evaluate.py TASK --json --cmd ...`) with the
command a user would type; the headline and the other metrics are printed as a table and written
to benchmarks/results/eval.json (merged with earlier results, so one task can be re-run alone).
`--quick` passes `--limit 40` to the slow tasks (a smoke run; do not quote its numbers).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EVAL = ROOT.parent / "shared" / "eval" / "evaluate.py"
NEWSDESK = ".venv/bin/newsdesk"

#: task -> (command, headline, other metrics to show). The default pipeline unless a task only
#: reads one stage's output and the lighter pipeline is what that stage's docs measure.
TASKS: dict[str, tuple[str, str, list[str]]] = {
    "extract-aeb": (f"{NEWSDESK} analyze --format jsonl", "F1", ["P", "R", "accuracy"]),
    "timex-te3": (f"{NEWSDESK} analyze --format jsonl", "value_F1",
                  ["strict_F1", "relaxed_F1", "value_accuracy"]),
    "timex-meantime": (f"{NEWSDESK} analyze --format jsonl", "value_F1",
                       ["strict_F1", "relaxed_F1", "value_accuracy"]),
    "timex-ctparse": (f"{NEWSDESK} analyze --format jsonl --stages structure,time", "value_accuracy", []),
    "ner-meantime": (f"{NEWSDESK} analyze --format jsonl", "F1", ["P", "R", "PLO_F1", "relaxed_F1"]),
    "events-plover": (f"{NEWSDESK} analyze --format jsonl", "F1",
                      ["P", "R", "category_accuracy", "dyad_accuracy"]),
    "clusters-ecb": (f"{NEWSDESK} stories --format jsonl", "bcubed_F1", ["pairwise_F1", "pair_accuracy"]),
    "quotes-meantime": (f"{NEWSDESK} analyze --format jsonl", "F1", ["speaker_accuracy", "attr_F1"]),
}
GOLD = {"quotes-meantime": ("quotes", "tests/claims/fixtures/meantime_quotes.jsonl")}
SLOW = {"extract-aeb", "ner-meantime", "timex-meantime", "clusters-ecb"}


def run(task: str, quick: bool) -> dict[str, object]:
    cmd, headline, others = TASKS[task]
    harness_task, gold = GOLD.get(task, (task, None))
    argv = [sys.executable, str(EVAL), harness_task, "--json", "--cmd", cmd]
    if gold:
        argv += ["--gold", gold]
    if quick and task in SLOW:
        argv += ["--limit", "40"]
    t0 = time.time()
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("{")), None)
    if line is None:
        return {"task": task, "error": (proc.stderr or proc.stdout)[-500:], "command": cmd}
    data = json.loads(line)
    metrics = data.get("metrics", {})
    return {"task": task, "command": cmd, "headline": headline, "value": metrics.get(headline),
            "others": {k: metrics.get(k) for k in others}, "run": data.get("run", {}),
            "quick": quick, "date": time.strftime("%Y-%m-%d"), "elapsed_s": round(time.time() - t0, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", nargs="*", choices=sorted(TASKS))
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    if not EVAL.exists():
        print(f"harness not found at {EVAL}", file=sys.stderr)
        return 2
    out_path = ROOT / "benchmarks" / "results" / "eval.json"
    results = json.loads(out_path.read_text()) if out_path.exists() else {}
    for task in args.only or list(TASKS):
        res = run(task, args.quick)
        results[task] = res
        if "error" in res:
            print(f"{task:16} ERROR {res['error']}")
            continue
        others = "  ".join(f"{k} {v:.3f}" for k, v in res["others"].items() if isinstance(v, float))  # type: ignore[union-attr]
        rate = res["run"].get("articles_per_s") or res["run"].get("pages_per_s")  # type: ignore[union-attr]
        print(f"{task:16} {res['headline']} {res['value']:.4f}  {others}  ({rate:.1f}/s)" if rate else
              f"{task:16} {res['headline']} {res['value']:.4f}  {others}")
        out_path.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
