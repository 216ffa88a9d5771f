"""Count the checks' flags on real news (MEANTIME + TempEval-3, held out of the collocation counts).

    .venv/bin/python tools/checks/precision.py --shared ../shared [--workdir /tmp/prec]

Writes ``input.jsonl`` (one record per document: id, text, published), runs
``.venv/bin/newsdesk analyze --format jsonl --stages structure,checks,score`` on it and prints
the flags by kind and severity with examples, and the reliability range.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build_input(shared: Path, out: Path) -> int:
    data = shared / "eval" / "data"
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        with open(data / "meantime" / "meantime_docs.jsonl", encoding="utf-8") as src:
            for line in src:
                d = json.loads(line)
                fh.write(json.dumps({"id": f"mt-{d['doc_id']}", "text": d["text"]}) + "\n")
                n += 1
        with open(data / "tempeval3" / "te3_platinum_test.jsonl", encoding="utf-8") as src:
            for line in src:
                d = json.loads(line)
                fh.write(json.dumps({"id": f"te3-{d['doc_id']}", "text": d["text"], "published": d.get("dct")}) + "\n")
                n += 1
    return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="checks-precision-"))
    work.mkdir(parents=True, exist_ok=True)
    n = build_input(args.shared, work / "input.jsonl")
    cmd = [str(ROOT / ".venv" / "bin" / "newsdesk"), "analyze", "--format", "jsonl",
           "--stages", "structure,checks,score", str(work / "input.jsonl")]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
    counts: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    rel = []
    for line in out.splitlines():
        d = json.loads(line)
        text = d["article"]["text"]
        rel.append(d.get("scores", {}).get("reliability", 0.0))
        for f in d.get("flags", []):
            key = (f["kind"], f["severity"])
            counts[key] += 1
            examples[key].append(f"{d['article']['id']}: {text[f['start']:f['end']]!r}")
    print(f"{n} documents, {len(rel)} analysed; command: {' '.join(cmd)}")
    for key in sorted(counts, key=lambda k: ("high", "medium", "low").index(k[1])):
        print(f"{key[0]:18} {key[1]:7} {counts[key]:4}  e.g. {'; '.join(examples[key][:6])}")
    if rel:
        print(f"reliability: min {min(rel):.3f} median {statistics.median(rel):.3f} max {max(rel):.3f}")
    sys.exit(0)


if __name__ == "__main__":
    main()
