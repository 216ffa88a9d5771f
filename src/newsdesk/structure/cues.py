"""Cue phrases of the structure stage, loaded once from ``newsdesk/data/structure_cues.json``.

The phrase lists are data (call-out labels, FAQ and keyword headings, TOC labels, date and
byline labels, HTML tag names); this module only compiles them into matchers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

#: a delimiter after a label: "Note:", "Did you know?", "Related -", "Tip |"
_SEP = r"(?P<sep>[\s*_]*(?:[:：?!|]|[-–—](?=\s|$))?)"


def fold(s: str) -> str:
    """Lower-case, fold typographic apostrophes and collapse whitespace (for cue matching)."""
    return " ".join(s.replace("’", "'").replace("‘", "'").lower().split())


def _alternation(phrases: list[str]) -> str:
    parts = sorted({fold(p) for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts)


@dataclass(frozen=True)
class Cues:
    toc_labels: frozenset[str]
    faq_headings: tuple[str, ...]
    keyword_headings: frozenset[str]
    inline_keywords: re.Pattern[str]
    labels: re.Pattern[str]
    label_kind: dict[str, str]
    date_label: re.Pattern[str]
    updated_labels: frozenset[str]
    byline: re.Pattern[str]
    html_tags: frozenset[str]


def _label_pattern(phrases: list[str]) -> str:
    return rf"(?P<label>{_alternation(phrases)})"


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    raw = json.loads(resources.files("newsdesk").joinpath("data/structure_cues.json").read_text("utf-8"))
    kinds: dict[str, str] = {}
    for p in raw["boilerplate_labels"]:
        kinds[fold(p)] = "boilerplate"
    for p in raw["callout_labels"]:
        kinds[fold(p)] = "callout"
    label_re = re.compile(
        r"^[\s>*_#]*" + _label_pattern(list(kinds)) + r"(?!\w)" + _SEP + r"\s*(?P<rest>.*)$",
        re.IGNORECASE | re.DOTALL,
    )
    return Cues(
        toc_labels=frozenset(fold(p) for p in raw["toc_labels"]),
        faq_headings=tuple(sorted({fold(p) for p in raw["faq_headings"]}, key=len, reverse=True)),
        keyword_headings=frozenset(fold(p) for p in raw["keyword_headings"]),
        inline_keywords=re.compile(
            r"^[\s*_]*" + _label_pattern(raw["inline_keyword_labels"]) + r"[\s*_]*[:：]\s*(?P<rest>\S.*)$",
            re.IGNORECASE | re.DOTALL,
        ),
        labels=label_re,
        label_kind=kinds,
        date_label=re.compile(
            r"^[\s*_]*" + _label_pattern(raw["date_labels"]) + r"[\s*_]*(?:[:：\-–—|]\s*|\s+)(?P<rest>\S.*)$",
            re.IGNORECASE | re.DOTALL,
        ),
        updated_labels=frozenset(fold(p) for p in raw["updated_labels"]),
        byline=re.compile(
            r"^[\s*_]*" + _label_pattern(raw["byline_labels"]) + r"[\s*_]*(?:[:：]\s*|\s+)(?P<rest>\S.*)$",
            re.IGNORECASE | re.DOTALL,
        ),
        html_tags=frozenset(t.lower() for t in raw["html_tags"]),
    )
