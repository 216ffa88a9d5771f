"""Question-shaped helpers behind ``newsdesk kb ...``: each returns plain data (dicts) to print.

- :func:`who` answers "Prime Minister of Japan" (``<title> of <country>``, or ``Japanese prime
  minister``) on a date;
- :func:`person` lists a person's tenures;
- :func:`country` gives a country's codes, demonyms, capital and current holders.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ._text import fold
from .base import KnowledgeBase, load
from .types import Tenure


class QueryError(ValueError):
    """The question could not be read (unknown role or country)."""


def tenure_dict(t: Tenure) -> dict[str, Any]:
    return {
        "name": t.name,
        "variants": list(t.variants),
        "role": t.role,
        "title": t.title,
        "country": t.country,
        "country_name": t.country_name,
        "principal": t.principal,
        "start": t.start.isoformat(),
        "end": t.end.isoformat() if t.end else None,
        "end_kind": t.end_kind,
        "uncertain_from": t.uncertain_from.isoformat() if t.uncertain_from else None,
        "uncertain_to": t.uncertain_to.isoformat() if t.uncertain_to else None,
        "date_basis": t.date_basis,
        "certainty": t.certainty,
        "source": t.source,
        "source_text": t.source_text,
    }


def parse_office(question: str, kb: KnowledgeBase) -> tuple[str, str, str | None]:
    """``"Prime Minister of Japan"`` -> ``("JPN", "head_of_government", "prime minister")``."""
    roles: dict[str, str] = kb.role_words["roles"]
    text = f" {fold(question)} "
    for phrase in sorted(roles, key=len, reverse=True):
        key = f" {fold(phrase)} "
        if key not in text:
            continue
        rest = text.replace(key, " ", 1)
        for conn in kb.role_words.get("connectors", []):
            rest = rest.replace(conn, " ")
        rest = " ".join(rest.split())
        rest = rest.removeprefix("the ")
        c = kb.country(rest) if rest else None
        if c is None:
            raise QueryError(f"no country found in {question!r}")
        hint = kb.role_words.get("title_hints", {}).get(phrase)
        return c.iso3, roles[phrase], hint
    raise QueryError(f"no office found in {question!r} (try e.g. 'Prime Minister of Japan', 'head of state of Peru')")


def who(question: str, on: date | None = None, kb: KnowledgeBase | None = None,
        include_deputies: bool = False) -> dict[str, Any]:
    kb = kb or load()
    day = on or date.today()
    iso3, role, hint = parse_office(question, kb)
    holders = kb.holders(iso3, role, day, principal_only=not include_deputies)
    if hint:
        # "President of South Korea": the Factbook's head-of-state list also names prime ministers
        titled = [h for h in holders if hint in fold(h.title)]
        holders = titled or holders
    country = kb.countries.by_iso3.get(iso3)
    return {
        "question": question,
        "on": day.isoformat(),
        "country": iso3,
        "country_name": country.name if country else iso3,
        "role": role,
        "coverage_end": kb.coverage_end.isoformat(),
        "after_coverage": day > kb.coverage_end,
        "holders": [tenure_dict(h) for h in holders],
    }


def person(name: str, kb: KnowledgeBase | None = None) -> dict[str, Any]:
    kb = kb or load()
    return {"query": name, "tenures": [tenure_dict(t) for t in kb.tenures_of(name)]}


def country(text: str, on: date | None = None, kb: KnowledgeBase | None = None) -> dict[str, Any]:
    kb = kb or load()
    c = kb.country(text)
    if c is None:
        raise QueryError(f"no country found for {text!r}")
    day = on or date.today()
    roles = [r for r in ("head_of_state", "head_of_government") if r in kb.offices.offices(c.iso3)]
    return {
        "query": text,
        "iso3": c.iso3,
        "iso2": c.iso2,
        "name": c.name,
        "alt_names": list(c.alt_names),
        "demonyms": list(c.demonyms),
        "capital": c.capital,
        "cameo": c.cameo,
        "gec": list(c.gec),
        "on": day.isoformat(),
        "after_coverage": day > kb.coverage_end,
        "holders": {r: [tenure_dict(t) for t in kb.holders(c.iso3, r, day)] for r in roles},
    }
