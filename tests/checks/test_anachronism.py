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


# -- fabricated snippets about office holders of the knowledge base -------------------------------------
POSITIVE = [
    ("Former Prime Minister Narendra Modi says the talks will resume.", "2024-09-14",
     "Former Prime Minister Narendra Modi", "high"),
    ("The Trump administration has urged both sides to resume talks.", "2024-09-14",
     "The Trump administration", "high"),
    ("The Imran Khan government has cautiously welcomed the offer.", "2024-09-14", "The Imran Khan government", "high"),
    ("Prime Minister Imran Khan is expected to address parliament on Monday.", "2024-09-14",
     "Prime Minister Imran Khan", "high"),
    ("Narendra Modi, the former prime minister of India, said on Tuesday that he would travel.", "2024-09-14",
     "Narendra Modi, the former prime minister of India", "high"),
    ("Pakistan's ex-prime minister Shehbaz Sharif has called for calm.", "2024-09-14",
     "Pakistan's ex-prime minister Shehbaz Sharif", "high"),
    ("The newly elected Chancellor Olaf Scholz says the coalition is stable.", "2024-09-14",
     "newly elected Chancellor Olaf Scholz", "medium"),
    ("President Joe Biden said on Thursday that the talks would resume.", "2025-06-14",
     "President Joe Biden", "medium"),
    ("President Joe Biden says the talks will resume.", "2025-02-05", "President Joe Biden", "low"),
]
NEGATIVE = [
    ("Former President Donald Trump said the talks should resume.", "2024-09-14"),
    ("In 2019, Prime Minister Imran Khan visited Washington.", "2024-09-14"),
    ("Imran Khan, who was prime minister in 2020, visited the capital that spring.", "2024-09-14"),
    ("Prime Minister Shehbaz Sharif says the talks will resume.", "2024-09-14"),
    ("The Trump administration urged both sides to resume talks.", "2024-09-14"),
    ("Then-Prime Minister Imran Khan met the delegation.", "2024-09-14"),
    ("Former Prime Minister Narendra Modi says the talks will resume.", "2026-06-01"),
    ("The newly elected Chancellor Olaf Scholz says the coalition is stable.", "2022-02-14"),
    ("Former Vice President Joe Biden says the talks will resume.", "2022-03-01"),
    ("Prime Minister Maria Velasquez says the talks will resume.", "2024-09-14"),
]


@pytest.mark.parametrize(("text", "published", "phrase", "severity"), POSITIVE)
def test_flags_a_false_role(context: Context, text: str, published: str, phrase: str, severity: str) -> None:
    got = flags(context, text, published)
    assert [(text[f.start:f.end], f.severity) for f in got] == [(phrase, severity)]


@pytest.mark.parametrize(("text", "published"), NEGATIVE)
def test_leaves_true_historical_and_unknown_roles(context: Context, text: str, published: str) -> None:
    assert flags(context, text, published) == []


def test_evidence_names_the_holder_the_date_and_the_data(context: Context) -> None:
    (f,) = flags(context, "The Trump administration has urged both sides to resume talks.", "2024-09-14")
    ev = f.evidence
    assert isinstance(ev, dict)
    assert ev["held_by"][0]["name"].startswith("Joseph R. Biden")
    assert ev["held_by"][0]["since"] == "2021-01-20" and ev["held_by"][0]["country"] == "USA"
    assert ev["source"] == "CIA World Factbook via newsdesk.kb" and ev["certainty"] == "firm"
    assert "Biden" in f.message and "2024-09-14" in f.message


def test_needs_the_entities_stage_and_a_date(context: Context) -> None:
    text = "Former Prime Minister Narendra Modi says the talks will resume."
    art = analyze_text(text, stages=["structure", "checks"], published="2024-09-14", context=context)
    assert [f for f in art.flags if f.kind == "anachronism"] == []
    assert flags(context, text, None) == []


def test_specimen(context: Context, shared: Path) -> None:
    path = shared / "eval" / "specimens" / "content-farm-1.txt"
    if not path.is_file():
        pytest.skip(f"specimen not found at {path}")
    text = path.read_text(encoding="utf-8")
    art = analyse(context, text, "2024-09-14")
    got = {text[f.start:f.end]: f.severity for f in art.flags if f.kind == "anachronism"}
    assert got == {"former Prime Minister Narendra Modi": "high", "The Imran Khan government": "high",
                   "The Trump administration": "high"}
    contra = [f for f in art.flags if f.kind == "contradiction"]
    assert any(text[f.start:f.end].startswith("his recent visit to Islamabad") for f in contra)
    visit = next(f for f in contra if text[f.start:f.end].startswith("his recent visit"))
    assert isinstance(visit.evidence, dict) and "will travel to pakistan" in visit.evidence["first"]["text"]


def test_regression_dateline_before_the_title() -> None:
    """A wire dateline ("PYONGYANG - President X ...") once hid the title from the check: the
    parser split the block's first word into a sentence of its own."""
    import newsdesk

    text = ("PYONGYANG - President Moon Jae-in is in Pyongyang for three days of talks.\n"
            "President Moon Jae-in says he hopes the visit will help.")
    art = newsdesk.analyze_text(text, published="2022-08-16",
                                stages=["structure", "entities", "time", "checks"])
    flagged = [text[f.start : f.end] for f in art.flags if f.kind == "anachronism"]
    assert flagged == ["President Moon Jae-in", "President Moon Jae-in"]
