"""The knowledge base's value types: plain frozen dataclasses (cheap to copy, safe to share)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

#: certainty of an answer, strongest first
CERTAINTIES = ("firm", "low", "uncertain", "unknown")
ROLES = ("head_of_state", "head_of_government", "ambassador_to_us", "us_ambassador_to")


@dataclass(frozen=True, slots=True)
class Tenure:
    """One person in one office over one span of time.

    ``end`` is set only when it is known (``end_kind`` ``"firm"``); spans still listed at the last
    snapshot are ``"open"``; ``"gap"`` and ``"unattested"`` spans carry an explicit uncertain
    interval ``[uncertain_from, uncertain_to)`` instead of a guessed end. ``certainty`` is the
    tenure's own certainty, or, on a tenure returned by a dated query, the certainty on that date.
    """

    name: str
    role: str
    start: date
    variants: tuple[str, ...] = ()
    title: str = ""
    country: str | None = None  # ISO 3166 alpha-3
    country_name: str | None = None
    gec: str | None = None
    principal: bool = True
    start_precision: str = "day"
    end: date | None = None
    end_kind: str = "firm"  # firm | open | gap | unattested
    uncertain_from: date | None = None
    uncertain_to: date | None = None
    end_upper_bound: date | None = None
    last_seen: date | None = None
    date_basis: str = "since"  # since | credentials (ambassadors)
    certainty: str = "firm"
    source: str = ""
    source_text: str = ""
    source_rows: tuple[int, ...] = ()

    @property
    def end_certain(self) -> bool:
        """True when the end (or that there is none yet, as of the coverage end) is known."""
        return self.end_kind in ("firm", "open")

    @property
    def uncertain(self) -> bool:
        return self.uncertain_from is not None


@dataclass(frozen=True, slots=True)
class RoleStatus:
    """Whether a person held an office on a date, and how sure the knowledge base is."""

    person: str
    on: date
    status: str  # in_office | not_in_office | unknown
    certainty: str  # firm | low | uncertain | unknown
    tenure: Tenure | None = None
    held_by: tuple[Tenure, ...] = ()
    reason: str = ""

    @property
    def since(self) -> date | None:
        if self.tenure is not None:
            return self.tenure.start
        return self.held_by[0].start if self.held_by else None


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    iso2: str | None = None
    alt_names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    cameo: str | None = None
    gec: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Organisation:
    key: str
    name: str
    aliases: tuple[str, ...] = ()
    cameo: str | None = None
