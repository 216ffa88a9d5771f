"""Word lists of the entities stage, read once from ``newsdesk/data/entities_lexicon.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Lexicon:
    determiners: frozenset[str]
    titles: frozenset[str]
    org_suffixes: frozenset[str]
    office_words: dict[str, tuple[str, ...]]
    common_words: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = json.loads(resources.files("newsdesk").joinpath("data/entities_lexicon.json").read_text("utf-8"))
    return Lexicon(
        determiners=frozenset(raw["determiners"]),
        titles=frozenset(raw["titles"]),
        org_suffixes=frozenset(raw["org_suffixes"]),
        office_words={k: tuple(v) for k, v in raw["office_words"].items()},
        common_words=frozenset(raw["common_words"]),
    )
