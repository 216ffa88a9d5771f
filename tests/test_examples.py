"""The demo corpus in examples/ reads cleanly, and its answer key examples/FLAWS.md matches it.

- every example file analyses without error (structure stage only: cheap, one test per file);
- the default pipeline over the whole folder (module-scoped, so spaCy loads once): no
  failures, the flaws FLAWS.md marks as caught are still raised on their articles, and the
  clean summit copy carries no medium or high flags;
- FLAWS.md: every listed file exists, every listed text occurs verbatim in its file or JSONL
  record, every flag kind is one of the contract's;
- the illustrative notes the README promises are there (JSONL `note`, HTML comment);
- same-event versions from different outlets share a story (`newsdesk stories`, structure only).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import newsdesk
from newsdesk.model import Article, Failure

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FLAWS = EXAMPLES / "FLAWS.md"
SUFFIXES = {".html", ".htm", ".txt", ".md", ".jsonl"}
#: the corpus's own notes (README.md, FLAWS.md) are listed in examples/.newsdeskignore: not articles
NOT_ARTICLES = {"README.md", "FLAWS.md"}
FILES = sorted(p for p in EXAMPLES.rglob("*")
               if p.is_file() and p.suffix in SUFFIXES and p.name not in NOT_ARTICLES)

# The contract's closed vocabulary of flag kinds (../shared/contract/README.md, "Flags").
FLAG_KINDS = {"anachronism", "contradiction", "stitched", "duplicate_passage", "spun_phrase", "typo",
              "casing", "spacing", "keyword_stuffing", "boilerplate", "markup_residue", "unsupported_claim"}


def _rel(path: Path) -> str:
    return path.relative_to(EXAMPLES).as_posix()


@cache
def _flaw_rows() -> tuple[tuple[str, str, str, str, str], ...]:
    """(file, record id, text, kind, caught) for each row of the answer-key table in FLAWS.md."""
    rows = []
    in_table = False
    for line in FLAWS.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            in_table = line.strip() == "## The flaws"
            continue
        if not (in_table and line.startswith("| `")):
            continue
        cells = [c.strip() for c in line.strip()[1:-1].split("|")]  # the listed texts hold no "|"
        assert len(cells) == 6, f"FLAWS.md row has {len(cells)} cells, expected 6: {line}"
        file, record, text, kind, _why, caught = cells
        rows.append((file.strip("`"), record.strip("`"), text[1:-1] if text.startswith("`") else text,
                     kind, caught))
    return tuple(rows)


def _jsonl_records(path: Path) -> dict[str, dict[str, Any]]:
    return {str(r["id"]): r for r in (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                                      if line.strip())}


def _summit_file(path: Path) -> bool:
    """The 2018-2019 summit corpus (not the older APEC and Coastal Nations examples, not the docs)."""
    return path.parent != EXAMPLES and path.name not in {"summit-watch.txt", "apec-summit-preview.html",
                                                          "briefs.jsonl"}


# -- every file reads -----------------------------------------------------------------------


def test_corpus_size() -> None:
    summit = 0
    for path in FILES:
        if _summit_file(path):
            summit += len(_jsonl_records(path)) if path.suffix == ".jsonl" else 1
    assert 30 <= summit <= 40, summit


@pytest.mark.parametrize("path", FILES, ids=_rel)
def test_file_reads_with_structure(path: Path) -> None:
    results = list(newsdesk.analyze(str(path), stages=("structure",)))
    failures = [r for r in results if isinstance(r, Failure)]
    assert not failures, failures
    if path.suffix == ".jsonl":
        assert [r.id for r in results] == list(_jsonl_records(path))
    else:
        assert len(results) == 1
    for art in results:
        assert isinstance(art, Article)
        assert art.text.strip() and art.blocks
        if _summit_file(path):
            assert art.published, f"{art.id}: no publication date"


# -- the default pipeline over the folder ---------------------------------------------------


@pytest.fixture(scope="module")
def analysed() -> dict[tuple[str, str], Article]:
    """(file relative to examples/, article id) -> the article, default pipeline, one run."""
    out: dict[tuple[str, str], Article] = {}
    failures = []
    for res in newsdesk.analyze(str(EXAMPLES)):
        if isinstance(res, Failure):
            failures.append(res)
            continue
        out[(_rel(Path(res.origin.source).resolve()), res.id)] = res
    assert not failures, failures
    return out


def test_default_pipeline_reads_every_file(analysed: dict[tuple[str, str], Article]) -> None:
    files = {f for f, _ in analysed}
    assert files == {_rel(p) for p in FILES}
    ids = [i for _, i in analysed]
    assert len(ids) == len(set(ids))


def _article(analysed: dict[tuple[str, str], Article], file: str, record: str) -> Article:
    if record:
        return analysed[(file, record)]
    (art,) = [a for (f, _), a in analysed.items() if f == file]
    return art


def test_flaws_marked_caught_are_flagged(analysed: dict[tuple[str, str], Article]) -> None:
    expected: dict[tuple[str, str], set[str]] = {}
    for file, record, _text, kind, caught in _flaw_rows():
        if caught.startswith("yes"):
            expected.setdefault((file, record), set()).add(kind)
    missing = {}
    for (file, record), kinds in expected.items():
        got = {f.kind for f in _article(analysed, file, record).flags}
        if kinds - got:
            missing[f"{file} {record}".strip()] = sorted(kinds - got)
    assert not missing, f"flags FLAWS.md marks as caught are no longer raised: {missing}"


def test_clean_summit_copy_has_no_firm_flags(analysed: dict[tuple[str, str], Article]) -> None:
    flawed = {(file, record) for file, record, *_ in _flaw_rows()}
    flawed_files = {file for file, record in flawed if not record}
    noisy = []
    for (file, aid), art in analysed.items():
        if not _summit_file(EXAMPLES / file) or file in flawed_files or (file, aid) in flawed:
            continue
        for f in art.flags:
            if f.severity in ("high", "medium"):
                noisy.append((aid, f.kind, f.severity, art.text[f.start:f.end]))
    assert not noisy, noisy


# -- the answer key ---------------------------------------------------------------------------


def test_flaws_answer_key_matches_files() -> None:
    rows = _flaw_rows()
    assert len(rows) >= 15
    flawed = {(file, record) for file, record, *_ in rows}
    assert len(flawed) >= 4
    for file, record, text, kind, caught in rows:
        path = EXAMPLES / file
        assert path.is_file(), f"FLAWS.md lists a missing file: {file}"
        assert kind in FLAG_KINDS, f"{file}: {kind!r} is not a contract flag kind"
        assert re.match(r"(\*\*)?(yes|no)\b", caught), f"{file}: caught column {caught!r}"
        assert text, f"{file}: empty text"
        if path.suffix == ".jsonl":
            records = _jsonl_records(path)
            assert record in records, f"{file}: no record {record!r}"
            body = records[record].get("text") or records[record].get("html") or ""
        else:
            assert not record, f"{file}: a record id for a single-article file"
            body = path.read_text(encoding="utf-8")
        assert text in body, f"{file} {record}: {text!r} does not occur"


def test_illustrative_notes_present() -> None:
    for path in FILES:
        if path.suffix == ".jsonl":
            for rid, rec in _jsonl_records(path).items():
                assert "illustrative" in rec.get("note", "").lower(), f"{_rel(path)} {rid}: no note"
        elif path.suffix == ".html":
            head = path.read_text(encoding="utf-8")[:600]
            assert re.search(r"<!--[^>]*[Ii]llustrative", head), f"{_rel(path)}: no illustrative comment"


# -- same stories -----------------------------------------------------------------------------

SAME_EVENT = [
    ["ew-2018-04-27-panmunjom", "html/2018-04-28-harbor-panmunjom-declaration.html",
     "scraped/2018-04-28-seoul-notes-border-summit.txt"],
    ["ew-2018-06-12-singapore", "html/2018-06-13-meridian-singapore-statement.html"],
    ["ew-2019-02-28-hanoi", "ns-2019-03-01-ri-yong-ho", "html/2019-03-01-meridian-why-hanoi-failed.html"],
    ["ns-2019-06-30-dmz", "html/2019-07-01-harbor-dmz-meeting.html"],
    ["ew-2019-10-06-stockholm", "ns-2019-10-06-stockholm"],
]


def test_same_event_versions_share_a_story() -> None:
    stories = getattr(newsdesk.api, "stories", None)
    if stories is None:
        pytest.skip("newsdesk.api.stories not available")
    labels = {}
    for res in stories([str(EXAMPLES)]):
        assert not isinstance(res, Failure), res
        key = res.id
        if Path(key).suffix in SUFFIXES:
            key = _rel(Path(key).resolve())
        labels[key] = res.story
    for group in SAME_EVENT:
        got = {labels[m] for m in group}
        assert len(got) == 1, f"{group} split into {got}"
    # different events stay apart
    assert labels["ew-2018-04-27-panmunjom"] != labels["ns-2019-06-30-dmz"]
    assert labels["ew-2018-06-12-singapore"] != labels["ew-2019-02-28-hanoi"]
