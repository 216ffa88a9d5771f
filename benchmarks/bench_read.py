"""Reading-stage throughput: newsdesk's HTML reading (extraction + structure) vs bare trafilatura.

Both run on the same 181 pages of the Article Extraction Benchmark (read from ../shared, never
copied), in the same process, alternating rounds so machine noise hits both alike. Prints a
table and writes ``benchmarks/results/read.json``.

    .venv/bin/python benchmarks/bench_read.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AEB = ROOT.parent / "shared" / "eval" / "data" / "aeb"


def load_pages() -> list[str]:
    gold = json.loads((AEB / "ground-truth.json").read_text())
    return [gzip.open(AEB / "html" / f"{k}.html.gz").read().decode("utf-8", "replace") for k in gold]


def bare(pages: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of bare trafilatura over the pages."""
    import trafilatura

    t, c = time.perf_counter(), time.process_time()
    for html in pages:
        trafilatura.extract(html, include_comments=False)
    return time.perf_counter() - t, time.process_time() - c


def newsdesk_read(pages: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of newsdesk's reading stage (extraction + structure)."""
    from newsdesk.ingest.html import extract_html
    from newsdesk.model import Origin
    from newsdesk.pipeline import Pipeline

    pipeline = Pipeline(["structure"])
    t, c = time.perf_counter(), time.process_time()
    for i, html in enumerate(pages):
        pipeline.run(extract_html(html, id=str(i), origin=Origin("bench", "html")))
    return time.perf_counter() - t, time.process_time() - c


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    if not AEB.is_dir():
        print(f"benchmark pages not found at {AEB}", file=sys.stderr)
        return 2
    pages = load_pages()
    bare(pages[:10])
    newsdesk_read(pages[:10])  # warm-up: imports and caches
    b_times, n_times = [], []
    for _ in range(args.rounds):
        b_times.append(bare(pages))
        n_times.append(newsdesk_read(pages))
    b_rate = len(pages) / statistics.median(w for w, _ in b_times)
    n_rate = len(pages) / statistics.median(w for w, _ in n_times)
    # CPU time is what the two codes cost; wall time also counts this VM's scheduling noise
    b_cpu = len(pages) / statistics.median(c for _, c in b_times)
    n_cpu = len(pages) / statistics.median(c for _, c in n_times)
    result = {
        "benchmark": "html_reading", "pages": len(pages), "rounds": args.rounds,
        "trafilatura_extract_pages_per_s": round(b_rate, 1),
        "newsdesk_read_pages_per_s": round(n_rate, 1),
        "ratio": round(n_rate / b_rate, 3),
        "trafilatura_extract_pages_per_cpu_s": round(b_cpu, 1),
        "newsdesk_read_pages_per_cpu_s": round(n_cpu, 1),
        "ratio_cpu": round(n_cpu / b_cpu, 3),
        "python": platform.python_version(), "machine": platform.machine(),
        "date": time.strftime("%Y-%m-%d"),
    }
    print(f"{'HTML reading (181 AEB pages)':36} {'pages/s':>8}")
    print(f"{'bare trafilatura.extract':36} {b_rate:8.1f}")
    print(f"{'newsdesk reading stage':36} {n_rate:8.1f}")
    print(f"{'ratio newsdesk / trafilatura':36} {n_rate / b_rate:8.3f}")
    print(f"{'same, per CPU second':36} {b_cpu:8.1f} {n_cpu:8.1f}  ratio {n_cpu / b_cpu:.3f}")
    out = ROOT / "benchmarks" / "results" / "read.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"written {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
