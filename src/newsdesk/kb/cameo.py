"""CAMEO actor and agent dictionaries (converted from the Phoenix/PETRARCH dictionaries).

Actor phrases map to codes, some only between two dates (``[DEUGOV 051122-211208]``); agent
nouns map to sector codes added after a country code (``~GOV`` -> ``USAGOV``) or, for a few
organisation agents, before it (``NGO~``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ._text import fold


@dataclass(frozen=True, slots=True)
class ActorEntry:
    phrase: str
    default: str | None
    restrictions: tuple[tuple[str, date | None, date | None], ...]
    source: str

    def code_on(self, on: date | None) -> str | None:
        """The code in force on ``on`` (limits inclusive, as PETRARCH reads them), else the default.

        Without a date: the default, or the code of the most recent restriction.
        """
        if on is not None:
            for code, start, end in self.restrictions:
                if (start is None or start <= on) and (end is None or on <= end):
                    return code
            return self.default
        if self.default:
            return self.default
        if not self.restrictions:
            return None
        return max(self.restrictions, key=lambda r: (r[2] or date.max, r[1] or date.min))[0]


@dataclass(frozen=True, slots=True)
class Agent:
    noun: str
    code: str
    position: str  # "suffix" (country + code) or "prefix" (code + country)


class CameoDictionary:
    def __init__(self, data: dict[str, Any]) -> None:
        # raw rows, turned into ActorEntry objects only when looked up (keeps loading fast)
        self._actors: dict[str, list[list[Any]]] = {}
        for row in data["actors"]:
            self._actors.setdefault(fold(row[0]), []).append(row)
        self._agents: dict[str, Agent] = {fold(n): Agent(n, c, p) for n, c, p in data["agents"]}

    @staticmethod
    def _entry(row: list[Any]) -> ActorEntry:
        phrase, default, restr, source = row
        return ActorEntry(
            phrase,
            default or None,
            tuple((c, date.fromisoformat(s) if s else None, date.fromisoformat(e) if e else None)
                  for c, s, e in restr),
            source,
        )

    def __len__(self) -> int:
        return len(self._actors)

    def actor_entries(self, phrase: str) -> list[ActorEntry]:
        key = fold(phrase)
        found = self._actors.get(key)
        if found is None and key.startswith("the "):
            found = self._actors.get(key[4:])
        return [self._entry(row) for row in found or []]

    def actor_code(self, phrase: str, on: date | None = None) -> str | None:
        for entry in self.actor_entries(phrase):
            code = entry.code_on(on)
            if code:
                return code
        return None

    def agent(self, noun: str) -> Agent | None:
        key = fold(noun)
        return self._agents.get(key) or (self._agents.get(key[4:]) if key.startswith("the ") else None)

    def agent_suffix(self, noun: str) -> str | None:
        """``"minister"`` -> ``"GOV"``, ``"troops"`` -> ``"MIL"``; None for unknown or prefix agents."""
        a = self.agent(noun)
        return a.code if a is not None and a.position == "suffix" else None


def compose(country_code: str, sector: str | None) -> str:
    """``compose("USA", "GOV")`` -> ``"USAGOV"``; the sector may carry PETRARCH's ``~``."""
    if not sector:
        return country_code
    if sector.endswith("~"):
        return sector.rstrip("~") + country_code
    return country_code + sector.lstrip("~")
