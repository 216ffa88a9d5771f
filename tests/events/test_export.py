"""Exports: GDELT 2.0 TSV read back against the column list, PLOVER JSON, JSONL, the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from newsdesk.cli import main
from newsdesk.events.export import export
from newsdesk.events.lexicon import gdelt_columns
from newsdesk.model import Actor, Article, Block, Event, Origin


def _article() -> Article:
    text = "France invited Russia to talks. Israel turned down the proposal."
    art = Article(id="a1", text=text, origin=Origin("<test>", "text"), url="https://example.org/a1",
                  published="2024-09-14")
    art.blocks = [Block("paragraph", 0, len(text))]
    art.events = [
        Event(code="036", source=Actor("France", 0, 6, "France", "FRA"), target=Actor("Russia", 15, 21, code="RUSGOV"),
              modality="asserted", start=0, end=31, plover="AGREE", quad_class=1, goldstein=4.0,
              date="2024-09-12", location="Paris", trigger="invited", confidence=0.8),
        Event(code="0874", source=Actor("Israel", 32, 38, code="ISRMIL"), target=None, modality="negated",
              start=32, end=64, plover="RETREAT", quad_class=2, goldstein=None, date=None),
    ]
    return art


def test_gdelt_rows_read_back_against_the_columns(shared: Path) -> None:
    cols = gdelt_columns()
    shipped = [c.strip() for c in (shared / "data/gdelt/gdelt2_export_columns.txt").read_text().splitlines() if c]
    assert list(cols) == shipped and len(cols) == 61
    buf = io.StringIO()
    assert export([_article()], "gdelt", buf, added="20240914120000") == 2
    rows = list(csv.reader(io.StringIO(buf.getvalue()), delimiter="\t"))
    assert all(len(r) == 61 for r in rows)
    first = dict(zip(cols, rows[0], strict=True))
    assert first["EventCode"] == "036" and first["EventBaseCode"] == "036" and first["EventRootCode"] == "03"
    assert first["SQLDATE"] == "20240912" and first["MonthYear"] == "202409" and first["Year"] == "2024"
    assert first["Actor1Code"] == "FRA" and first["Actor1CountryCode"] == "FRA"
    assert first["Actor2Code"] == "RUSGOV" and first["Actor2CountryCode"] == "RUS" and first["Actor2Type1Code"] == "GOV"
    assert first["QuadClass"] == "1" and first["GoldsteinScale"] == "4.0" and first["IsRootEvent"] == "1"
    assert first["ActionGeo_FullName"] == "Paris" and first["SOURCEURL"] == "https://example.org/a1"
    assert first["DATEADDED"] == "20240914120000" and first["AvgTone"] == ""
    second = dict(zip(cols, rows[1], strict=True))
    assert second["EventCode"] == "0874" and second["EventRootCode"] == "08"
    assert second["SQLDATE"] == "20240914"  # no event date: the publication date
    assert second["Actor2Code"] == "" and second["Actor1Type1Code"] == "MIL"
    # the real sample rows have the same width
    sample = next((shared / "data/gdelt").glob("gdelt2_export_sample*.tsv"))
    assert all(len(line.split("\t")) == 61 for line in sample.read_text().splitlines() if line)


def test_plover_and_jsonl() -> None:
    buf = io.StringIO()
    export([_article()], "plover", buf)
    recs = json.loads(buf.getvalue())
    assert recs[0]["event"] == "AGREE" and recs[0]["cameo"] == "036" and recs[0]["actor"][0]["code"] == "FRA"
    assert recs[0]["context"] and recs[0]["text"].startswith("France invited")
    assert recs[1]["aux_mode"] == "negation" and recs[1]["recipient"] == []
    buf = io.StringIO()
    export([_article()], "jsonl", buf)
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert [x["code"] for x in lines] == ["036", "0874"] and lines[0]["article_id"] == "a1"


def test_export_command(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Israel turned down the Egyptian proposal on Monday.\n", encoding="utf-8")
    out = tmp_path / "events.tsv"
    res = CliRunner().invoke(main, ["export", "events", str(src), "--format", "gdelt", "--out", str(out)])
    assert res.exit_code == 0, res.output
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and all(len(r) == 61 for r in rows)
    assert rows[0][26].startswith("12") and rows[0][5] == "ISR"
