"""Linking grouped entities to the knowledge base.

- a country entity gets the KB id, ``country`` = its ISO3 code and ``actor_code`` = its CAMEO
  country code; a capital used as a place gets its country's ISO3 code (``country``) only;
- a person is looked up by each of the entity's full-name forms with
  ``kb.tenures_of(name)``; ``roles`` are the offices held on the article's publication date
  (none when the date is unknown); ``country`` is the country of an office held on that date,
  else of the person's latest office; ``actor_code`` is ``XXXGOV`` while the person holds a
  government office of XXX on that date, else the CAMEO country code when a date is known;
- an organisation found in the KB gets its id, country and actor code (``IGOUNO`` ...).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .kbview import CountryInfo, EntityKB, Tenure

#: roles that make a person an actor of the government (CAMEO ``GOV``)
GOVERNMENT_ROLES = frozenset({"head_of_state", "head_of_government", "foreign_minister", "minister",
                              "defence_minister", "defense_minister", "finance_minister", "vice_president",
                              "deputy_prime_minister"})


@dataclass(slots=True)
class Link:
    kb_id: str | None = None
    name: str | None = None
    country: str | None = None
    actor_code: str | None = None
    roles: list[dict[str, Any]] | None = None


class Linker:
    def __init__(self, kb: EntityKB) -> None:
        self.kb = kb
        self.countries: dict[str, CountryInfo] = {c.kb_id: c for c in kb.countries()}
        self.iso3: dict[str, CountryInfo] = {c.iso3: c for c in kb.countries()}
        self.orgs = {o.kb_id: o for o in kb.organisations()}
        self.org_names = {n.casefold(): o for o in kb.organisations() for n in (o.name, *o.aliases)}
        self.person_ids = {p.kb_id: p for p in kb.persons()}
        self._tenures: dict[str, list[Tenure]] = {}

    def tenures(self, name: str) -> list[Tenure]:
        key = name.casefold()
        if key not in self._tenures:
            self._tenures[key] = list(self.kb.tenures_of(name))
        return self._tenures[key]

    def country(self, ref: str) -> Link:
        c = self.countries.get(ref)
        if c is None:
            return Link()
        return Link(kb_id=c.kb_id, name=c.name, country=c.iso3, actor_code=c.cameo)

    def place_in(self, ref: str) -> Link:
        c = self.countries.get(ref)
        return Link(country=c.iso3) if c else Link()

    def organisation(self, ref: str | None, names: list[str]) -> Link:
        org = self.orgs.get(ref) if ref else None
        if org is None:
            org = next((self.org_names[n.casefold()] for n in names if n.casefold() in self.org_names), None)
        if org is None:
            return Link()
        return Link(kb_id=org.kb_id, name=org.name, country=org.country, actor_code=org.actor_code)

    def person(self, ref: str | None, names: list[str], day: str | None) -> Link:
        tenures: list[Tenure] = []
        seen_names = []
        if ref and ref in self.person_ids:
            seen_names.append(self.person_ids[ref].name)
        seen_names += [n for n in names if len(n.split()) >= 2]
        for n in seen_names:
            tenures = self.tenures(n)
            if tenures:
                break
        if not tenures:
            return Link(kb_id=ref, name=self.person_ids[ref].name if ref in self.person_ids else None)
        kb_id = ref or tenures[0].person_kb_id
        name = self.person_ids[kb_id].name if kb_id in self.person_ids else tenures[0].person
        latest = max(tenures, key=lambda t: t.start or "")
        if day is None:
            return Link(kb_id=kb_id, name=name, country=latest.country, roles=[])
        held = [t for t in tenures if t.held_on(day)]
        roles = [role_dict(t) for t in sorted(held, key=lambda t: (t.start or "", t.role))]
        country = held[0].country if held else latest.country
        gov = next((t for t in held if t.role in GOVERNMENT_ROLES), None)
        info = self.iso3.get(gov.country if gov else country)
        cameo = info.cameo if info else (gov.country if gov else country)
        actor = f"{cameo}GOV" if gov else cameo
        return Link(kb_id=kb_id, name=name, country=country, actor_code=actor, roles=roles)


def role_dict(t: Tenure) -> dict[str, Any]:
    return {"role": t.role, "title": t.title, "country": t.country, "start": t.start, "end": t.end,
            "certainty": t.certainty, "source": t.source}


def article_day(published: str | None) -> str | None:
    """The ISO date (``YYYY-MM-DD``) of a publication date or datetime; None when not a full date."""
    if not published or len(published) < 10 or published[4] != "-" or published[7] != "-":
        return None
    return published[:10]
