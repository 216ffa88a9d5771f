"""Load test of ``newsdesk serve`` on loopback: requests/s and latency per page (``make bench-web``).

1. A store of ``--articles`` (default 10,000) articles under ``.bench/`` (cached): the bundled
   examples analysed once with the pipeline, then copied with varied ids, titles and dates
   (a copy is an exact analysis object of the contract, so every page has real data to show),
   grouped into stories of five copies.
2. ``newsdesk serve`` in a subprocess on a free 127.0.0.1 port; one warm-up request per page.
3. For each page in turn: ``--clients`` (default 50) concurrent asyncio+httpx clients send
   requests until ``--requests`` are done or ``--seconds`` have passed (bounded in both),
   then requests/s, p50/p95/p99 latency and errors are recorded.

Results: ``benchmarks/results/web.json``. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / ".bench"
RESULTS = ROOT / "benchmarks" / "results" / "web.json"
STAGES = "structure,entities,time,events,claims,checks,score"


def build_store(n: int) -> tuple[str, dict[str, Any]]:
    """The cached bench store with at least ``n`` articles; returns its URL and how it was built."""
    from newsdesk import api
    from newsdesk.store import StoryMember, open_store
    from newsdesk.store.rebuild import article_from_dict

    BENCH.mkdir(exist_ok=True)
    path = BENCH / f"web-{n}.db"
    url = f"sqlite:///{path}"
    if path.exists():
        with open_store(url, create=False) as store:
            if store.count() >= n and store.load_stories():
                return url, {"cached": True}
    started = time.perf_counter()
    seeds_url = f"sqlite:///{BENCH / 'web-seeds.db'}"
    api.ingest([str(ROOT / "examples")], db=seeds_url, stages=STAGES.split(","))
    with open_store(seeds_url) as seeds:
        base = [obj for obj in seeds.iter_analyses() if "error" not in obj]
    analysed = time.perf_counter() - started
    if path.exists():
        path.unlink()
    rng = random.Random(7)
    members: list[StoryMember] = []
    with open_store(url) as store:
        for i in range(n):
            obj = copy.deepcopy(base[i % len(base)])
            art = obj["article"]
            art["id"] = f"bench-{i:05d}/{art['id']}"
            art["title"] = f"{art.get('title') or 'Untitled'} (#{i})"
            year = 2018 + (i * 7 // n) % 7
            art["published"] = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            for ev in obj.get("events") or []:
                if ev.get("date"):
                    ev["date"] = art["published"]
            store.save(article_from_dict(obj))
            members.append(StoryMember(art["id"], f"s{i // 5 + 1}"))
        store.save_stories(members, threshold=0.25)
    return url, {"cached": False, "seed_articles": len(base), "seed_seconds": round(analysed, 1),
                 "build_seconds": round(time.perf_counter() - started, 1)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pages(sample_id: str, story: str, actor: str, partner: str) -> dict[str, str]:
    return {
        "overview": "/",
        "articles": "/articles?offset=5000",
        "article": "/article?id=" + quote(sample_id),
        "search": "/search?q=summit+trump",
        "search_filtered": "/search?q=summit&modality=planned&date_from=2019-01",
        "story": f"/stories/{story}",
        "actor": "/actor?name=" + quote(actor),
        "dyad": "/dyad?a=" + quote(actor) + "&b=" + quote(partner),
        "api_articles": "/api/articles?limit=50&offset=2000",
        "api_analysis": "/api/analysis/" + quote(sample_id, safe=""),
        "api_events": "/api/events?actor=" + quote(actor) + "&limit=50",
        "api_search": "/api/search?q=summit&limit=20",
        "api_timeline": "/api/timeline?actor=" + quote(actor),
    }


async def load(base: str, path: str, clients: int, requests: int, seconds: float) -> dict[str, Any]:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    issued = 0
    deadline = time.perf_counter() + seconds

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal issued
        while issued < requests and time.perf_counter() < deadline:
            issued += 1
            t0 = time.perf_counter()
            try:
                r = await client.get(path)
                await r.aread()
                if r.status_code != 200:
                    errors[str(r.status_code)] = errors.get(str(r.status_code), 0) + 1
            except httpx.HTTPError as exc:
                errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
            latencies.append(time.perf_counter() - t0)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60.0) as client:
        started = time.perf_counter()
        await asyncio.gather(*(worker(client) for _ in range(clients)))
        elapsed = time.perf_counter() - started
    ms = sorted(x * 1000 for x in latencies)

    def pct(p: float) -> float:
        return round(ms[min(len(ms) - 1, int(p * len(ms)))], 1) if ms else 0.0

    return {"path": path, "requests": len(ms), "seconds": round(elapsed, 2),
            "rps": round(len(ms) / elapsed, 1) if elapsed else 0.0, "p50_ms": pct(0.50), "p95_ms": pct(0.95),
            "p99_ms": pct(0.99), "mean_ms": round(statistics.fmean(ms), 1) if ms else 0.0,
            "errors": sum(errors.values()), "error_kinds": errors}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=1000, help="per page, at most")
    ap.add_argument("--seconds", type=float, default=20.0, help="per page, at most")
    ap.add_argument("--out", default=str(RESULTS))
    args = ap.parse_args()

    url, built = build_store(args.articles)
    from newsdesk.store import open_store

    with open_store(url, create=False) as store:
        count = store.count()
        stories = store.load_stories()
        sample = store.list(limit=1, offset=count // 2)[0].id
        events = [e for obj in [store.get(sample)] if obj for e in obj.get("events") or []]
    actor, partner = "Donald Trump", "Kim Jong Un"
    for e in events:
        s, t = (e.get("source") or {}), (e.get("target") or {})
        if s.get("name") and t.get("name"):
            actor, partner = s["name"], t["name"]
            break
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if k != "NEWSDESK_INGEST_TOKEN"}  # read-only, as by default
    cmd = [str(Path(sys.executable).parent / "newsdesk"), "serve", "--db", url, "--port", str(port)]
    server = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results: dict[str, Any] = {}
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/articles?limit=1", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start")
            time.sleep(0.2)
        t0 = time.perf_counter()
        httpx.get(base + "/", timeout=300)  # builds the in-memory index once
        warmup = time.perf_counter() - t0
        for name, path in pages(sample, stories[0].id, actor, partner).items():
            httpx.get(base + path, timeout=300)
            results[name] = asyncio.run(load(base, path, args.clients, args.requests, args.seconds))
            r = results[name]
            print(f"{name:16} {r['rps']:8.1f} req/s  p50 {r['p50_ms']:7.1f}  p95 {r['p95_ms']:7.1f}  "
                  f"p99 {r['p99_ms']:7.1f} ms  errors {r['errors']}", flush=True)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    out = {"articles": count, "stories": len(stories), "clients": args.clients,
           "max_requests_per_page": args.requests, "max_seconds_per_page": args.seconds,
           "index_warmup_seconds": round(warmup, 2), "store": built,
           "machine": {"python": platform.python_version(), "cpus": os.cpu_count()}, "pages": results}
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
