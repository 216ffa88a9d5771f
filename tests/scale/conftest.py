"""A small corpus in two JSONL shards, and the serial analyses to compare every executor with."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

TEXTS = [
    "Foreign ministers of Valoria and Estmark met in Port Amsel on Tuesday.\n\nThey agreed to talks next week, "
    "officials said.",
    "The central bank raised interest rates by half a point on Monday, its first rise since 2019.",
    "Protesters gathered outside parliament on Friday. Police said 3,000 people took part.\n\n"
    '"We will not stop," said organiser Marta Keller.',
    "Heavy rain flooded the river valley overnight and several roads were closed, the mayor said on Sunday.",
]


def write_shards(folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(2):
        path = folder / f"shard-{k}.jsonl"
        lines = [json.dumps({"id": f"a{2 * k + j}", "text": TEXTS[2 * k + j], "published": f"2024-05-0{j + 1}"})
                 for j in range(2)]
        if k == 1:
            lines.insert(1, '{"id": "broken", ')  # a reader failure keeps its place
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.fixture(scope="session")
def shards(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return write_shards(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="session")
def serial(shards: list[str]) -> list[str]:
    """The analyses in this process, one article at a time (``Pipeline.run``, no batch, no memory zone)."""
    from newsdesk.ingest import iter_inputs
    from newsdesk.model import Failure
    from newsdesk.pipeline import Pipeline
    from newsdesk.serialize import to_dict

    pipeline = Pipeline()
    out = []
    for item in iter_inputs(shards):
        out.append(json.dumps(to_dict(item if isinstance(item, Failure) else pipeline.run(item)), sort_keys=True))
    return out
