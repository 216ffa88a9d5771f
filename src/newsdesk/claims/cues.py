"""Cue words, quotation marks and limits of the claims stage, read from ``data/claims_cues.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class QuotePair:
    open: str
    close: str
    level: int


@dataclass(frozen=True, slots=True)
class Cues:
    speech_verbs: frozenset[str]
    require_particle: dict[str, str]
    quote_only_verbs: frozenset[str]
    blocking_heads: frozenset[str]
    question_words: frozenset[str]
    non_speaker_entity_types: frozenset[str]
    non_speaker_lemmas: frozenset[str]
    audience_objects: frozenset[str]
    according_to: tuple[tuple[str, ...], ...]
    pronouns: dict[str, frozenset[str]]
    speaker_entity_types: frozenset[str]
    expletive_subjects: frozenset[str]
    quote_pairs: tuple[QuotePair, ...]
    scare_max_words: int
    unattributed_min_words: int
    single_quote_max_chars: int
    max_quote_chars: int
    max_quote_paragraphs: int
    pronoun_window_chars: int

    @property
    def quote_chars(self) -> frozenset[str]:
        return frozenset(c for p in self.quote_pairs for c in (p.open, p.close))


def cues_from_dict(raw: dict[str, Any]) -> Cues:
    return Cues(
        speech_verbs=frozenset(raw["speech_verbs"]),
        require_particle=dict(raw.get("require_particle", {})),
        quote_only_verbs=frozenset(raw.get("quote_only_verbs", ())),
        blocking_heads=frozenset(raw.get("blocking_heads", ())),
        question_words=frozenset(raw.get("question_words", ())),
        non_speaker_entity_types=frozenset(raw.get("non_speaker_entity_types", ())),
        non_speaker_lemmas=frozenset(raw.get("non_speaker_lemmas", ())),
        audience_objects=frozenset(raw.get("audience_objects", ())),
        according_to=tuple(tuple(x) for x in raw.get("according_to", ())),
        pronouns={k: frozenset(v) for k, v in raw.get("pronouns", {}).items()},
        speaker_entity_types=frozenset(raw.get("speaker_entity_types", ())),
        expletive_subjects=frozenset(raw.get("expletive_subjects", ())),
        quote_pairs=tuple(QuotePair(p["open"], p["close"], int(p["level"])) for p in raw["quote_pairs"]),
        scare_max_words=int(raw.get("scare_max_words", 4)),
        unattributed_min_words=int(raw.get("unattributed_min_words", 6)),
        single_quote_max_chars=int(raw.get("single_quote_max_chars", 400)),
        max_quote_chars=int(raw.get("max_quote_chars", 3000)),
        max_quote_paragraphs=int(raw.get("max_quote_paragraphs", 6)),
        pronoun_window_chars=int(raw.get("pronoun_window_chars", 600)),
    )


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    """The packaged cue data (read once per process)."""
    text = resources.files("newsdesk").joinpath("data/claims_cues.json").read_text(encoding="utf-8")
    raw: dict[str, Any] = json.loads(text)
    return cues_from_dict(raw)
