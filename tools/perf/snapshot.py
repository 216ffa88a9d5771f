"""Snapshot the analyses of a fixed corpus, or compare against a saved snapshot.

Speed work must not change what newsdesk finds. This writes one canonical JSON line per
article of the benchmark corpus (MEANTIME + TempEval-3 texts from ``../shared`` and the
bundled example briefs, the same texts as ``benchmarks/bench_scale.py``), and with
``--compare`` reports every article whose analysis differs, section by section.

    .venv/bin/python tools/perf/snapshot.py /tmp/before.jsonl
    .venv/bin/python tools/perf/snapshot.py /tmp/after.jsonl --compare /tmp/before.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

VOLATILE = {"timings", "elapsed", "analyzed_at", "version"}


def _clean(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _clean(v) for k, v in obj.items() if k not in VOLATILE}
    if isinstance(obj, list):
        return [_clean(v) for v in obj]
    return obj


def snapshot(out: Path, limit: int | None) -> None:
    import bench_scale  # type: ignore[import-not-found]

    from newsdesk.ingest.jsonl import record_to_article
    from newsdesk.pipeline import Pipeline
    from newsdesk.serialize import to_dict

    recs = bench_scale.base_texts()[:limit]
    arts = [record_to_article(dict(r), "snapshot", k) for k, r in enumerate(recs)]
    with out.open("w", encoding="utf-8") as fh:
        for item in Pipeline().pipe(arts):
            fh.write(json.dumps(_clean(to_dict(item)), sort_keys=True, ensure_ascii=False) + "\n")


def compare(new: Path, old: Path) -> int:
    def load(p: Path) -> dict[str, dict[str, Any]]:
        out = {}
        for line in p.open(encoding="utf-8"):
            d = json.loads(line)
            out[(d.get("article") or {}).get("id") or d.get("id") or str(len(out))] = d
        return out

    a, b = load(new), load(old)
    diffs = 0
    for key in sorted(set(a) | set(b)):
        x, y = a.get(key), b.get(key)
        if x == y:
            continue
        diffs += 1
        if x is None or y is None:
            print(f"{key}: only in {'old' if x is None else 'new'}")
            continue
        parts = [k for k in sorted(set(x) | set(y)) if x.get(k) != y.get(k)]
        print(f"{key}: differs in {', '.join(parts)}")
    print(f"{len(a)} articles, {diffs} differ")
    return 1 if diffs else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--compare", type=Path)
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    snapshot(args.out, args.limit)
    return compare(args.out, args.compare) if args.compare else 0


if __name__ == "__main__":
    raise SystemExit(main())
