"""Analyses as Parquet shards (``--out parquet:DIR``): ``DIR/part-00000.parquet``, ``part-00001``, ...

One row per input article, in input order, ``rows_per_shard`` rows per file. Columns: ``id``,
``ok`` (false for an input that could not be analysed), ``error_kind``, ``source`` (the input
file), ``url``, ``title``, ``published``, and ``analysis``: the contract's JSON object
(:func:`newsdesk.serialize.to_dict`, the same that ``analyze --format jsonl`` prints) as a string.
Shards of an earlier run in ``DIR`` are removed first, so a directory holds one run.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..model import Article, Failure
from ..serialize import to_dict

ROWS_PER_SHARD = 1000
COLUMNS = ("id", "ok", "error_kind", "source", "url", "title", "published", "analysis")


def parse_out(spec: str) -> Path:
    """The directory of an ``--out parquet:DIR`` value."""
    kind, sep, where = spec.partition(":")
    if not sep or kind != "parquet" or not where:
        raise ConfigError(f"--out {spec!r}: expected parquet:DIR")
    return Path(where)


def _row(item: Article | Failure) -> dict[str, Any]:
    analysis = json.dumps(to_dict(item), ensure_ascii=False)
    if isinstance(item, Failure):
        return {"id": item.id, "ok": False, "error_kind": item.kind, "source": item.source, "url": None,
                "title": None, "published": None, "analysis": analysis}
    return {"id": item.id, "ok": True, "error_kind": None, "source": item.origin.source, "url": item.url,
            "title": item.title, "published": item.published, "analysis": analysis}


class ParquetSink:
    """Writes rows to numbered shards as they come (bounded memory: one shard's rows at a time)."""

    def __init__(self, directory: str | Path, rows_per_shard: int = ROWS_PER_SHARD) -> None:
        import pyarrow as pa

        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        for old in self.dir.glob("part-*.parquet"):
            old.unlink()
        self.rows_per_shard = max(1, rows_per_shard)
        self.schema = pa.schema([("id", pa.string()), ("ok", pa.bool_()), ("error_kind", pa.string()),
                                 ("source", pa.string()), ("url", pa.string()), ("title", pa.string()),
                                 ("published", pa.string()), ("analysis", pa.string())])
        self.rows: list[dict[str, Any]] = []
        self.shards: list[Path] = []
        self.written = 0

    def add(self, item: Article | Failure) -> None:
        self.rows.append(_row(item))
        if len(self.rows) >= self.rows_per_shard:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        path = self.dir / f"part-{len(self.shards):05d}.parquet"
        pq.write_table(pa.Table.from_pylist(self.rows, schema=self.schema), path)
        self.shards.append(path)
        self.written += len(self.rows)
        self.rows = []

    def close(self) -> None:
        self.flush()


def write_parquet(items: Iterable[Article | Failure], directory: str | Path,
                  rows_per_shard: int = ROWS_PER_SHARD) -> ParquetSink:
    """Write every item; returns the closed sink (``shards``, ``written``)."""
    sink = ParquetSink(directory, rows_per_shard)
    try:
        for item in items:
            sink.add(item)
    finally:
        sink.close()
    return sink


def read_parquet(directory: str | Path) -> list[dict[str, Any]]:
    """Every row of the shards in ``directory``, in order (for tests and tools)."""
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = []
    for path in sorted(Path(directory).glob("part-*.parquet")):
        rows.extend(pq.read_table(path).to_pylist())
    return rows
