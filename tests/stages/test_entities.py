"""The ``entities`` stage: registration, the real knowledge base, and the MEANTIME eval gate."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from newsdesk.model import Article, Origin
from newsdesk.pipeline import Context
from newsdesk.registry import stages

ROOT = Path(__file__).resolve().parents[2]
MEANTIME = ROOT.parent / "shared" / "eval" / "data" / "meantime" / "meantime_ner.jsonl"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
#: measured 0.493 (docs/entities.md); the gate sits a little below
F1_FLOOR = 0.48


def _stage(name: str) -> Any:
    """A stage by name; its module is imported directly, so other stage modules need not load."""
    import importlib

    importlib.import_module(f"newsdesk.stages.{name}")
    return stages.get(name)


def _art(text: str, published: str | None, aid: str = "a1") -> Article:
    return Article(id=aid, text=text, origin=Origin("<test>", "text"), published=published)


@pytest.fixture(scope="module")
def context() -> Context:
    return Context()


def _run(context: Context, art: Article) -> Article:
    structure = _stage("structure").obj
    entities = _stage("entities").obj
    return entities(structure(art, context), context)  # type: ignore[no-any-return]


def test_registered_with_facets() -> None:
    entry = _stage("entities")
    assert entry.meta["requires"] == ("text", "blocks")
    assert entry.meta["provides"] == ("entities",)


def _real_kb_or_skip() -> None:
    try:
        from newsdesk import kb

        kb.load()
    except Exception as exc:  # the KB is built by another part of the project
        pytest.skip(f"newsdesk.kb not available: {exc}")


def test_real_kb_links_sitting_head_of_government(context: Context) -> None:
    _real_kb_or_skip()
    text = ("Prime Minister narendra Modi may travel to pakistan next month. Modi has not confirmed the trip, "
            "officials in new Delhi said,adding that Pakistani diplomats had sent the invitation.")
    art = _run(context, _art(text, "2024-09-14"))
    assert art.text == text
    by_name = {e.name: e for e in art.entities}
    modi = by_name["Narendra Modi"]
    assert modi.type == "PERSON" and modi.country == "IND" and modi.actor_code == "INDGOV"
    assert [m.text for m in modi.mentions] == ["narendra Modi", "Modi"]
    assert modi.roles and modi.roles[0]["role"] == "head_of_government" and modi.roles[0]["start"] == "2014-05-26"
    pak = by_name["Pakistan"]
    assert pak.country == "PAK" and pak.actor_code == "PAK"
    assert {m.text: m.type for m in pak.mentions} == {"pakistan": None, "Pakistani": "NORP"}
    delhi = by_name["New Delhi"]
    assert delhi.country == "IND" and delhi.mentions[0].text == "new Delhi"


def test_real_kb_roles_follow_the_date(context: Context) -> None:
    _real_kb_or_skip()
    art = _run(context, _art("Narendra Modi addressed the rally.", "2010-01-01", "a2"))
    modi = art.entities[0]
    assert modi.roles == [] and modi.actor_code == "IND"


SPECIMEN = ("Pakistan formally invited the Indian leader last month, according to officials in Islamabad. "
            "Analysts note that a meeting between Prime Minister Narendra Modi and Prime Minister Shehbaz Sharif "
            "would be the first in years, and India may send a minister rather than the prime minister.\n"
            "The Trump administration has urged both sides to resume talks, and an official said that "
            "Washington supports \"any step that reduces tensions\". Beijing said it welcomed any contact. "
            "Sharif did not comment.")


@pytest.mark.parametrize("damaged", [False, True])
def test_real_kb_specimen_names(context: Context, damaged: bool) -> None:
    _real_kb_or_skip()
    text = SPECIMEN.replace("Islamabad", "islamabad").replace("Washington", "washington") if damaged else SPECIMEN
    art = _run(context, _art(text, "2024-09-14", f"s{int(damaged)}"))
    ents = {m.text: e for e in art.entities for m in e.mentions}
    trump = ents["Trump"]
    assert trump.type == "PERSON" and trump.kb_id and "Trump" in trump.name and trump.country == "USA"
    assert trump.roles == []  # not in office on 2024-09-14
    usa = ents["washington" if damaged else "Washington"]
    assert usa.kb_id == "country:USA"
    assert ents["Beijing"].kb_id == "country:CHN"
    isb = ents["islamabad" if damaged else "Islamabad"]
    assert isb.kb_id is None and isb.country == "PAK" and isb.type == "GPE"  # a place here
    assert ents["Sharif"].kb_id is None or ents["Sharif"] is ents["Shehbaz Sharif"]
    modi = ents["Narendra Modi"]
    assert [m.text for m in modi.mentions if m.kind == "nominal"] == ["leader"]  # "the Indian leader"
    # "the prime minister": Modi and Sharif are both prime ministers that day
    assert not any(m.kind == "nominal" and m.text == "prime minister" for e in art.entities for m in e.mentions)


def test_meantime_eval_gate(context: Context) -> None:
    if not MEANTIME.is_file() or not SCORER.is_file():
        pytest.skip("../shared/eval is not present beside the project")
    spec = importlib.util.spec_from_file_location("nd_eval_score", SCORER)
    assert spec is not None and spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    sys.modules["nd_eval_score"] = score
    spec.loader.exec_module(score)
    docs = [json.loads(line) for line in MEANTIME.read_text("utf-8").splitlines() if line.strip()]
    pred = {}
    for d in docs:
        art = _run(context, _art(d["text"], d.get("dct"), d["doc_id"]))
        assert art.text == d["text"]
        ents = [{"start": m.start, "end": m.end, "label": m.type or e.type}
                for e in art.entities for m in e.mentions if m.kind == "name"]
        pred[d["doc_id"]] = {"entities": ents}
    result = score.score_ner(docs, pred)
    assert result["F1"] >= F1_FLOOR, result
