"""The anachronism check: fabricated snippets, the generated evaluation and the specimen."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsdesk.api import analyze_text
from newsdesk.model import Article, Flag
from newsdesk.pipeline import Context

FIXTURE = Path(__file__).parent / "fixtures" / "anachronism_eval.jsonl"
STAGES = ["structure", "entities", "time", "checks"]


@pytest.fixture(scope="module")
def context() -> Iterator[Context]:
    ctx = Context(config={"checks.disabled": set()})
    yield ctx


def analyse(context: Context, text: str, published: str | None) -> Article:
    return analyze_text(text, stages=STAGES, published=published, context=context)


def flags(context: Context, text: str, published: str | None, kind: str = "anachronism") -> list[Flag]:
    return [f for f in analyse(context, text, published).flags if f.kind == kind]


def evaluate(context: Context) -> tuple[float, float, dict[str, list[str]]]:
    tp = fp = fn = 0
    errors: dict[str, list[str]] = {}
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        got = flags(context, row["text"], row["published"])
        gold = row["gold"]
        if gold["flag"]:
            hit = [f for f in got if f.start < gold["end"] and gold["start"] < f.end]
            if hit:
                tp += 1
            else:
                fn += 1
                errors.setdefault("fn:" + row["case"], []).append(f"{row['published']} {row['text']}")
            fp += len(got) - len(hit[:1]) if hit else len(got)
        else:
            fp += len(got)
            if got:
                errors.setdefault("fp:" + row["case"], []).append(f"{row['published']} {row['text']}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, errors


def test_generated_evaluation(context: Context) -> None:
    precision, recall, errors = evaluate(context)
    print(f"anachronism eval: precision {precision:.3f} recall {recall:.3f}")
    for k, v in sorted(errors.items()):
        print(k, len(v), *v[:3], sep="\n  ")
    assert precision >= 0.95
    assert recall >= 0.90
