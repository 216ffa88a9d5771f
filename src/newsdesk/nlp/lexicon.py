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
    #: office noun ("prime minister", "leader") -> KB roles it can name
    office_words: dict[str, tuple[str, ...]]
    common_words: frozenset[str]
    #: office noun -> word that must appear in the KB title of the office ("chancellor")
    office_titles: dict[str, str]
    #: a capital that is the subject of one of these verbs speaks for its government
    voice_verbs: frozenset[str]
    #: ... or the possessor of one of these nouns ("Beijing's stance")
    voice_nouns: frozenset[str]
    #: words after a leader's name that make it stand for a government ("the Trump administration")
    administration_words: frozenset[str]
    #: table column headers whose cells are places / people
    location_headers: frozenset[str]
    person_headers: frozenset[str]
    #: a lone surname resolves to the one KB office holder active within this many years of the date
    surname_window_years: int
    #: words before an office noun that stop it naming the current holder ("former", "a")
    nominal_blockers: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = json.loads(resources.files("newsdesk").joinpath("data/entities_lexicon.json").read_text("utf-8"))
    return Lexicon(
        determiners=frozenset(raw["determiners"]),
        titles=frozenset(raw["titles"]),
        org_suffixes=frozenset(raw["org_suffixes"]),
        office_words={k: tuple(v) for k, v in raw["office_words"].items()},
        common_words=frozenset(raw["common_words"]),
        office_titles=dict(raw.get("office_titles", {})),
        voice_verbs=frozenset(raw.get("voice_verbs", ())),
        voice_nouns=frozenset(raw.get("voice_nouns", ())),
        administration_words=frozenset(raw.get("administration_words", ())),
        location_headers=frozenset(raw.get("location_headers", ())),
        person_headers=frozenset(raw.get("person_headers", ())),
        surname_window_years=int(raw.get("surname_window_years", 8)),
        nominal_blockers=frozenset(raw.get("nominal_blockers", ())),
    )
