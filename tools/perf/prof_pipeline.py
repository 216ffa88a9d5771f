"""cProfile the default pipeline on the benchmark corpus (after one warm-up pass).

.venv/bin/python tools/perf/prof_pipeline.py [--sort tottime] [--lines 60] [--stage events]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sort", default="cumulative")
    ap.add_argument("--lines", type=int, default=60)
    ap.add_argument("--filter", default="", help="only functions whose path matches this regex")
    args = ap.parse_args()
    import bench_scale  # type: ignore[import-not-found]

    from newsdesk.ingest.jsonl import record_to_article
    from newsdesk.pipeline import Context, Pipeline

    recs = bench_scale.base_texts()
    pipeline = Pipeline(context=Context())
    list(pipeline.pipe([record_to_article(dict(r), "p", k) for k, r in enumerate(recs)]))
    arts = [record_to_article(dict(r), "p", k) for k, r in enumerate(recs)]
    prof = cProfile.Profile()
    prof.enable()
    list(pipeline.pipe(arts))
    prof.disable()
    stats = pstats.Stats(prof).sort_stats(args.sort)
    if args.filter:
        stats.print_stats(args.filter, args.lines)
    else:
        stats.print_stats(args.lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
