"""A small fake knowledge base for the event tests (the coder asks two questions)."""

from __future__ import annotations

CODES = {
    "israel": "ISR", "israeli": "ISR", "egypt": "EGY", "egyptian": "EGY", "france": "FRA", "french": "FRA",
    "russia": "RUS", "russian": "RUS", "ukraine": "UKR", "ukrainian": "UKR", "hungarian": "HUN",
    "romanian": "ROU", "jordan": "JOR", "britain": "GBR", "germany": "DEU", "india": "IND", "indian": "IND",
    "pakistan": "PAK", "united nations": "IGOUNO", "the united nations": "IGOUNO",
}
AGENTS = {"officials": "GOV", "official": "GOV", "minister": "GOV", "ministers": "GOV", "troops": "MIL",
          "police": "COP", "ambassador": "GOV", "government": "GOV"}


class FakeKB:
    """The two questions the coder asks the knowledge base, answered from two small tables."""

    def actor_code_for(self, phrase: str, on: str | None = None) -> str | None:
        return CODES.get(" ".join(phrase.lower().split()))

    def agent_suffix(self, noun: str) -> str | None:
        return AGENTS.get(noun.lower())
