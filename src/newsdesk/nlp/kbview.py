"""What the entities stage needs from a knowledge base: a small, typed view.

The stage does not depend on the layout of :mod:`newsdesk.kb`; it reads the knowledge base
through :class:`EntityKB`, a :class:`~typing.Protocol` with four questions:

- ``countries()``: every country with its names, demonyms and capitals (for the gazetteer
  and for resolving "UK", "British", "London" to one entity);
- ``persons()``: names of the people the KB knows (office holders), for the gazetteer;
- ``organisations()``: organisations with CAMEO actor codes (IGOs such as the UN);
- ``tenures_of(name)``: the offices a person held, with dates, for roles on a given day.

:func:`newsdesk.nlp.kbadapter.load_kb` adapts the real knowledge base to this view; tests pass
a fake. :data:`EMPTY_KB` is the view with nothing in it (no linking, no gazetteer).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True, slots=True)
class CountryInfo:
    kb_id: str
    name: str
    iso3: str
    cameo: str
    #: other names and abbreviations ("UK", "Britain", "U.K.")
    aliases: tuple[str, ...] = ()
    #: adjectives and demonyms ("British", "Briton")
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    #: a dependent territory (Guam, French Polynesia): its head of state is another country's
    dependency: bool = False


@dataclass(frozen=True, slots=True)
class PersonInfo:
    kb_id: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OrgInfo:
    kb_id: str
    name: str
    actor_code: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Tenure:
    """One office held by one person."""

    person: str
    person_kb_id: str
    role: str  # head_of_state, head_of_government, foreign_minister, ...
    title: str  # "Prime Minister"
    country: str  # ISO3
    start: str | None  # ISO date
    end: str | None  # ISO date, None while in office
    certainty: str = "firm"
    source: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def held_on(self, day: str) -> bool:
        """True when the office was held on ``day`` (ISO date; the end day counts as out of office)."""
        if self.start is not None and day < self.start:
            return False
        return self.end is None or day < self.end


class EntityKB(Protocol):
    def countries(self) -> Sequence[CountryInfo]: ...

    def persons(self) -> Sequence[PersonInfo]: ...

    def organisations(self) -> Sequence[OrgInfo]: ...

    def tenures_of(self, name: str) -> Sequence[Tenure]: ...


@dataclass
class StaticKB:
    """An :class:`EntityKB` held in memory (used for tests and as the empty KB)."""

    country_list: list[CountryInfo] = field(default_factory=list)
    person_list: list[PersonInfo] = field(default_factory=list)
    org_list: list[OrgInfo] = field(default_factory=list)
    tenure_list: list[Tenure] = field(default_factory=list)

    def countries(self) -> Sequence[CountryInfo]:
        return self.country_list

    def persons(self) -> Sequence[PersonInfo]:
        return self.person_list

    def organisations(self) -> Sequence[OrgInfo]:
        return self.org_list

    def tenures_of(self, name: str) -> Sequence[Tenure]:
        key = " ".join(name.split()).casefold()
        ids = {p.kb_id for p in self.person_list
               if key == p.name.casefold() or key in (a.casefold() for a in p.aliases)
               or (" " not in key and key in (p.name.casefold().split()[-1:] or [""]))}  # a lone surname
        return [t for t in self.tenure_list if t.person_kb_id in ids or t.person.casefold() == key]


EMPTY_KB = StaticKB()
