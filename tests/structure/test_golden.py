"""Golden cases: hand-checked expected structure of fabricated scraped pages (tests/golden/structure)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from newsdesk.model import BOILERPLATE_KINDS


def _cases_module() -> ModuleType:
    path = Path(__file__).resolve().parent.parent / "golden" / "structure_cases.py"
    spec = importlib.util.spec_from_file_location("structure_cases", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


cases = _cases_module()
INPUTS = cases.inputs()


def test_there_are_enough_golden_cases() -> None:
    assert len(INPUTS) >= 6
    assert all(cases.expected_path(p).exists() for p in INPUTS), "every case needs NAME.expected.json"


@pytest.mark.parametrize("src", INPUTS, ids=[p.stem for p in INPUTS])
def test_golden(src: Path) -> None:
    art = cases.analyse_file(src)
    assert art.text == cases.read_exact(src)
    got: dict[str, Any] = cases.summarise(art)
    want: dict[str, Any] = json.loads(cases.expected_path(src).read_text("utf-8"))
    for key in ("title", "published", "author", "tables", "faq", "keywords"):
        assert got[key] == want[key], key
    assert [(b["kind"], b["text"]) for b in got["blocks"]] == [(b["kind"], b["text"]) for b in want["blocks"]]
    assert got["blocks"] == want["blocks"]


@pytest.mark.parametrize("src", INPUTS, ids=[p.stem for p in INPUTS])
def test_golden_spans_are_clean(src: Path) -> None:
    art = cases.analyse_file(src)
    last = 0
    for b in art.blocks:
        piece = art.text[b.start:b.end]
        assert piece and piece == piece.strip(), "block spans exclude surrounding whitespace"
        assert b.start >= last
        last = b.end
        assert b.boilerplate or b.kind not in BOILERPLATE_KINDS


def test_crlf_case_keeps_carriage_returns() -> None:
    src = next(p for p in INPUTS if "crlf" in p.stem)
    art = cases.analyse_file(src)
    assert "\r\n" in art.text
    assert all("\r" not in art.text[b.start:b.end] for b in art.blocks)
