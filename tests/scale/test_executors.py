"""The same input gives the same analyses under every executor: in process, local workers, Dask."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsdesk.api import analyze, ingest
from newsdesk.cli import main
from newsdesk.model import Failure
from newsdesk.serialize import to_dict


def _dumps(items: object) -> list[str]:
    return [json.dumps(to_dict(i), sort_keys=True) for i in items]  # type: ignore[attr-defined]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_local_workers_give_the_same_analyses_in_input_order(shards: list[str], serial: list[str], method: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Forked workers (warmed in the parent) and spawned ones (each loading its own models)."""
    import multiprocessing

    from newsdesk.scale.local import start_method

    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} on this platform")
    monkeypatch.setenv("NEWSDESK_START_METHOD", method)
    assert start_method() == method
    assert _dumps(analyze(shards, workers=2)) == serial


def test_ingest_with_workers_stores_the_same(tmp_path: Path, shards: list[str], serial: list[str]) -> None:
    from newsdesk.api import get_analysis

    db = f"sqlite:///{tmp_path / 'w.db'}"
    seen: list[str] = []
    summary = ingest(shards, db=db, workers=2, on_item=lambda outcome, item: seen.append(f"{outcome}:{item.id}"))
    assert (summary.added, summary.failed) == (4, 1)
    assert seen == ["added:a0", "added:a1", "added:a2", "failed:" + shards[1], "added:a3"]
    expected = {d["article"]["id"]: d for d in map(json.loads, serial) if "error" not in d}
    for rid, obj in expected.items():
        assert get_analysis(rid, db=db) == obj
    again = ingest(shards, db=db, workers=2)
    assert (again.added, again.unchanged, again.failed) == (0, 4, 1)


def test_dask_local_cluster_gives_the_same_analyses(tmp_path: Path, shards: list[str], serial: list[str]) -> None:
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    from newsdesk.scale.parquet import read_parquet

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        assert _dumps(analyze(shards, executor="dask", scheduler=address)) == serial
        db = f"sqlite:///{tmp_path / 'd.db'}"
        summary = ingest(shards, db=db, executor="dask", scheduler=address)
        assert (summary.added, summary.failed) == (4, 1)
        out = tmp_path / "parquet"
        result = CliRunner().invoke(main, ["analyze", *shards, "--scheduler", address, "--out", f"parquet:{out}"])
    assert result.exit_code == 1  # the broken line is reported and counted
    rows = read_parquet(out)
    assert [json.dumps(json.loads(r["analysis"]), sort_keys=True) for r in rows] == serial
    assert [r["ok"] for r in rows] == [True, True, True, False, True]


def test_parquet_out_in_process(tmp_path: Path, shards: list[str]) -> None:
    pytest.importorskip("pyarrow")
    from newsdesk.scale.parquet import read_parquet, write_parquet

    items = list(analyze(shards, stages=["structure"]))
    sink = write_parquet(items, tmp_path / "p", rows_per_shard=2)
    assert [p.name for p in sink.shards] == ["part-00000.parquet", "part-00001.parquet", "part-00002.parquet"]
    rows = read_parquet(tmp_path / "p")
    assert [r["id"] for r in rows] == [i.id for i in items]
    assert [r["error_kind"] for r in rows] == [i.kind if isinstance(i, Failure) else None for i in items]


def test_out_needs_parquet_prefix(shards: list[str]) -> None:
    result = CliRunner().invoke(main, ["analyze", shards[0], "--stages", "structure", "--out", "dir"])
    assert result.exit_code == 1 and "parquet:DIR" in result.output


def test_threaded_process_does_not_fork(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from newsdesk.scale.local import start_method

    monkeypatch.delenv("NEWSDESK_START_METHOD", raising=False)
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert start_method() == "spawn"
    finally:
        stop.set()
        t.join()


def test_dask_plugin_builds_one_warm_pipeline_per_process() -> None:
    from newsdesk.scale import dask as nd_dask

    first = nd_dask.NewsdeskPlugin(["structure"], {"x": 1})
    first.setup(None)
    again = nd_dask.NewsdeskPlugin(["structure"], {"x": 1})  # a client registering again
    again.setup(None)
    other = nd_dask.NewsdeskPlugin(["structure"], {"x": 2})
    other.setup(None)
    assert first.pipeline is not None and again.pipeline is first.pipeline
    assert other.pipeline is not first.pipeline
